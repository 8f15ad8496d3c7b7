/**
 * How the client arranges what the server sends, data-driven: hotspots in, the view's groups out as strings
 * (`group: module, module`); routes and queues in, their groups out; folder statuses in, the status bar out;
 * crash times in, restart decisions out. These modules are pure, so no editor is needed.
 */
import * as assert from 'assert';
import type { Concern, FolderStatus, HotspotItem, QueueItem, RouteItem, StepStateName } from '../../server/src/shared/protocol';
import { groupHotspots, matchesFilter, type HotspotGrouping, type HotspotSort } from '../../client/src/views/hotspotGroups';
import { groupQueues, groupRoutes, roleSummary, routePrefix } from '../../client/src/views/inventoryGroups';
import { summariseStatus } from '../../client/src/statusSummary';
import { RestartBudget } from '../../client/src/restartBudget';

/** `path score sites concern:sites[,concern:sites] [step:id]`, e.g. `src/a.ts 40 6 orm:4,routing:2 step:users-orm`. */
function hotspot(spec: string, rank: number): HotspotItem {
  const [path, score, sites, coupling, step] = spec.split(' ');
  return {
    folder: 'file:///w',
    uri: `file:///w/${path}`,
    path,
    rank,
    score: Number(score),
    formula: '',
    coupling: coupling.split(',').map((pair) => {
      const [concern, count] = pair.split(':');
      return { concern: concern as Concern, sites: Number(count), weight: Number(count), frameworks: [concern === 'orm' ? 'typeorm' : 'express'] };
    }),
    churn: 0,
    dependents: 0,
    leaks: 0,
    sites: Number(sites),
    step: step ? { id: step.slice('step:'.length), title: `Step ${step.slice('step:'.length)}`, state: 'pending' as StepStateName, planUri: 'file:///w/migration.strangler', line: 3 } : undefined,
  };
}

const HOTSPOTS = [
  'src/users/users.router.ts 103.5 51 routing:51 step:users-routes',
  'src/orders/Order.entity.ts 81.9 18 orm:18 step:orders-orm',
  'src/orders/orders.service.ts 76.1 24 orm:22,queue:2 step:orders-orm',
  'src/app.ts 31 20 routing:18,session:2',
  'src/queues/index.ts 17.5 4 queue:4',
].map(hotspot);

function check(grouping: HotspotGrouping, sort: HotspotSort, filter: string, expected: string[]): void {
  const got = groupHotspots(HOTSPOTS, grouping, sort, filter).map((group) => `${group.label}: ${group.items.map((item) => item.path).join(', ')}`);
  assert.deepStrictEqual(got, expected);
}

describe('client: hotspot arrangement', () => {
  it('groups by concern in the concerns order, a module in every concern it is coupled to', () =>
    check('concern', 'score', '', [
      'ORM: src/orders/Order.entity.ts, src/orders/orders.service.ts',
      'Routing: src/users/users.router.ts, src/app.ts',
      'Job queues: src/orders/orders.service.ts, src/queues/index.ts',
      'Session state: src/app.ts',
    ]));

  it('sorts by the sites of the group concern', () =>
    check('concern', 'sites', '', [
      'ORM: src/orders/orders.service.ts, src/orders/Order.entity.ts',
      'Routing: src/users/users.router.ts, src/app.ts',
      'Job queues: src/queues/index.ts, src/orders/orders.service.ts',
      'Session state: src/app.ts',
    ]));

  it('groups by folder, the most painful folder first', () =>
    check('folder', 'score', '', [
      'src/users: src/users/users.router.ts',
      'src/orders: src/orders/Order.entity.ts, src/orders/orders.service.ts',
      'src: src/app.ts',
      'src/queues: src/queues/index.ts',
    ]));

  it('groups by folder in path order when sorting by path', () =>
    check('folder', 'path', '', [
      'src: src/app.ts',
      'src/orders: src/orders/Order.entity.ts, src/orders/orders.service.ts',
      'src/queues: src/queues/index.ts',
      'src/users: src/users/users.router.ts',
    ]));

  it('groups by plan step, modules outside every step last', () =>
    check('step', 'score', '', [
      'Step users-routes: src/users/users.router.ts',
      'Step orders-orm: src/orders/Order.entity.ts, src/orders/orders.service.ts',
      'Not covered by a plan step: src/app.ts, src/queues/index.ts',
    ]));

  it('filters by every word, over path, concerns, frameworks and step', () => {
    check('folder', 'score', 'orders typeorm', ['src/orders: src/orders/Order.entity.ts, src/orders/orders.service.ts']);
    check('folder', 'score', 'USERS-ROUTES', ['src/users: src/users/users.router.ts']);
    check('concern', 'score', 'nothing-matches', []);
    assert.ok(matchesFilter(HOTSPOTS[0], '   '));
  });

  it('puts coupled test code last, in a group of its own, under every grouping and filter', () => {
    const tests = ['test/helper.ts 5.3 7 orm:5,routing:2', 'src/users/users.service.spec.ts 9 4 orm:4 step:users-orm'].map((spec) => ({ ...hotspot(spec, 0), test: true as const }));
    const items = [...HOTSPOTS, ...tests];
    const labels = (grouping: HotspotGrouping, sort: HotspotSort, filter = '') => groupHotspots(items, grouping, sort, filter).map((group) => `${group.label}: ${group.items.map((item) => item.path).join(', ')}`);
    assert.deepStrictEqual(labels('concern', 'score').slice(-2), ['Session state: src/app.ts', 'Test code (not ranked): src/users/users.service.spec.ts, test/helper.ts']);
    assert.deepStrictEqual(labels('step', 'score').slice(-2), ['Not covered by a plan step: src/app.ts, src/queues/index.ts', 'Test code (not ranked): src/users/users.service.spec.ts, test/helper.ts']);
    assert.deepStrictEqual(labels('folder', 'path').slice(-1), ['Test code (not ranked): src/users/users.service.spec.ts, test/helper.ts']);
    assert.deepStrictEqual(labels('folder', 'score', 'typeorm users'), ['Test code (not ranked): src/users/users.service.spec.ts']);
    const last = groupHotspots(items, 'folder', 'sites', '').at(-1)!;
    assert.deepStrictEqual([last.description, last.items.map((item) => item.path)], ['2 modules · 11 sites', ['test/helper.ts', 'src/users/users.service.spec.ts']]);
  });

  it('describes groups with their counts', () => {
    const [orm] = groupHotspots(HOTSPOTS, 'concern', 'score', '');
    assert.strictEqual(orm.description, '2 modules · 40 sites');
    const [step] = groupHotspots(HOTSPOTS, 'step', 'score', '');
    assert.strictEqual(step.description, 'users-routes · pending · 1 module');
  });
});

