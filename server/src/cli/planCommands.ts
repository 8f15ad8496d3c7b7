/**
 * The `plan` and `check` commands: draft or update a workspace's migration plan, and verify it against the
 * code — the CI gate that fails when a step marked done has regressed.
 */
import * as path from 'path';
import type { AnalysisResult } from '../engine/model';
import { generatePlan } from '../engine/plan/generate';
import { mergePlan } from '../engine/plan/merge';
import type { Move } from '../engine/plan/moves';
import { combineMoves, isConcern } from '../engine/plan/moves';
import { readPlanFile, writePlanFile, type PlanFileSnapshot } from '../engine/plan/planFileStore';
import { evaluatePlan, type EvaluateOptions, type PlanEvaluation, type StepResult } from '../engine/verify/evaluate';
import { readWorkspace } from '../engine/verify/workspace';
import { checkCount } from '../engine/export/wording';
import { ORDER_STRATEGIES, planSteps, type OrderStrategy, type PlanDiagnostic, type PlanFile } from '../planfile/ast';
import { setRatchetLimit } from '../planfile/edit';
import { parsePlan } from '../planfile/parse';
import { FRAMEWORK_ID } from '../planfile/parseClauses';
import { printPlan } from '../planfile/print';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { runAnalysis, targetFolder } from './commands';

export const PLAN_FILE_NAME = 'migration.strangler';
/** Violations printed per failing check; `--json` has them all (up to the evaluator's cap). */
const SHOWN_VIOLATIONS = 3;

type Output = (text: string) => void;
const out: Output = (text) => process.stdout.write(text);
const err: Output = (text) => process.stderr.write(text);

export const planCommands = {
  plan: usageGuard(planCommand),
  check: usageGuard(checkCommand),
};

/** `strangler plan`: writes the plan, or merges the new draft into the existing one. */
async function planCommand(args: ParsedArgs): Promise<number> {
  const root = targetFolder(args);
  const file = typeof args.flags.out === 'string' ? path.resolve(args.flags.out) : path.join(root, PLAN_FILE_NAME);
  const flagMoves = (args.lists.move ?? []).map(parseMoveFlag);
  const flagOrder = orderFlag(args);
  const snapshot = readPlanFile(file);
  let existing: PlanFile | undefined;
  if (snapshot.text !== null) {
    const parsed = parsePlan(snapshot.text);
    if (reportDiagnostics(file, parsed.diagnostics)) {
      err(`strangler: ${shown(file)} has errors; fix them and run strangler plan again (the file was not changed)\n`);
      return 2;
    }
    existing = parsed.plan;
  }
  const fileMoves: Move[] = (existing?.header?.moves ?? []).map(({ concern, from, to }) => ({ concern, from, to }));
  const moves = fileMoves.length || flagMoves.length ? combineMoves(fileMoves, flagMoves) : undefined;
  const result = await runAnalysis(args);
  const generated = generatePlan(result, { moves, order: flagOrder ?? existing?.header?.order?.strategy, workspace: readWorkspace(root) });

  if (snapshot.text === null) {
    if (!write(snapshot, printPlan(generated))) return 2;
    const steps = [...planSteps(generated)];
    const checks = steps.reduce((sum, { step }) => sum + step.checks.length, 0);
    out(`wrote ${shown(file)}: ${generated.phases.length} phases, ${steps.length} steps, ${checks} checks (${generated.header?.order?.strategy ?? 'pain-first'})\n`);
    for (const move of generated.header?.moves ?? []) out(`  move ${move.concern} from ${move.from} to ${move.to}\n`);
    return 0;
  }
  const merged = mergePlan(snapshot.text, generated, { modulePaths: result.modules.map((module) => module.path), setOrder: flagOrder !== undefined });
  if (merged.problem) {
    err(`strangler: ${merged.problem}\n`);
    return 2;
  }
  if (merged.text === snapshot.text) {
    out(`${shown(file)} is up to date: nothing new to add\n`);
    return 0;
  }
  if (!write(snapshot, merged.text)) return 2;
  out(`merged into ${shown(file)}:\n`);
  if (merged.headerChanges.length) out(`  header: ${merged.headerChanges.join('; ')}\n`);
  if (merged.addedPhases.length) out(`  added phases: ${merged.addedPhases.map((title) => `"${title}"`).join(', ')}\n`);
  if (merged.addedSteps.length) out(`  added steps: ${merged.addedSteps.join(', ')}\n`);
  if (merged.noCodeLeft.length) out(`  no code left (marked with a comment, kept): ${merged.noCodeLeft.join(', ')}\n`);
  return 0;
}

