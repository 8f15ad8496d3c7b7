/**
 * Golden tests: each fixture project's analysis must match its reviewed golden JSON byte for byte, and
 * analysing the same tree twice must give identical bytes (determinism).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { fixtureProjects, analyzeFixture, goldenPath, serialize } from './fixtureRuns';

describe('fixture projects match their golden analysis', () => {
  for (const p of fixtureProjects()) {
    it(p.name, () => {
      const file = goldenPath(p);
      assert.ok(fs.existsSync(file), `no golden file ${file}: run npm run fixtures:regenerate and review it`);
      const actual = serialize(analyzeFixture(p));
      const expected = fs.readFileSync(file, 'utf8');
      if (actual !== expected) {
        const a = actual.split('\n');
        const e = expected.split('\n');
        const i = a.findIndex((line, k) => line !== e[k]);
        assert.fail(`${p.name} differs from ${file} at line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}\n(run npm run fixtures:regenerate and review the diff if the change is intended)`);
      }
    });
  }
});

describe('determinism', () => {
  it('the same tree gives byte-identical JSON', () => {
    const p = fixtureProjects()[0];
    assert.strictEqual(serialize(analyzeFixture(p)), serialize(analyzeFixture(p)));
  });
});
