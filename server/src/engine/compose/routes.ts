/**
 * Composes full route paths: each route's own path joined under every chain of mount prefixes that leads
 * to its router from an application (`app.use('/api', api)` → `api.use('/users', users)` → `users.get('/:id')`
 * gives `/api/users/:id`), across modules, with router prefixes applied; NestJS controllers get the global prefix
 * and versioning of each app serving them (compose/nestApps.ts).
 */
import type { RouteEntry } from '../model';
import type { RawMount, RawRoute } from '../detect/facts';
import { joinPath } from '../detect/paths';
import { modulePathsOf, nestServing } from './nestApps';
import type { AppConfig, NestInputs } from './nestApps';

const MAX_DEPTH = 16;

export function composeRoutes(routes: RawRoute[], mounts: RawMount[], ownPrefixes: { owner: string; prefix: string }[], nest: NestInputs): RouteEntry[] {
  const parents = new Map<string, RawMount[]>();
  for (const m of mounts) {
    if (m.parent === m.child) continue;
    const list = parents.get(m.child) ?? [];
    if (!list.some((x) => x.parent === m.parent && x.prefix === m.prefix)) list.push(m);
    parents.set(m.child, list);
  }
  const own = new Map<string, string>();
  for (const p of ownPrefixes) own.set(p.owner, joinPath(own.get(p.owner) ?? '', p.prefix));
  const serving = nestServing(nest);
  const modulePaths = modulePathsOf(nest);

  // All prefixes under which an owner is reachable (one per mount chain).
  const memo = new Map<string, string[]>();
  const prefixesOf = (owner: string, depth: number, seen: Set<string>): string[] => {
    const hit = memo.get(owner);
    if (hit) return hit;
    const self = own.get(owner) ?? '';
    const ps = parents.get(owner);
    let out: string[];
    if (!ps || depth > MAX_DEPTH) out = [joinPath(self)];
    else {
      out = [];
      for (const m of ps) {
        if (seen.has(m.parent)) continue;
        seen.add(m.parent);
        for (const p of prefixesOf(m.parent, depth + 1, seen)) out.push(joinPath(p, m.prefix, self));
        seen.delete(m.parent);
      }
      if (out.length === 0) out = [joinPath(self)];
    }
    out = [...new Set(out)].sort();
    if (depth === 0) memo.set(owner, out);
    return out;
  };

  const result: RouteEntry[] = [];
  for (const r of routes) {
    const bases = r.global ? [...new Set(serving(r).flatMap((app) => modulePaths(r.controller).flatMap((m) => appBases(app, r, m))))] : prefixesOf(r.owner, 0, new Set([r.owner]));
    for (const base of bases) {
      const entry: RouteEntry = { method: r.method, path: joinPath(base, r.path), framework: r.pack, file: r.file, line: r.line };
      if (r.handler) entry.handler = r.handler;
      if (r.middleware) entry.middleware = r.middleware;
      result.push(entry);
    }
  }
  return result.sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method) || cmp(a.file, b.file) || a.line - b.line);
}

/**
 * Where an app serves a controller's route: under its global prefix, then (URI versioning) `/v1`, once per
 * version, then the path of the module declaring the controller (`modulePath`), as NestJS's RoutePathFactory joins them.
 */
function appBases(app: AppConfig, r: RawRoute, modulePath: string): string[] {
  const base = app.prefix && !app.prefix.exclude.has(joinPath(modulePath, r.path)) ? joinPath(app.prefix.prefix) : '/';
  const uv = app.versioning;
  if (!uv) return [joinPath(base, modulePath)];
  const vs = r.versions ?? (r.versionNeutral ? [] : uv.defaultVersions);
  const segments = [...vs.map((v) => `${uv.prefix}${v}`), ...(r.versionNeutral || vs.length === 0 ? [''] : [])];
  return segments.map((seg) => joinPath(base, seg, modulePath));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