/** `strangler check`: exit 0 when nothing regressed, 1 on a regression, 2 on a malformed plan or unusable input. */
async function checkCommand(args: ParsedArgs): Promise<number> {
  const verified = await verifyPlan(args, { draftWhenMissing: false });
  if (typeof verified === 'number') return verified;
  const { file, snapshot, result, evaluation } = verified;
  if (args.flags.json) out(JSON.stringify(checkJson(file, result, evaluation), null, 2) + '\n');
  else out(formatEvaluation(file, evaluation));
  if (args.flags['update-ratchets'] && !updateRatchets(snapshot, evaluation)) return 2;
  return evaluation.regressed ? 1 : 0;
}

export interface VerifiedPlan {
  root: string;
  file: string;
  snapshot: PlanFileSnapshot;
  plan: PlanFile;
  /** True when there was no plan file and the plan is the one `strangler plan` would draft. */
  drafted: boolean;
  result: AnalysisResult;
  evaluation: PlanEvaluation;
}

/**
 * Reads the plan (`--plan`, or `<path>/migration.strangler`), analyses the workspace and evaluates the plan against
 * it; an exit code instead when the plan is malformed or missing (unless a missing one may be drafted).
 */
export async function verifyPlan(args: ParsedArgs, options: { draftWhenMissing: boolean } & EvaluateOptions): Promise<VerifiedPlan | number> {
  const root = targetFolder(args);
  const file = typeof args.flags.plan === 'string' ? path.resolve(args.flags.plan) : path.join(root, PLAN_FILE_NAME);
  const snapshot = readPlanFile(file);
  let plan: PlanFile | undefined;
  if (snapshot.text !== null) {
    const parsed = parsePlan(snapshot.text);
    if (reportDiagnostics(file, parsed.diagnostics)) return 2;
    plan = parsed.plan;
  } else if (!options.draftWhenMissing) {
    err(`strangler: no plan at ${shown(file)}; run \`strangler plan${args.positional[0] ? ` ${args.positional[0]}` : ''}\` to draft one\n`);
    return 2;
  }
  const result = await runAnalysis(args);
  const workspace = readWorkspace(root);
  for (const manifest of workspace.packageJsons) if (manifest.error) err(`warning: ${manifest.file}: ${manifest.error}; its dependencies are not counted\n`);
  if (!plan) err(`strangler: no plan at ${shown(file)}; using the plan \`strangler plan\` would draft\n`);
  const used = plan ?? generatePlan(result, { workspace });
  return { root, file, snapshot, plan: used, drafted: !plan, result, evaluation: evaluatePlan(used, result, workspace, options) };
}

/** Lowers every ratchet whose count dropped to that count, in place, keeping the rest of the file as it is. */
function updateRatchets(snapshot: PlanFileSnapshot, evaluation: PlanEvaluation): boolean {
  let text = snapshot.text!;
  const tightened: string[] = [];
  for (const step of evaluation.steps) {
    step.checks.forEach((check, index) => {
      if (!check.canTighten) return;
      const edit = setRatchetLimit(text, step.id, index, check.count);
      if (edit.problem) return err(`warning: ${step.id}: ${edit.problem}\n`);
      text = edit.text;
      tightened.push(`  ${step.id}: ${check.text.replace(/at-most \d+$/, '')}at-most ${check.limit} -> ${check.count}\n`);
    });
  }
  if (tightened.length === 0) return true;
  if (!write(snapshot, text)) return false;
  err(`tightened ${tightened.length === 1 ? 'a ratchet' : `${tightened.length} ratchets`} in ${shown(snapshot.file)}:\n${tightened.join('')}`);
  return true;
}

