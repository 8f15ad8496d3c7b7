/**
 * The routing steps: a façade on the target framework in front of the legacy app, then one step per route group
 * (the routes a unit serves, by path prefix), so traffic moves group by group while the rest is proxied.
 */
import type { Step } from '../../planfile/ast';
import type { RouteEntry } from '../model';
import { nameOf, sitesOf, type PlanContext } from './context';
import { frameworkPackages, type Move } from './moves';
import { orderUnits } from './order';
import { dependency, list, none, num, plural, routesNone, step } from './planNodes';
import { couplingByUnit, type MigrationUnit } from './units';

export interface RouteSteps {
  facade: Step[];
  groups: Step[];
}

/** Steps for the routing moves; several legacy frameworks moving to one target share the façade. */
export function routeSteps(ctx: PlanContext, moves: readonly Move[]): RouteSteps {
  if (moves.length === 0) return { facade: [], groups: [] };
  const frameworks = new Set(moves.map((move) => move.from));
  const target = moves[0].to;
  const toName = nameOf(ctx, target);
  const fromName = [...frameworks].map((id) => nameOf(ctx, id)).join('/');
  const routes = ctx.result.routes.filter((route) => frameworks.has(route.framework));
  const keys = new Map(routes.map((route) => [route, prefixOf(route.path, routes)]));
  const coupling = couplingByUnit(ctx.units, frameworks);

  const byUnit = new Map<MigrationUnit, RouteEntry[]>();
  for (const route of routes) {
    const unit = ctx.units.unitOf(route.file);
    if (unit) byUnit.set(unit, [...(byUnit.get(unit) ?? []), route]);
  }
  const ordered = orderUnits(
    [...byUnit].map(([unit, unitRoutes]) => {
      const entry = coupling.get(unit.id);
      return { unit, routes: unitRoutes, id: unit.id, score: entry?.score ?? 0, sites: entry?.sites.length ?? 0, providers: new Set<string>(), dependents: new Set<string>() };
    }),
    ctx.strategy,
  );

  // The code no group owns (middleware, the app, the router tree) moves with the façade: its hints go there,
  // picked first because the façade comes first.
  const owners = new Set([...byUnit.keys()].map((unit) => unit.id));
  const shared = [...coupling.values()].filter((entry) => !owners.has(entry.unit.id)).flatMap((entry) => entry.sites);
  const facade = step({
    id: `${target}-facade`,
    title: `Put a ${toName} façade in front of the ${fromName} app`,
    why: `${plural(routes.length, 'route')} in ${plural(ordered.length, 'group')} move one group at a time; the façade serves moved groups and proxies the rest to ${fromName}`,
    checks: [dependency(frameworkPackages(target, ctx.packs)[0], 'present')],
    hints: [ctx.hints.summary(moves[0]), ...ctx.hints.forSites(moves[0], shared.length ? shared : sitesOf(ctx, frameworks), 2)].filter((text): text is string => !!text),
  });

  const groups = ordered.map((group) => {
    const prefixes = [...new Set(group.routes.map((route) => keys.get(route)!))].sort();
    const move = moves.find((candidate) => group.routes.some((route) => route.framework === candidate.from)) ?? moves[0];
    const unitSites = coupling.get(group.unit.id)?.sites ?? [];
    // Files right in a source root hold the app itself, which only goes when the legacy framework does.
    const isFolder = group.unit.glob.endsWith('/**');
    return step({
      id: `${group.unit.id}-routes`,
      title: `Serve ${list(prefixes, 2)} from ${toName}`,
      why: `${plural(group.routes.length, 'route')} in ${group.unit.label}, ${plural(group.sites, `${fromName} site`)}, score ${num(group.score)}`,
      // The unit's own `none` check scopes the step; the app's root files get a scope line instead.
      scopes: isFolder ? [] : [group.unit.glob],
      checks: [...prefixes.map((prefix) => routesNone(globOf(prefix, routes))), ...(isFolder ? [none(move.from, group.unit.glob)] : [])],
      hints: ctx.hints.forSites(move, unitSites, 2),
    });
  });
  return { facade: [facade], groups };
}

/**
 * The group of a route path: its first segment (`/health`, `/webhooks`), or its first two when the first is a
 * namespace that several groups share (`/api/users`), or three for a versioned namespace (`/api/v1/users`).
 */
export function prefixOf(path: string, routes: readonly RouteEntry[]): string {
  const parts = staticParts(path);
  if (parts.length <= 1) return `/${parts.join('/')}`;
  const children = new Set(routes.map((route) => staticParts(route.path)).filter((other) => other[0] === parts[0] && other.length > 1).map((other) => other[1]));
  if (children.size < 2 && !/^v\d+$/.test(parts[1])) return `/${parts[0]}`;
  const depth = /^v\d+$/.test(parts[1]) && parts.length > 2 ? 3 : 2;
  return `/${parts.slice(0, depth).join('/')}`;
}

/** A prefix as a route check's glob: `/api/users/**`, or the exact path when no route lies below it. */
function globOf(prefix: string, routes: readonly RouteEntry[]): string {
  const below = routes.some((route) => route.path.startsWith(`${prefix}/`));
  return below ? `${prefix === '/' ? '' : prefix}/**` : prefix;
}

/** The leading static segments of a route path (up to the first parameter or wildcard). */
function staticParts(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const end = parts.findIndex((part) => /^[:*{(]/.test(part) || part.includes('*'));
  return end < 0 ? parts : parts.slice(0, end);
}
