/**
 * Prints a plan: parsed lines come back exactly as written (so an unedited parse prints byte for byte), nodes
 * built in memory come out in the canonical form, and `{ canonical: true }` reformats every line.
 *
 * Canonical form: `plan` and `phase` at column 0, two spaces per level, one blank line before each phase and
 * between steps, step clauses in the order manual, why, scope, check, hint, status, a trailing comment two
 * spaces after the content, '\n' line endings (or the file's own), and a final newline.
 *
 * A parsed node prints its `source.raw` as long as it has a `source`: to change a parsed file, use the minimal
 * edits of `edit.ts` (or delete the node's `source`, and it prints canonically in its old place).
 */
import {
  headerClauses,
  stepClauses,
  type Check,
  type CheckTarget,
  type Glob,
  type HeaderClause,
  type LineEnding,
  type Phase,
  type PlanFile,
  type PlanNode,
  type Step,
  type StepClause,
  type Trivia,
} from './ast';
import { GLOB_STOP_WORDS } from './parseClauses';
import { quote } from './scan';

export interface PrintOptions {
  /** Reformat every node instead of keeping parsed lines as written; comments and blank lines stay. */
  canonical?: boolean;
}

interface OutputLine {
  text: string;
  /** The line's own ending when it came from the source; otherwise the file's. */
  eol?: LineEnding;
}

export function printPlan(plan: PlanFile, options: PrintOptions = {}): string {
  const printer = new PlanPrinter(plan, options.canonical === true);
  printer.printFile();
  return printer.text();
}

class PlanPrinter {
  private readonly lines: OutputLine[] = [];
  private readonly indentUnit: string;

  constructor(
    private readonly plan: PlanFile,
    private readonly canonical: boolean,
  ) {
    this.indentUnit = canonical ? '  ' : plan.indentUnit || '  ';
  }

  printFile(): void {
    const header = this.plan.header;
    if (header) {
      this.node(header, 0, false, () => `plan ${quote(oneLine(header.title))}`);
      for (const clause of inSourceOrder(headerClauses(header))) this.node(clause, 1, false, () => headerClauseText(clause));
    }
    for (const phase of inSourceOrder(this.plan.phases)) this.phase(phase);
    this.trivia(this.plan.trailingTrivia, 0);
  }

  text(): string {
    const eol = this.plan.eol;
    const last = this.lines.length - 1;
    const body = this.lines
      .map((line, index) => {
        // A source line that ended the file without a newline needs one once something follows it.
        const ending = this.canonical || line.eol === undefined ? eol : line.eol || (index < last ? eol : '');
        return line.text + ending;
      })
      .join('');
    return (this.plan.bom ? '\ufeff' : '') + body;
  }

  private phase(phase: Phase): void {
    this.node(phase, 0, this.lines.length > 0, () => `phase ${quote(oneLine(phase.title))}`);
    inSourceOrder(phase.steps).forEach((step, index) => this.step(step, index > 0));
  }

  private step(step: Step, blankBefore: boolean): void {
    this.node(step, 1, blankBefore, () => `step ${step.id} ${quote(oneLine(step.title))}`);
    for (const clause of inSourceOrder(stepClauses(step))) this.node(clause, 2, false, () => stepClauseText(clause));
  }

  /** Blank lines are only added before new nodes: a parsed node's spacing is in its own trivia. */
  private node(node: PlanNode<string>, depth: number, blankBefore: boolean, content: () => string): void {
    if (!node.source && blankBefore) this.lines.push({ text: '' });
    this.trivia(node.leadingTrivia ?? [], depth);
    if (node.source && !this.canonical) {
      this.lines.push({ text: node.source.raw, eol: node.source.eol });
      return;
    }
    const comment = node.trailingComment ? `  ${commentText(node.trailingComment.text)}` : '';
    this.lines.push({ text: this.indentUnit.repeat(depth) + content() + comment });
  }

