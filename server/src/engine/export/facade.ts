/**
 * The strangler façade's routing table: for every route of the inventory, whether the legacy app or the modern
 * one serves it, decided by the plan — a route group moves to the modern app when the step whose `routes … served-by
 * legacy none` check covers it is done and verified — and how a proxy matches the route (an exact path, or a
 * regular expression for paths with parameters).
 */
import picomatch from 'picomatch';
import type { AnalysisResult } from '../model';
import type { PlanFile } from '../../planfile/ast';
import { planSteps } from '../../planfile/ast';
import type { PlanEvaluation, StepState } from '../verify/evaluate';

export type Upstream = 'legacy' | 'modern';
export type FacadeUpstreams = Record<Upstream, string>;
export const DEFAULT_UPSTREAMS: FacadeUpstreams = { legacy: 'legacy', modern: 'modern' };
/** An upstream name a proxy reads in `proxy_pass http://<name>` as it is: it goes into configuration unquoted. */
export const UPSTREAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export class UpstreamNameError extends Error {}

/** A route group of the plan: the glob of one `routes <glob> served-by legacy none` check. */
export interface FacadeGroup {
  match: string;
  step: string;
  state: StepState;
  servedBy: Upstream;
  /** The group as proxy locations: its exact path and, for `<prefix>/**`, the prefix; null for other globs. */
  location: { exact: string; prefix?: string } | null;
}

/** How a proxy matches one route: its path exactly, a regular expression, or not at all (say why). */
export type RouteLocation = { kind: 'exact'; path: string } | { kind: 'regex'; pattern: string } | { kind: 'none'; reason: string };

export interface FacadeRoute {
  method: string;
  path: string;
  framework: string;
  file: string;
  line: number;
  servedBy: Upstream;
  /** Why it is served there, in words. */
  reason: string;
  location: RouteLocation;
}

export interface FacadeTable {
  upstreams: FacadeUpstreams;
  /** Where everything no location names goes: legacy, unless a verified group covers every path. */
  default: Upstream;
  groups: FacadeGroup[];
  routes: FacadeRoute[];
}

export function facadeTable(result: AnalysisResult, plan: PlanFile, evaluation: PlanEvaluation, upstreams: Partial<FacadeUpstreams> = {}): FacadeTable {
  for (const name of Object.values(upstreams)) {
    if (name !== undefined && !UPSTREAM_NAME.test(name)) throw new UpstreamNameError(`'${name}' is not an upstream name (letters, digits, '_', '.', '-')`);
  }
  const groups: FacadeGroup[] = [];
  [...planSteps(plan)].forEach(({ step }, index) => {
    const state = evaluation.steps[index]?.state ?? 'pending';
    for (const check of step.checks) {
      if (check.rule !== 'routes' || check.servedBy !== 'legacy' || check.quantifier !== 'none') continue;
      groups.push({ match: check.path, step: step.id, state, servedBy: state === 'verified' ? 'modern' : 'legacy', location: groupLocation(check.path) });
    }
  });
  const modernFrameworks = new Set((plan.header?.moves ?? []).filter((move) => move.concern === 'routing').map((move) => move.to));
  const matchers = groups.map((group) => ({ group, matches: picomatch(group.match, { dot: true }) }));
  const routes = result.routes.map((route): FacadeRoute => {
    const covering = matchers.filter(({ matches }) => matches(route.path)).map(({ group }) => group);
    const moved = covering.find((group) => group.servedBy === 'modern');
    const servedBy: Upstream = moved || modernFrameworks.has(route.framework) ? 'modern' : 'legacy';
    const reason = moved
      ? `step ${moved.step} is verified`
      : modernFrameworks.has(route.framework)
        ? `served by ${route.framework}, the routing target`
        : covering.length
          ? `step ${covering[0].step} is ${covering[0].state}`
          : 'no step of the plan moves it';
    return { method: route.method, path: route.path, framework: route.framework, file: route.file, line: route.line, servedBy, reason, location: routeLocation(route.path, route.framework) };
  });
  const everything = groups.some((group) => group.servedBy === 'modern' && group.location?.exact === '/' && group.location.prefix === '/');
  return { upstreams: { ...DEFAULT_UPSTREAMS, ...upstreams }, default: everything ? 'modern' : 'legacy', groups, routes };
}

