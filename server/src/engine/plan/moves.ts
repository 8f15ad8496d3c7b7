/**
 * The framework swaps a plan carries out (`move orm from typeorm to prisma`): the defaults when the user names
 * none, and what kind of swap each one is, since that decides the steps it needs.
 */
import type { Concern, FrameworkUse, RouteEntry, SessionEntry } from '../model';
import type { RulePack } from '../../rules/rulePack';
import { MODULE_STATE } from '../detect/moduleState';

export interface Move {
  concern: string;
  from: string;
  to: string;
}

/**
 * - `replace`: the target is another framework of the same concern (TypeORM → Prisma): seams, consumers, switch, retire.
 * - `companion`: the target is a package used beside the framework, which stays (express-session → connect-redis).
 * - `evict`: in-process state leaves the process (module-state → an external store); there is no package to swap.
 */
export type MoveKind = 'replace' | 'companion' | 'evict';

/** Targets chosen when the user names none; other frameworks fall back to the first target their rule pack has hints for. */
export const DEFAULT_TARGETS: Readonly<Record<string, string>> = {
  typeorm: 'prisma',
  sequelize: 'prisma',
  'sequelize-typescript': 'prisma',
  express: 'fastify',
  koa: 'fastify',
  'koa-router': 'fastify',
  bull: 'bullmq',
  'express-session': 'connect-redis',
  [MODULE_STATE]: 'redis',
};

/**
 * Frameworks of the analysis that have no default target, and the session frameworks whose every store found is
 * external already (nothing to move out of the process), with the moves for the others. A router serving no route
 * while routers that stay serve them (Express under NestJS, which has no default target) is their platform, and
 * stays with them; beside routers that move (Koa under koa-router), it moves too.
 */
export function defaultMoves(frameworks: readonly FrameworkUse[], packs: readonly RulePack[], found: { sessions?: readonly SessionEntry[]; routes?: readonly RouteEntry[] } = {}): { moves: Move[]; untargeted: FrameworkUse[]; external: FrameworkUse[]; platforms: FrameworkUse[] } {
  const moves: Move[] = [];
  const untargeted: FrameworkUse[] = [];
  const external: FrameworkUse[] = [];
  const platforms: FrameworkUse[] = [];
  const targets = new Set(Object.values(DEFAULT_TARGETS));
  const sessions = found.sessions ?? [];
  const routers = new Set((found.routes ?? []).map((route) => route.framework));
  for (const use of frameworks) {
    if (targets.has(use.id)) continue; // already on a target: nothing to leave
    const platform = use.concern === 'routing' && routers.size > 0 && !routers.has(use.id);
    if (platform && ![...routers].some((id) => DEFAULT_TARGETS[id] ?? Object.keys(packs.find((candidate) => candidate.id === id)?.hints ?? {})[0])) {
      platforms.push(use);
      continue;
    }
    const stores = sessions.filter((session) => session.framework === use.id);
    if (use.concern === 'session' && stores.length > 0 && stores.every((session) => session.store === 'external')) {
      external.push(use);
      continue;
    }
    const pack = packs.find((candidate) => candidate.id === use.id);
    const to = DEFAULT_TARGETS[use.id] ?? Object.keys(pack?.hints ?? {})[0];
    if (to) moves.push({ concern: use.concern, from: use.id, to });
    else untargeted.push(use);
  }
  return { moves, untargeted, external, platforms };
}

/** Moves given on top of others: a later move of the same concern and framework replaces the earlier one. */
export function combineMoves(base: readonly Move[], overrides: readonly Move[]): Move[] {
  const out = [...base];
  for (const move of overrides) {
    const at = out.findIndex((other) => other.concern === move.concern && other.from === move.from);
    if (at >= 0) out[at] = move;
    else out.push(move);
  }
  return out;
}

export function moveKind(move: Move, packs: readonly RulePack[]): MoveKind {
  if (move.from === MODULE_STATE) return 'evict';
  const target = packs.find((pack) => pack.id === move.to);
  if (target?.concern === move.concern) return 'replace';
  const source = packs.find((pack) => pack.id === move.from);
  return source?.hints?.[move.to] && !target ? 'companion' : 'replace';
}

/** The npm packages of a framework: its rule pack's, or the id itself for a framework without a pack. */
export function frameworkPackages(id: string, packs: readonly RulePack[]): string[] {
  if (id === MODULE_STATE) return [];
  return packs.find((pack) => pack.id === id)?.packages ?? [id];
}

/** How a framework is named in prose: `TypeORM`, `in-process state`. */
export function frameworkName(id: string, packs: readonly RulePack[]): string {
  if (id === MODULE_STATE) return 'in-process state';
  return packs.find((pack) => pack.id === id)?.name ?? id;
}

export function isConcern(word: string): word is Concern {
  return word === 'orm' || word === 'routing' || word === 'queue' || word === 'session';
}
