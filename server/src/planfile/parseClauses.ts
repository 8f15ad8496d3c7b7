/**
 * Reads the content of one plan line after its keyword (`step`, `check`, `status`, …) into a node, or reports
 * what it found against what it expected; `parse.ts` decides where the node goes.
 */
import { CONCERNS, type Concern } from '../engine/model';
import type {
  Check,
  CheckTarget,
  Glob,
  HintClause,
  ManualClause,
  MoveClause,
  OrderClause,
  PlanDiagnostic,
  PlanDiagnosticCode,
  PlanHeader,
  Phase,
  ScopeClause,
  Span,
  StatusClause,
  Step,
  WhyClause,
} from './ast';
import type { LineCursor, Token } from './scan';

export const STEP_ID = /^[a-z0-9][a-z0-9-]*$/;
export const FRAMEWORK_ID = /^[a-z][a-z0-9._-]*$/;
// npm's rules for package names, minus the length limit which is checked apart.
const NPM_NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CONCERN_LIST = 'a concern (orm, routing, queue, session), a framework id or \'package <name>\'';
/** Words that end a glob list; a glob spelled like one of them has to be quoted. */
export const GLOB_STOP_WORDS = new Set(['in', 'except', 'at-most']);

export type Report = (diagnostic: Omit<PlanDiagnostic, 'line'>) => void;

/** What a failed read leaves behind: nothing, so the caller skips the line. */
type Failed = undefined;

/** A cursor over one line plus the diagnostics that reading it produced; one problem per line is enough. */
export class ClauseReader {
  private failed = false;

  constructor(
    readonly cursor: LineCursor,
    readonly line: number,
    private readonly report: Report,
  ) {}

  get ok(): boolean {
    return !this.failed;
  }

  span(token: { column: number; endColumn: number }): Span {
    return { line: this.line, column: token.column, endColumn: token.endColumn };
  }

  fail(token: { column: number; endColumn: number } | undefined, code: PlanDiagnosticCode, message: string): Failed {
    if (this.failed) return undefined;
    this.failed = true;
    // At the end of the line, point at the last token read so the squiggle lands where the text stops.
    const at = token ?? this.cursor.last ?? { column: 0, endColumn: this.cursor.raw.length };
    this.report({ column: at.column, endColumn: at.endColumn, severity: 'error', code, message });
    return undefined;
  }

  warn(token: Token, code: PlanDiagnosticCode, message: string): void {
    this.report({ column: token.column, endColumn: token.endColumn, severity: 'warning', code, message });
  }

  /** The next token, failing on a malformed string so no caller has to look. */
  next(): Token | undefined {
    const token = this.cursor.next();
    if (token?.problem) {
      this.fail(token.problem, token.problem.code, token.problem.message);
      return undefined;
    }
    return token;
  }

  keyword(word: string, after: string): Token | Failed {
    const token = this.cursor.next();
    if (token?.kind === 'word' && token.text === word) return token;
    return this.fail(token, 'expected-keyword', `expected '${word}' after ${after}, found ${found(token)}`);
  }

  title(after: string, example: string): { value: string; span: Span } | Failed {
    const token = this.cursor.peek();
    if (token?.kind !== 'string') {
      return this.fail(token, 'expected-title', `expected a quoted title after ${after}, like ${example}, found ${found(token)}`);
    }
    return this.next() && { value: token.value, span: this.span(token) };
  }

  count(after: string): { value: number; span: Span } | Failed {
    const token = this.next();
    if (!this.ok) return undefined;
    if (token?.kind === 'word' && /^\d{1,15}$/.test(token.text)) return { value: Number(token.text), span: this.span(token) };
    return this.fail(token, 'bad-number', `expected a whole number after ${after}, found ${found(token)}`);
  }

  glob(after: string): Glob | Failed {
    const token = this.next();
    if (!this.ok) return undefined;
    if (token && (token.kind === 'string' || !GLOB_STOP_WORDS.has(token.text))) {
      return { pattern: token.value, span: this.span(token) };
    }
    return this.fail(token, 'expected-glob', `expected a glob after ${after}, like src/users/**, found ${found(token)}`);
  }

