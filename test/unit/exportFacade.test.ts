// The façade routing table: how route paths become proxy locations, which app serves a route as the plan moves,
// and the nginx snippet's order and options.
import assert from 'node:assert/strict';
import type { AnalysisResult, RouteEntry } from '../../server/src/engine/model';
import { exportRoadmap } from '../../server/src/engine/export';
import { facadeTable, groupLocation, routeLocation, UpstreamNameError, type RouteLocation } from '../../server/src/engine/export/facade';
import { evaluatePlan } from '../../server/src/engine/verify/evaluate';
import { parsePlan } from '../../server/src/planfile/parse';
import { analyzeFiles } from './helpers/project';

describe('route paths as proxy locations', () => {
  const cases: [path: string, framework: string, location: string][] = [
    ['/health', 'express', '= /health'],
    ['/api/users/:id', 'express', '~ ^/api/users/[^/]+$'],
    ['/api/orders/:id/items/:itemId', 'koa', '~ ^/api/orders/[^/]+/items/[^/]+$'],
    ['/users/:id?', 'express', '~ ^/users(?:/[^/]+)?$'],
    ['/files/:path*', 'express', '~ ^/files(?:/[^/]+)*$'],
    ['/files/:path+', 'express', '~ ^/files/[^/]+(?:/[^/]+)*$'],
    ['/static/*', 'fastify', '~ ^/static/.*$'],
    ['/n/:id(\\d+)', 'express', '~ ^/n/[^/]+$'],
    ['/v1.0/:id', 'nestjs', '~ ^/v1\\.0/[^/]+$'],
    ['/items/{id}', 'hapi', '~ ^/items/[^/]+$'],
    ['/items/{id?}', 'hapi', '~ ^/items/[^/]*$'],
    ['/files/{path*}', 'hapi', '~ ^/files/.*$'],
    ['/pairs/{pair*2}', 'hapi', '~ ^/pairs/[^/]+/[^/]+$'],
    ['/a$b^c|d[e]', 'express', '= /a$b^c|d[e]'],
    ['/api{prefix}', 'express', 'none: not a literal path'],
    ['{routes.users}', 'express', 'none: not a literal path'],
    ['/ab?cd', 'express', 'none: pattern syntax in the path'],
    ['/new\nline', 'express', 'none: control characters in the path'],
    ['?', 'express', 'none: not a literal path'],
  ];
  const shown = (location: RouteLocation) => (location.kind === 'exact' ? `= ${location.path}` : location.kind === 'regex' ? `~ ${location.pattern}` : `none: ${location.reason}`);
  for (const [path, framework, expected] of cases) {
    it(`${JSON.stringify(path)} (${framework}) → ${expected}`, () => assert.equal(shown(routeLocation(path, framework)), expected));
  }

  it('a regex location matches the paths the router matches, and no others', () => {
    const matches = (path: string, framework: string, url: string) => {
      const location = routeLocation(path, framework);
      return location.kind === 'regex' ? new RegExp(location.pattern).test(url) : location.kind === 'exact' && location.path === url;
    };
    assert.ok(matches('/api/users/:id', 'express', '/api/users/42'));
    assert.ok(!matches('/api/users/:id', 'express', '/api/users/42/orders'));
    assert.ok(!matches('/api/users/:id', 'express', '/api/users/'));
    assert.ok(matches('/users/:id?', 'express', '/users') && matches('/users/:id?', 'express', '/users/7'));
    assert.ok(!matches('/v1.0/:id', 'nestjs', '/v1x0/7'), 'a dot in the path is literal');
  });

  const groups: [glob: string, expected: ReturnType<typeof groupLocation>][] = [
    ['/health', { exact: '/health' }],
    ['/api/users/**', { exact: '/api/users', prefix: '/api/users/' }],
    ['/**', { exact: '/', prefix: '/' }],
    ['/api/*/orders', null],
    ['/api/{a,b}/**', null],
  ];
  for (const [glob, expected] of groups) it(`route group ${glob} → ${JSON.stringify(expected)}`, () => assert.deepEqual(groupLocation(glob), expected));
});

function route(method: string, path: string, framework: string, line: number): RouteEntry {
  return { method, path, framework, file: `src/${framework}.ts`, line };
}

/** The analysis of an empty workspace: what the routes below are put into. */
const EMPTY: AnalysisResult = analyzeFiles({ 'package.json': '{}' });

/** A plan evaluated for real against an analysis that has only these routes. */
function table(routes: RouteEntry[], plan: string, upstreams = {}) {
  const result: AnalysisResult = { ...EMPTY, routes };
  const parsed = parsePlan(plan);
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
  const evaluation = evaluatePlan(parsed.plan, result, { packageJsons: [] });
  return { table: facadeTable(result, parsed.plan, evaluation, upstreams), plan: parsed.plan, evaluation, result };
}

const PLAN = (users: string, health: string) => `plan "p"
  move routing from express to fastify
phase "Route groups"
  step users-routes "Serve /api/users from Fastify"
    check routes /api/users/** served-by legacy none
${users}
  step health-routes "Serve /health from Fastify"
    check routes /health served-by legacy none
${health}
`;

