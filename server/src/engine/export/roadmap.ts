/**
 * The roadmap every export renders: the plan with its verified state, the summary, the hotspots, the inventories,
 * the migration units and the façade routing table, derived once from an analysis, a plan and its evaluation.
 * The JSON export is this object as it is; `schemas/roadmap.schema.json` describes it.
 */
import type { AnalysisResult, Concern, QueueEntry } from '../model';
import { CONCERNS, queueCount } from '../model';
import type { PlanFile, StepState as PlanStatus } from '../../planfile/ast';
import { planSteps } from '../../planfile/ast';
import type { CheckResult, PlanEvaluation, StepState, Violation } from '../verify/evaluate';
import { builtinRulePacks } from '../../rules/loadRulePacks';
import { frameworkName } from '../plan/moves';
import { facadeTable, type FacadeTable, type FacadeUpstreams } from './facade';
import { unitGraph, type UnitDependency, type UnitNode } from './unitGraph';

export const ROADMAP_SCHEMA_VERSION = 1;
export const STEP_STATES: readonly StepState[] = ['verified', 'regressed', 'ready', 'pending'];

/** What every exporter is given. */
export interface ExportInput {
  result: AnalysisResult;
  plan: PlanFile;
  evaluation: PlanEvaluation;
  /** The workspace folder's name, as the reader knows the project. */
  workspace: string;
  /** The plan file, relative to the workspace; absent when the plan was drafted in memory (no file yet). */
  planFile?: string;
}

export interface ExportOptions {
  /** Hotspots listed (default 10). */
  top?: number;
  /** Upstream names of the façade (default `legacy` and `modern`). */
  upstreams?: Partial<FacadeUpstreams>;
}

export type StateCounts = Record<StepState, number>;

export interface RoadmapCheck {
  text: string;
  rule: CheckResult['rule'];
  ok: boolean;
  count: number;
  limit: number | null;
  /** 1-based line of the check in the plan file. */
  planLine?: number;
  violations: Violation[];
}

export interface RoadmapStep {
  id: string;
  title: string;
  phase: string;
  /** What the plan says: todo, doing or done (with its date). */
  status: PlanStatus;
  date?: string;
  manual: boolean;
  /** What the code says: verified, regressed, ready or pending. */
  state: StepState;
  /** 1-based line of the step in the plan file. */
  planLine?: number;
  why?: string;
  scopes: string[];
  hints: string[];
  checks: RoadmapCheck[];
}

export interface RoadmapPhase {
  title: string;
  counts: StateCounts;
  steps: RoadmapStep[];
}

export interface ConcernSummary {
  concern: Concern;
  modules: number;
  sites: number;
  weight: number;
  frameworks: { id: string; name: string; modules: number; sites: number; weight: number }[];
  moves: { from: string; to: string; fromName: string; toName: string }[];
}

export interface Hotspot {
  rank: number;
  path: string;
  score: number;
  coupling: number;
  churn: number;
  dependents: number;
  leaks: number;
  formula: string;
  /** Sites per concern, only the concerns it has. */
  sites: Partial<Record<Concern, number>>;
}

export interface Roadmap {
  schemaVersion: number;
  tool: { name: 'strangler'; version: string };
  workspace: string;
  plan: {
    title: string;
    /** The plan file relative to the workspace, or null when the plan was drafted because there is none yet. */
    file: string | null;
    order: string;
    moves: { concern: string; from: string; to: string }[];
  };
  summary: {
    modules: number;
    coupledModules: number;
    sites: number;
    routes: number;
    queues: number;
    models: number;
    sessions: number;
    concerns: ConcernSummary[];
    progress: { steps: number; checks: number; passingChecks: number; percentVerified: number } & StateCounts;
  };
  phases: RoadmapPhase[];
  hotspots: { total: number; top: Hotspot[] };
  units: UnitNode[];
  dependencies: UnitDependency[];
  facade: FacadeTable;
  queues: QueueEntry[];
}

