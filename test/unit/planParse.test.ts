// Data-driven tests of the plan parser: a snippet in, the outline it understood and the diagnostics it reported out.
//
// A snippet line of only spaces and carets marks the diagnostic expected on the line above it:
//   `    ^^^^^^ bad-presence: expected 'present'` — the carets are the columns, then the code, then
// optionally a piece of the message. Annotations are removed before parsing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../server/src/planfile/parse';
import { printPlan } from '../../server/src/planfile/print';
import { CANONICAL_PLAN, HAND_WRITTEN_PLAN, outline } from './planSamples';

const ANNOTATION = /^(\s*)(\^+)\s+(?:(warning|info)\s+)?([a-z-]+)(?::\s*(.*))?$/;

function check(snippet: string, expectedOutline?: string): void {
  const input: string[] = [];
  const expected: string[] = [];
  const messages: { line: number; piece: string }[] = [];
  for (const line of snippet.replace(/^\n/, '').split('\n')) {
    const mark = ANNOTATION.exec(line);
    if (!mark) {
      input.push(line);
      continue;
    }
    const at = input.length - 1;
    const column = mark[1].length;
    expected.push(`${at}:${column}-${column + mark[2].length} ${mark[3] ?? 'error'} ${mark[4]}`);
    if (mark[5]) messages.push({ line: at, piece: mark[5] });
  }
  const { plan, diagnostics } = parsePlan(input.join('\n'));
  const actual = diagnostics.map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.severity} ${d.code}`);
  assert.deepEqual(actual, expected, diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
  for (const { line, piece } of messages) {
    assert.ok(
      diagnostics.some((d) => d.line === line && d.message.includes(piece)),
      `no message on line ${line} containing ${JSON.stringify(piece)}: ${diagnostics.map((d) => d.message).join(' / ')}`,
    );
  }
  if (expectedOutline !== undefined) assert.equal(outline(plan), expectedOutline.replace(/^\n/, '').trimEnd());
}

describe('plan parser', () => {
  it('reads the sample plan into its phases, steps and checks', () => {
    check(
      CANONICAL_PLAN.split('\n\nphase "Retire"')[0],
      `
plan "Leave TypeORM and Bull" order=pain-first
  move orm: typeorm -> prisma
  move queue: bull -> bullmq
phase "Observe before cutting"
  step tracing "Trace the legacy service" manual status=done@2026-11-20
    dependency @opentelemetry/api present