const GLOB_CHARS = /[*?[\]{}()!+@]/;

/** `/health` → exactly `/health`; `/api/users/**` → `/api/users` exactly and everything under `/api/users/`. */
export function groupLocation(glob: string): FacadeGroup['location'] {
  if (!glob.startsWith('/') || /[\u0000-\u001f\u007f]/.test(glob)) return null;
  if (!GLOB_CHARS.test(glob)) return { exact: glob };
  const prefix = /^(\/?.*?)\/\*\*$/.exec(glob)?.[1];
  if (prefix === undefined || GLOB_CHARS.test(prefix)) return null;
  return { exact: prefix || '/', prefix: `${prefix}/` };
}

/**
 * A route path as a proxy location. Parameters follow the router's syntax: `:id`, `:id?`, `:path*`, `:path+` and
 * `*` (Express, Koa, Fastify, NestJS), `{id}`, `{id?}`, `{path*}` and `{path*2}` (Hapi). A segment becomes
 * `[^/]+`. Paths that are not literals (`{expr}` outside Hapi), use regular-expression syntax, or hold control
 * characters are not translated: a wrong location would be worse than the default.
 */
export function routeLocation(path: string, framework: string): RouteLocation {
  if (!path.startsWith('/')) return { kind: 'none', reason: 'not a literal path' };
  if (/[\u0000-\u001f\u007f]/.test(path)) return { kind: 'none', reason: 'control characters in the path' };
  const hapi = framework === 'hapi';
  let pattern = '';
  let dynamic = false;
  let i = 0;
  while (i < path.length) {
    const rest = path.slice(i);
    const colon = /^:(\w+)(\([^)]*\))?([?*+])?/.exec(rest);
    const brace = hapi ? /^\{(\w+)(\?|\*(\d+)?)?\}/.exec(rest) : null;
    if (colon) {
      const slash = pattern.endsWith('/');
      const base = slash ? pattern.slice(0, -1) : pattern;
      const modifier = colon[3];
      if (modifier === '?') pattern = slash ? `${base}(?:/[^/]+)?` : `${pattern}[^/]*`;
      else if (modifier === '*') pattern = slash ? `${base}(?:/[^/]+)*` : `${pattern}.*`;
      else if (modifier === '+') pattern += '[^/]+(?:/[^/]+)*';
      else pattern += '[^/]+';
      dynamic = true;
      i += colon[0].length;
    } else if (brace) {
      const count = brace[3] ? Number(brace[3]) : 0;
      pattern += brace[2] === '?' ? '[^/]*' : brace[2]?.startsWith('*') ? (count > 0 ? Array(count).fill('[^/]+').join('/') : '.*') : '[^/]+';
      dynamic = true;
      i += brace[0].length;
    } else if (path[i] === '*') {
      pattern += '.*';
      dynamic = true;
      i++;
    } else if (/[{}()?+]/.test(path[i])) {
      return { kind: 'none', reason: path[i] === '{' || path[i] === '}' ? 'not a literal path' : 'pattern syntax in the path' };
    } else {
      pattern += path[i].replace(/[.*+?^${}()|[\]\\/]/g, (c) => (c === '/' ? '/' : `\\${c}`));
      i++;
    }
  }
  return dynamic ? { kind: 'regex', pattern: `^${pattern}$` } : { kind: 'exact', path };
}

/** The routes-json export: the table with the tool and workspace it describes. */
export function renderRoutesJson(table: FacadeTable, about: { workspace: string; version: string; planFile: string | null }): string {
  return (
    JSON.stringify(
      {
        schemaVersion: 1,
        tool: { name: 'strangler', version: about.version },
        workspace: about.workspace,
        plan: about.planFile,
        ...table,
      },
      null,
      2,
    ) + '\n'
  );
}
