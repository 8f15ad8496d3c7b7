/**
 * Minimal text edits on a plan file — set a status, tighten a ratchet, add a step or a phase — so the tool
 * changes only the lines concerned and a user's comments, order and wording survive every update.
 *
 * Edits are LSP-shaped (0-based lines and UTF-16 columns, end exclusive) and counted as the parser counts, a
 * leading BOM excluded; `applyEdits` applies them to the text as given, BOM or not.
 */
import type { Phase, PlanFile, PlanNode, SourceLine, Step, StepStatus } from './ast';
import { parsePlan } from './parse';
import { isCalendarDate } from './parseClauses';
import { LineCursor, indentationOf, lineStarts, splitLines } from './scan';

export interface TextEdit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface PlanEditResult {
  edits: TextEdit[];
  /** The text with the edits applied; the input unchanged when there is nothing to do or a problem. */
  text: string;
  /** Why nothing was edited: an unknown step, a check that is not a ratchet, a step text that does not parse. */
  problem?: string;
}

/** Sets a step's status in place, or adds a status line after the step's last line when it has none. */
export function setStepStatus(text: string, stepId: string, status: StepStatus): PlanEditResult {
  if (status.state === 'done' && !isCalendarDate(status.date)) return refuse(text, `expected a date YYYY-MM-DD, found '${status.date}'`);
  const doc = new PlanDocument(text);
  const found = doc.step(stepId);
  if (!found) return refuse(text, `no step '${stepId}' in the plan`);
  const { step, phase } = found;
  const newText = status.state === 'done' ? `status done ${status.date}` : `status ${status.state}`;
  if (step.status?.span) return doc.result([replaceSpan(step.status.span, newText)]);
  // A status line that failed to parse (`status done` without a date) is the one to fix, not to duplicate.
  const end = doc.regionEnd(phase, step);
  for (let line = step.source!.line + 1; line < end; line++) {
    const raw = doc.lines[line].raw;
    const indent = indentationOf(raw);
    if (!/^status(?=[ \t]|$)/.test(raw.slice(indent.length))) continue;
    return doc.result([replaceSpan({ line, column: indent.length, endColumn: contentEnd(raw, indent.length) }, newText)]);
  }
  return doc.result([doc.insertAfter(doc.lastLine(step), [doc.clauseIndent(step) + newText])]);
}

/** Rewrites the N of a ratchet (or an at-most) check: `checkIndex` counts the step's checks from 0 in file order. */
export function setRatchetLimit(text: string, stepId: string, checkIndex: number, limit: number): PlanEditResult {
  if (!Number.isSafeInteger(limit) || limit < 0) return refuse(text, `expected a whole number of sites, found ${limit}`);
  const doc = new PlanDocument(text);
  const step = doc.step(stepId)?.step;
  if (!step) return refuse(text, `no step '${stepId}' in the plan`);
  const check = step.checks[checkIndex];
  if (!check) return refuse(text, `step '${stepId}' has ${step.checks.length} checks, found index ${checkIndex}`);
  if ((check.rule !== 'ratchet' && check.rule !== 'at-most') || !check.parts?.limit) {
    return refuse(text, `expected a ratchet or at-most check at index ${checkIndex} of step '${stepId}', found a '${check.rule}' check`);
  }
  return doc.result([replaceSpan(check.parts.limit, String(limit))]);
}

/**
 * Adds a step at the end of a phase. `stepText` is the step as it would read at column 0 (`step id "title"` and
 * its clauses indented below); it is re-indented to the file's own indent.
 */
export function insertStep(text: string, phaseRef: string | number, stepText: string): PlanEditResult {
  const doc = new PlanDocument(text);
  const phase = doc.phase(phaseRef);
  if (!phase) return refuse(text, `no phase ${typeof phaseRef === 'number' ? `at index ${phaseRef}` : `"${phaseRef}"`} in the plan`);
  const block = reindent(stepText, 1, 1, doc.plan.indentUnit);
  const checked = validateBlock(`plan "_"\nphase "_"\n`, block, 2);
  if (typeof checked === 'string') return refuse(text, checked);
  if (checked.phases.length !== 1 || checked.phases[0].steps.length !== 1) return refuse(text, 'expected exactly one step in the step text');
  const clash = doc.clashingStepId(checked);
  if (clash) return refuse(text, `step id '${clash}' is already used in the plan`);
  const last = phase.steps.at(-1);
  // Follow the file's habit: a blank line between steps only when the phase already separates them so.
  const blank = last?.leadingTrivia?.some((trivia) => trivia.kind === 'blank') ? [''] : [];
  return doc.result([doc.insertAfter(doc.lastLine(phase), [...blank, ...block])]);
}