describe('which app serves a route', () => {
  const ROUTES = [route('GET', '/api/users/:id', 'fastify', 3), route('GET', '/api/users', 'fastify', 4), route('GET', '/health', 'express', 5), route('GET', '/api/orders', 'express', 6)];

  it('a group is modern once its step is done and verified; a done step that regressed keeps its group on legacy', () => {
    const { table: t } = table(ROUTES, PLAN('    status done 2026-01-01', '    status done 2026-01-02'));
    assert.deepEqual(
      t.groups.map((g) => `${g.match} ${g.state} ${g.servedBy}`),
      ['/api/users/** verified modern', '/health regressed legacy'],
    );
    assert.deepEqual(
      t.routes.map((r) => `${r.path} ${r.servedBy}: ${r.reason}`),
      ['/api/users/:id modern: step users-routes is verified', '/api/users modern: step users-routes is verified', '/health legacy: step health-routes is regressed', '/api/orders legacy: no step of the plan moves it'],
    );
  });

  it('a route on the routing target is modern even before its step is ticked', () => {
    const { table: t } = table(ROUTES, PLAN('', ''));
    assert.equal(t.groups[0].state, 'ready');
    assert.equal(t.routes[0].servedBy, 'modern');
    assert.equal(t.routes[0].reason, 'served by fastify, the routing target');
  });

  it('a verified group whose routes left the codebase (a new service) still routes its prefix to the modern app', () => {
    const { table: t, plan, evaluation, result } = table([route('GET', '/health', 'express', 5)], PLAN('    status done 2026-01-01', ''));
    assert.equal(t.groups[0].servedBy, 'modern');
    const nginx = exportRoadmap('nginx', { result, plan, evaluation, workspace: 'w' });
    assert.match(nginx, /location = \/api\/users \{\n {4}proxy_pass http:\/\/modern;/);
    assert.match(nginx, /location \^~ \/api\/users\/ \{\n {4}proxy_pass http:\/\/modern;/);
    assert.match(nginx, /location = \/health \{\n {4}proxy_pass http:\/\/legacy;/);
  });

  it('an exact path whose methods are split between the apps stays on legacy, and says so', () => {
    const routes = [route('GET', '/api/orders', 'fastify', 1), route('POST', '/api/orders', 'express', 2)];
    const { plan, evaluation, result } = table(routes, PLAN('', ''));
    const nginx = exportRoadmap('nginx', { result, plan, evaluation, workspace: 'w' });
    assert.match(nginx, /# split between the apps: kept on the legacy app\nlocation = \/api\/orders \{\n {4}proxy_pass http:\/\/legacy;/);
  });

  it('a verified group over every path makes the modern app the default', () => {
    const plan = `plan "p"\n  move routing from express to fastify\nphase "x"\n  step all "Everything"\n    check routes /** served-by legacy none\n    status done 2026-01-01\n`;
    const { table: t } = table([route('GET', '/a', 'fastify', 1)], plan);
    assert.equal(t.default, 'modern');
  });
});

describe('the nginx snippet', () => {
  const ROUTES = [
    route('GET', '/api/users/:id', 'fastify', 1),
    route('GET', '/api/users/:id/orders/:orderId', 'fastify', 2),
    route('GET', '/api/users/me', 'fastify', 3),
    route('GET', '/api/:kind/:id', 'express', 4),
    route('GET', '/health', 'fastify', 5),
  ];

  function nginx(upstreams = {}, plan = PLAN('', '')) {
    const { plan: parsed, evaluation, result } = table(ROUTES, plan);
    return exportRoadmap('nginx', { result, plan: parsed, evaluation, workspace: 'w', planFile: 'migration.strangler' }, { upstreams });
  }

  it('lists exact paths, then prefixes, then regular expressions with more literal text first, then the default', () => {
    const locations = nginx({}, PLAN('    status done 2026-01-01', ''))
      .split('\n')
      .filter((line) => line.startsWith('location'));
    assert.deepEqual(locations, [
      'location = /api/users {',
      'location = /api/users/me {',
      'location = /health {',
      'location ^~ /api/users/ {',
      'location ~ ^/api/users/[^/]+/orders/[^/]+$ {',
      'location ~ ^/api/users/[^/]+$ {',
      'location ~ ^/api/[^/]+/[^/]+$ {',
      'location / {',
    ]);
  });

  it('proxies to the upstreams the options name', () => {
    const text = nginx({ legacy: 'old_app', modern: 'new-app.v2' });
    assert.match(text, /location = \/health \{\n {4}proxy_pass http:\/\/new-app\.v2;/);
    assert.match(text, /location \/ \{\n {4}proxy_pass http:\/\/old_app;\n\}\n$/);
    assert.ok(!/http:\/\/(legacy|modern);/.test(text));
  });

  it('refuses an upstream name that would be read as configuration', () => {
    assert.throws(() => nginx({ modern: 'x; return 200' }), UpstreamNameError);
    assert.throws(() => nginx({ legacy: 'a b' }), UpstreamNameError);
  });
});