  /** The globs of `except a b c`, up to the end of the line or `stopWord`. */
  globList(after: string, stopWord?: string): Glob[] | Failed {
    const globs: Glob[] = [];
    for (let token = this.cursor.peek(); token && token.text !== stopWord; token = this.cursor.peek()) {
      const glob = this.glob(after);
      if (!glob) return undefined;
      globs.push(glob);
    }
    if (globs.length > 0) return globs;
    return this.fail(this.cursor.peek(), 'expected-glob', `expected a glob after ${after}, found ${found(this.cursor.peek())}`);
  }

  frameworkId(after: string): { value: string; span: Span } | Failed {
    const token = this.next();
    if (!this.ok) return undefined;
    if (token?.kind === 'word' && FRAMEWORK_ID.test(token.text)) return { value: token.text, span: this.span(token) };
    return this.fail(token, 'bad-framework-id', `expected a framework id after ${after}, like typeorm, found ${found(token)}`);
  }

  packageName(after: string): { value: string; span: Span } | Failed {
    const token = this.next();
    if (!this.ok) return undefined;
    if (token?.kind === 'word' && token.text.length <= 214 && NPM_NAME.test(token.text)) {
      return { value: token.text, span: this.span(token) };
    }
    return this.fail(token, 'bad-package-name', `expected an npm package name after ${after}, like @opentelemetry/api, found ${found(token)}`);
  }

  /** Succeeds when nothing but a comment is left on the line. */
  end(after: string): boolean {
    const token = this.cursor.peek();
    if (!token) return this.ok;
    this.fail(token, 'trailing-text', `expected the end of the line after ${after}, found ${found(token)}`);
    return false;
  }
}

/** How a token reads in a message: quoted and cut short, or "the end of the line". */
export function found(token: Token | undefined): string {
  if (!token) return 'the end of the line';
  const text = token.text.length > 40 ? `${token.text.slice(0, 37)}…` : token.text;
  // Control characters would garble the message (and the terminal of a CLI user), so they are spelled out.
  const visible = text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `'${visible}'`;
}

/** A plan or phase line with a bad title still opens its block, so the lines under it do not cascade into errors. */
export function readPlanLine(r: ClauseReader): Omit<PlanHeader, 'moves'> {
  const title = r.title("'plan'", 'plan "Leave TypeORM and Bull"');
  if (title) r.end('the plan title');
  return { kind: 'plan', title: title?.value ?? '', parts: { title: title?.span } };
}

export function readPhaseLine(r: ClauseReader): Omit<Phase, 'steps'> {
  const title = r.title("'phase'", 'phase "Seams"');
  if (title) r.end('the phase title');
  return { kind: 'phase', title: title?.value ?? '', parts: { title: title?.span } };
}

/** A step with a valid id survives a bad title (as an untitled step) so its clauses still have a home. */
export function readStepLine(r: ClauseReader): Pick<Step, 'kind' | 'id' | 'title' | 'parts'> | Failed {
  const id = r.next();
  if (!r.ok) return undefined;
  if (id?.kind !== 'word' || !STEP_ID.test(id.text)) {
    const rule = 'lower-case letters, digits and dashes, like users-orm';
    return r.fail(id, 'bad-step-id', `expected a step id after 'step' (${rule}), found ${found(id)}`);
  }
  const title = r.title(`the step id '${id.text}'`, `step ${id.text} "Put users behind a port"`);
  if (title) r.end('the step title');
  return { kind: 'step', id: id.text, title: title?.value ?? '', parts: { id: r.span(id), title: title?.span } };
}

export function readOrder(r: ClauseReader): OrderClause | Failed {
  const token = r.next();
  if (!r.ok) return undefined;
  if (token?.text !== 'pain-first' && token?.text !== 'quick-wins') {
    return r.fail(token, 'bad-order', `expected 'pain-first' or 'quick-wins' after 'order', found ${found(token)}`);
  }
  if (!r.end(`'order ${token.text}'`)) return undefined;
  return { kind: 'order', strategy: token.text, parts: { strategy: r.span(token) } };
}

