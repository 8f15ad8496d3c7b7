/**
 * Parses `.strangler` plan text into a `PlanFile` and diagnostics; never throws, skips a bad line with a
 * diagnostic and goes on, and keeps every line (comments, blanks, skipped lines) so the file prints back as it was.
 *
 * The keyword of a line decides where it belongs (`step` under a phase, `check` under a step); indentation is
 * then verified against the file's own indent unit. Deciding by keyword first means one wrong indent costs one
 * diagnostic instead of re-parenting everything below it.
 */
import type {
  Phase,
  PlanDiagnostic,
  PlanFile,
  PlanHeader,
  PlanNode,
  SourceLine,
  Step,
  StepClause,
  Trivia,
} from './ast';
import {
  ClauseReader,
  found,
  readCheck,
  readHint,
  readManual,
  readMove,
  readOrder,
  readPhaseLine,
  readPlanLine,
  readScope,
  readStatus,
  readStepLine,
  readWhy,
} from './parseClauses';
import { LineCursor, indentationOf, splitLines, type Token } from './scan';

export interface PlanParseResult {
  plan: PlanFile;
  diagnostics: PlanDiagnostic[];
}

/** Past this many, more diagnostics help nobody (and a 10 MB binary file would otherwise produce millions). */
const MAX_DIAGNOSTICS = 500;

const HEADER_WORDS = ['order', 'move'] as const;
const STEP_WORDS = ['manual', 'why', 'scope', 'check', 'hint', 'status'] as const;
const KEYWORDS = ['plan', 'phase', 'step', ...HEADER_WORDS, ...STEP_WORDS];
type StepWord = (typeof STEP_WORDS)[number];

type Context =
  | { kind: 'top' }
  | { kind: 'plan'; header: PlanHeader }
  | { kind: 'phase'; phase: Phase }
  | { kind: 'step'; phase: Phase; step: Step }
  /** After a step line too broken to keep: its clauses are skipped quietly, the step line already has the error. */
  | { kind: 'skippedStep'; phase?: Phase };

export function parsePlan(text: string): PlanParseResult {
  const input = typeof text === 'string' ? text : '';
  try {
    return new PlanParser(input).run();
  } catch (error) {
    // A parser bug must not take down the editor or the CI gate; the fuzz tests keep this branch dead.
    const { lines, bom, eol } = splitLines(input);
    const trailingTrivia: Trivia[] = lines.map((source) => ({ kind: 'skipped', text: source.raw, source }));
    const plan: PlanFile = { kind: 'planFile', phases: [], trailingTrivia, eol, bom, indentUnit: '  ' };
    const message = `the plan parser failed (please report this): ${String(error)}`;
    return { plan, diagnostics: [{ line: 0, column: 0, endColumn: 0, severity: 'error', code: 'internal-error', message }] };
  }
}

class PlanParser {
  private readonly lines: SourceLine[];
  private readonly plan: PlanFile;
  private readonly diagnostics: PlanDiagnostic[] = [];
  private context: Context = { kind: 'top' };
  private pending: Trivia[] = [];
  private readonly stepLines = new Map<string, number>();
  private readonly phaseLines = new Map<string, number>();

  constructor(text: string) {
    const { lines, bom, eol } = splitLines(text);
    this.lines = lines;
    this.plan = { kind: 'planFile', phases: [], trailingTrivia: [], eol, bom, indentUnit: findIndentUnit(lines) };
  }

  run(): PlanParseResult {
    for (const source of this.lines) this.readLine(source);
    this.plan.trailingTrivia = this.pending;
    for (const phase of this.plan.phases) {
      for (const step of phase.steps) {
        if (step.checks.length > 0 || step.manual || !step.parts?.id) continue;
        const message = `step '${step.id}' has no check the engine can verify; add a 'check' line or mark it 'manual'`;
        this.report(step.parts.id, 'warning', 'step-without-check', message);
      }
    }
    this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { plan: this.plan, diagnostics: this.diagnostics };
  }

  private report(at: { line: number; column: number; endColumn: number }, severity: PlanDiagnostic['severity'], code: PlanDiagnostic['code'], message: string): void {
    if (this.diagnostics.length > MAX_DIAGNOSTICS) return;
    if (this.diagnostics.length === MAX_DIAGNOSTICS) {
      const more = `found more than ${MAX_DIAGNOSTICS} problems; showing the first ${MAX_DIAGNOSTICS}`;
      this.diagnostics.push({ line: at.line, column: at.column, endColumn: at.endColumn, severity: 'info', code: 'too-many-problems', message: more });
      return;
    }
    this.diagnostics.push({ line: at.line, column: at.column, endColumn: at.endColumn, severity, code, message });
  }

  private readLine(source: SourceLine): void {
    const raw = source.raw;
    const indent = indentationOf(raw);
    if (indent.length === raw.length) {
      this.pending.push({ kind: 'blank', text: '', source });
      return;
    }
    if (raw[indent.length] === '#') {
      this.pending.push({ kind: 'comment', text: raw.slice(indent.length), source });
      return;
    }
    const cursor = new LineCursor(raw, indent.length);
    const keyword = cursor.next()!;
    const reader = new ClauseReader(cursor, source.line, (d) => this.report({ line: source.line, ...d }, d.severity, d.code, d.message));
    if (!this.place(keyword, reader, source, indent)) {
      this.pending.push({ kind: 'skipped', text: raw.slice(indent.length), source });
    }
  }

