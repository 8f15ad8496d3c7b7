// Sample plan texts and helpers shared by the plan-language tests: a seeded PRNG and a readable outline of a parse.
import type { Check, CheckTarget, PlanFile } from '../../server/src/planfile/ast';

/** The plan from the design, in canonical form: parse → canonical print gives it back. */
export const CANONICAL_PLAN = `# comments start with '#'
plan "Leave TypeORM and Bull"
  order pain-first  # or quick-wins
  move orm from typeorm to prisma
  move queue from bull to bullmq

phase "Observe before cutting"
  step tracing "Trace the legacy service"
    manual  # a step only a human can judge
    check dependency @opentelemetry/api present
    status done 2026-11-20

phase "Seams"
  # the users module is the most painful one
  step users-orm "Put users persistence behind a repository port"
    why score 42.5, 12 dependents  # free text after 'why'
    scope src/users/**
    check none orm in src/users/** except src/users/persistence/**
    check at-most 3 typeorm in src/orders/**
    check none package typeorm in src/billing/**
    check ratchet orm in src/** at-most 212
    check routes /api/users/** served-by legacy at-most 0
    check dependency bull absent
    hint "repo.find({ where }) -> prisma.user.findMany({ where })"
    status doing

  step orders-queue "Move order jobs behind a job port"
    scope src/orders/jobs/** "src/legacy jobs/**"
    check ratchet queue in src/orders/** except src/orders/jobs/adapters/** at-most 17
    check routes /api/orders/** served-by fastify none

phase "Retire"
  step retire-typeorm "Remove TypeORM"
    check dependency typeorm absent
    check none typeorm in src/**
`;

/** The same plan as people write it: aligned comments, 4-space indent, a step without status, no final newline. */
export const HAND_WRITTEN_PLAN = `plan "Leave TypeORM and Bull"    # owner: platform team
    order quick-wins
    move orm from typeorm to prisma

# --- first things first ---
phase "Observe before cutting"
    step tracing "Trace the legacy service"
        check dependency @opentelemetry/api present     # in package.json
        status done 2026-11-20

phase "Seams"
    step users-orm "Put users persistence behind a repository port"
        why   most painful:  score 42.5
        check none orm in src/users/** except src/users/persistence/**
        check ratchet orm in src/** at-most 212    # was 230 in May
    step orders-orm "Orders next"
        check at-most 40 typeorm in src/orders/**
# trailing comment`;

/** The seeded PRNG of the property and fuzz tests (the benchmark's generator uses the same one). */
export { mulberry32 as prng } from '../bench/syntheticCode';

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** What the parser understood, one line per node, written independently of the printer. */
export function outline(plan: PlanFile): string {
  const out: string[] = [];
  const header = plan.header;
  if (header) {
    out.push(`plan ${JSON.stringify(header.title)}${header.order ? ` order=${header.order.strategy}` : ''}`);
    for (const move of header.moves) out.push(`  move ${move.concern}: ${move.from} -> ${move.to}`);
  }
  for (const phase of plan.phases) {
    out.push(`phase ${JSON.stringify(phase.title)}`);
    for (const step of phase.steps) {
      const status = step.status ? ` status=${step.status.state}${step.status.date ? `@${step.status.date}` : ''}` : '';
      out.push(`  step ${step.id} ${JSON.stringify(step.title)}${step.manual ? ' manual' : ''}${status}`);
      if (step.why) out.push(`    why ${JSON.stringify(step.why.text)}`);
      for (const scope of step.scopes) out.push(`    scope ${scope.globs.map((glob) => glob.pattern).join(' | ')}`);
      for (const check of step.checks) out.push(`    ${checkFacts(check)}`);
      for (const hint of step.hints) out.push(`    hint ${JSON.stringify(hint.text)}`);
    }
  }
  return out.join('\n');
}

function checkFacts(check: Check): string {
  switch (check.rule) {
    case 'none':
    case 'at-most':
    case 'ratchet': {
      const except = check.except.length ? ` except ${check.except.map((glob) => glob.pattern).join(' | ')}` : '';
      return `${check.rule} ${targetFacts(check.target)} in ${check.within.pattern}${except} limit=${check.limit}`;
    }
    case 'dependency':
      return `dependency ${check.packageName} ${check.expect}`;
    case 'routes':
      return `routes ${check.path} by ${check.servedBy} ${check.quantifier} limit=${check.limit}`;
  }
}

function targetFacts(target: CheckTarget): string {
  if (target.kind === 'concern') return `concern:${target.concern}`;
  return target.kind === 'framework' ? `framework:${target.framework}` : `package:${target.packageName}`;
}