export function readMove(r: ClauseReader): MoveClause | Failed {
  const concern = r.next();
  if (!r.ok) return undefined;
  if (concern?.kind !== 'word' || !FRAMEWORK_ID.test(concern.text)) {
    return r.fail(concern, 'unknown-concern', `expected a concern after 'move' (orm, routing, queue, session), found ${found(concern)}`);
  }
  const from = r.keyword('from', `the concern '${concern.text}'`) && r.frameworkId("'from'");
  const to = from && r.keyword('to', `the framework '${from.value}'`) && r.frameworkId("'to'");
  if (!from || !to || !r.end('the target framework')) return undefined;
  if (!CONCERNS.includes(concern.text as Concern)) {
    r.warn(concern, 'unknown-concern', `expected a known concern (${CONCERNS.join(', ')}), found '${concern.text}'; the analysis will not see it`);
  }
  return {
    kind: 'move',
    concern: concern.text,
    from: from.value,
    to: to.value,
    parts: { concern: r.span(concern), from: from.span, to: to.span },
  };
}

export function readManual(r: ClauseReader): ManualClause | Failed {
  return r.end("'manual'") ? { kind: 'manual' } : undefined;
}

/** Free text up to a comment; a single quoted string is taken as its content, which is how a '#' gets in. */
export function readWhy(r: ClauseReader): WhyClause | Failed {
  const first = r.cursor.next();
  if (!first) return r.fail(undefined, 'expected-text', "expected a reason after 'why', like why score 42.5, found the end of the line");
  while (r.cursor.next());
  const last = r.cursor.last ?? first;
  const single = first === last && first.kind === 'string' && !first.problem;
  const text = single ? first.value : r.cursor.raw.slice(first.column, last.endColumn);
  return { kind: 'why', text, parts: { text: { line: r.line, column: first.column, endColumn: last.endColumn } } };
}

export function readScope(r: ClauseReader): ScopeClause | Failed {
  const globs = r.globList("'scope'");
  return globs && { kind: 'scope', globs };
}

export function readHint(r: ClauseReader): HintClause | Failed {
  const token = r.cursor.peek();
  if (token?.kind !== 'string') {
    return r.fail(token, 'expected-text', `expected a quoted hint after 'hint', like hint "repo.find() -> prisma.user.findMany()", found ${found(token)}`);
  }
  if (!r.next() || !r.end('the hint')) return undefined;
  return { kind: 'hint', text: token.value, parts: { text: r.span(token) } };
}

export function readStatus(r: ClauseReader): StatusClause | Failed {
  const state = r.next();
  if (!r.ok) return undefined;
  if (state?.text === 'todo' || state?.text === 'doing') {
    if (!r.end(`'status ${state.text}'`)) return undefined;
    return { kind: 'status', state: state.text, parts: { state: r.span(state) } };
  }
  if (state?.text !== 'done') {
    return r.fail(state, 'bad-status', `expected 'todo', 'doing' or 'done <date>' after 'status', found ${found(state)}`);
  }
  const date = r.next();
  if (!r.ok) return undefined;
  if (!date) return r.fail(state, 'done-without-date', "'done' needs the date it was done, like status done 2026-11-20");
  if (!isCalendarDate(date.text)) {
    return r.fail(date, 'bad-date', `expected a date YYYY-MM-DD after 'done', found ${found(date)}`);
  }
  if (!r.end('the date')) return undefined;
  return { kind: 'status', state: 'done', date: date.text, parts: { state: r.span(state), date: r.span(date) } };
}

export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function readCheck(r: ClauseReader): Check | Failed {
  const rule = r.next();
  if (!r.ok) return undefined;
  const ruleSpan = rule && r.span(rule);
  switch (rule?.text) {
    case 'none': {
      const target = readTarget(r, "'none'");
      const rest = target && readWithin(r, target.text);
      if (!target || !rest || !r.end('the globs')) return undefined;
      return { kind: 'check', rule: 'none', target: target.value, ...rest, limit: 0, parts: { rule: ruleSpan, target: target.span } };
    }
    case 'at-most': {
      const limit = r.count("'at-most'");
      const target = limit && readTarget(r, `'at-most ${limit.value}'`);
      const rest = target && readWithin(r, target.text);
      if (!limit || !target || !rest || !r.end('the globs')) return undefined;
      const parts = { rule: ruleSpan, target: target.span, limit: limit.span };
      return { kind: 'check', rule: 'at-most', target: target.value, ...rest, limit: limit.value, parts };
    }
    case 'ratchet': {
      const target = readTarget(r, "'ratchet'");
      const rest = target && readWithin(r, target.text, 'at-most');
      const limit = rest && r.keyword('at-most', 'the globs of a ratchet') && r.count("'at-most'");
      if (!target || !rest || !limit || !r.end('the ratchet limit')) return undefined;
      const parts = { rule: ruleSpan, target: target.span, limit: limit.span };
      return { kind: 'check', rule: 'ratchet', target: target.value, ...rest, limit: limit.value, parts };
    }
    case 'dependency': {
      const name = r.packageName("'dependency'");
      const expect = name && r.next();
      if (!name || !r.ok) return undefined;
      if (expect?.text !== 'present' && expect?.text !== 'absent') {
        return r.fail(expect, 'bad-presence', `expected 'present' or 'absent' after the package name, found ${found(expect)}`);
      }
      if (!r.end(`'${expect.text}'`)) return undefined;
      const parts = { rule: ruleSpan, package: name.span, expect: r.span(expect) };
      return { kind: 'check', rule: 'dependency', packageName: name.value, expect: expect.text, parts };
    }
    case 'routes':
      return readRoutes(r, ruleSpan!);
    default:
      return r.fail(rule, 'bad-check', `expected 'none', 'at-most', 'ratchet', 'dependency' or 'routes' after 'check', found ${found(rule)}`);
  }
}