export function buildRoadmap(input: ExportInput, options: ExportOptions = {}): Roadmap {
  const { result, plan, evaluation } = input;
  const astSteps = [...planSteps(plan)].map(({ step }) => step);
  const steps = evaluation.steps.map((step, index): RoadmapStep => {
    const ast = astSteps[index];
    return {
      id: step.id,
      title: step.title,
      phase: step.phase,
      status: step.status.state,
      ...(step.status.state === 'done' ? { date: step.status.date } : {}),
      manual: step.manual,
      state: step.state,
      ...(step.planLine !== undefined ? { planLine: step.planLine + 1 } : {}),
      ...(ast?.why ? { why: ast.why.text } : {}),
      scopes: ast ? ast.scopes.flatMap((scope) => scope.globs.map((glob) => glob.pattern)) : [],
      hints: ast ? ast.hints.map((hint) => hint.text) : [],
      checks: step.checks.map((check) => ({
        text: check.text,
        rule: check.rule,
        ok: check.ok,
        count: check.count,
        limit: check.limit,
        ...(check.planLine !== undefined ? { planLine: check.planLine + 1 } : {}),
        violations: check.violations,
      })),
    };
  });
  const phases: RoadmapPhase[] = [];
  for (const step of steps) {
    let phase = phases.at(-1);
    if (!phase || phase.title !== step.phase) phases.push((phase = { title: step.phase, counts: emptyCounts(), steps: [] }));
    phase.steps.push(step);
    phase.counts[step.state]++;
  }
  const checks = steps.flatMap((step) => step.checks);
  const moves = (plan.header?.moves ?? []).map(({ concern, from, to }) => ({ concern, from, to }));
  const units = unitGraph(result, plan, evaluation);
  return {
    schemaVersion: ROADMAP_SCHEMA_VERSION,
    tool: { name: 'strangler', version: result.tool.version },
    workspace: input.workspace,
    plan: { title: plan.header?.title ?? '', file: input.planFile ?? null, order: plan.header?.order?.strategy ?? 'pain-first', moves },
    summary: {
      modules: result.summary.modules,
      coupledModules: result.summary.coupledModules,
      sites: result.summary.sites,
      routes: result.routes.length,
      queues: queueCount(result.queues),
      models: result.models.length,
      sessions: result.sessions.length,
      concerns: concernSummaries(result, moves),
      progress: {
        steps: steps.length,
        checks: checks.length,
        passingChecks: checks.filter((check) => check.ok).length,
        percentVerified: steps.length ? Math.round((evaluation.counts.verified / steps.length) * 100) : 0,
        ...evaluation.counts,
      },
    },
    phases,
    hotspots: hotspots(result, options.top ?? 10),
    units: units.nodes,
    dependencies: units.edges,
    facade: facadeTable(result, plan, evaluation, options.upstreams),
    queues: result.queues,
  };
}

export function emptyCounts(): StateCounts {
  return { verified: 0, regressed: 0, ready: 0, pending: 0 };
}

function concernSummaries(result: AnalysisResult, moves: Roadmap['plan']['moves']): ConcernSummary[] {
  const packs = builtinRulePacks();
  return CONCERNS.map((concern) => ({
    concern,
    ...result.summary.byConcern[concern],
    frameworks: result.summary.frameworks
      .filter((use) => use.concern === concern)
      .map(({ id, name, modules, sites, weight }) => ({ id, name, modules, sites, weight })),
    moves: moves
      .filter((move) => move.concern === concern)
      .map((move) => ({ from: move.from, to: move.to, fromName: frameworkName(move.from, packs), toName: frameworkName(move.to, packs) })),
  }));
}

function hotspots(result: AnalysisResult, top: number): Roadmap['hotspots'] {
  const ranked = result.modules.filter((module) => module.rank !== null).sort((a, b) => a.rank! - b.rank!);
  return {
    total: ranked.length,
    top: ranked.slice(0, top).map((module) => ({
      rank: module.rank!,
      path: module.path,
      score: module.score,
      coupling: module.breakdown.coupling,
      churn: module.breakdown.churn,
      dependents: module.breakdown.dependents,
      leaks: module.breakdown.leaks,
      formula: module.breakdown.formula,
      sites: Object.fromEntries(CONCERNS.filter((concern) => module.concerns[concern].sites > 0).map((concern) => [concern, module.concerns[concern].sites])),
    })),
  };
}