export function formatEvaluation(file: string, evaluation: PlanEvaluation): string {
  const { counts } = evaluation;
  const lines = [`${shown(file)}: ${counts.verified} verified, ${counts.regressed} regressed, ${counts.ready} ready, ${counts.pending} pending (${evaluation.steps.length} steps)`];
  let phase: string | undefined;
  for (const step of evaluation.steps) {
    if (step.phase !== phase) lines.push('', (phase = step.phase));
    lines.push(`  ${STATE_LABELS[step.state].padEnd(9)} ${step.id}  ${step.title}${statusNote(step)}`);
    if (step.state === 'verified') continue;
    for (const check of step.checks) {
      lines.push(`      ${check.ok ? '✓' : '✗'} ${check.text}: ${checkCount(check)}`);
      if (check.ok && !check.canTighten) continue;
      if (check.canTighten) lines[lines.length - 1] += `; --update-ratchets lowers it to ${check.count}`;
      for (const v of check.violations.slice(0, check.ok ? 0 : SHOWN_VIOLATIONS)) lines.push(`          ${v.file}:${v.line}  ${v.text}`);
      if (!check.ok && check.count > SHOWN_VIOLATIONS) lines.push(`          … ${check.count - SHOWN_VIOLATIONS} more`);
    }
  }
  return lines.join('\n') + '\n';
}

const STATE_LABELS: Record<StepResult['state'], string> = { verified: 'verified', regressed: 'REGRESSED', ready: 'ready', pending: 'pending' };

function statusNote(step: StepResult): string {
  const notes = [step.status.state === 'done' ? `done ${step.status.date}` : step.status.state === 'doing' ? 'doing' : '', step.manual ? 'manual' : ''].filter(Boolean);
  return notes.length ? `  (${notes.join(', ')})` : '';
}

function checkJson(file: string, result: AnalysisResult, evaluation: PlanEvaluation) {
  return { plan: shown(file), root: result.root, counts: evaluation.counts, regressed: evaluation.regressed, steps: evaluation.steps };
}

/** Prints diagnostics as `file:line:col: severity: message [code]`; true when one of them is an error. */
function reportDiagnostics(file: string, diagnostics: readonly PlanDiagnostic[]): boolean {
  for (const d of diagnostics) err(`${shown(file)}:${d.line + 1}:${d.column + 1}: ${d.severity}: ${d.message} [${d.code}]\n`);
  return diagnostics.some((d) => d.severity === 'error');
}

function write(snapshot: PlanFileSnapshot, text: string): boolean {
  try {
    const outcome = writePlanFile(snapshot, text);
    if (!outcome.written) err(`strangler: ${outcome.reason}\n`);
    return outcome.written;
  } catch (e) {
    err(`strangler: cannot write ${shown(snapshot.file)}: ${e instanceof Error ? e.message : String(e)}\n`);
    return false;
  }
}

function parseMoveFlag(value: string): Move {
  const [concern, from, to, ...rest] = value.split(':');
  if (!concern || !from || !to || rest.length) throw new UsageError(`--move expects concern:from:to, like orm:typeorm:prisma, got '${value}'`);
  if (!isConcern(concern)) throw new UsageError(`--move: unknown concern '${concern}'; expected orm, routing, queue or session`);
  for (const id of [from, to]) if (!FRAMEWORK_ID.test(id)) throw new UsageError(`--move: '${id}' is not a framework id (lowercase letters, digits, '.', '_', '-')`);
  return { concern, from, to };
}

function orderFlag(args: ParsedArgs): OrderStrategy | undefined {
  const value = args.flags.order;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(ORDER_STRATEGIES as readonly string[]).includes(value)) throw new UsageError(`--order expects pain-first or quick-wins, got '${String(value)}'`);
  return value as OrderStrategy;
}

/** A path as the user wants to read it: relative to the working folder when inside it. */
export function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export function usageGuard(command: (args: ParsedArgs) => Promise<number>): (args: ParsedArgs) => Promise<number> {
  return async (args) => {
    try {
      return await command(args);
    } catch (e) {
      if (e instanceof UsageError) {
        err(`strangler: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  };
}
