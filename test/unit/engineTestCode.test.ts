// Test code (test folders, *.test.*, *.spec.*): analysed and counted, but not ranked, not a dependent, not a unit of the plan.
import assert from 'node:assert/strict';
import { analyzeFixture, fixtureProjects } from '../fixtureRuns';
import type { AnalysisResult } from '../../server/src/engine/model';
import { isTestFile } from '../../server/src/engine/discover/testFiles';
import { generatePlan } from '../../server/src/engine/plan/generate';
import { readWorkspace } from '../../server/src/engine/verify/workspace';
import { planSteps } from '../../server/src/planfile/ast';
import { printPlan } from '../../server/src/planfile/print';
import { formatAnalysis } from '../../server/src/cli/format';
import { folderInventory } from '../../server/src/lsp/views';
import type { FolderAnalysis } from '../../server/src/lsp/folder';
import { analyzeFiles } from './helpers/project';

const fixture = fixtureProjects().find((p) => p.name === 'express-sequelize-typescript')!;
let withTests: AnalysisResult;
let withoutTests: AnalysisResult;

describe('test code', () => {
  before(() => {
    withTests = analyzeFixture(fixture);
    // The same project with its tests left out, as if they had never been written.
    withoutTests = analyzeFixture(fixture, { exclude: ['test/**', '**/*.spec.ts'] });
  });

  it('is recognised by folder and by name, and nothing else is', () => {
    for (const f of ['test/helper.ts', 'tests/a.js', 'src/users/__tests__/users.ts', 'spec/app.js', 'src/__mocks__/db.ts', 'packages/api/test/x.ts', 'src/users/users.service.spec.ts', 'src/a.test.mjs', 'test-utils/../test/app.e2e-spec.ts', 'src/app.e2e.ts', 'lib/x.test.jsx']) {
      assert.ok(isTestFile(f), f);
    }
    for (const f of ['src/testing.ts', 'src/tests.ts', 'src/contest/entry.ts', 'src/latest/x.ts', 'src/ab-test.ts', 'src/specs.ts', 'src/inspect/x.ts', 'src/test.ts', 'src/users/users.service.ts']) {
      assert.ok(!isTestFile(f), f);
    }
  });

  it('keeps its sites but is not ranked, and is summed apart', () => {
    const helper = withTests.modules.find((m) => m.path === 'test/helper.ts')!;
    const spec = withTests.modules.find((m) => m.path === 'src/util/money.spec.ts')!;
    assert.equal(helper.test, true);
    assert.equal(helper.rank, null);
    assert.deepEqual(helper.sites.map((s) => `${s.line} ${s.text}`), ["2 app from '../src/app'", "3 sequelize from '../src/models'", "3 User from '../src/models'", '7 sequelize.sync', '10 User', '11 User.create', '14 app']);
    assert.equal(spec.test, true);
    assert.equal(spec.sites.length, 0);
    assert.equal(withTests.modules.filter((m) => !m.test).every((m) => m.test === undefined), true);
    assert.deepEqual(withTests.summary.tests, { modules: 3, coupledModules: 2, sites: 11 });
    assert.equal(withTests.summary.coupledModules, withoutTests.summary.coupledModules + 2);
    assert.equal(withTests.summary.sites, withoutTests.summary.sites + 11);
    assert.deepEqual(withoutTests.summary.tests, { modules: 0, coupledModules: 0, sites: 0 });
  });

  it('changes no production module’s score, rank or dependents', () => {
    const ranks = (r: AnalysisResult) => r.modules.filter((m) => !m.test).map((m) => `${m.path} #${m.rank} ${m.score} deps ${m.breakdown.dependents} (${m.breakdown.formula})`);
    assert.deepEqual(ranks(withTests), ranks(withoutTests));
    // Both tests import src/app.ts, directly or through the helper; only src/index.ts counts.
    const app = withTests.modules.find((m) => m.path === 'src/app.ts')!;
    assert.equal(app.breakdown.dependents, 1);
    assert.equal(app.fanIn, 3);
  });

  it("binds no parameter of the application's functions: a test handing one a framework value couples nothing", () => {
    const error = `const mongoose = require('mongoose');

const errorConverter = (err, req, res, next) => {
  let error = err;
  if (error instanceof mongoose.Error) error = { status: 400, message: error.message };
  next(error);
};

module.exports = { errorConverter };
`;
    const spec = `const mongoose = require('mongoose');
const { errorConverter } = require('../src/error');

const check = (e) => errorConverter(e, {}, {}, () => e.message);
check(new mongoose.Error('bad'));
`;
    const files = { 'package.json': '{"name":"api"}', 'src/error.js': error };
    const sites = (r: AnalysisResult) => r.modules.find((m) => m.path === 'src/error.js')!.sites.map((x) => `${x.line} ${x.kind} ${x.text}`);
    const withSpec = analyzeFiles({ ...files, 'test/error.test.js': spec });
    assert.deepEqual(sites(withSpec), sites(analyzeFiles(files)));
    // Inside the test code, a test helper's parameter is still bound by what the test passes it.
    assert.ok(withSpec.modules.find((m) => m.path === 'test/error.test.js')!.sites.some((x) => x.text === 'e.message'));
  });

  it('registers no route of the app, yet its route calls are sites', () => {
    assert.deepEqual(withTests.routes, withoutTests.routes);
    const boom = withTests.modules.find((m) => m.path === 'test/users.test.ts')!.sites.find((s) => s.line === 16)!;
    assert.equal(boom.kind, 'route');
  });

  it('is counted among the readers and writers of the models it touches, apart in the CLI summary', () => {
    const user = withTests.models.find((m) => m.name === 'User')!;
    assert.ok(user.readers!.includes('test/users.test.ts:12'));
    assert.ok(user.writers!.includes('test/helper.ts:11'));
    const text = formatAnalysis(withTests, { top: 15 });
    assert.match(text, /src\/models\/user\.model\.ts:5 {2}4 reads, 1 write \(\+1 read, 1 write in tests\)\n/);
    // The editor's inventory marks the places in test code, for its view to count them apart.
    const folder = { uri: 'file:///ws', name: 'ws', root: '/ws', result: withTests } as unknown as FolderAnalysis;
    const inv = folderInventory(folder).models.find((m) => m.name === 'User')!;
    assert.deepStrictEqual([...inv.readers!, ...inv.writers!].filter((p) => p.test).map((p) => `${p.uri.slice('file:///ws/'.length)}:${p.line + 1}`).sort(), ['test/helper.ts:11', 'test/users.test.ts:12']);
  });

  it('gets no step of its own in the plan, while the ratchets still count its sites', () => {
    const plan = generatePlan(withTests, { workspace: readWorkspace(fixture.dir) });
    const text = printPlan(plan);
    const steps = [...planSteps(plan)].map(({ step }) => step);
    assert.ok(steps.length > 3);
    assert.ok(!/\btest\/\*\*/.test(text), text);
    // The plan without the tests differs only in the counts that include the tests' sites.
    const bare = printPlan(generatePlan(withoutTests, { workspace: readWorkspace(fixture.dir) }));
    assert.deepEqual(steps.map((s) => s.id), [...planSteps(generatePlan(withoutTests, { workspace: readWorkspace(fixture.dir) }))].map(({ step }) => step.id));
    const ratchet = (t: string) => /ratchet sequelize-typescript in \S+ at-most (\d+)/.exec(t)?.[1];
    assert.equal(Number(ratchet(text)), Number(ratchet(bare)) + 7, `${ratchet(text)} vs ${ratchet(bare)}`);
  });

  it('is listed apart in the CLI summary', () => {
    const text = formatAnalysis(withTests, { top: 15 });
    assert.match(text, /Hotspots \(top 12 of 12;/);
    const section = text.slice(text.indexOf('Test code ('), text.indexOf('\nRoutes ('));
    assert.equal(
      section.trim(),
      [
        'Test code (2 of 3 test modules coupled, 11 sites; not ranked, not counted as dependents)',
        '      4.25  test/helper.ts — orm 5 (sequelize-typescript); routing 2 (express)',
        '         3  test/users.test.ts — orm 2 (sequelize-typescript); routing 2 (express)',
      ].join('\n'),
    );
    assert.ok(!/^\s+\d+\s+[\d.]+\s+[\d.]+\s+\d+\s+\d+\s+\d+\s+test\//m.test(text), 'a test module among the hotspots');
  });
});
