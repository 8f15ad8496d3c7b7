// Tests of merging a regenerated plan into an edited one: people's edits survive, new work is added, nothing is deleted.
import assert from 'node:assert/strict';
import { analyzeFixture, fixtureProjects } from '../fixtureRuns';
import type { AnalysisResult, ModuleReport } from '../../server/src/engine/model';
import { generatePlan } from '../../server/src/engine/plan/generate';
import { mergePlan, NO_CODE_LEFT } from '../../server/src/engine/plan/merge';
import { readWorkspace } from '../../server/src/engine/verify/workspace';
import { planSteps, stepStatus, type PlanFile } from '../../server/src/planfile/ast';
import { insertStep, setStepStatus } from '../../server/src/planfile/edit';
import { parsePlan } from '../../server/src/planfile/parse';
import { printPlan } from '../../server/src/planfile/print';
import { pick, prng } from './planSamples';

const shop = fixtureProjects().find((p) => p.name === 'legacy-shop')!;
let baseResult: AnalysisResult;
const workspace = readWorkspace(shop.dir);

before(() => {
  baseResult = analyzeFixture(shop);
});

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The analysis after the code changed: a new feature folder with its own TypeORM model, and src/reports deleted. */
function changedAnalysis(): AnalysisResult {
  const result = clone(baseResult);
  result.modules = result.modules.filter((module) => !module.path.startsWith('src/reports/'));
  result.routes = result.routes.filter((route) => !route.file.startsWith('src/reports/'));
  const template = result.modules.find((module) => module.path === 'src/payments/Payment.entity.ts')!;
  const invoice: ModuleReport = { ...clone(template), path: 'src/invoices/Invoice.entity.ts', score: 60 };
  invoice.sites = invoice.sites.map((site) => ({ ...site, file: invoice.path, via: undefined }));
  result.modules.push(invoice);
  result.models.push({ name: 'Invoice', framework: 'typeorm', file: invoice.path, line: 5, table: 'invoices' });
  return result;
}

/** Every line of `before` is in `after`, in order: the merge only inserted lines (or retargeted header words). */
function assertOnlyInsertions(before: string, after: string): void {
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  let j = 0;
  for (const line of a) {
    while (j < b.length && b[j] !== line) j++;
    assert.ok(j < b.length, `the line ${JSON.stringify(line)} was lost or changed`);
    j++;
  }
}

function statuses(plan: PlanFile): Map<string, string> {
  return new Map([...planSteps(plan)].map(({ step }) => [step.id, JSON.stringify(stepStatus(step))]));
}

/** What people do to a plan: reorder steps, mark progress, write comments and their own steps, reword. */
function editByHand(seed: number): { text: string; customIds: string[] } {
  const random = prng(seed);
  const plan = generatePlan(baseResult, { workspace });
  for (const phase of plan.phases) {
    // Reorder: a few swaps inside each phase.
    for (let k = 0; k < 2 && phase.steps.length > 1; k++) {
      const i = Math.floor(random() * phase.steps.length);
      const j = Math.floor(random() * phase.steps.length);
      [phase.steps[i], phase.steps[j]] = [phase.steps[j], phase.steps[i]];
    }
  }
  let text = printPlan(plan);
  const ids = [...planSteps(plan)].map(({ step }) => step.id);
  for (let k = 0; k < 6; k++) {
    const id = pick(random, ids);
    const status = pick(random, [{ state: 'doing' as const }, { state: 'done' as const, date: '2026-11-20' }, { state: 'todo' as const }]);
    text = setStepStatus(text, id, status).text;
  }
  const customIds: string[] = [];
  for (let k = 0; k < 2; k++) {
    const phase = pick(random, plan.phases).title;
    const id = `custom-${seed}-${k}`;
    const result = insertStep(text, phase, `step ${id} "Ask the DBA about the replica"\n  manual\n  why the ops team asked for it\n  status doing`);
    assert.equal(result.problem, undefined);
    text = result.text;
    customIds.push(id);
  }
  const lines = text.split('\n');
  for (let k = 0; k < 5; k++) {
    const at = 1 + Math.floor(random() * (lines.length - 1));
    lines.splice(at, 0, pick(random, ['# reviewed with the team', '    # check this with ops', '  # TODO split this step', '']));
  }
  for (let k = 0; k < lines.length; k++) if (/^ {4}why /.test(lines[k]) && random() < 0.2) lines[k] = '    why because the team said so';
  text = lines.join('\n');
  if (random() < 0.3) text = text.replace(/\n/g, '\r\n');
  return { text, customIds };
}

