// Fuzz tests of the plan parser (seeded): on random, mutated and hostile text it never throws, prints the text
// back byte for byte, and reports diagnostics only at positions that exist.
import assert from 'node:assert/strict';
import type { PlanDiagnostic } from '../../server/src/planfile/ast';
import { setRatchetLimit, setStepStatus } from '../../server/src/planfile/edit';
import { parsePlan } from '../../server/src/planfile/parse';
import { printPlan } from '../../server/src/planfile/print';
import { CANONICAL_PLAN, HAND_WRITTEN_PLAN, pick, prng } from './planSamples';

const WORDS = [
  'plan', 'phase', 'step', 'order', 'move', 'from', 'to', 'manual', 'why', 'scope', 'check', 'hint', 'status',
  'none', 'at-most', 'ratchet', 'dependency', 'routes', 'in', 'except', 'served-by', 'legacy', 'package', 'present',
  'absent', 'todo', 'doing', 'done', '2026-11-20', '2026-02-30', 'orm', 'queue', 'typeorm', '@nestjs/core', 'src/**',
  '/api/**', '12', '-3', '99999999999999999999', '"title"', '"a \\" b"', '"open', '"bad \\q"', '#', '# c', 'x#y',
  'pain-first', 'quick-wins', 's-1', 'S_1', '\u0000', '\ufeff', '🦀', '\\', '"', '""',
];
const INDENTS = ['', '', '  ', '    ', '      ', '\t', '\t\t', ' \t', '   '];
const SEPARATORS = ['\n', '\n', '\n', '\r\n', '\r', ' ', '\t'];

function assertSound(text: string): void {
  let result: ReturnType<typeof parsePlan>;
  try {
    result = parsePlan(text);
  } catch (error) {
    assert.fail(`parsePlan threw on ${JSON.stringify(text.slice(0, 200))}: ${String(error)}`);
  }
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  assert.ok(result.diagnostics.length <= 501);
  for (const d of result.diagnostics) assertPlaced(d, lines, text);
  assert.ok(!result.diagnostics.some((d) => d.code === 'internal-error'), JSON.stringify(text));
  assert.equal(printPlan(result.plan), text, 'an unedited parse prints back byte for byte');
}

function assertPlaced(d: PlanDiagnostic, lines: string[], text: string): void {
  const where = `${JSON.stringify(d)} in ${JSON.stringify(text.slice(0, 300))}`;
  assert.ok(Number.isInteger(d.line) && d.line >= 0 && d.line < lines.length, where);
  assert.ok(Number.isInteger(d.column) && d.column >= 0 && d.column <= d.endColumn, where);
  assert.ok(d.endColumn <= lines[d.line].length, where);
  assert.ok(d.message.length > 0 && d.message.length < 400, where);
}

function randomLine(random: () => number): string {
  const words = Array.from({ length: Math.floor(random() * 7) }, () => pick(random, WORDS));
  return pick(random, INDENTS) + words.join(pick(random, [' ', ' ', '  ', '\t']));
}

function mutate(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const lines = text.split('\n');
  const line = Math.floor(random() * lines.length);
  switch (Math.floor(random() * 7)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
    case 1:
      return text.slice(0, at) + pick(random, WORDS.concat(SEPARATORS, ['"', '#', '\\', ' '])) + text.slice(at);
    case 2:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + text.slice(at);
    case 3:
      lines.splice(line, 0, lines[Math.floor(random() * lines.length)]);
      return lines.join('\n');
    case 4:
      lines[line] = pick(random, INDENTS) + lines[line].trimStart();
      return lines.join('\n');
    case 5:
      lines.splice(line, 1);
      return lines.join('\n');
    default:
      return text.slice(at) + text.slice(0, at);
  }
}

describe('plan parser under fuzzing', () => {
  it('survives random token soup', () => {
    const random = prng(1);
    for (let round = 0; round < 1500; round++) {
      const lines = Array.from({ length: Math.floor(random() * 12) }, () => randomLine(random));
      assertSound(lines.map((line) => line + pick(random, SEPARATORS.slice(0, 5))).join(''));
    }
  });

  it('survives mutations of real plans, and so do the edits', () => {
    const random = prng(2);
    for (let round = 0; round < 1000; round++) {
      let text = pick(random, [CANONICAL_PLAN, HAND_WRITTEN_PLAN]);
      for (let n = 1 + Math.floor(random() * 6); n > 0; n--) text = mutate(random, text);
      assertSound(text);
      const edited = setStepStatus(text, pick(random, ['users-orm', 'tracing', 'orders-orm']), { state: 'done', date: '2026-11-20' });
      assertSound(edited.text);
      assertSound(setRatchetLimit(text, 'users-orm', Math.floor(random() * 5), 7).text);
    }
  });

  it('survives binary garbage', () => {
    const random = prng(3);
    for (let round = 0; round < 200; round++) {
      const length = Math.floor(random() * 400);
      assertSound(Array.from({ length }, () => String.fromCharCode(Math.floor(random() * (random() < 0.5 ? 0x80 : 0x10000)))).join(''));
    }
  });

  it('handles 10 MB of input, one huge line, and extremely deep indentation', () => {
    const big = CANONICAL_PLAN.repeat(Math.ceil(10_000_000 / CANONICAL_PLAN.length));
    const { diagnostics } = parsePlan(big);
    assert.ok(diagnostics.length <= 501);
    assert.equal(diagnostics.at(-1)?.code, 'too-many-problems');
    assertSound(`plan "p"\n${'x '.repeat(1_000_000)}`);
    assertSound(`plan "p"\nphase "q"\n${' '.repeat(1_000_000)}step s "t"\n${'\t'.repeat(100_000)}check none orm in src/**\n`);
    assertSound(`plan "${'\\"'.repeat(200_000)}`);
  });
});
