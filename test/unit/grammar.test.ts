// Tests of the TextMate grammar of `.strangler` files, tokenized as VS Code does with vscode-textmate and oniguruma.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';
import { CANONICAL_PLAN } from './planSamples';

const ROOT = join(__dirname, '..', '..');
let grammar: IGrammar;

/** Tokenizes the lines in order (the grammar is line-based, but state still flows) and keeps each line's tokens. */
function tokenize(text: string): { line: string; tokens: { text: string; scopes: string[] }[] }[] {
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return { line, tokens: result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })) };
  });
}

/**
 * Asserts that `piece`, found by searching the line, is one token (or a run of tokens) all carrying `scope`;
 * positions come from the text, never from offsets typed by hand.
 */
function check(line: string, expectations: [piece: string, scope: string][]): void {
  const [{ tokens }] = tokenize(line);
  for (const [piece, scope] of expectations) {
    const start = line.indexOf(piece);
    assert.ok(start >= 0, `'${piece}' not in '${line}'`);
    let offset = 0;
    const covering = tokens.filter((token) => {
      const [from, to] = [offset, (offset += token.text.length)];
      return from < start + piece.length && to > start;
    });
    const joined = covering.map((token) => token.text).join('');
    const wrong = covering.find((token) => !token.scopes.includes(scope));
    assert.ok(!wrong, `'${piece}' in '${line}': token '${wrong?.text}' has ${wrong?.scopes.join(' ')}, expected ${scope}`);
    assert.ok(joined.includes(piece), `'${piece}' is split oddly: ${JSON.stringify(covering)}`);
  }
}