function readTarget(r: ClauseReader, after: string): { value: CheckTarget; span: Span; text: string } | Failed {
  const token = r.next();
  if (!r.ok) return undefined;
  if (token?.kind === 'word' && token.text === 'package') {
    const name = r.packageName("'package'");
    if (!name) return undefined;
    const span = { line: r.line, column: token.column, endColumn: name.span.endColumn };
    return { value: { kind: 'package', packageName: name.value }, span, text: `package ${name.value}` };
  }
  if (token?.kind === 'word' && CONCERNS.includes(token.text as Concern)) {
    return { value: { kind: 'concern', concern: token.text as Concern }, span: r.span(token), text: token.text };
  }
  if (token?.kind === 'word' && FRAMEWORK_ID.test(token.text) && !GLOB_STOP_WORDS.has(token.text)) {
    return { value: { kind: 'framework', framework: token.text }, span: r.span(token), text: token.text };
  }
  return r.fail(token, 'bad-target', `expected ${CONCERN_LIST} after ${after}, found ${found(token)}`);
}

/** `in <glob> [except <glob> …]`, stopping before `stopWord` (the `at-most` of a ratchet). */
function readWithin(r: ClauseReader, target: string, stopWord?: string): { within: Glob; except: Glob[] } | Failed {
  const within = r.keyword('in', `'${target}'`) && r.glob("'in'");
  if (!within) return undefined;
  const next = r.cursor.peek();
  if (!next || next.text === stopWord) return { within, except: [] };
  if (next.text !== 'except') {
    const expected = stopWord ? `'except' or '${stopWord}'` : "'except' or the end of the line";
    return r.fail(next, 'expected-keyword', `expected ${expected} after the glob, found ${found(next)}`);
  }
  r.cursor.next();
  const except = r.globList("'except'", stopWord);
  return except && { within, except };
}

function readRoutes(r: ClauseReader, ruleSpan: Span): Check | Failed {
  const path = r.next();
  if (!r.ok) return undefined;
  if (!path || !path.value.startsWith('/')) {
    return r.fail(path, 'bad-route-path', `expected a route path starting with '/' after 'routes', like /api/users/**, found ${found(path)}`);
  }
  const servedBy = r.keyword('served-by', 'the route path') && r.next();
  if (!r.ok) return undefined;
  if (servedBy?.kind !== 'word' || !FRAMEWORK_ID.test(servedBy.text)) {
    return r.fail(servedBy, 'bad-framework-id', `expected 'legacy' or a framework id after 'served-by', found ${found(servedBy)}`);
  }
  const quantifier = r.next();
  if (!r.ok) return undefined;
  let limit: { value: number; span?: Span } | Failed = { value: 0 };
  if (quantifier?.text === 'at-most') limit = r.count("'at-most'");
  else if (quantifier?.text !== 'none') {
    return r.fail(quantifier, 'expected-keyword', `expected 'none' or 'at-most N' after '${servedBy.text}', found ${found(quantifier)}`);
  }
  if (!limit || !r.end('the route limit')) return undefined;
  return {
    kind: 'check',
    rule: 'routes',
    path: path.value,
    servedBy: servedBy.text,
    quantifier: quantifier.text,
    limit: limit.value,
    parts: { rule: ruleSpan, path: r.span(path), servedBy: r.span(servedBy), limit: limit.span },
  };
}
