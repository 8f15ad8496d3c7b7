/**
 * The accuracy harness (test/accuracy): its label format, and its comparison of labels with an analysis —
 * here on two fixture files labelled by hand from their source, as LABELLING.md says, before looking at the
 * analysis.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSync } from '../../server/src/engine';
import { normalizeOptions } from '../../server/src/engine/normalize';
import { parseLabels, precision, recall, scoreRepo, sha256 } from '../accuracy/score';
import type { LabelSet } from '../accuracy/score';

const ROOT = path.resolve(__dirname, '..', 'fixtures', 'koa-sequelize-agenda');
const read = (rel: string): Buffer | undefined => (fs.existsSync(path.join(ROOT, rel)) ? fs.readFileSync(path.join(ROOT, rel)) : undefined);

function labels(): LabelSet {
  return {
    repo: 'strangler/koa-sequelize-agenda',
    commit: 'fixture',
    labelledBy: 'hand',
    files: [
      {
        path: 'src/routes/orders.js',
        sha256: sha256(read('src/routes/orders.js')!),
        // @koa/router: the import, the router, each route, every use of ctx in its handler and the router's
        // export; the session through ctx.session. orderService is the project's seam, not the ORM.
        lines: { orm: [], routing: [3, 7, 9, 10, 13, 14, 15, 18, 19, 20, 23], queue: [], session: [10, 15, 19] },
        notes: {},
      },
      {
        path: 'src/jobs/definitions.js',
        sha256: sha256(read('src/jobs/definitions.js')!),
        // Sequelize: the package, the models barrel, the model calls, Op, the found order's own update();
        // order.isOpen and order.user.email are data. Agenda: the shared instance, define() and job.attrs.
        lines: { orm: [3, 5, 8, 11, 16, 22], routing: [], queue: [4, 7, 8, 14, 17, 20], session: [] },
        notes: {},
      },
    ],
  };
}

describe('accuracy harness', () => {
  const result = analyzeSync(normalizeOptions({ root: ROOT, churnDays: 0 }));

  it('agrees with hand labels of two fixture files, line by line and concern by concern', () => {
    const s = scoreRepo(labels(), result, read);
    assert.deepStrictEqual(s.disagreements, []);
    assert.deepStrictEqual(s.skipped, []);
    assert.strictEqual(s.files, 2);
    assert.deepStrictEqual(s.total, { labelled: 26, reported: 26, agreed: 26 });
    assert.strictEqual(precision(s.total), 1);
    assert.strictEqual(recall(s.total), 1);
  });

  it('counts a removed label as a false positive and an added one as a miss, with what was reported', () => {
    const l = labels();
    l.files[1].lines.orm = [3, 5, 8, 16, 22, 23]; // drop :11, add :23
    const s = scoreRepo(l, result, read);
    assert.deepStrictEqual(
      s.disagreements.map((d) => `${d.kind} ${d.file}:${d.line} ${d.concern}`),
      ['false-positive src/jobs/definitions.js:11 orm', 'miss src/jobs/definitions.js:23 orm'],
    );
    assert.match(s.disagreements[0].reported!, /call order\.update/);
    assert.deepStrictEqual(s.byConcern.orm, { labelled: 6, reported: 6, agreed: 5 });
    assert.strictEqual(precision(s.byConcern.orm), 5 / 6);
  });

  it('skips a file whose text is not the labelled one, or that is missing, instead of scoring it', () => {
    const l = labels();
    l.files[0].sha256 = '0'.repeat(64);
    l.files.push({ path: 'src/gone.js', sha256: '1'.repeat(64), lines: { orm: [1], routing: [], queue: [], session: [] }, notes: {} });
    const s = scoreRepo(l, result, read);
    assert.deepStrictEqual(s.skipped.map((x) => x.path), ['src/routes/orders.js', 'src/gone.js']);
    assert.strictEqual(s.files, 1);
    assert.strictEqual(s.total.labelled, 12);
  });

  it('rejects a malformed label file, naming the field and what was expected', () => {
    const good = { repo: 'a/b', commit: 'c', labelledBy: 'hand', files: [{ path: 'x.js', sha256: 'a'.repeat(64), orm: [1, 2], routing: [], queue: [], session: [] }] };
    const bad = (patch: (o: typeof good) => void): string => {
      const o = JSON.parse(JSON.stringify(good));
      patch(o);
      try {
        parseLabels(JSON.stringify(o), 'b.json');
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    assert.strictEqual(bad(() => undefined), 'accepted');
    assert.strictEqual(bad((o) => ((o.files[0] as Record<string, unknown>).orm = [2, 1])), 'b.json: files[0].orm[1]: expected ascending line numbers without repeats');
    assert.strictEqual(bad((o) => delete (o.files[0] as Record<string, unknown>).queue), 'b.json: files[0].queue: expected an array of line numbers (empty when there is none)');
    assert.strictEqual(bad((o) => (o.files[0].sha256 = 'abc')), 'b.json: files[0].sha256: expected 64 lowercase hex digits');
    assert.strictEqual(bad((o) => (o.files[0].path = '../x.js')), 'b.json: files[0].path: expected a relative path with forward slashes');
    assert.strictEqual(bad((o) => (o.repo = 'nope')), 'b.json: repo: expected "owner/name"');
    assert.match(parseLabelsError('{'), /^b\.json: not JSON/);
  });

  it('every committed label file is well formed', () => {
    const dir = path.resolve(__dirname, '..', 'accuracy', 'labels');
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
    assert.ok(names.length >= 1, 'no label files');
    for (const n of names) {
      const set = parseLabels(fs.readFileSync(path.join(dir, n), 'utf8'), n);
      assert.strictEqual(n, `${set.repo.replace('/', '+')}.json`, `${n} is named after its repository`);
      assert.ok(set.files.length > 0, `${n} labels no file`);
    }
  });
});

function parseLabelsError(text: string): string {
  try {
    parseLabels(text, 'b.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}
