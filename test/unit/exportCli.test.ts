// Tests of `strangler export` through the CLI's `main`: the drafted plan when there is no plan file, writes to
// --out, the plan file's own state, and bad usage.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledExample } from '../../server/src/cli/main';
import { setStepStatus } from '../../server/src/planfile/edit';
import { EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES } from '../exportRuns';
import { run } from './helpers/cli';

const golden = (format: keyof typeof EXPORT_GOLDEN_FILES) => fs.readFileSync(path.join(EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES[format]), 'utf8');

describe('strangler export', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-export-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('with no path and no plan file, prints the Markdown roadmap of the drafted plan and says so on stderr', async () => {
    const { code, stdout, stderr } = await run('export');
    assert.equal(code, 0, stderr);
    assert.equal(stdout, golden('markdown'));
    assert.match(stderr, /no plan at .*migration\.strangler; using the plan `strangler plan` would draft/);
  });

  it('writes --out atomically, creating its folder, and leaves no temporary file behind', async () => {
    const out = path.join(tmp, 'deploy', 'facade', 'routes.conf');
    const { code, stdout, stderr } = await run('export', bundledExample(), '--format', 'nginx', '--out', out);
    assert.equal(code, 0, stderr);
    assert.equal(stdout, '');
    assert.equal(fs.readFileSync(out, 'utf8'), golden('nginx'));
    assert.deepEqual(fs.readdirSync(path.dirname(out)), ['routes.conf']);
    assert.match(stderr, /wrote .*routes\.conf \(nginx\): 0 of 28 steps verified, 0 regressed/);
  });

  it('names the upstreams given on the command line', async () => {
    const { code, stdout } = await run('export', '--format', 'nginx', '--upstream-legacy', 'shop_v1', '--upstream-modern', 'shop-v2');
    assert.equal(code, 0);
    assert.equal(stdout, golden('nginx').replace(/http:\/\/legacy;/g, 'http://shop_v1;').replace(/upstream legacy \{/, 'upstream shop_v1 {').replace(/upstream modern \{/, 'upstream shop-v2 {'));
  });

  it('exports the state of the plan file: a done step whose check fails is regressed, and SARIF calls it an error at the check', async () => {
    const root = path.join(tmp, 'legacy-shop');
    fs.cpSync(bundledExample(), root, { recursive: true });
    assert.equal((await run('plan', root)).code, 0);
    const planFile = path.join(root, 'migration.strangler');
    fs.writeFileSync(planFile, setStepStatus(fs.readFileSync(planFile, 'utf8'), 'observe', { state: 'done', date: '2026-02-01' }).text);

    const json = await run('export', root, '--format', 'json');
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stderr, '');
    const roadmap = JSON.parse(json.stdout);
    assert.equal(roadmap.plan.file, 'migration.strangler');
    const observe = roadmap.phases[0].steps[0];
    assert.deepEqual([observe.id, observe.status, observe.date, observe.state], ['observe', 'done', '2026-02-01', 'regressed']);
    assert.equal(roadmap.summary.progress.regressed, 1);

    const sarif = JSON.parse((await run('export', root, '--format', 'sarif')).stdout);
    const results = sarif.runs[0].results.filter((result: { ruleId: string }) => result.ruleId === 'observe');
    assert.equal(results.length, 1);
    assert.equal(results[0].level, 'error');
    const location = results[0].locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, 'migration.strangler');
    const checkLine = fs.readFileSync(planFile, 'utf8').split('\n').findIndex((line) => line.includes('check dependency @opentelemetry/api present')) + 1;
    assert.equal(location.region.startLine, checkLine);

    const markdown = (await run('export', root)).stdout;
    assert.match(markdown, /- \[ \] \*\*regressed\*\* `observe` Trace and measure the legacy service before cutting \(done 2026-02-01, manual\)/);
  });

  it('refuses a malformed plan, an unknown format and an upstream name nginx would misread', async () => {
    const root = path.join(tmp, 'w');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'migration.strangler'), 'plan "x"\nphase "p"\n  step Bad! "t"\n');
    const malformed = await run('export', root);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /migration\.strangler:3:\d+: error/);

    const format = await run('export', '--format', 'pdf');
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format expects one of markdown, html, json, csv, sarif, routes-json, nginx, got 'pdf'/);

    const upstream = await run('export', '--format', 'nginx', '--upstream-modern', 'x; return 200');
    assert.equal(upstream.code, 2);
    assert.match(upstream.stderr, /'x; return 200' is not an upstream name/);
  });
});
