// The roadmap every export renders: progress counts, and the migration map's unit states and dependencies, on the
// bundled example with a plan that a team has started on.
import assert from 'node:assert/strict';
import { buildRoadmap } from '../../server/src/engine/export';
import { printPlan } from '../../server/src/planfile/print';
import { setStepStatus } from '../../server/src/planfile/edit';
import { parsePlan } from '../../server/src/planfile/parse';
import { evaluatePlan } from '../../server/src/engine/verify/evaluate';
import { readWorkspace } from '../../server/src/engine/verify/workspace';
import { exampleExportInput } from '../exportRuns';
import { fixtureProjects } from '../fixtureRuns';

describe('the roadmap of a plan under way', () => {
  const drafted = exampleExportInput();
  let text = printPlan(drafted.plan);
  text = setStepStatus(text, 'db-orm-seam', { state: 'done', date: '2026-03-01' }).text; // its check still fails: regressed
  text = setStepStatus(text, 'users-orm-seam', { state: 'doing' }).text;
  const plan = parsePlan(text).plan;
  const evaluation = evaluatePlan(plan, drafted.result, readWorkspace(fixtureProjects()[0].dir));
  const roadmap = buildRoadmap({ ...drafted, plan, evaluation, planFile: 'migration.strangler' });
  const unit = (label: string) => roadmap.units.find((candidate) => candidate.label === label)!;

  it('counts steps by state, per phase and in all', () => {
    const { progress } = roadmap.summary;
    assert.equal(progress.regressed, 1);
    assert.equal(progress.steps, evaluation.steps.length);
    assert.equal(progress.verified + progress.regressed + progress.ready + progress.pending, progress.steps);
    const seams = roadmap.phases.find((phase) => phase.title === 'Seams')!;
    assert.equal(seams.counts.regressed, 1);
    assert.equal(seams.counts.pending, seams.steps.length - 1);
  });

  it('colours each unit by the steps about it alone', () => {
    assert.equal(unit('src/db').state, 'regressed');
    assert.deepEqual(unit('src/db').steps, ['db-orm-seam']);
    assert.equal(unit('src/users').state, 'started');
    assert.deepEqual(unit('src/users').steps, ['users-orm-seam', 'users-routes']);
    assert.equal(unit('src/catalog').state, 'pending');
    assert.equal(unit('src/cache').state, 'unplanned', 'module-state-to-redis checks all of src/**, not src/cache alone');
  });

  it('draws an edge where a unit reaches a framework through another, with the concern', () => {
    const edge = roadmap.dependencies.find((candidate) => candidate.from === 'jobs' && candidate.to === 'queues');
    assert.deepEqual(edge?.concerns, ['queue']);
    for (const { from, to } of roadmap.dependencies) {
      assert.ok(roadmap.units.some((u) => u.id === from) && roadmap.units.some((u) => u.id === to), `${from} → ${to} joins two units on the map`);
    }
  });
});