  /** Reads the line and hangs the node where its keyword says; false when the line is skipped. */
  private place(keyword: Token, r: ClauseReader, source: SourceLine, indent: string): boolean {
    const word = keyword.kind === 'word' ? keyword.text : '';
    const context = this.context;
    switch (word) {
      case 'plan': {
        if (this.plan.header || this.plan.phases.length > 0) {
          const first = this.plan.header?.source ? ` (the plan starts on line ${this.plan.header.source.line + 1})` : '';
          const message = `expected one 'plan' line at the top of the file, found another 'plan'${first}`;
          return this.misplaced(keyword, source, 'duplicate-plan', message);
        }
        const header: PlanHeader = { ...readPlanLine(r), moves: [] };
        this.plan.header = this.finish(header, keyword, r, source, indent, 0);
        this.context = { kind: 'plan', header };
        return true;
      }
      case 'order':
      case 'move': {
        if (context.kind !== 'plan') return this.misplaced(keyword, source, 'misplaced-line', `'${word}' belongs in the plan block at the top, found it ${this.where()}`);
        const clause = word === 'order' ? readOrder(r) : readMove(r);
        if (!clause) return false;
        if (clause.kind === 'order') {
          if (context.header.order) return this.duplicate(keyword, source, context.header.order, 'the plan');
          context.header.order = this.finish(clause, keyword, r, source, indent, 1);
        } else {
          context.header.moves.push(this.finish(clause, keyword, r, source, indent, 1));
        }
        return true;
      }
      case 'phase': {
        const phase: Phase = { ...readPhaseLine(r), steps: [] };
        if (!this.plan.header && this.plan.phases.length === 0) {
          const message = `expected a 'plan "title"' line before the first phase, found 'phase'`;
          this.report(span(source, keyword), 'error', 'missing-plan', message);
        }
        const seen = this.phaseLines.get(phase.title);
        if (seen !== undefined && phase.parts?.title) {
          const message = `phase "${phase.title}" already exists on line ${seen + 1}; give phases distinct titles so edits can find them`;
          this.report(phase.parts.title, 'warning', 'duplicate-phase-title', message);
        } else this.phaseLines.set(phase.title, source.line);
        this.plan.phases.push(this.finish(phase, keyword, r, source, indent, 0));
        this.context = { kind: 'phase', phase };
        return true;
      }
      case 'step': {
        const phase = context.kind === 'phase' || context.kind === 'step' || context.kind === 'skippedStep' ? context.phase : undefined;
        if (!phase) {
          const message = `expected 'step' under a phase, found it ${this.where()}; add a 'phase "…"' line above it`;
          this.context = { kind: 'skippedStep' };
          return this.misplaced(keyword, source, 'misplaced-line', message);
        }
        const read = readStepLine(r);
        if (!read) {
          this.context = { kind: 'skippedStep', phase };
          return false;
        }
        const step: Step = { ...read, scopes: [], checks: [], hints: [] };
        const seen = this.stepLines.get(step.id);
        if (seen !== undefined) {
          const message = `step id '${step.id}' is already used on line ${seen + 1}; step ids must be unique`;
          this.report(step.parts!.id!, 'error', 'duplicate-step-id', message);
        } else this.stepLines.set(step.id, source.line);
        phase.steps.push(this.finish(step, keyword, r, source, indent, 1));
        this.context = { kind: 'step', phase, step };
        return true;
      }
      case 'manual':
      case 'why':
      case 'scope':
      case 'check':
      case 'hint':
      case 'status':
        return this.placeStepClause(word, keyword, r, source, indent);
      default: {
        const guess = closestKeyword(keyword.text);
        const hint = guess ? `; did you mean '${guess}'?` : '';
        const message = `expected ${this.expectedHere()}, found ${found(keyword)}${hint}`;
        this.report(span(source, keyword), 'error', 'unknown-keyword', message);
        return false;
      }
    }
  }

  private placeStepClause(word: StepWord, keyword: Token, r: ClauseReader, source: SourceLine, indent: string): boolean {
    const context = this.context;
    if (context.kind === 'skippedStep') return false;
    if (context.kind !== 'step') {
      return this.misplaced(keyword, source, 'misplaced-line', `'${word}' belongs under a step, found it ${this.where()}`);
    }
    const step = context.step;
    const clause: StepClause | undefined = CLAUSE_READERS[word](r);
    if (!clause) return false;
    const owner = `step '${step.id}'`;
    switch (clause.kind) {
      case 'manual':
        if (step.manual) return this.duplicate(keyword, source, step.manual, owner);
        step.manual = this.finish(clause, keyword, r, source, indent, 2);
        return true;
      case 'why':
        if (step.why) return this.duplicate(keyword, source, step.why, owner);
        step.why = this.finish(clause, keyword, r, source, indent, 2);
        return true;
      case 'status':
        if (step.status) return this.duplicate(keyword, source, step.status, owner);
        step.status = this.finish(clause, keyword, r, source, indent, 2);
        return true;
      case 'scope':
        step.scopes.push(this.finish(clause, keyword, r, source, indent, 2));
        return true;
      case 'hint':
        step.hints.push(this.finish(clause, keyword, r, source, indent, 2));
        return true;
      case 'check':
        step.checks.push(this.finish(clause, keyword, r, source, indent, 2));
        return true;
    }
  }

