/**
 * The syntax tree of a `.strangler` plan file: plan header, phases, steps and their checks, with enough source
 * detail (line text, line ending, comments, blank and skipped lines) that an unedited parse prints back byte for byte.
 *
 * Positions are 0-based and counted in UTF-16 code units, as LSP counts them; `endColumn` is exclusive. A
 * leading byte-order mark is not part of the text (VS Code never shows it either): column 0 of line 0 is the
 * character after it. Every node sits on exactly one line, so a `Span` needs no end line.
 *
 * Nodes built in memory (by the plan generator) leave `source`, `span` and `parts` out; the printer prints
 * those canonically. Parsed nodes always have them.
 */
import type { Concern } from '../engine/model';

export interface Span {
  line: number;
  column: number;
  endColumn: number;
}

export type LineEnding = '' | '\n' | '\r\n' | '\r';

/** One physical line of the input, as it was: the printer writes `raw + eol` back for an unedited node. */
export interface SourceLine {
  line: number;
  raw: string;
  eol: LineEnding;
}

/**
 * A line that is not a node: blank, a full-line comment, or a line the parser skipped after reporting it.
 * Trivia belongs to the node that follows it (or to the file's `trailingTrivia` at the end).
 */
export interface Trivia {
  kind: 'blank' | 'comment' | 'skipped';
  /** The line without its indentation: `# why we wait`, or the skipped text. Empty for a blank line. */
  text: string;
  source?: SourceLine;
}

/** A `# …` comment after a node's content on the same line. */
export interface TrailingComment {
  text: string;
  span?: Span;
}

/**
 * What every node carries. `Part` names the pieces of the line a tool may want to point at (the step id, a
 * check's limit); `parts.keyword` is always the leading keyword.
 */
export interface PlanNode<Part extends string = never> {
  source?: SourceLine;
  /** The node's content: from its keyword to its last token, before any trailing comment. */
  span?: Span;
  parts?: Partial<Record<Part | 'keyword', Span>>;
  leadingTrivia?: Trivia[];
  trailingComment?: TrailingComment;
}

export interface PlanFile {
  kind: 'planFile';
  header?: PlanHeader;
  phases: Phase[];
  /** Blank lines, comments and skipped lines after the last node. */
  trailingTrivia: Trivia[];
  /** The most frequent line ending of the input ('\n' for an empty or new file); new lines use it. */
  eol: '\n' | '\r\n' | '\r';
  bom: boolean;
  /** One level of indentation as the file writes it (the first indented line decides); two spaces by default. */
  indentUnit: string;
}

export type OrderStrategy = 'pain-first' | 'quick-wins';
export const ORDER_STRATEGIES: readonly OrderStrategy[] = ['pain-first', 'quick-wins'];

/** `plan "title"` and its clauses: the migration as a whole. */
export interface PlanHeader extends PlanNode<'title'> {
  kind: 'plan';
  title: string;
  order?: OrderClause;
  moves: MoveClause[];
}

/** `order pain-first|quick-wins`: how the generator ranks steps. */
export interface OrderClause extends PlanNode<'strategy'> {
  kind: 'order';
  strategy: OrderStrategy;
}

/** `move <concern> from <framework> to <framework>`: one framework swap the plan carries out. */
export interface MoveClause extends PlanNode<'concern' | 'from' | 'to'> {
  kind: 'move';
  /** A concern word; unknown concerns are only warned about, so that new concerns need no parser change. */
  concern: string;
  from: string;
  to: string;
}

export interface Phase extends PlanNode<'title'> {
  kind: 'phase';
  title: string;
  steps: Step[];
}

export interface Step extends PlanNode<'id' | 'title'> {
  kind: 'step';
  id: string;
  title: string;
  manual?: ManualClause;
  why?: WhyClause;
  scopes: ScopeClause[];
  /** In source order; `setRatchetLimit`'s check index counts in this array. */
  checks: Check[];
  hints: HintClause[];
  /** Absent means `todo`. */
  status?: StatusClause;
}

/** `manual`: a step only a human can judge; its checks (if any) are still verified. */
export interface ManualClause extends PlanNode {
  kind: 'manual';
}

/** `why <free text>`: why the step sits where it sits. */
export interface WhyClause extends PlanNode<'text'> {
  kind: 'why';
  text: string;
}

/** `scope <glob> …`: the files the step is about (go-to-definition lands here). */
export interface ScopeClause extends PlanNode {
  kind: 'scope';
  globs: Glob[];
}

/** `hint "…"`: a migration hint for whoever does the step. */
export interface HintClause extends PlanNode<'text'> {
  kind: 'hint';
  text: string;
}

export type StepState = 'todo' | 'doing' | 'done';
export type StepStatus = { state: 'todo' } | { state: 'doing' } | { state: 'done'; date: string };

/** `status todo|doing|done YYYY-MM-DD`. */
export interface StatusClause extends PlanNode<'state' | 'date'> {
  kind: 'status';
  state: StepState;
  /** Set exactly when `state` is `done`. */
  date?: string;
}

