/**
 * Merges a freshly generated plan into the plan file a team already edits: new steps and phases are added,
 * header moves completed, and steps whose code is gone get a comment — by minimal text edits, so every status,
 * custom step, comment, order and wording the people wrote stays as it was. Nothing is ever deleted.
 */
import picomatch from 'picomatch';
import type { Phase, PlanDiagnostic, PlanFile, Step } from '../../planfile/ast';
import { planSteps, stepStatus } from '../../planfile/ast';
import { applyEdits, insertPhase, insertStep, type TextEdit } from '../../planfile/edit';
import { parsePlan } from '../../planfile/parse';
import { printPlan } from '../../planfile/print';
import { indentationOf, splitLines } from '../../planfile/scan';

export const NO_CODE_LEFT = '# strangler: no code left for this step';

export interface MergeOptions {
  /** Every module path of the analysis: a step whose globs match none of them has no code left. */
  modulePaths?: readonly string[];
  /** Rewrite (or add) the `order` line to the generated plan's strategy; off by default, the file's own wins. */
  setOrder?: boolean;
}

export interface MergeResult {
  /** The merged text; the input itself when nothing changed or `problem` is set. */
  text: string;
  addedSteps: string[];
  addedPhases: string[];
  /** Header lines added or changed: `move orm from typeorm to prisma`, `order quick-wins`. */
  headerChanges: string[];
  /** Steps that got the no-code-left comment in this merge. */
  noCodeLeft: string[];
  /** Why nothing was merged: the existing plan has errors (a malformed plan is never rewritten). */
  problem?: string;
  diagnostics: PlanDiagnostic[];
}

export function mergePlan(existingText: string, generated: PlanFile, options: MergeOptions = {}): MergeResult {
  const out: MergeResult = { text: existingText, addedSteps: [], addedPhases: [], headerChanges: [], noCodeLeft: [], diagnostics: [] };
  const parsed = parsePlan(existingText);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return { ...out, problem: `the plan has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; fix ${errors.length === 1 ? 'it' : 'them'} first`, diagnostics: errors };
  if (!parsed.plan.header && parsed.plan.phases.length === 0) {
    // Nothing but comments (or nothing at all): the generated plan goes below them.
    const text = existingText === '' || /[\r\n]$/.test(existingText) ? existingText : existingText + parsed.plan.eol;
    const printed = printPlan({ ...generated, eol: parsed.plan.eol });
    return { ...out, text: text + printed, addedSteps: [...planSteps(generated)].map(({ step }) => step.id), addedPhases: generated.phases.map((p) => p.title) };
  }

  let text = markStepsWithoutCode(existingText, parsed.plan, generated, options, out);
  text = completeHeader(text, generated, options, out);

  const ids = new Set([...planSteps(parsePlan(text).plan)].map(({ step }) => step.id));
  generated.phases.forEach((phase, index) => {
    const fresh = phase.steps.filter((step) => !ids.has(step.id));
    if (fresh.length === 0) return;
    const current = parsePlan(text).plan;
    if (current.phases.some((existing) => existing.title === phase.title)) {
      for (const step of fresh) {
        const result = insertStep(text, phase.title, stepText(step));
        if (!result.problem) [text, out.addedSteps] = [result.text, [...out.addedSteps, step.id]];
      }
      return;
    }
    const phaseText = printPlan(bare([{ ...phase, steps: fresh }])).trimEnd();
    const before = generated.phases.slice(0, index).reverse().find((earlier) => current.phases.some((existing) => existing.title === earlier.title));
    const result = before || current.phases.length === 0 ? insertPhase(text, phaseText, before?.title) : insertPhaseFirst(text, current, phaseText);
    if (!result.problem) {
      text = result.text;
      out.addedPhases.push(phase.title);
      out.addedSteps.push(...fresh.map((step) => step.id));
    }
  });
  out.text = text;
  return out;
}

/** A step not generated any more, not done, whose globs match no module, gets the comment (once) above it. */
function markStepsWithoutCode(text: string, plan: PlanFile, generated: PlanFile, options: MergeOptions, out: MergeResult): string {
  if (!options.modulePaths) return text;
  const generatedIds = new Set([...planSteps(generated)].map(({ step }) => step.id));
  const edits: TextEdit[] = [];
  for (const { step } of planSteps(plan)) {
    if (generatedIds.has(step.id) || stepStatus(step).state === 'done' || !step.source) continue;
    if (step.leadingTrivia?.some((trivia) => trivia.text.trim() === NO_CODE_LEFT)) continue;
    const globs = stepGlobs(step);
    if (globs.length === 0) continue;
    const matches = picomatch(globs, { dot: true });
    if (options.modulePaths.some((file) => matches(file))) continue;
    const line = step.source.line;
    edits.push({ startLine: line, startColumn: 0, endLine: line, endColumn: 0, newText: indentationOf(step.source.raw) + NO_CODE_LEFT + plan.eol });
    out.noCodeLeft.push(step.id);
  }
  return edits.length ? applyEdits(text, edits) : text;
}

