/**
 * The lexical layer of the plan language: splits text into lines (keeping each line ending) and reads a line as
 * words, double-quoted strings and a trailing `#` comment.
 */
import type { SourceLine } from './ast';

export interface SplitText {
  lines: SourceLine[];
  bom: boolean;
  eol: '\n' | '\r\n' | '\r';
}

/**
 * Splits on '\r\n', '\n' and a lone '\r' (LSP counts all three as line breaks). A final line ending does not
 * start an extra line, so printing `raw + eol` for every line gives the text back exactly.
 */
export function splitLines(input: string): SplitText {
  const bom = input.charCodeAt(0) === 0xfeff;
  const text = bom ? input.slice(1) : input;
  const lines: SourceLine[] = [];
  const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) {
    const eol = match[0] as '\n' | '\r\n' | '\r';
    counts[eol]++;
    lines.push({ line: lines.length, raw: text.slice(start, match.index), eol });
    start = match.index + eol.length;
  }
  if (start < text.length) lines.push({ line: lines.length, raw: text.slice(start), eol: '' });
  let eol: SplitText['eol'] = '\n';
  for (const candidate of ['\r\n', '\r'] as const) if (counts[candidate] > counts[eol]) eol = candidate;
  return { lines, bom, eol };
}

/** Where line `line` starts in the BOM-less text, for every line including the empty one after a final break. */
export function lineStarts(lines: SourceLine[]): number[] {
  const starts = [0];
  let offset = 0;
  for (const line of lines) {
    offset += line.raw.length + line.eol.length;
    if (line.eol) starts.push(offset);
  }
  return starts;
}

export function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/** The leading spaces and tabs of a line. */
export function indentationOf(raw: string): string {
  let end = 0;
  while (isBlank(raw[end])) end++;
  return raw.slice(0, end);
}

export interface TokenProblem {
  code: 'unterminated-string' | 'bad-escape';
  message: string;
  column: number;
  endColumn: number;
}

export interface Token {
  kind: 'word' | 'string';
  /** The token as written, quotes and escapes included. */
  text: string;
  /** For strings: the content with escapes resolved. For words: the text. */
  value: string;
  column: number;
  endColumn: number;
  problem?: TokenProblem;
}

/**
 * Reads one line token by token, on demand: clause parsers read a handful of tokens, so a 10 MB garbage line
 * costs one scan and never an array of millions of tokens.
 */
export class LineCursor {
  private position: number;
  private lookahead: Token | undefined | null = null;
  /** The last token handed out by `next()`; diagnostics about "the end of the line" point at it. */
  last: Token | undefined;
  /** Set once the scan reaches a `#` that starts a comment. */
  comment: { text: string; column: number } | undefined;

  constructor(
    readonly raw: string,
    start: number,
  ) {
    this.position = start;
  }

  peek(): Token | undefined {
    if (this.lookahead === null) this.lookahead = this.scan();
    return this.lookahead;
  }

  next(): Token | undefined {
    const token = this.peek();
    this.lookahead = null;
    if (token) this.last = token;
    return token;
  }

  /** Where the content consumed so far ends: the end of the last token. */
  get contentEnd(): number {
    return this.last ? this.last.endColumn : this.position;
  }

  private scan(): Token | undefined {
    const raw = this.raw;
    let at = this.position;
    while (isBlank(raw[at])) at++;
    if (at >= raw.length) {
      this.position = at;
      return undefined;
    }
    // A '#' starts a comment only at the start of a token, so globs like `src/#legacy/**` stay whole.
    if (raw[at] === '#') {
      this.comment = { text: raw.slice(at), column: at };
      this.position = raw.length;
      return undefined;
    }
    const token = raw[at] === '"' ? scanString(raw, at) : scanWord(raw, at);
    this.position = token.endColumn;
    return token;
  }
}

function scanWord(raw: string, start: number): Token {
  let end = start;
  while (end < raw.length && !isBlank(raw[end]) && raw[end] !== '"') end++;
  const text = raw.slice(start, end);
  return { kind: 'word', text, value: text, column: start, endColumn: end };
}

/** Strings allow exactly two escapes, `\"` and `\\`; anything else is reported rather than guessed at. */
function scanString(raw: string, start: number): Token {
  let value = '';
  let problem: TokenProblem | undefined;
  let at = start + 1;
  while (at < raw.length) {
    const char = raw[at];
    if (char === '"') {
      const text = raw.slice(start, at + 1);
      return { kind: 'string', text, value, column: start, endColumn: at + 1, problem };
    }
    if (char === '\\') {
      const escaped = raw[at + 1];
      if (escaped === '"' || escaped === '\\') {
        value += escaped;
        at += 2;
        continue;
      }
      problem ??= {
        code: 'bad-escape',
        message: `expected '\\"' or '\\\\' in a string, found '\\${escaped ?? ''}'; only these two escapes exist`,
        column: at,
        endColumn: Math.min(at + 2, raw.length),
      };
      value += escaped ?? '';
      at += 2;
      continue;
    }
    value += char;
    at++;
  }
  const end = raw.length;
  return {
    kind: 'string',
    text: raw.slice(start, end),
    value,
    column: start,
    endColumn: end,
    problem: {
      code: 'unterminated-string',
      message: `expected a closing '"' before the end of the line, found the string unclosed`,
      column: start,
      endColumn: end,
    },
  };
}

/** Quotes a string for the plan language: the inverse of `scanString`. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}
