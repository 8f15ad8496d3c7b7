/**
 * Composes full route paths: each route's own path joined under every chain of mount prefixes that leads
 * to its router from an application (`app.use('/api', api)` → `api.use('/users', users)` → `users.get('/:id')`
 * gives `/api/users/:id`), across modules, with router prefixes and NestJS global prefixes applied.
 */
import type { RouteEntry } from '../model';
import type { RawMount, RawRoute } from '../detect/facts';
import { joinPath } from '../detect/routeReader';

const MAX_DEPTH = 16;

export function composeRoutes(
  routes: RawRoute[],
  mounts: RawMount[],
  ownPrefixes: { owner: string; prefix: string }[],
  globalPrefixes: { pack: string; prefix: string; exclude?: string[] }[],
  uriVersioning: { pack: string; prefix: string; defaultVersions: string[] }[] = [],
): RouteEntry[] {
  const parents = new Map<string, RawMount[]>();
  for (const m of mounts) {
    if (m.parent === m.child) continue;
    const list = parents.get(m.child) ?? [];
    if (!list.some((x) => x.parent === m.parent && x.prefix === m.prefix)) list.push(m);
    parents.set(m.child, list);
  }
  const own = new Map<string, string>();
  for (const p of ownPrefixes) own.set(p.owner, joinPath(own.get(p.owner) ?? '', p.prefix));
  const global = new Map<string, { prefix: string; exclude: Set<string> }>();
  for (const g of globalPrefixes) global.set(g.pack, { prefix: g.prefix, exclude: new Set((g.exclude ?? []).map((e) => joinPath(e))) });

  const versioning = new Map(uriVersioning.map((v) => [v.pack, v]));

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
    const g = r.global ? global.get(r.pack) : undefined;
    let bases = r.global ? [g && !g.exclude.has(joinPath(r.path)) ? joinPath(g.prefix) : '/'] : prefixesOf(r.owner, 0, new Set([r.owner]));
    // URI versioning: `/v1` after the global prefix, once per version the route is served under.
    const uv = r.global ? versioning.get(r.pack) : undefined;
    if (uv) {
      const vs = r.versions ?? (r.versionNeutral ? [] : uv.defaultVersions);
      const segments = [...vs.map((v) => `${uv.prefix}${v}`), ...(r.versionNeutral || vs.length === 0 ? [''] : [])];
      bases = bases.flatMap((b) => segments.map((seg) => joinPath(b, seg)));
    }
    for (const base of bases) {
      const entry: RouteEntry = { method: r.method, path: joinPath(base, r.path), framework: r.pack, file: r.file, line: r.line };
      if (r.handler) entry.handler = r.handler;
      if (r.middleware) entry.middleware = r.middleware;
      result.push(entry);
    }
  }
  return result.sort((a, b) => cmp(a.path, b.path) || cmp(a.method, b.method) || cmp(a.file, b.file) || a.line - b.line);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
