/**
 * Syntax trees are kept within a budget (`treeBudgetChars`) and parsed again when a dropped one is needed.
 * That must change nothing: with a budget of 0 (no tree is kept: every read of a module's syntax parses it
 * again, so nothing may rely on two reads giving the same nodes), every fixture project, a generated backend and incremental edits give
 * byte-identical analyses to the default budget — and the trees were in fact parsed again.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ts } from 'ts-morph';
import { analyzeFixture, fixtureProjects, serialize } from '../fixtureRuns';
import { AnalysisSession } from '../../server/src/engine/session';
import { normalizeOptions } from '../../server/src/engine/normalize';
import { AstStore } from '../../server/src/engine/bind/astStore';
import { generateBackend } from '../bench/synthetic';

describe('syntax trees within a memory budget', function () {
  this.timeout(120_000);

  for (const p of fixtureProjects()) {
    it(`${p.name}: keeping no tree gives the same analysis`, () => {
      assert.strictEqual(serialize(analyzeFixture(p, { treeBudgetChars: 0 })), serialize(analyzeFixture(p)));
    });
  }

  it('a generated backend: same analysis, with the dropped trees parsed again', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-budget-'));
    try {
      generateBackend(root, 300, 11);
      const kept = new AnalysisSession(normalizeOptions({ root, churnDays: 0 }));
      const tight = new AnalysisSession(normalizeOptions({ root, churnDays: 0, treeBudgetChars: 0 }));
      assert.strictEqual(serialize(tight.analyse()), serialize(kept.analyse()));
      assert.strictEqual(kept.trees.reparsed, 0, 'the default budget keeps every tree of 300 files');
      assert.ok(tight.trees.reparsed > 300, `only ${tight.trees.reparsed} trees parsed again`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('incremental edits with no tree kept equal a full run with every tree kept', () => {
    const project = fixtureProjects()[0];
    const tight = new AnalysisSession(normalizeOptions({ root: project.dir, churnDays: 0, treeBudgetChars: 0 }));
    const first = serialize(tight.analyse());
    const coupled = JSON.parse(first).modules.filter((m: { rank: number | null }) => m.rank !== null).slice(0, 4);
    assert.ok(coupled.length === 4);
    for (const { path: rel } of coupled) {
      const text = `// edited\n${fs.readFileSync(path.join(project.dir, rel), 'utf8')}`;
      tight.setOverlay(rel, text);
      const incremental = tight.update([rel]);
      assert.ok(incremental, rel);
      const full = new AnalysisSession(normalizeOptions({ root: project.dir, churnDays: 0 }));
      full.setOverlay(rel, text);
      assert.strictEqual(serialize(incremental), serialize(full.analyse()), rel);
      tight.setOverlay(rel, undefined);
      assert.strictEqual(serialize(tight.update([rel])!), first, `${rel} undone`);
    }
  });

  it('a disposed session lets go of its trees and program, and a run in progress stops as a cancelled one does', async () => {
    const project = fixtureProjects()[0];
    const done = new AnalysisSession(normalizeOptions({ root: project.dir, churnDays: 0 }));
    done.analyse();
    assert.ok([...done.trees.paths()].length > 0 && done.has(done.unit([...done.trees.paths()][0])!.path));
    done.dispose();
    assert.deepStrictEqual([...done.trees.paths()], []);
    assert.strictEqual(done.unit('src/app.ts') ?? done.has('src/app.ts'), false);
    assert.strictEqual(await done.analyseAsync(), undefined);

    const running = new AnalysisSession(normalizeOptions({ root: project.dir, churnDays: 0 }));
    const pending = running.analyseAsync();
    running.dispose();
    assert.strictEqual(await pending, undefined);
    assert.strictEqual(running.update(['src/app.ts']), undefined);
  });

  describe('AstStore', () => {
    const a = 'export const a = 1;\n';
    const b = 'export const b = 2;\n';

    it('keeps the most recently used trees within the budget', () => {
      const store = new AstStore(a.length + b.length);
      store.set('a.ts', a);
      store.set('b.ts', b);
      store.set('c.ts', a);
      const ta = store.get('a.ts', a);
      store.get('b.ts', b);
      assert.strictEqual(store.reparsed, 2);
      assert.strictEqual(store.get('a.ts', a), ta, 'a is within the budget');
      store.get('c.ts', a); // drops b, the least recently used
      store.get('a.ts', a);
      assert.strictEqual(store.reparsed, 3);
      store.get('b.ts', b);
      assert.strictEqual(store.reparsed, 4);
    });

    it('keeps the last tree even past the budget, and none with a budget of 0', () => {
      const small = new AstStore(1);
      small.set('a.ts', a, ts.createSourceFile('a.ts', a, ts.ScriptTarget.Latest));
      const t = small.get('a.ts', a);
      assert.strictEqual(small.get('a.ts', a), t);
      assert.strictEqual(small.reparsed, 0);
      const none = new AstStore(0);
      none.set('a.ts', a, ts.createSourceFile('a.ts', a, ts.ScriptTarget.Latest));
      assert.notStrictEqual(none.get('a.ts', a), none.get('a.ts', a));
      assert.strictEqual(none.reparsed, 2);
    });

    it('parses an old text without letting it replace the current tree', () => {
      const store = new AstStore(1_000);
      store.set('a.ts', b);
      const current = store.get('a.ts', b);
      const old = store.get('a.ts', a);
      assert.strictEqual(old.text, a);
      assert.strictEqual(store.get('a.ts', b), current);
      assert.strictEqual(store.text('a.ts'), b);
    });
  });
});