/**
 * Adds a phase after `afterPhase` (a title or an index), or at the end of the file. `phaseText` is the phase
 * as it would read at column 0 with its steps indented; it is re-indented to the file's own indent.
 */
export function insertPhase(text: string, phaseText: string, afterPhase?: string | number): PlanEditResult {
  const doc = new PlanDocument(text);
  const after = afterPhase === undefined ? undefined : doc.phase(afterPhase);
  if (afterPhase !== undefined && !after) return refuse(text, `no phase ${typeof afterPhase === 'number' ? `at index ${afterPhase}` : `"${afterPhase}"`} in the plan`);
  const block = reindent(phaseText, 0, 2, doc.plan.indentUnit);
  const checked = validateBlock('plan "_"\n', block, 1);
  if (typeof checked === 'string') return refuse(text, checked);
  if (checked.phases.length !== 1) return refuse(text, 'expected exactly one phase in the phase text');
  const title = checked.phases[0].title;
  if (doc.plan.phases.some((phase) => phase.title === title)) return refuse(text, `phase "${title}" already exists in the plan`);
  const clash = doc.clashingStepId(checked);
  if (clash) return refuse(text, `step id '${clash}' is already used in the plan`);
  const line = after ? doc.lastLine(after) : doc.lines.length - 1;
  const blank = line >= 0 && doc.lines[line].raw.trim() !== '' ? [''] : [];
  return doc.result([doc.insertAfter(line, [...blank, ...block])]);
}

/** Applies non-overlapping edits to the text they were computed on. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  let body = bom ? text.slice(1) : text;
  const starts = lineStarts(splitLines(body).lines);
  const offset = (line: number, column: number) => {
    if (line >= starts.length) return body.length;
    const next = line + 1 < starts.length ? starts[line + 1] : body.length;
    return Math.min(starts[line] + Math.max(0, column), next);
  };
  const placed = edits.map((edit) => ({ start: offset(edit.startLine, edit.startColumn), end: offset(edit.endLine, edit.endColumn), edit }));
  placed.sort((a, b) => b.start - a.start || b.end - a.end);
  for (const { start, end, edit } of placed) body = body.slice(0, start) + edit.newText + body.slice(end);
  return bom + body;
}

/** The parsed text with the lookups the edits need. */
class PlanDocument {
  readonly plan: PlanFile;
  readonly lines: SourceLine[];
  private readonly nodeLines = new Set<number>();

  constructor(readonly text: string) {
    this.plan = parsePlan(text).plan;
    this.lines = splitLines(text).lines;
    const mark = (node: PlanNode<string> | undefined) => node?.source && this.nodeLines.add(node.source.line);
    mark(this.plan.header);
    this.plan.header?.moves.forEach(mark);
    mark(this.plan.header?.order);
    for (const phase of this.plan.phases) {
      mark(phase);
      for (const step of phase.steps) [step, step.manual, step.why, step.status, ...step.scopes, ...step.checks, ...step.hints].forEach(mark);
    }
  }

  step(id: string): { phase: Phase; step: Step } | undefined {
    for (const phase of this.plan.phases) {
      const step = phase.steps.find((candidate) => candidate.id === id);
      if (step) return { phase, step };
    }
    return undefined;
  }

  phase(ref: string | number): Phase | undefined {
    return typeof ref === 'number' ? this.plan.phases[ref] : this.plan.phases.find((phase) => phase.title === ref);
  }

  /** The first line after the step that belongs to the next step or phase. */
  regionEnd(phase: Phase, step: Step): number {
    const next = phase.steps[phase.steps.indexOf(step) + 1] ?? this.plan.phases[this.plan.phases.indexOf(phase) + 1];
    return next?.source ? next.source.line : this.lines.length;
  }

