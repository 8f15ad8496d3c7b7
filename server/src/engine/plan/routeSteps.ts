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
import { slug } from './units';

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
  // No route to move (Express under NestJS, its types named in controllers): no façade; the retire step remains.
  if (routes.length === 0) return { facade: [], groups: [] };
  const keys = new Map(routes.map((route) => [route, prefixOf(route.path, routes)]));

  const ordered = orderUnits(routeGroups(routes, keys).map((group) => groupNumbers(ctx, group, frameworks)), ctx.strategy);

  // The code no group owns (middleware, the app and its root files, the router tree) moves with the façade:
  // its hints go there, picked first because the façade comes first.
  const groupFiles = new Set(ordered.filter((group) => group.codeGlob).flatMap((group) => group.files));
  const shared = sitesOf(ctx, frameworks).filter((site) => !groupFiles.has(site.file));
  const facade = step({
    id: `${target}-facade`,
    title: `Put ${/^[aeiou]/i.test(toName) ? 'an' : 'a'} ${toName} façade in front of the ${fromName} app`,
    why: `${plural(routes.length, 'route')} in ${plural(ordered.length, 'group')} move one group at a time; the façade serves moved groups and proxies the rest to ${fromName}`,
    checks: [dependency(frameworkPackages(target, ctx.packs)[0], 'present')],
    hints: [ctx.hints.summary(moves[0]), ...ctx.hints.forSites(moves[0], shared.length ? shared : sitesOf(ctx, frameworks), 2)].filter((text): text is string => !!text),
  });

  const ids = groupIds(ordered);
  const groups = ordered.map((group, index) => {
    const move = moves.find((candidate) => group.routes.some((route) => route.framework === candidate.from)) ?? moves[0];
    // A router serving many unrelated paths (`/403`, `/new`, `/me`, … in one routes.js) is named by its file.
    const title = group.prefixes.length > MAX_TITLE_PREFIXES
      ? `Serve the ${plural(group.routes.length, 'route')} of ${list(group.files, 2)} (${list(group.prefixes, MAX_TITLE_PREFIXES)}) from ${toName}`
      : `Serve ${group.prefixes.join(' and ')} from ${toName}`;
    return step({
      id: `${ids[index]}-routes`,
      title,
      why: `${plural(group.routes.length, 'route')} in ${list(group.files, 2)}, ${plural(group.sites, `${fromName} site`)}, score ${num(group.score)}`,
      checks: [...group.prefixes.map((prefix) => routesNone(globOf(prefix, routes, group.routes.length === routes.length))), ...(group.codeGlob ? [none(move.from, group.codeGlob)] : [])],
      hints: ctx.hints.forSites(move, group.coupling, 2),
    });
  });
  return { facade: [facade], groups };
}

interface RouteGroup {
  prefixes: string[];
  routes: RouteEntry[];
  files: string[];
}

/**
 * Routes grouped by path prefix; prefixes served by exactly the same files (one router mounted twice) form one
 * group, since their code moves together.
 */
function routeGroups(routes: readonly RouteEntry[], keys: ReadonlyMap<RouteEntry, string>): RouteGroup[] {
  const byPrefix = new Map<string, RouteEntry[]>();
  for (const route of routes) byPrefix.set(keys.get(route)!, [...(byPrefix.get(keys.get(route)!) ?? []), route]);
  const byFiles = new Map<string, RouteGroup>();
  for (const [prefix, members] of [...byPrefix].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const files = [...new Set(members.map((route) => route.file))].sort();
    const group = byFiles.get(files.join('\n'));
    if (group) [group.prefixes, group.routes] = [[...group.prefixes, prefix], [...group.routes, ...members]];
    else byFiles.set(files.join('\n'), { prefixes: [prefix], routes: members, files });
  }
  // `/me` and `/me/delete` of one router: `/me` holds both.
  const groups = [...byFiles.values()];
  for (const group of groups) group.prefixes = group.prefixes.filter((p) => !group.prefixes.some((q) => q !== p && q !== '/' && p.startsWith(`${q}/`)));
  // `/auth/login`, `/auth/logout`, … of one router: the group is `/auth` when no other group serves under it.
  for (const group of groups) {
    const parent = group.prefixes.length > 1 ? commonPrefix(group.prefixes) : undefined;
    // Under `/` only when the group is every route (one file serves them all).
    if (!parent || (parent === '/' && group.routes.length < routes.length)) continue;
    const mine = new Set(group.routes);
    if (routes.every((route) => mine.has(route) || (route.path !== parent && !route.path.startsWith(`${parent}/`)))) group.prefixes = [parent];
  }
  return groups;
}

/** The longest path prefix, by whole segments, that `/a/b` and `/a/c` share (`/a`). */
function commonPrefix(prefixes: readonly string[]): string {
  const split = prefixes.map((prefix) => prefix.split('/').filter(Boolean));
  const shared: string[] = [];
  for (let i = 0; split.every((parts) => i < parts.length && parts[i] === split[0][i]); i++) shared.push(split[0][i]);
  return `/${shared.join('/')}`;
}

