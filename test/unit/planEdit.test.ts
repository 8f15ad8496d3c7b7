// Tests of the minimal plan edits: each touches only its lines, keeps comments, and survives random sequences.
import assert from 'node:assert/strict';
import { planSteps } from '../../server/src/planfile/ast';
import { applyEdits, insertPhase, insertStep, setRatchetLimit, setStepStatus, type PlanEditResult } from '../../server/src/planfile/edit';
import { parsePlan } from '../../server/src/planfile/parse';
import { CANONICAL_PLAN, HAND_WRITTEN_PLAN, pick, prng } from './planSamples';

/** The lines of `after` that are not in `before`, assuming `after` is `before` with lines changed or inserted. */
function changedLines(before: string, after: string): { replaced: string[]; inserted: string[] } {
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) [endA, endB] = [endA - 1, endB - 1];
  return endA === start ? { replaced: [], inserted: b.slice(start, endB) } : { replaced: b.slice(start, endB), inserted: [] };
}

function assertEdited(before: string, result: PlanEditResult): void {
  assert.equal(result.problem, undefined);
  assert.equal(applyEdits(before, result.edits), result.text);
  assert.deepEqual(parsePlan(result.text).diagnostics.filter((d) => d.severity === 'error'), []);
}

describe('plan edits', () => {
  it('sets a status in place, keeping the trailing comment', () => {
    const text = CANONICAL_PLAN.replace('status doing', 'status doing   # since Monday');
    const result = setStepStatus(text, 'users-orm', { state: 'done', date: '2026-12-01' });
    assertEdited(text, result);
    assert.deepEqual(changedLines(text, result.text), { replaced: ['    status done 2026-12-01   # since Monday'], inserted: [] });
    const line = text.split('\n').findIndex((l) => l.includes('status doing'));
    assert.deepEqual(result.edits, [{ startLine: line, startColumn: 4, endLine: line, endColumn: 16, newText: 'status done 2026-12-01' }]);
  });

  it('adds a status line after the last clause, in the indent of the file', () => {
    const result = setStepStatus(HAND_WRITTEN_PLAN, 'users-orm', { state: 'doing' });
    assertEdited(HAND_WRITTEN_PLAN, result);
    const lines = result.text.split('\n');
    assert.equal(lines[lines.indexOf('        status doing') - 1], '        check ratchet orm in src/** at-most 212    # was 230 in May');
    assert.deepEqual(changedLines(HAND_WRITTEN_PLAN, result.text).inserted, ['        status doing']);
  });

  it('adds a status at the end of a file without a final newline', () => {
    const result = setStepStatus(HAND_WRITTEN_PLAN, 'orders-orm', { state: 'todo' });
    assertEdited(HAND_WRITTEN_PLAN, result);
    assert.ok(result.text.endsWith('in src/orders/**\n        status todo\n# trailing comment'));
  });

  it('fixes a status line that did not parse instead of adding a second one', () => {
    const text = 'plan "p"\nphase "q"\n  step s "t"\n    check none orm in src/**\n    status done  # finally\n';
    const result = setStepStatus(text, 's', { state: 'done', date: '2026-11-20' });
    assertEdited(text, result);
    assert.deepEqual(changedLines(text, result.text).replaced, ['    status done 2026-11-20  # finally']);
  });

  it('does nothing when the status is already right, and refuses unknown steps and bad dates', () => {
    assert.deepEqual(setStepStatus(CANONICAL_PLAN, 'users-orm', { state: 'doing' }), { edits: [], text: CANONICAL_PLAN });
    assert.match(setStepStatus(CANONICAL_PLAN, 'nope', { state: 'doing' }).problem ?? '', /no step 'nope'/);
    assert.match(setStepStatus(CANONICAL_PLAN, 'users-orm', { state: 'done', date: '2026-13-01' }).problem ?? '', /expected a date/);
  });

  it('tightens a ratchet by rewriting only its number', () => {
    const result = setRatchetLimit(CANONICAL_PLAN, 'users-orm', 3, 198);
    assertEdited(CANONICAL_PLAN, result);
    assert.deepEqual(changedLines(CANONICAL_PLAN, result.text).replaced, ['    check ratchet orm in src/** at-most 198']);
    assert.equal(result.edits[0].newText, '198');
    assert.match(setRatchetLimit(CANONICAL_PLAN, 'users-orm', 0, 1).problem ?? '', /found a 'none' check/);
    assert.match(setRatchetLimit(CANONICAL_PLAN, 'users-orm', 99, 1).problem ?? '', /has 6 checks/);
  });

  it('inserts a step at the end of a phase, re-indented to the file', () => {
    const stepText = 'step billing-orm "Billing behind a port"\n  check ratchet orm in src/billing/** at-most 30\n  # tighten weekly\n';
    const result = insertStep(HAND_WRITTEN_PLAN, 'Seams', stepText);
    assertEdited(HAND_WRITTEN_PLAN, result);
    assert.deepEqual(changedLines(HAND_WRITTEN_PLAN, result.text).inserted, [
      '    step billing-orm "Billing behind a port"',
      '        check ratchet orm in src/billing/** at-most 30',
      '        # tighten weekly',
    ]);
    // The canonical sample separates steps with a blank line, so the new step gets one too.
    const canonical = insertStep(CANONICAL_PLAN, 1, stepText);
    assertEdited(CANONICAL_PLAN, canonical);
    assert.ok(canonical.edits[0].newText.startsWith('\n  step billing-orm'));
    assert.equal(canonical.edits[0].startColumn, 0);
  });

  it('refuses a step that does not parse or reuses an id', () => {
    assert.match(insertStep(CANONICAL_PLAN, 'Seams', 'step users-orm "again"\n  manual').problem ?? '', /already used/);
    assert.match(insertStep(CANONICAL_PLAN, 'Seams', 'step x "t"\n  check dependency bull prsent').problem ?? '', /line 2 of the inserted text: expected 'present' or 'absent'/);
    assert.match(insertStep(CANONICAL_PLAN, 'Nowhere', 'step x "t"\n  manual').problem ?? '', /no phase "Nowhere"/);
  });

  it('inserts a phase after another or at the end, keeping CRLF and tabs', () => {
    const phaseText = 'phase "Switch"\n  step switch-orm "Switch the adapter"\n    check dependency prisma present\n';
    const after = insertPhase(CANONICAL_PLAN, phaseText, 'Seams');
    assertEdited(CANONICAL_PLAN, after);
    assert.deepEqual(after.edits.map((edit) => edit.newText), ['\nphase "Switch"\n  step switch-orm "Switch the adapter"\n    check dependency prisma present\n']);
    assert.equal(changedLines(CANONICAL_PLAN, after.text).replaced.length, 0);
    assert.deepEqual(parsePlan(after.text).plan.phases.map((phase) => phase.title), ['Observe before cutting', 'Seams', 'Switch', 'Retire']);

    const tabbed = 'plan "p"\r\nphase "a"\r\n\tstep s "t"\r\n\t\tmanual\r\n';
    const atEnd = insertPhase(tabbed, phaseText);
    assertEdited(tabbed, atEnd);
    assert.equal(atEnd.text, `${tabbed}\r\nphase "Switch"\r\n\tstep switch-orm "Switch the adapter"\r\n\t\tcheck dependency prisma present\r\n`);

    assert.equal(insertPhase('', 'phase "First"').text, 'phase "First"\n');
    assert.match(insertPhase(CANONICAL_PLAN, 'phase "Seams"').problem ?? '', /already exists/);
  });

  it('keeps the BOM when applying edits', () => {
    const text = `\ufeff${CANONICAL_PLAN}`;
    const result = setStepStatus(text, 'tracing', { state: 'doing' });
    assert.ok(result.text.startsWith('\ufeff# comments'));
    assert.deepEqual(changedLines(text, result.text).replaced, ['    status doing']);
  });

  it('stays minimal over random sequences of edits (seeded)', () => {
    const random = prng(42);
    const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));
    for (let sequence = 0; sequence < 60; sequence++) {
      let text = pick(random, [CANONICAL_PLAN, HAND_WRITTEN_PLAN, CANONICAL_PLAN.replace(/\n/g, '\r\n')]);
      const originalComments = comments(text.replace(/\r/g, ''));
      for (let op = 0; op < 12; op++) {
        const { plan } = parsePlan(text);
        const steps = [...planSteps(plan)].map(({ step }) => step);
        const step = pick(random, steps);
        const before = text;
        const kind = pick(random, ['status', 'ratchet', 'step', 'phase'] as const);
        let result: PlanEditResult;
        if (kind === 'status') {
          const status = pick(random, [{ state: 'todo' }, { state: 'doing' }, { state: 'done', date: `2027-0${1 + Math.floor(random() * 9)}-15` }] as const);
          result = setStepStatus(text, step.id, status);
          assertEdited(before, result);
          const after = [...planSteps(parsePlan(result.text).plan)].find((entry) => entry.step.id === step.id)!.step;
          assert.equal(after.status?.state, status.state);
          const changed = changedLines(before, result.text);
          assert.ok(changed.replaced.length + changed.inserted.length <= 1, JSON.stringify(changed));
        } else if (kind === 'ratchet') {
          const index = step.checks.findIndex((check) => check.rule === 'ratchet');
          if (index < 0) continue;
          const limit = Math.floor(random() * 300);
          result = setRatchetLimit(text, step.id, index, limit);
          assertEdited(before, result);
          const tightened = parsePlan(result.text).plan.phases.flatMap((p) => p.steps).find((s) => s.id === step.id)!.checks[index];
          assert.equal(tightened.rule === 'ratchet' && tightened.limit, limit);
          assert.ok(changedLines(before, result.text).replaced.length <= 1);
        } else if (kind === 'step') {
          const phase = Math.floor(random() * plan.phases.length);
          const id = `new-${sequence}-${op}`;
          result = insertStep(text, phase, `step ${id} "Added"\n  # added by the test\n  check none queue in src/${id}/**`);
          assertEdited(before, result);
          assert.ok(parsePlan(result.text).plan.phases[phase].steps.some((s) => s.id === id));
          const changed = changedLines(before, result.text);
          assert.deepEqual(changed.replaced, []);
          assert.ok(changed.inserted.length >= 3 && changed.inserted.length <= 4);
        } else {
          const title = `Phase ${sequence}-${op}`;
          const afterPhase = random() < 0.5 ? undefined : Math.floor(random() * plan.phases.length);
          result = insertPhase(text, `phase "${title}"\n    step p-${sequence}-${op} "t"\n        manual`, afterPhase);
          assertEdited(before, result);
          const titles = parsePlan(result.text).plan.phases.map((p) => p.title);
          assert.equal(titles.indexOf(title), afterPhase === undefined ? titles.length - 1 : afterPhase + 1);
          assert.deepEqual(changedLines(before, result.text).replaced, []);
        }
        text = result.text;
        assert.deepEqual(comments(text.replace(/\r/g, '')).filter((c) => !c.includes('added by the test')), originalComments);
      }
    }
  });
});