function route(method: string, path: string): RouteItem {
  return { method, path, framework: 'express', uri: 'file:///w/src/app.ts', line: 1 };
}

function queue(name: string, role: QueueItem['role'], line: number): QueueItem {
  return { name, role, framework: 'bull', uri: 'file:///w/src/queues.ts', line };
}

describe('client: inventory arrangement', () => {
  it('takes the first path segment as a route prefix', () => {
    const cases: [string, string][] = [
      ['/api/users/:id', '/api'],
      ['/health', '/health'],
      ['/', '/'],
      ['{prefix}/x', '{prefix}/x'],
    ];
    for (const [path, prefix] of cases) assert.strictEqual(routePrefix(path), prefix, path);
  });

  it('groups routes by prefix, sorted by path then method', () => {
    const groups = groupRoutes([route('post', '/api/users'), route('get', '/health'), route('get', '/api/users'), route('get', '/api/orders')]);
    assert.deepStrictEqual(
      groups.map((g) => `${g.prefix}: ${g.routes.map((r) => `${r.method} ${r.path}`).join(', ')}`),
      ['/api: get /api/orders, get /api/users, post /api/users', '/health: get /health'],
    );
  });

  it('groups queues by name, the definition first, and counts their roles', () => {
    const groups = groupQueues([queue('mail', 'consumer', 9), queue('mail', 'producer', 5), queue('invoices', 'schedule', 2), queue('mail', 'definition', 1), queue('mail', 'producer', 3)]);
    assert.deepStrictEqual(
      groups.map((g) => `${g.name}: ${g.entries.map((e) => `${e.role}@${e.line}`).join(' ')} (${roleSummary(g.entries)})`),
      ['invoices: schedule@2 (1 schedule)', 'mail: definition@1 producer@3 producer@5 consumer@9 (1 definition, 2 producers, 1 consumer)'],
    );
  });
});

function folder(name: string, state: FolderStatus['state'], progress: FolderStatus['progress'] = null): FolderStatus {
  return { uri: `file:///${name}`, name, state, modules: 10, coupledModules: 4, planUri: progress ? `file:///${name}/migration.strangler` : undefined, progress };
}

describe('client: status bar', () => {
  const cases: { folders: FolderStatus[]; state: string; text: string }[] = [
    { folders: [], state: 'starting', text: '$(sync~spin) Strangler: analysing…' },
    { folders: [folder('a', 'analysing')], state: 'analysing', text: '$(sync~spin) Strangler: analysing…' },
    { folders: [folder('a', 'ready')], state: 'ready', text: '$(checklist) Strangler: no plan' },
    { folders: [folder('a', 'ready', { verified: 3, regressed: 0, total: 12 })], state: 'ready', text: '$(checklist) 3/12 verified' },
    {
      folders: [folder('a', 'ready', { verified: 3, regressed: 1, total: 12 }), folder('b', 'ready', { verified: 1, regressed: 0, total: 2 })],
      state: 'ready',
      text: '$(checklist) 4/14 verified, 1 regressed',
    },
    { folders: [folder('a', 'no-code'), folder('b', 'no-code')], state: 'noCode', text: '$(circle-slash) Strangler: nothing to analyse' },
    { folders: [folder('a', 'failed'), folder('b', 'no-code')], state: 'failed', text: '$(error) Strangler: analysis failed' },
    { folders: [folder('a', 'ready'), folder('b', 'analysing')], state: 'ready', text: '$(sync~spin) Strangler: analysing…' },
  ];
  for (const { folders, state, text } of cases) {
    it(`${folders.map((f) => `${f.name} ${f.state}`).join(', ') || 'no folder yet'} → ${text}`, () => {
      const summary = summariseStatus(folders);
      assert.strictEqual(summary.state, state);
      assert.strictEqual(summary.text, text);
      assert.strictEqual(summary.tooltip.split('\n').length, Math.max(folders.length, 1));
    });
  }
});

describe('client: restarts after a crash', () => {
  it('allows 4 restarts within 3 minutes, then none until the oldest leaves the window', () => {
    const budget = new RestartBudget();
    const minute = 60_000;
    const decisions = [0, 1, 2, 2.5, 2.9, 3.01, 3.5].map((at) => budget.allowRestart(at * minute));
    assert.deepStrictEqual(decisions, [true, true, true, true, false, true, false]);
  });
});
