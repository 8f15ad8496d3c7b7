/**
 * The incremental session must say exactly what a fresh analysis of the same text says: for every fixture
 * project, edits to its most coupled modules, its barrels and an uncoupled module are applied as editor
 * overlays, re-analysed incrementally, and compared byte for byte with a full run over the same overlays.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AnalysisSession } from '../../server/src/engine/session';
import { normalizeOptions } from '../../server/src/engine/normalize';
import type { AnalysisResult } from '../../server/src/engine/model';
import { fixtureProjects, serialize } from '../fixtureRuns';

type Edit = { name: string; apply: (text: string) => string };

const EDITS: Edit[] = [
  { name: 'lines inserted at the top', apply: (t) => `// edited in the editor\n\n${t}` },
  { name: 'first import removed', apply: (t) => t.replace(/^.*(\bimport\b|\brequire\().*$/m, '') },
  // A barrel's `export … from` gone: where its importers' names come from changes (the binder remembers routes).
  { name: 'first re-export removed', apply: (t) => t.replace(/^export .*\bfrom\b.*$/m, '') },
  { name: 'emptied', apply: () => '' },
  { name: 'a syntax error appended', apply: (t) => `${t}\nexport const broken = (;\n` },
  // Route paths, prefixes and queue names read by other modules' detection change; the bindings do not.
  { name: 'string literals changed', apply: (t) => t.replace(/'(\/?[\w/:-]+)'/g, "'$1-v2'") },
];

function fresh(root: string, overlay: Map<string, string>): AnalysisResult {
  const session = new AnalysisSession(normalizeOptions({ root, churnDays: 0 }));
  for (const [rel, text] of overlay) session.setOverlay(rel, text);
  return session.analyse();
}

/**
 * The files worth editing: every module of a small fixture; of a bigger one the three most coupled, barrels,
 * the modules other modules read route tables, prefixes or names from, and the first uncoupled module.
 */
function targets(result: AnalysisResult): string[] {
  if (result.modules.length <= 25) return result.modules.map((m) => m.path);
  const coupled = result.modules.filter((m) => m.rank !== null).sort((a, b) => a.rank! - b.rank!).slice(0, 3);
  const barrels = result.modules.filter((m) => /(^|\/)index\.[jt]s$/.test(m.path)).slice(0, 2);
  const plain = result.modules.find((m) => m.rank === null);
  const shared = result.modules.filter((m) => /config|constant|names|routes\/|queues\/|app\.|server\./.test(m.path));
  return [...new Set([...coupled, ...barrels, ...shared, ...(plain ? [plain] : [])].map((m) => m.path))];
}

describe('incremental session', function () {
  this.timeout(120_000);
  for (const project of fixtureProjects()) {
    it(`${project.name}: every edit re-analysed incrementally equals a full run, and undoing it restores the first result`, () => {
      const session = new AnalysisSession(normalizeOptions({ root: project.dir, churnDays: 0 }));
      const first = serialize(session.analyse());
      const files = targets(JSON.parse(first));
      assert.ok(files.length > 0, 'nothing to edit');
      let compared = 0;
      for (const rel of files) {
        const original = fs.readFileSync(path.join(project.dir, rel), 'utf8');
        for (const edit of EDITS) {
          const text = edit.apply(original);
          if (text === original) continue;
          session.setOverlay(rel, text);
          const incremental = session.update([rel]);
          assert.ok(incremental, `${rel}: an edit to a known file is not structural`);
          assert.ok(session.lastRun.incremental && session.lastRun.parsed === 1, `${rel}: only the edited file is parsed`);
          assert.strictEqual(serialize(incremental), serialize(fresh(project.dir, new Map([[rel, text]]))), `${rel}, ${edit.name}`);
          session.setOverlay(rel, undefined);
          assert.strictEqual(serialize(session.update([rel])!), first, `${rel}, ${edit.name}, undone`);
          compared++;
        }
      }
      assert.ok(compared >= files.length * 2, `only ${compared} edits compared`);
    });
  }

  it('an unchanged file is not parsed again, and a new file asks for a full run', () => {
    const project = fixtureProjects()[0];
    const session = new AnalysisSession(normalizeOptions({ root: project.dir, churnDays: 0 }));
    const first = serialize(session.analyse());
    const rel = JSON.parse(first).modules[0].path as string;
    assert.strictEqual(serialize(session.update([rel])!), first);
    assert.strictEqual(session.lastRun.parsed, 0);
    assert.strictEqual(session.update(['src/not-there.ts']), undefined);
    const again = session.analyse();
    assert.strictEqual(session.lastRun.parsed, 0, 'a full run reuses the parse of unchanged files');
    assert.strictEqual(serialize(again), first);
  });
});