describe('merging a regenerated plan', () => {
  it('adds nothing to an unedited plan: regenerating is a no-op', () => {
    const text = printPlan(generatePlan(baseResult, { workspace }));
    const merged = mergePlan(text, generatePlan(baseResult, { workspace }), { modulePaths: baseResult.modules.map((m) => m.path) });
    assert.equal(merged.text, text);
  });

  for (let seed = 1; seed <= 25; seed++) {
    it(`keeps every hand edit and adds the new steps (seed ${seed})`, () => {
      const { text: edited, customIds } = editByHand(seed);
      const before = parsePlan(edited);
      assert.deepEqual(before.diagnostics.filter((d) => d.severity === 'error'), [], 'the hand edits leave a valid plan');
      const changed = changedAnalysis();
      const generated = generatePlan(changed, { workspace });
      const merged = mergePlan(edited, generated, { modulePaths: changed.modules.map((m) => m.path) });
      assert.equal(merged.problem, undefined);

      assertOnlyInsertions(edited, merged.text);
      const after = parsePlan(merged.text);
      assert.deepEqual(after.diagnostics.filter((d) => d.severity === 'error'), []);
      for (const [id, status] of statuses(before.plan)) assert.equal(statuses(after.plan).get(id), status, `${id} keeps its status`);
      for (const id of customIds) assert.ok(statuses(after.plan).has(id), `the custom step ${id} is kept`);
      const ids = [...planSteps(after.plan)].map(({ step }) => step.id);
      for (const { step } of planSteps(generated)) assert.ok(ids.includes(step.id), `${step.id} is in the merged plan`);
      assert.ok(merged.addedSteps.includes('invoices-orm-seam'), 'the new unit gets its seam');
      assert.equal(ids.filter((id) => id === 'reports-routes').length, 1, 'a step whose code is gone is kept');
      const reports = [...planSteps(after.plan)].find(({ step }) => step.id === 'reports-routes')!.step;
      const done = stepStatus(reports).state === 'done';
      assert.equal(reports.leadingTrivia?.some((t) => t.text === NO_CODE_LEFT) ?? false, !done, 'and marked when not done');
      assert.equal(merged.text.includes('\r\n'), edited.includes('\r\n'), 'in the file’s own line endings');

      const again = mergePlan(merged.text, generated, { modulePaths: changed.modules.map((m) => m.path) });
      assert.equal(again.text, merged.text, 'merging twice changes nothing more');
    });
  }

  it('puts a new phase in its place, after the phase that precedes it in the generated plan', () => {
    const full = generatePlan(baseResult, { workspace });
    const withoutConsumers = { ...full, phases: full.phases.filter((p) => p.title !== 'Move consumers behind the seams') };
    const merged = mergePlan(printPlan(withoutConsumers), full);
    const titles = parsePlan(merged.text).plan.phases.map((p) => p.title);
    assert.deepEqual(titles, full.phases.map((p) => p.title));
    assert.deepEqual(merged.addedPhases, ['Move consumers behind the seams']);
  });

  it('adds a move named on the command line to the header, and retargets a changed one in place', () => {
    const text = printPlan(generatePlan(baseResult, { workspace }));
    const moves = [
      ...generatePlan(baseResult, { workspace }).header!.moves.map(({ concern, from, to }) => ({ concern, from, to: from === 'typeorm' ? 'drizzle' : to })),
      { concern: 'orm', from: 'knex', to: 'drizzle' },
    ];
    const merged = mergePlan(text, generatePlan(baseResult, { workspace, moves }));
    assert.match(merged.text, /\n {2}move orm from typeorm to drizzle\n/);
    assert.match(merged.text, /\n {2}move orm from knex to drizzle\n/);
    assert.equal(parsePlan(merged.text).diagnostics.filter((d) => d.severity === 'error').length, 0);
  });

  it('never rewrites a malformed plan', () => {
    const text = printPlan(generatePlan(baseResult, { workspace })).replace('check dependency fastify present', 'check dependency fastify prsent');
    const merged = mergePlan(text, generatePlan(changedAnalysis(), { workspace }));
    assert.match(merged.problem ?? '', /error/);
    assert.equal(merged.text, text);
    assert.equal(merged.diagnostics[0].code, 'bad-presence');
  });

  it('writes the generated plan below the comments of a file that has no plan yet', () => {
    const merged = mergePlan('# our migration\n', generatePlan(baseResult, { workspace }));
    assert.ok(merged.text.startsWith('# our migration\n# Migration plan for legacy-shop'));
    assert.deepEqual(parsePlan(merged.text).diagnostics, []);
  });
});