/** A workspace-relative glob as written (quotes removed when it was quoted). */
export interface Glob {
  pattern: string;
  span?: Span;
}

/** What a coupling check counts: all sites of a concern, of one framework, or of one npm package. */
export type CheckTarget =
  | { kind: 'concern'; concern: Concern }
  | { kind: 'framework'; framework: string }
  | { kind: 'package'; packageName: string };

interface CouplingCheckBase extends PlanNode<'rule' | 'target' | 'limit'> {
  kind: 'check';
  target: CheckTarget;
  within: Glob;
  except: Glob[];
  /** The most sites allowed; always 0 for `none`. */
  limit: number;
}

/** `check none <target> in <glob> [except <glob> …]` */
export interface NoneCheck extends CouplingCheckBase {
  rule: 'none';
}

/** `check at-most N <target> in <glob> [except <glob> …]` */
export interface AtMostCheck extends CouplingCheckBase {
  rule: 'at-most';
}

/** `check ratchet <target> in <glob> [except <glob> …] at-most N`: N is today's count and only goes down. */
export interface RatchetCheck extends CouplingCheckBase {
  rule: 'ratchet';
}

/** `check dependency <npm-name> present|absent`: about package.json. */
export interface DependencyCheck extends PlanNode<'rule' | 'package' | 'expect'> {
  kind: 'check';
  rule: 'dependency';
  packageName: string;
  expect: 'present' | 'absent';
}

/** `check routes <path-glob> served-by legacy|<framework> none|at-most N`: how far the façade has moved traffic. */
export interface RoutesCheck extends PlanNode<'rule' | 'path' | 'servedBy' | 'limit'> {
  kind: 'check';
  rule: 'routes';
  /** A route path glob starting with '/', e.g. `/api/users/**`. */
  path: string;
  /** `legacy` (the frameworks the plan moves away from) or a framework id. */
  servedBy: string;
  quantifier: 'none' | 'at-most';
  /** 0 for `none`. */
  limit: number;
}

export type CouplingCheck = NoneCheck | AtMostCheck | RatchetCheck;
export type Check = CouplingCheck | DependencyCheck | RoutesCheck;
export type CheckRule = Check['rule'];

export type StepClause = ManualClause | WhyClause | ScopeClause | Check | HintClause | StatusClause;
export type HeaderClause = OrderClause | MoveClause;
export type AnyPlanNode = PlanHeader | HeaderClause | Phase | Step | StepClause;

export type PlanSeverity = 'error' | 'warning' | 'info';

/** Every problem the parser can report; the LSP layer keys quick fixes on these. */
export type PlanDiagnosticCode =
  | 'unknown-keyword'
  | 'misplaced-line'
  | 'missing-plan'
  | 'duplicate-plan'
  | 'duplicate-clause'
  | 'expected-title'
  | 'unterminated-string'
  | 'bad-escape'
  | 'bad-step-id'
  | 'duplicate-step-id'
  | 'duplicate-phase-title'
  | 'bad-order'
  | 'unknown-concern'
  | 'bad-framework-id'
  | 'bad-package-name'
  | 'bad-check'
  | 'bad-target'
  | 'expected-glob'
  | 'expected-keyword'
  | 'bad-number'
  | 'bad-route-path'
  | 'bad-presence'
  | 'bad-status'
  | 'done-without-date'
  | 'bad-date'
  | 'expected-text'
  | 'trailing-text'
  | 'indentation'
  | 'mixed-indentation'
  | 'step-without-check'
  | 'too-many-problems'
  | 'internal-error';

export interface PlanDiagnostic {
  line: number;
  column: number;
  endColumn: number;
  severity: PlanSeverity;
  code: PlanDiagnosticCode;
  message: string;
}

/** The step's status, `todo` when the step has no status line. */
export function stepStatus(step: Step): StepStatus {
  const status = step.status;
  if (status?.state === 'done' && status.date) return { state: 'done', date: status.date };
  if (status?.state === 'doing') return { state: 'doing' };
  return { state: 'todo' };
}

/** All steps of the plan in file order, each with its phase: what an evaluator walks. */
export function* planSteps(plan: PlanFile): Generator<{ phase: Phase; step: Step }> {
  for (const phase of plan.phases) for (const step of phase.steps) yield { phase, step };
}

/** The clauses of a step in canonical order; the printer keeps source order for parsed clauses. */
export function stepClauses(step: Step): StepClause[] {
  const clauses: StepClause[] = [];
  if (step.manual) clauses.push(step.manual);
  if (step.why) clauses.push(step.why);
  clauses.push(...step.scopes, ...step.checks, ...step.hints);
  if (step.status) clauses.push(step.status);
  return clauses;
}

export function headerClauses(header: PlanHeader): HeaderClause[] {
  return header.order ? [header.order, ...header.moves] : [...header.moves];
}