  /** The node's last line, stretched over lines right below it that failed to parse (they were meant for it). */
  lastLine(node: Phase | Step): number {
    const steps = node.kind === 'phase' ? node.steps : [node];
    let last = node.source!.line;
    for (const step of steps) {
      for (const child of [step, step.manual, step.why, step.status, ...step.scopes, ...step.checks, ...step.hints]) {
        if (child?.source) last = Math.max(last, child.source.line);
      }
    }
    while (last + 1 < this.lines.length && !this.nodeLines.has(last + 1)) {
      const raw = this.lines[last + 1].raw;
      const indent = indentationOf(raw);
      if (indent.length === raw.length || raw[indent.length] === '#') break;
      last++;
    }
    return last;
  }

  clauseIndent(step: Step): string {
    const clause = [step.manual, step.why, ...step.scopes, ...step.checks, ...step.hints].find((node) => node?.source);
    return clause?.source ? indentationOf(clause.source.raw) : indentationOf(step.source!.raw) + this.plan.indentUnit;
  }

  clashingStepId(other: PlanFile): string | undefined {
    const ids = new Set(this.plan.phases.flatMap((phase) => phase.steps.map((step) => step.id)));
    return other.phases.flatMap((phase) => phase.steps).find((step) => ids.has(step.id))?.id;
  }

  /** An insertion of whole lines after line `line` (-1: at the start), in the file's line ending. */
  insertAfter(line: number, newLines: string[]): TextEdit {
    const eol = this.plan.eol;
    if (line < 0) return { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0, newText: newLines.map((l) => l + eol).join('') };
    const source = this.lines[line];
    if (source.eol === '') {
      // The file ends on this line without a newline: break it, and keep the file ending without one.
      const end = source.raw.length;
      return { startLine: line, startColumn: end, endLine: line, endColumn: end, newText: eol + newLines.join(eol) };
    }
    return { startLine: line + 1, startColumn: 0, endLine: line + 1, endColumn: 0, newText: newLines.map((l) => l + eol).join('') };
  }

  result(edits: TextEdit[]): PlanEditResult {
    const changed = edits.filter((edit) => !this.unchanged(edit));
    return { edits: changed, text: changed.length ? applyEdits(this.text, changed) : this.text };
  }

  private unchanged(edit: TextEdit): boolean {
    if (edit.startLine !== edit.endLine) return false;
    const raw = this.lines[edit.startLine]?.raw ?? '';
    return raw.slice(edit.startColumn, edit.endColumn) === edit.newText;
  }
}

function refuse(text: string, problem: string): PlanEditResult {
  return { edits: [], text, problem };
}

function replaceSpan(span: { line: number; column: number; endColumn: number }, newText: string): TextEdit {
  return { startLine: span.line, startColumn: span.column, endLine: span.line, endColumn: span.endColumn, newText };
}

/** Where a line's content ends, before trailing blanks and any comment. */
function contentEnd(raw: string, start: number): number {
  const cursor = new LineCursor(raw, start);
  while (cursor.next());
  return cursor.contentEnd;
}

/**
 * Re-indents a block written at column 0 to `baseDepth` levels of the file's unit. The block's own unit is its
 * first indented line; deeper lines keep their relative depth, capped at `maxExtraDepth`.
 */
function reindent(blockText: string, baseDepth: number, maxExtraDepth: number, unit: string): string[] {
  const lines = blockText.split(/\r\n|\r|\n/);
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  const base = lines.length ? indentationOf(lines[0]).length : 0;
  const ownUnit = lines.map((line) => indentationOf(line).length - base).find((width) => width > 0) ?? 1;
  return lines.map((line) => {
    const indent = indentationOf(line);
    if (indent.length === line.length) return '';
    const extra = Math.min(maxExtraDepth, Math.round(Math.max(0, indent.length - base) / ownUnit));
    return unit.repeat(baseDepth + extra) + line.slice(indent.length);
  });
}

/** Parses the new block under a scaffold; returns the parsed block or the first error, in block line numbers. */
function validateBlock(scaffold: string, block: string[], scaffoldLines: number): PlanFile | string {
  if (block.length === 0) return 'expected some text to insert, found none';
  const { plan, diagnostics } = parsePlan(scaffold + block.join('\n'));
  const error = diagnostics.find((d) => d.severity === 'error');
  return error ? `line ${error.line - scaffoldLines + 1} of the inserted text: ${error.message}` : plan;
}
