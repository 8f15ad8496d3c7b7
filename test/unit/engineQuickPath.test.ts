/**
 * Detection skips the walk of modules no framework value can reach (`isInert` in detect.ts). That must change
 * nothing: for every fixture project and a generated 400-file backend, the analysis with the quick path is
 * byte-identical to the one that walks every module, and the quick path did skip modules (or it is dead code).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeFixture, fixtureProjects, serialize } from '../fixtureRuns';
import { AnalysisSession } from '../../server/src/engine/session';
import { normalizeOptions } from '../../server/src/engine/normalize';
import { generateBackend } from '../bench/synthetic';

describe('detection quick path: modules no framework value reaches are not walked', () => {
  for (const p of fixtureProjects()) {
    it(`${p.name}: same analysis as walking every module`, () => {
      assert.strictEqual(serialize(analyzeFixture(p)), serialize(analyzeFixture(p, { walkEveryModule: true })));
    });
  }

  it('a generated backend: same analysis, and a good share of modules skipped', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-quick-'));
    try {
      generateBackend(root, 400, 7);
      const quick = new AnalysisSession(normalizeOptions({ root, churnDays: 0 }));
      const walked = new AnalysisSession(normalizeOptions({ root, churnDays: 0, walkEveryModule: true }));
      assert.strictEqual(serialize(quick.analyse()), serialize(walked.analyse()));
      assert.strictEqual(walked.lastRun.notWalked, 0);
      const share = quick.lastRun.notWalked / quick.lastRun.redetected;
      assert.ok(share > 0.1, `only ${quick.lastRun.notWalked} of ${quick.lastRun.redetected} modules skipped`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the example: uncoupled helpers are skipped, coupled modules are walked', () => {
    const shop = fixtureProjects()[0];
    const session = new AnalysisSession(normalizeOptions({ root: shop.dir, churnDays: 0 }));
    const result = session.analyse();
    assert.ok(session.lastRun.notWalked > 0, 'nothing skipped in the example');
    const coupled = result.modules.filter((m) => m.rank !== null).length;
    assert.ok(session.lastRun.notWalked <= result.modules.length - coupled, `${session.lastRun.notWalked} skipped but only ${result.modules.length - coupled} uncoupled`);
  });
});