/** A group's numbers for ordering and its `why`, and the glob of its code once it has moved. */
function groupNumbers(ctx: PlanContext, group: RouteGroup, frameworks: ReadonlySet<string>) {
  const files = new Set(group.files);
  const modules = ctx.result.modules.filter((module) => files.has(module.path));
  const coupling = modules.flatMap((module) => module.sites.filter((site) => frameworks.has(site.framework)));
  // A feature folder that serves only this group is checked whole; a shared or root folder only by its router files.
  const units = [...new Set(group.files.map((file) => ctx.units.unitOf(file)))];
  const unit = units.length === 1 ? units[0] : undefined;
  const servesOthers = unit ? ctx.result.routes.some((route) => frameworks.has(route.framework) && !files.has(route.file) && ctx.units.unitOf(route.file) === unit) : true;
  const inRoot = group.files.some((file) => !ctx.units.unitOf(file)?.glob.endsWith('/**'));
  const codeGlob = inRoot ? undefined : unit && !servesOthers ? unit.glob : fileGlob(group.files);
  return {
    ...group,
    coupling,
    codeGlob,
    id: group.prefixes[0],
    score: modules.reduce((sum, module) => sum + module.score, 0),
    sites: coupling.length,
    providers: new Set<string>(),
    dependents: new Set<string>(),
  };
}

/** Prefixes beyond which a step is titled by its files rather than its paths. */
const MAX_TITLE_PREFIXES = 3;

/**
 * `users` for /api/users; the whole prefix when two groups would share the last segment. A group titled by its
 * file (see `MAX_TITLE_PREFIXES`) is named after it: `lib-routes` for lib/routes.js, `admin` for admin.js.
 */
function groupIds(groups: readonly RouteGroup[]): string[] {
  const last = groups.map((group) => (group.prefixes.length > MAX_TITLE_PREFIXES && group.files.length === 1 ? fileId(group.files[0]) : slug(group.prefixes[0].split('/').pop() || 'root')));
  return last.map((id, i) => (last.indexOf(id) !== last.lastIndexOf(id) ? slug(groups[i].prefixes[0]) || 'root' : id));
}

/** A file's stem, or its folder's name for a generic one (`routes.js`, `index.js`), as a step id. */
function fileId(file: string): string {
  const parts = file.replace(/\.[^./]+$/, '').split('/');
  // `renders.routes.js` → `renders`
  const stem = parts[parts.length - 1].replace(/\.(routes?|router|controller)$/, '');
  const generic = /^(index|routes?|router)$/.test(stem) && parts.length > 1;
  return slug(generic ? parts[parts.length - 2] : stem) || 'root';
}

function fileGlob(files: readonly string[]): string {
  if (files.length === 1) return files[0];
  const dir = files[0].slice(0, files[0].lastIndexOf('/') + 1);
  return files.every((file) => file.startsWith(dir) && !file.slice(dir.length).includes('/')) ? `${dir}{${files.map((file) => file.slice(dir.length)).join(',')}}` : files[0];
}

/**
 * The group of a route path: its first segment (`/health`, `/webhooks`), or its first two when the first is a
 * namespace that several groups share (`/api/users`), or three for a versioned namespace (`/api/v1/users`). A
 * group of more than `MAX_GROUP_ROUTES` routes with several sub-paths goes one level deeper, again while it is
 * (`/api/admin` → `/api/admin/projects`): it would not move as one step. A mount prefix the analysis could not
 * read (`/{baseUriPath}/api/…`) leads every path and is kept as a segment.
 */
export function prefixOf(path: string, routes: readonly RouteEntry[]): string {
  const parts = staticParts(path);
  if (parts.length <= 1) return `/${parts.join('/')}`;
  const all = routes.map((route) => staticParts(route.path));
  const under = (depth: number) => all.filter((other) => other.length >= depth && parts.slice(0, depth).every((part, i) => other[i] === part));
  const childrenAt = (depth: number) => new Set(under(depth).filter((other) => other.length > depth).map((other) => other[depth]));
  const lead = isPlaceholder(parts[0]) ? 1 : 0;
  const versioned = /^v\d+$/.test(parts[lead + 1] ?? '');
  if (parts.length <= lead + 1) return `/${parts.join('/')}`;
  if (childrenAt(lead + 1).size < 2 && !versioned) return `/${parts.slice(0, lead + 1).join('/')}`;
  let depth = lead + (versioned && parts.length > lead + 2 ? 3 : 2);
  while (depth < parts.length && under(depth).length > MAX_GROUP_ROUTES && childrenAt(depth).size >= 2) depth++;
  return `/${parts.slice(0, depth).join('/')}`;
}

/** Routes beyond which a group is split along its next path segment. */
const MAX_GROUP_ROUTES = 40;

/** `{baseUriPath}`: a prefix shown as the expression the analysis could not read. */
function isPlaceholder(part: string | undefined): boolean {
  return part !== undefined && /^\{[^}]+\}$/.test(part);
}

/**
 * A prefix as a route check's glob: `/api/users/**`, or the exact path when no route lies below it; `/` is every
 * route (`/**`) only for a group that holds them all.
 */
function globOf(prefix: string, routes: readonly RouteEntry[], every = false): string {
  if (prefix === '/') return every ? '/**' : '/';
  const below = routes.some((route) => route.path.startsWith(`${prefix}/`));
  return below ? `${prefix}/**` : prefix;
}

/** The leading static segments of a route path (up to the first parameter or wildcard). */
function staticParts(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  // A leading `{prefix}` is a mount prefix that did not read as a string (hapi's `{id}` parameters follow a segment).
  const end = parts.findIndex((part, i) => !(i === 0 && isPlaceholder(part)) && (/^[:*{(]/.test(part) || part.includes('*')));
  return end < 0 ? parts : parts.slice(0, end);
}