  private trivia(trivia: Trivia[], depth: number): void {
    for (const item of trivia) {
      if (item.source && (!this.canonical || item.kind === 'skipped')) {
        // A skipped line cannot be reformatted (it did not parse), so even canonical printing keeps it as written.
        this.lines.push({ text: item.source.raw, eol: this.canonical ? undefined : item.source.eol });
      } else if (item.kind === 'blank') {
        this.lines.push({ text: '' });
      } else {
        const text = item.kind === 'comment' ? commentText(item.text) : oneLine(item.text);
        this.lines.push({ text: this.indentUnit.repeat(depth) + text });
      }
    }
  }
}

/**
 * Parsed nodes keep their source order; a new node keeps its canonical place right after the parsed node that
 * precedes it, so a check added to a parsed step lands after the step's other checks, not after its status.
 */
function inSourceOrder<T extends PlanNode<string>>(nodes: T[]): T[] {
  let key = -1;
  let offset = 0;
  const keyed = nodes.map((node) => {
    if (node.source) [key, offset] = [node.source.line, 0];
    else offset += 1e-6;
    return { node, key: key + offset };
  });
  return keyed.sort((a, b) => a.key - b.key).map((entry) => entry.node);
}

function headerClauseText(clause: HeaderClause): string {
  return clause.kind === 'order' ? `order ${clause.strategy}` : `move ${clause.concern} from ${clause.from} to ${clause.to}`;
}

function stepClauseText(clause: StepClause): string {
  switch (clause.kind) {
    case 'manual':
      return 'manual';
    case 'why':
      return `why ${whyText(clause.text)}`;
    case 'scope':
      return `scope ${clause.globs.map(globText).join(' ')}`;
    case 'hint':
      return `hint ${quote(oneLine(clause.text))}`;
    case 'status':
      return clause.state === 'done' ? `status done ${clause.date ?? ''}`.trimEnd() : `status ${clause.state}`;
    case 'check':
      return `check ${checkText(clause)}`;
  }
}

export function checkText(check: Check): string {
  switch (check.rule) {
    case 'none':
      return `none ${targetText(check.target)} ${withinText(check.within, check.except)}`;
    case 'at-most':
      return `at-most ${check.limit} ${targetText(check.target)} ${withinText(check.within, check.except)}`;
    case 'ratchet':
      return `ratchet ${targetText(check.target)} ${withinText(check.within, check.except)} at-most ${check.limit}`;
    case 'dependency':
      return `dependency ${check.packageName} ${check.expect}`;
    case 'routes': {
      const limit = check.quantifier === 'none' ? 'none' : `at-most ${check.limit}`;
      return `routes ${globText({ pattern: check.path })} served-by ${check.servedBy} ${limit}`;
    }
  }
}

function targetText(target: CheckTarget): string {
  if (target.kind === 'package') return `package ${target.packageName}`;
  return target.kind === 'concern' ? target.concern : target.framework;
}

function withinText(within: Glob, except: Glob[]): string {
  const exceptText = except.length > 0 ? ` except ${except.map(globText).join(' ')}` : '';
  return `in ${globText(within)}${exceptText}`;
}

/** A glob goes bare unless the tokenizer would read it differently: spaces, quotes, a leading '#', a keyword. */
export function globText(glob: Pick<Glob, 'pattern'>): string {
  const pattern = oneLine(glob.pattern);
  const bare = pattern !== '' && !/[\s"]/.test(pattern) && !pattern.startsWith('#') && !GLOB_STOP_WORDS.has(pattern);
  return bare ? pattern : quote(pattern);
}

/** `why` text is free, but a ' #' would start a comment and a leading quote would read as a string: quote those. */
function whyText(text: string): string {
  const line = oneLine(text);
  const bare = line !== '' && line === line.trim() && !/(^|\s)#/.test(line) && !line.startsWith('"');
  return bare ? line : quote(line);
}

/** The language is line-oriented: a line break inside a value would split the node, so it becomes a space. */
function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ');
}


/** Comments built in memory may come without their '#'; printed without it they would not be comments. */
function commentText(text: string): string {
  const line = oneLine(text);
  return line.startsWith('#') ? line : `# ${line}`;
}