  /** Gives a read node its place in the source, its trivia and its comment, and checks its indentation. */
  private finish<T extends PlanNode<string>>(node: T, keyword: Token, r: ClauseReader, source: SourceLine, indent: string, depth: number): T {
    node.source = source;
    node.span = { line: source.line, column: keyword.column, endColumn: Math.max(keyword.endColumn, r.cursor.contentEnd) };
    (node.parts ??= {}).keyword = span(source, keyword);
    node.leadingTrivia = this.pending;
    this.pending = [];
    const comment = r.cursor.comment;
    if (comment) node.trailingComment = { text: comment.text, span: { line: source.line, column: comment.column, endColumn: source.raw.length } };
    this.checkIndent(indent, depth, keyword, source);
    return node;
  }

  private checkIndent(indent: string, depth: number, keyword: Token, source: SourceLine): void {
    const unit = this.plan.indentUnit;
    const expected = unit.repeat(depth);
    if (indent === expected) return;
    const at = indent.length > 0 ? { line: source.line, column: 0, endColumn: indent.length } : span(source, keyword);
    if (indent.includes(' ') && indent.includes('\t')) {
      this.report(at, 'error', 'mixed-indentation', `expected indentation of only spaces or only tabs, found ${describeIndent(indent)}`);
      return;
    }
    const levels = depth === 0 ? 'at the start of the line' : `indented by ${describeIndent(expected)} (${depth} × ${describeIndent(unit)}, the indent this file uses)`;
    this.report(at, 'error', 'indentation', `expected '${keyword.text}' ${levels}, found ${describeIndent(indent)}`);
  }

  private misplaced(keyword: Token, source: SourceLine, code: 'misplaced-line' | 'duplicate-plan', message: string): false {
    this.report(span(source, keyword), 'error', code, message);
    return false;
  }

  private duplicate(keyword: Token, source: SourceLine, first: PlanNode<string>, owner: string): false {
    const where = first.source ? ` (the first is on line ${first.source.line + 1})` : '';
    const message = `expected one '${keyword.text}' line for ${owner}, found a second one${where}`;
    this.report(span(source, keyword), 'error', 'duplicate-clause', message);
    return false;
  }

  private where(): string {
    const context = this.context;
    switch (context.kind) {
      case 'top':
        return 'before any plan or phase';
      case 'plan':
        return 'in the plan block';
      case 'phase':
        return `directly under phase "${context.phase.title}"`;
      case 'step':
        return `under step '${context.step.id}'`;
      case 'skippedStep':
        return 'after a step line that could not be read';
    }
  }

  private expectedHere(): string {
    switch (this.context.kind) {
      case 'top':
        return "'plan \"title\"', 'phase \"title\"' or a '#' comment";
      case 'plan':
        return "'order', 'move' or 'phase'";
      case 'phase':
        return "'step' or 'phase'";
      default:
        return "a step line ('check', 'status', 'scope', 'why', 'hint', 'manual'), 'step' or 'phase'";
    }
  }
}

const CLAUSE_READERS: Record<StepWord, (r: ClauseReader) => StepClause | undefined> = {
  manual: readManual,
  why: readWhy,
  scope: readScope,
  check: readCheck,
  hint: readHint,
  status: readStatus,
};

function span(source: SourceLine, token: Token) {
  return { line: source.line, column: token.column, endColumn: token.endColumn };
}

/**
 * The file's indent unit is the indentation of its first header clause or step, the lines one level deep.
 * Taking it from the file (not a fixed two spaces) accepts any consistent style, tabs included.
 */
function findIndentUnit(lines: SourceLine[]): string {
  for (const { raw } of lines) {
    const match = /^([ \t]+)(?:order|move|step)(?=[ \t]|$)/.exec(raw);
    if (match) return match[1];
  }
  return '  ';
}

function describeIndent(indent: string): string {
  if (indent === '') return 'no indentation';
  const spaces = [...indent].filter((char) => char === ' ').length;
  const tabs = indent.length - spaces;
  const parts = [];
  if (spaces) parts.push(spaces === 1 ? '1 space' : `${spaces} spaces`);
  if (tabs) parts.push(tabs === 1 ? '1 tab' : `${tabs} tabs`);
  return parts.join(' and ');
}

/** A keyword within two edits of `word`, for "did you mean"; typos like `chek` and `stauts` are the common case. */
function closestKeyword(word: string): string | undefined {
  if (word.length < 3 || word.length > 12) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const keyword of KEYWORDS) {
    const distance = editDistance(word.toLowerCase(), keyword);
    if (distance < bestDistance) [best, bestDistance] = [keyword, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