phase "Seams"
  step users-orm "Put users persistence behind a repository port" status=doing
    why "score 42.5, 12 dependents"
    scope src/users/**
    none concern:orm in src/users/** except src/users/persistence/** limit=0
    at-most framework:typeorm in src/orders/** limit=3
    none package:typeorm in src/billing/** limit=0
    ratchet concern:orm in src/** limit=212
    routes /api/users/** by legacy at-most limit=0
    dependency bull absent
    hint "repo.find({ where }) -> prisma.user.findMany({ where })"
  step orders-queue "Move order jobs behind a job port"
    scope src/orders/jobs/** | src/legacy jobs/**
    ratchet concern:queue in src/orders/** except src/orders/jobs/adapters/** limit=17
    routes /api/orders/** by fastify none limit=0`,
    );
  });

  it('reads the documented example cleanly, in canonical form', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'planLanguage.md'), 'utf8');
    const example = /```strangler\n([\s\S]*?)```/.exec(doc)![1];
    check(example);
    assert.equal(printPlan(parsePlan(example).plan, { canonical: true }), example);
  });

  it('accepts any consistent indent: four spaces, tabs', () => {
    check(HAND_WRITTEN_PLAN);
    check('plan "p"\n\torder pain-first\nphase "a"\n\tstep s "t"\n\t\tcheck none orm in src/**\n', `
plan "p" order=pain-first
phase "a"
  step s "t"
    none concern:orm in src/** limit=0`);
  });

  it('keeps a # inside a glob or a string, and quoted why text whole', () => {
    check(
      `
plan "a # b"
phase "p"
  step s "t"
    why "see issue #42"  # a comment
    check none orm in src/#legacy/** except "src/old stuff/**"
`,
      `
plan "a # b"
phase "p"
  step s "t"
    why "see issue #42"
    none concern:orm in src/#legacy/** except src/old stuff/** limit=0`,
    );
  });

  it('resolves the two string escapes and reports any other', () => {
    check(
      `
plan "say \\"hi\\" \\\\ bye"
phase "bad \\n"
           ^^ bad-escape: expected '\\"' or '\\\\' in a string, found '\\n'
phase "open
      ^^^^^ unterminated-string: expected a closing '"'
`,
      `
plan "say \\"hi\\" \\\\ bye"
phase ""
phase ""`,
    );
  });

  it('says what it found and what it expected', () => {
    check(`
plan "p"
phase "p"
  step s "t"
    check dependency bull prsent
                          ^^^^^^ bad-presence: expected 'present' or 'absent' after the package name, found 'prsent'
    check dependency bull:queue absent
                     ^^^^^^^^^^ bad-package-name: found 'bull:queue'
    check none In src/**
               ^^ bad-target: expected a concern (orm, routing, queue, session), a framework id or 'package <name>' after 'none', found 'In'
    check none orm in src/** except
                             ^^^^^^ expected-glob: expected a glob after 'except', found the end of the line
    check none orm in src/** but src/x/**
                             ^^^ expected-keyword: expected 'except' or the end of the line after the glob
    check ratchet orm in src/** 212
                                ^^^ expected-keyword: expected 'except' or 'at-most' after the glob
    check at-most three orm in src/**
                  ^^^^^ bad-number: expected a whole number after 'at-most', found 'three'
    check routes api/users/** served-by legacy none
                 ^^^^^^^^^^^^ bad-route-path: starting with '/'
    check routes /api/** served-by legacy some
                                          ^^^^ expected-keyword: expected 'none' or 'at-most N'
    check everything
          ^^^^^^^^^^ bad-check: expected 'none', 'at-most', 'ratchet', 'dependency' or 'routes' after 'check'
    check dependency bull absent now
                                 ^^^ trailing-text: expected the end of the line after 'absent', found 'now'
    check none orm in src/**
`);
  });

  it('wants a date on done, a real one', () => {
    check(`
plan "p"
phase "p"
  step a "t"
    check none orm in src/**
    status done
           ^^^^ done-without-date: 'done' needs the date it was done, like status done 2026-11-20
  step b "t"
    check none orm in src/**
    status done 2026-02-30
                ^^^^^^^^^^ bad-date: expected a date YYYY-MM-DD after 'done', found '2026-02-30'
  step c "t"
    check none orm in src/**
    status finished
           ^^^^^^^^ bad-status: expected 'todo', 'doing' or 'done <date>' after 'status'
`);
  });

  it('reports duplicate step ids, clauses, plans and phase titles', () => {
    check(`
plan "p"
plan "again"
^^^^ duplicate-plan: found another 'plan' (the plan starts on line 1)
  order pain-first
  order quick-wins
  ^^^^^ duplicate-clause: expected one 'order' line for the plan, found a second one (the first is on line 3)
phase "p"
  step a "t"
    check none orm in src/**
    status todo
    status doing
    ^^^^^^ duplicate-clause: expected one 'status' line for step 'a'
  step a "again"
       ^ duplicate-step-id: step id 'a' is already used on line 6
    check none orm in src/**
phase "p"
      ^^^ warning duplicate-phase-title
`);
  });

  it('skips a step with a bad id and its clauses without a cascade', () => {
    check(
      `
plan "p"
phase "p"
  step Users_ORM "t"
       ^^^^^^^^^ bad-step-id: expected a step id after 'step' (lower-case letters, digits and dashes, like users-orm), found 'Users_ORM'
    check none orm in src/**
    status todo
  step b
       ^ expected-title: expected a quoted title after the step id 'b'
    check none orm in src/**
`,
      `
plan "p"
phase "p"
  step b ""
    none concern:orm in src/** limit=0`,
    );
  });

  it('knows where each line belongs', () => {
    check(`
  check none orm in src/**
  ^^^^^ misplaced-line: 'check' belongs under a step, found it before any plan or phase
phase "p"
^^^^^ missing-plan: expected a 'plan "title"' line before the first phase
  order pain-first
  ^^^^^ misplaced-line: 'order' belongs in the plan block at the top, found it directly under phase "p"
  status todo
  ^^^^^^ misplaced-line: 'status' belongs under a step
  step s "t"
    chek none orm in src/**
    ^^^^ unknown-keyword: found 'chek'; did you mean 'check'?
    check none orm in src/**
    step-ish
    ^^^^^^^^ unknown-keyword: expected a step line ('check', 'status', 'scope', 'why', 'hint', 'manual'), 'step' or 'phase'
`);
    check(`
step s "t"
^^^^ misplaced-line: expected 'step' under a phase, found it before any plan or phase
  check none orm in src/**
`);
  });

  it('verifies indentation against the unit of the file', () => {
    check(`
plan "p"
  move orm from typeorm to prisma
phase "p"
  step s "t"
   check none orm in src/**
^^^ indentation: expected 'check' indented by 4 spaces (2 × 2 spaces, the indent this file uses), found 3 spaces
  \tcheck none orm in src/**
^^^ mixed-indentation: expected indentation of only spaces or only tabs, found 2 spaces and 1 tab
 phase "q"
^ indentation: expected 'phase' at the start of the line, found 1 space
`);
  });

  it('warns about unknown concerns and steps with nothing to verify', () => {
    check(`
plan "p"
  move cache from redis to valkey
       ^^^^^ warning unknown-concern: expected a known concern (orm, routing, queue, session), found 'cache'
phase "p"
  step a "nothing to check"
       ^ warning step-without-check: step 'a' has no check the engine can verify; add a 'check' line or mark it 'manual'
  step b "a human judges"
    manual
`);
  });

  it('spells out control characters and cuts long tokens in messages', () => {
    const { diagnostics } = parsePlan(`plan "p"\n\u0001\u0002x${'y'.repeat(100)}`);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0].message, /found '\\x01\\x02xyyy+…'/);
    assert.ok(diagnostics[0].message.length < 200);
  });

  it('keeps every node at its place in the text', () => {
    const text = CANONICAL_PLAN;
    const lines = text.split('\n');
    const at = (span: { line: number; column: number; endColumn: number } | undefined) =>
      span ? lines[span.line].slice(span.column, span.endColumn) : undefined;
    const { plan } = parsePlan(text);
    const step = plan.phases[1].steps[0];
    assert.equal(at(step.parts?.id), 'users-orm');
    assert.equal(at(step.parts?.title), '"Put users persistence behind a repository port"');
    assert.equal(at(step.span), 'step users-orm "Put users persistence behind a repository port"');
    assert.equal(at(step.why?.span), 'why score 42.5, 12 dependents');
    assert.equal(at(step.why?.trailingComment?.span), "# free text after 'why'");
    const ratchet = step.checks[3];
    assert.equal(ratchet.rule, 'ratchet');
    assert.equal(at(ratchet.parts?.limit), '212');
    assert.equal(at(ratchet.parts?.target), 'orm');
    const packageCheck = step.checks[2];
    assert.equal(packageCheck.rule === 'none' && at(packageCheck.parts?.target), 'package typeorm');
    assert.equal(at(step.status?.parts?.state), 'doing');
    assert.deepEqual(step.leadingTrivia?.map((trivia) => trivia.text), ['# the users module is the most painful one']);
    assert.equal(plan.trailingTrivia.length, 0);
  });

  it('counts positions the same with CRLF endings and after a BOM', () => {
    const lf = 'plan "p"\nphase "p"\n  step s "t"\n    check dependency bull prsent\n';
    const expected = parsePlan(lf).diagnostics;
    for (const variant of [lf.replace(/\n/g, '\r\n'), `\ufeff${lf}`, lf.replace(/\n/g, '\r')]) {
      const { plan, diagnostics } = parsePlan(variant);
      assert.deepEqual(diagnostics, expected);
      assert.equal(plan.phases[0].steps[0].id, 's');
    }
    assert.equal(parsePlan(lf.replace(/\n/g, '\r\n')).plan.eol, '\r\n');
    assert.equal(parsePlan(`\ufeff${lf}`).plan.bom, true);
  });

  it('accepts empty text and comment-only text', () => {
    check('');
    check('# nothing planned yet\n\n   \n');
  });
});