describe('strangler grammar', () => {
  before(async () => {
    const wasm = readFileSync(join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName !== 'source.strangler') return null;
        const path = join(ROOT, 'syntaxes/strangler.tmLanguage.json');
        return parseRawGrammar(readFileSync(path, 'utf8'), path);
      },
    });
    grammar = (await registry.loadGrammar('source.strangler'))!;
  });

  it('scopes block keywords, titles and step ids', () => {
    check('plan "Leave TypeORM and Bull"', [
      ['plan', 'keyword.control.strangler'],
      ['"Leave TypeORM and Bull"', 'string.quoted.double.strangler'],
    ]);
    check('phase "Seams"', [['phase', 'keyword.control.strangler']]);
    check('  step users-orm "Put users behind a port"', [
      ['step', 'keyword.control.strangler'],
      ['users-orm', 'entity.name.function.step.strangler'],
      ['"Put users behind a port"', 'string.quoted.double.strangler'],
    ]);
  });

  it('scopes comments, whole-line and trailing, but not a # inside a glob or string', () => {
    check("# comments start with '#'", [["# comments start with '#'", 'comment.line.number-sign.strangler']]);
    check('  order pain-first            # or quick-wins', [
      ['order', 'keyword.other.strangler'],
      ['pain-first', 'constant.language.order.strangler'],
      ['# or quick-wins', 'comment.line.number-sign.strangler'],
    ]);
    check('    scope src/#legacy/** "a # b"  # note', [
      ['src/#legacy/**', 'string.unquoted.glob.strangler'],
      ['"a # b"', 'string.quoted.double.strangler'],
      ['# note', 'comment.line.number-sign.strangler'],
    ]);
    check("    why score 42.5, 12 dependents   # free text after 'why'", [
      ['why', 'keyword.other.strangler'],
      ["# free text after 'why'", 'comment.line.number-sign.strangler'],
    ]);
  });

  it('scopes string escapes and bad escapes', () => {
    check('    hint "a \\"b\\" \\\\ c \\n"', [
      ['\\"', 'constant.character.escape.strangler'],
      ['\\\\', 'constant.character.escape.strangler'],
      ['\\n', 'invalid.illegal.escape.strangler'],
    ]);
  });

  it('scopes the plan header', () => {
    check('  move orm from typeorm to prisma', [
      ['move', 'keyword.other.strangler'],
      ['orm', 'support.type.concern.strangler'],
      ['from', 'keyword.operator.word.strangler'],
      ['typeorm', 'entity.name.type.framework.strangler'],
      ['prisma', 'entity.name.type.framework.strangler'],
    ]);
  });

  it('scopes coupling checks: targets, globs, numbers', () => {
    check('    check none orm in src/users/** except src/users/persistence/** src/x/**', [
      ['check', 'keyword.other.strangler'],
      ['none', 'keyword.operator.word.strangler'],
      ['orm', 'support.type.concern.strangler'],
      [' in ', 'meta.check.strangler'],
      ['src/users/**', 'string.unquoted.glob.strangler'],
      ['except', 'keyword.operator.word.strangler'],
      ['src/users/persistence/**', 'string.unquoted.glob.strangler'],
      ['src/x/**', 'string.unquoted.glob.strangler'],
    ]);
    check('    check at-most 3 typeorm in src/orders/**', [
      ['at-most', 'keyword.operator.word.strangler'],
      ['3', 'constant.numeric.integer.strangler'],
      ['typeorm', 'entity.name.type.framework.strangler'],
      ['src/orders/**', 'string.unquoted.glob.strangler'],
    ]);
    check('    check ratchet orm in src/** except "src/a b/**" at-most 212  # was 230', [
      ['ratchet', 'keyword.operator.word.strangler'],
      ['src/**', 'string.unquoted.glob.strangler'],
      ['"src/a b/**"', 'string.quoted.double.strangler'],
      ['at-most', 'keyword.operator.word.strangler'],
      ['212', 'constant.numeric.integer.strangler'],
      ['# was 230', 'comment.line.number-sign.strangler'],
    ]);
    check('    check none package @nestjs/core in src/billing/**', [
      ['package', 'keyword.operator.word.strangler'],
      ['@nestjs/core', 'entity.name.namespace.package.strangler'],
    ]);
  });

  it('scopes dependency and routes checks', () => {
    check('    check dependency @opentelemetry/api present', [
      ['dependency', 'keyword.operator.word.strangler'],
      ['@opentelemetry/api', 'entity.name.namespace.package.strangler'],
      ['present', 'constant.language.presence.strangler'],
    ]);
    check('    check routes /api/users/** served-by legacy at-most 0', [
      ['routes', 'keyword.operator.word.strangler'],
      ['/api/users/**', 'string.unquoted.route.strangler'],
      ['served-by', 'keyword.operator.word.strangler'],
      ['legacy', 'constant.language.legacy.strangler'],
      ['at-most', 'keyword.operator.word.strangler'],
      ['0', 'constant.numeric.integer.strangler'],
    ]);
    check('    check routes /api/** served-by fastify none', [
      ['fastify', 'entity.name.type.framework.strangler'],
      ['none', 'keyword.operator.word.strangler'],
    ]);
  });

  it('scopes status values and dates', () => {
    check('    status done 2026-11-20', [
      ['status', 'keyword.other.strangler'],
      ['done', 'constant.language.status.done.strangler'],
      ['2026-11-20', 'constant.numeric.date.strangler'],
    ]);
    check('    status doing', [['doing', 'constant.language.status.doing.strangler']]);
    check('    status todo  # next sprint', [['todo', 'constant.language.status.todo.strangler']]);
    check('    manual  # judged by a human', [
      ['manual', 'keyword.other.strangler'],
      ['# judged by a human', 'comment.line.number-sign.strangler'],
    ]);
  });

  it('leaves no state behind: every line of the sample starts fresh', () => {
    for (const { line, tokens } of tokenize(`${CANONICAL_PLAN}    hint "unclosed\n    status doing`)) {
      const keyword = /^\s*([a-z]+)/.exec(line)?.[1];
      if (!keyword) continue;
      assert.ok(tokens[0].scopes.length <= 2 || tokens[0].scopes[1] === `meta.${keyword}.strangler`, `${line}: ${JSON.stringify(tokens[0])}`);
      const first = tokens.find((token) => token.text === keyword);
      assert.ok(first?.scopes.some((scope) => scope.startsWith('keyword.')), `${line}: ${JSON.stringify(tokens)}`);
    }
  });
});
