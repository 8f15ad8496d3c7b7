/**
 * The migration map: the units that migrate together (as the plan generator groups modules), each with its
 * coupling and the state of the plan's steps about it, and which unit reaches a framework through which.
 */
import picomatch from 'picomatch';
import type { AnalysisResult, Concern } from '../model';
import { CONCERNS } from '../model';
import type { PlanFile, Step } from '../../planfile/ast';
import { planSteps } from '../../planfile/ast';
import type { PlanEvaluation } from '../verify/evaluate';
import { couplingByUnit, UnitIndex, type MigrationUnit } from '../plan/units';
import { round2 } from '../rank/rank';

/**
 * - `verified`: every step about the unit is verified; `regressed`: one of them regressed;
 * - `started`: some are verified or being done; `pending`: none started; `unplanned`: no step is about the unit alone.
 */
export type UnitState = 'verified' | 'regressed' | 'started' | 'pending' | 'unplanned';

export interface UnitNode {
  id: string;
  /** `src/users`, `src/*`: how the plan names the unit. */
  label: string;
  glob: string;
  modules: number;
  sites: number;
  /** The summed hotspot score of its modules. */
  score: number;
  concerns: Concern[];
  /** Steps with a check or scope that looks only inside this unit, in plan order. */
  steps: string[];
  state: UnitState;
}

/** `from` reaches the frameworks of `concerns` through values of `to`, so `to`'s seam comes first. */
export interface UnitDependency {
  from: string;
  to: string;
  concerns: Concern[];
}

export function unitGraph(result: AnalysisResult, plan: PlanFile, evaluation: PlanEvaluation): { nodes: UnitNode[]; edges: UnitDependency[] } {
  const index = new UnitIndex(result);
  const steps = [...planSteps(plan)].map(({ step }, i) => ({ step, state: evaluation.steps[i]?.state ?? 'pending' }));
  const ownerOf = globOwners(index, result);
  const nodes = index.units
    .map((unit) => ({ unit, sites: unit.modules.reduce((sum, module) => sum + module.sites.length, 0) }))
    .filter(({ sites }) => sites > 0)
    .map(({ unit, sites }): UnitNode => {
      const about = steps.filter(({ step }) => stepGlobs(step).some((glob) => ownerOf(glob) === unit));
      return {
        id: unit.id,
        label: unit.label,
        glob: unit.glob,
        modules: unit.modules.length,
        sites,
        score: round2(unit.modules.reduce((sum, module) => sum + module.score, 0)),
        concerns: CONCERNS.filter((concern) => unit.modules.some((module) => module.concerns[concern].sites > 0)),
        steps: about.map(({ step }) => step.id),
        state: unitState(about),
      };
    });
  const edges = new Map<string, UnitDependency>();
  for (const concern of CONCERNS) {
    const frameworks = new Set(result.summary.frameworks.filter((use) => use.concern === concern).map((use) => use.id));
    for (const coupling of couplingByUnit(index, frameworks).values()) {
      for (const provider of [...coupling.providers].sort()) {
        const key = `${coupling.unit.id}\n${provider}`;
        const edge = edges.get(key) ?? { from: coupling.unit.id, to: provider, concerns: [] };
        edge.concerns.push(concern);
        edges.set(key, edge);
      }
    }
  }
  const compare = (a: UnitDependency, b: UnitDependency) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0);
  return { nodes, edges: [...edges.values()].sort(compare) };
}

/** The globs a step checks or scopes. */
function stepGlobs(step: Step): string[] {
  return [...step.scopes.flatMap((scope) => scope.globs), ...step.checks.flatMap((check) => ('within' in check ? [check.within] : []))].map((glob) => glob.pattern);
}

/**
 * A step is about a unit when one of its globs matches modules of that unit and of no other: the unit that owns
 * a glob, found once per glob (plans repeat their globs, and a workspace can have thousands of modules).
 */
function globOwners(index: UnitIndex, result: AnalysisResult): (glob: string) => MigrationUnit | undefined {
  const owners = new Map<string, MigrationUnit | undefined>();
  return (glob) => {
    if (!owners.has(glob)) {
      const matches = picomatch(glob, { dot: true });
      // Modules of no unit (test code, migrations) make no glob ambiguous.
      const units = new Set(result.modules.filter((module) => matches(module.path)).flatMap((module) => index.unitOf(module.path) ?? []));
      owners.set(glob, units.size === 1 ? [...units][0] : undefined);
    }
    return owners.get(glob);
  };
}

function unitState(about: { state: string; step: Step }[]): UnitState {
  if (about.length === 0) return 'unplanned';
  if (about.some(({ state }) => state === 'regressed')) return 'regressed';
  if (about.every(({ state }) => state === 'verified')) return 'verified';
  if (about.some(({ state, step }) => state === 'verified' || step.status?.state === 'doing')) return 'started';
  return 'pending';
}
