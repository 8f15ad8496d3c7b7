/**
 * Verifies a plan against an analysis: counts what each check counts, says which files break it, and turns a
 * step's status and checks into its state — verified, regressed, ready or pending.
 */
import picomatch from 'picomatch';
import type { Check, CheckTarget, CouplingCheck, PlanFile, Step, StepStatus } from '../../planfile/ast';
import { planSteps, stepStatus } from '../../planfile/ast';
import { checkText } from '../../planfile/print';
import type { AnalysisResult, CouplingSite } from '../model';
import { declarationsOf, type Workspace } from './workspace';

/** Where a check is broken: a coupling site, a route, or a package.json line. */
export interface Violation {
  file: string;
  line: number;
  column: number;
  text: string;
}

export interface CheckResult {
  /** The check as the canonical printer writes it: `none orm in src/users/** except src/users/persistence/**`. */
  text: string;
  rule: Check['rule'];
  /** 0-based line of the check in the plan file, when it was parsed. */
  planLine?: number;
  ok: boolean;
  /** What the check counted: sites, routes, or the package.json files declaring the package. */
  count: number;
  /** The most allowed; null for `dependency … present`, which wants at least one. */
  limit: number | null;
  violations: Violation[];
  /** A ratchet whose count dropped below its limit: `strangler check --update-ratchets` tightens it to `count`. */
  canTighten?: boolean;
  /** A ratchet over its limit, which is a regression whatever the step's status. */
  ratchetExceeded?: boolean;
}

/**
 * - `verified`: done, and every check passes.
 * - `regressed`: done but a check fails, or a ratchet went over its recorded count.
 * - `ready`: not done yet, but every check already passes (there is at least one).
 * - `pending`: not done, and some check fails (or there is none to judge by).
 */
export type StepState = 'verified' | 'regressed' | 'ready' | 'pending';

export interface StepResult {
  id: string;
  title: string;
  phase: string;
  status: StepStatus;
  manual: boolean;
  /** 0-based line of the `step` line, when parsed. */
  planLine?: number;
  state: StepState;
  checks: CheckResult[];
}

export interface PlanEvaluation {
  steps: StepResult[];
  counts: Record<StepState, number>;
  /** A done step failing, or a ratchet over its limit: what makes `strangler check` exit 1. */
  regressed: boolean;
}

export interface EvaluateOptions {
  /** Violations kept per check; the count is always exact. Default 50. */
  maxViolations?: number;
}

export function evaluatePlan(plan: PlanFile, result: AnalysisResult, workspace: Workspace, options: EvaluateOptions = {}): PlanEvaluation {
  const max = options.maxViolations ?? 50;
  const legacyRouting = new Set((plan.header?.moves ?? []).filter((move) => move.concern === 'routing').map((move) => move.from));
  const targets = new Set((plan.header?.moves ?? []).map((move) => move.to));
  const sites = result.modules.flatMap((module) => module.sites);
  const context: CheckContext = { result, sites, workspace, legacyRouting, targets, max };
  const steps: StepResult[] = [];
  for (const { phase, step } of planSteps(plan)) {
    const checks = step.checks.map((check) => evaluateCheck(check, context));
    steps.push({
      id: step.id,
      title: step.title,
      phase: phase.title,
      status: stepStatus(step),
      manual: !!step.manual,
      planLine: step.source?.line,
      state: stateOf(step, checks),
      checks,
    });
  }
  const counts: Record<StepState, number> = { verified: 0, regressed: 0, ready: 0, pending: 0 };
  for (const step of steps) counts[step.state]++;
  return { steps, counts, regressed: counts.regressed > 0 };
}

function stateOf(step: Step, checks: CheckResult[]): StepState {
  const passing = checks.every((check) => check.ok);
  if (checks.some((check) => check.ratchetExceeded)) return 'regressed';
  if (stepStatus(step).state === 'done') return passing ? 'verified' : 'regressed';
  return passing && checks.length > 0 ? 'ready' : 'pending';
}

interface CheckContext {
  result: AnalysisResult;
  sites: CouplingSite[];
  workspace: Workspace;
  /** The `from` frameworks of the plan's routing moves: what `served-by legacy` means. */
  legacyRouting: ReadonlySet<string>;
  targets: ReadonlySet<string>;
  max: number;
}

export function evaluateCheck(check: Check, context: CheckContext): CheckResult {
  const base = { text: checkText(check), rule: check.rule, planLine: check.source?.line };
  switch (check.rule) {
    case 'none':
    case 'at-most':
    case 'ratchet': {
      const found = couplingViolations(check, context.sites);
      const count = found.length;
      const ok = count <= check.limit;
      return {
        ...base,
        ok,
        count,
        limit: check.limit,
        violations: found.slice(0, context.max),
        ...(check.rule === 'ratchet' ? { canTighten: count < check.limit, ratchetExceeded: !ok } : {}),
      };
    }
    case 'dependency': {
      const declarations = declarationsOf(context.workspace, check.packageName);
      const present = declarations.length > 0;
      const violations =
        check.expect === 'absent'
          ? declarations.map((d) => ({ file: d.file, line: d.line, column: d.column, text: `"${check.packageName}" in ${d.section}` }))
          : [];
      return { ...base, ok: check.expect === 'present' ? present : !present, count: declarations.length, limit: check.expect === 'absent' ? 0 : null, violations: violations.slice(0, context.max) };
    }
    case 'routes': {
      const matches = picomatch(check.path, { dot: true });
      const served = (framework: string) =>
        check.servedBy === 'legacy'
          ? context.legacyRouting.size > 0
            ? context.legacyRouting.has(framework)
            : !context.targets.has(framework) // no routing move: any framework that is not a target is legacy
          : framework === check.servedBy;
      const routes = context.result.routes.filter((route) => served(route.framework) && matches(route.path));
      const limit = check.quantifier === 'none' ? 0 : check.limit;
      const violations = routes.map((route) => ({ file: route.file, line: route.line, column: 1, text: `${route.method} ${route.path}` }));
      return { ...base, ok: routes.length <= limit, count: routes.length, limit, violations: violations.slice(0, context.max) };
    }
  }
}

/** The sites a coupling check counts: of its target, in files matching `in` and none of the `except` globs. */
function couplingViolations(check: CouplingCheck, sites: readonly CouplingSite[]): Violation[] {
  const within = picomatch(check.within.pattern, { dot: true });
  const except = check.except.length ? picomatch(check.except.map((glob) => glob.pattern), { dot: true }) : () => false;
  const hits = (target: CheckTarget) => (site: CouplingSite) => targetMatches(target, site);
  return sites
    .filter(hits(check.target))
    .filter((site) => within(site.file) && !except(site.file))
    .map((site) => ({ file: site.file, line: site.line, column: site.column, text: site.text }));
}

/**
 * A concern or framework target matches sites of it; a package target matches the sites that import the
 * package itself or one of its subpaths (`typeorm`, `typeorm/browser`).
 */
function targetMatches(target: CheckTarget, site: CouplingSite): boolean {
  if (target.kind === 'concern') return site.concern === target.concern;
  if (target.kind === 'framework') return site.framework === target.framework;
  if (site.kind !== 'import' && site.kind !== 'type-import') return false;
  const specifier = /['"]([^'"]+)['"]/.exec(site.text)?.[1];
  return specifier === target.packageName || (specifier?.startsWith(`${target.packageName}/`) ?? false);
}