/** The files a step is about: its scopes and the `in` globs of its coupling checks. */
function stepGlobs(step: Step): string[] {
  const globs = step.scopes.flatMap((scope) => scope.globs.map((glob) => glob.pattern));
  for (const check of step.checks) if (check.rule === 'none' || check.rule === 'at-most' || check.rule === 'ratchet') globs.push(check.within.pattern);
  return globs;
}

/** Adds the generated moves the file lacks, retargets a move whose target changed, and sets the order if asked. */
function completeHeader(text: string, generated: PlanFile, options: MergeOptions, out: MergeResult): string {
  const plan = parsePlan(text).plan;
  const header = plan.header;
  const wanted = generated.header;
  if (!header?.source || !wanted) return text;
  const lines = splitLines(text).lines;
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const move of wanted.moves) {
    const existing = header.moves.find((other) => other.concern === move.concern && other.from === move.from);
    if (!existing) added.push(`move ${move.concern} from ${move.from} to ${move.to}`);
    else if (existing.to !== move.to && existing.parts?.to) {
      const span = existing.parts.to;
      edits.push({ startLine: span.line, startColumn: span.column, endLine: span.line, endColumn: span.endColumn, newText: move.to });
      out.headerChanges.push(`move ${move.concern} from ${move.from} to ${move.to}`);
    }
  }
  if (options.setOrder && wanted.order && header.order?.strategy !== wanted.order.strategy) {
    const span = header.order?.parts?.strategy;
    if (span) edits.push({ startLine: span.line, startColumn: span.column, endLine: span.line, endColumn: span.endColumn, newText: wanted.order.strategy });
    else added.unshift(`order ${wanted.order.strategy}`);
    out.headerChanges.push(`order ${wanted.order.strategy}`);
  }
  if (added.length > 0) {
    const last = Math.max(header.source.line, ...[header.order, ...header.moves].map((clause) => clause?.source?.line ?? -1));
    const indent = header.moves[0]?.source ? indentationOf(header.moves[0].source.raw) : plan.indentUnit;
    const body = added.map((line) => indent + line);
    // Insert whole lines below the last header line; when the file ends on that line, break it first.
    const edit = lines[last].eol
      ? { line: last + 1, column: 0, newText: body.map((line) => line + lines[last].eol).join('') }
      : { line: last, column: lines[last].raw.length, newText: plan.eol + body.join(plan.eol) };
    edits.push({ startLine: edit.line, startColumn: edit.column, endLine: edit.line, endColumn: edit.column, newText: edit.newText });
    out.headerChanges.push(...added);
  }
  return edits.length ? applyEdits(text, edits) : text;
}

/** A new phase that belongs before every phase of the file: inserted above the first one and its comments. */
function insertPhaseFirst(text: string, plan: PlanFile, phaseText: string): { text: string; problem?: string } {
  const first = plan.phases[0];
  const line = first.leadingTrivia?.find((trivia) => trivia.kind !== 'blank')?.source?.line ?? first.source!.line;
  const unit = plan.indentUnit;
  const body = phaseText.split('\n').map((raw) => raw.replace(/^( {2})+/, (spaces) => unit.repeat(spaces.length / 2)));
  const merged = applyEdits(text, [{ startLine: line, startColumn: 0, endLine: line, endColumn: 0, newText: [...body, ''].map((l) => l + plan.eol).join('') }]);
  return parsePlan(merged).diagnostics.some((d) => d.severity === 'error') ? { text, problem: 'the new phase does not parse in place' } : { text: merged };
}

/** A step as `insertStep` wants it: at column 0, its clauses indented one level. */
function stepText(step: Step): string {
  const printed = printPlan(bare([{ kind: 'phase', title: '_', steps: [step] }]));
  return printed
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/^ {2}/, ''))
    .join('\n')
    .trimEnd();
}

function bare(phases: Phase[]): PlanFile {
  return { kind: 'planFile', phases, trailingTrivia: [], eol: '\n', bom: false, indentUnit: '  ' };
}
