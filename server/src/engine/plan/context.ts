/**
 * What every part of the plan generator reads: the analysis, the rule packs, the migration units, the strategy,
 * and the conventions the generated checks rely on.
 */
import type { AnalysisResult, CouplingSite } from '../model';
import type { OrderStrategy } from '../../planfile/ast';
import type { RulePack } from '../../rules/rulePack';
import type { Workspace } from '../verify/workspace';
import type { HintPicker } from './hints';
import type { Move } from './moves';
import { frameworkName } from './moves';
import { sourceRootOf, type UnitIndex } from './units';

export interface PlanContext {
  result: AnalysisResult;
  packs: readonly RulePack[];
  units: UnitIndex;
  strategy: OrderStrategy;
  hints: HintPicker;
  workspace?: Workspace;
  /** The glob of all source code: `src/**`, or `**` when sources sit in several roots. */
  sourceGlob: string;
}

/**
 * Where a unit keeps the code behind its seam, per concern. One folder name per concern throughout the plan, so
 * a check can say "none outside <unit>/persistence/**" and a reviewer knows where adapters go.
 */
export const ADAPTER_DIRS: Readonly<Record<string, string>> = { orm: 'persistence', queue: 'messaging', session: 'state', routing: 'http' };

export function adapterDir(concern: string): string {
  return ADAPTER_DIRS[concern] ?? 'adapters';
}

/** All coupling sites of the given frameworks, over all modules. */
export function sitesOf(ctx: PlanContext, frameworks: ReadonlySet<string>): CouplingSite[] {
  return ctx.result.modules.flatMap((module) => module.sites.filter((site) => frameworks.has(site.framework)));
}

export function nameOf(ctx: PlanContext, framework: string): string {
  return frameworkName(framework, ctx.packs);
}

/** `TypeORM`, `TypeORM and Sequelize`: the legacy frameworks of some moves, in prose. */
export function namesOf(ctx: PlanContext, moves: readonly Move[]): string {
  const names = [...new Set(moves.map((move) => nameOf(ctx, move.from)))];
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The common glob of the source roots of every coupled module. */
export function sourceGlobOf(result: AnalysisResult): string {
  const roots = [...new Set(result.modules.filter((module) => module.sites.length > 0).map((module) => sourceRootOf(module.path)))];
  if (roots.length === 0) return '**';
  let common = roots[0].split('/');
  for (const root of roots.slice(1)) {
    const parts = root.split('/');
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  const prefix = common.filter(Boolean).join('/');
  return prefix ? `${prefix}/**` : '**';
}
