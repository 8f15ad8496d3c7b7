// Tests of plan verification: what each check counts, where it points, and the state each step ends up in.
import assert from 'node:assert/strict';
import type { AnalysisResult, CouplingSite, ModuleReport, RouteEntry } from '../../server/src/engine/model';
import { evaluatePlan, type PlanEvaluation } from '../../server/src/engine/verify/evaluate';
import { manifest, type Workspace } from '../../server/src/engine/verify/workspace';
import { parsePlan } from '../../server/src/planfile/parse';

function site(file: string, line: number, framework: string, concern: CouplingSite['concern'], text: string, kind: CouplingSite['kind'] = 'call'): CouplingSite {
  return { file, line, column: 1, endLine: line, endColumn: 10, concern, framework, kind, weight: 1, text };
}

function result(sites: CouplingSite[], routes: RouteEntry[] = []): AnalysisResult {
  const files = [...new Set(sites.map((s) => s.file))];
  const modules = files.map((path) => ({ path, sites: sites.filter((s) => s.file === path) }) as unknown as ModuleReport);
  return { modules, routes, queues: [], models: [], sessions: [] } as unknown as AnalysisResult;
}

const SITES = [
  site('src/users/users.service.ts', 3, 'typeorm', 'orm', "import 'typeorm'", 'import'),
  site('src/users/users.service.ts', 9, 'typeorm', 'orm', 'repo.find'),
  site('src/users/persistence/userRepo.ts', 4, 'typeorm', 'orm', 'AppDataSource.getRepository'),
  site('src/users/persistence/userRepo.ts', 1, 'typeorm', 'orm', "import 'typeorm/browser'", 'import'),
  site('src/orders/orders.service.ts', 7, 'prisma', 'orm', 'prisma.order.findMany'),
  site('src/jobs/email.ts', 2, 'bull', 'queue', 'queue.add'),
];
const ROUTES: RouteEntry[] = [
  { method: 'GET', path: '/api/users', framework: 'express', file: 'src/users/users.router.ts', line: 5 },
  { method: 'GET', path: '/api/users/:id', framework: 'express', file: 'src/users/users.router.ts', line: 9 },
  { method: 'GET', path: '/api/orders', framework: 'fastify', file: 'src/orders/orders.routes.ts', line: 3 },
];
const WORKSPACE: Workspace = {
  packageJsons: [
    manifest('package.json', '{\n  "dependencies": {\n    "typeorm": "0.3.20",\n    "express": "4"\n  }\n}\n'),
    manifest('packages/api/package.json', '{\n  "devDependencies": {\n    "typeorm": "0.3.20"\n  }\n}\n'),
    manifest('packages/broken/package.json', '{ not json'),
  ],
};

function evaluate(stepBody: string, status = ''): PlanEvaluation {
  const text = `plan "t"\n  move routing from express to fastify\nphase "p"\n  step s "s"\n${stepBody
    .trim()
    .split('\n')
    .map((line) => `    ${line.trim()}`)
    .join('\n')}\n${status ? `    status ${status}\n` : ''}`;
  const parsed = parsePlan(text);
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), [], text);
  return evaluatePlan(parsed.plan, result(SITES, ROUTES), WORKSPACE);
}

function check(stepBody: string) {
  return evaluate(stepBody).steps[0].checks[0];
}

describe('plan checks', () => {
  const cases: [string, number, boolean][] = [
    ['check none orm in src/users/** except src/users/persistence/**', 2, false],
    ['check none orm in src/orders/**', 1, false], // a concern counts every framework of it, the target's too
    ['check none typeorm in src/orders/**', 0, true],
    ['check at-most 3 typeorm in src/**', 4, false],
    ['check at-most 4 typeorm in src/**', 4, true],
    ['check none package typeorm in src/users/persistence/**', 1, false], // typeorm/browser is the package too
    ['check none package typeorm in src/users/*', 1, false],
    ['check none queue in src/** except src/jobs/**', 0, true],
    ['check routes /api/users/** served-by legacy none', 2, false], // /api/users itself is in the group
    ['check routes /api/** served-by legacy at-most 2', 2, true],
    ['check routes /api/orders/** served-by fastify none', 1, false],
    ['check dependency typeorm absent', 2, false],
    ['check dependency express present', 1, true],
    ['check dependency @opentelemetry/api present', 0, false],
  ];
  for (const [line, count, ok] of cases) {
    it(`${line} → ${count}, ${ok ? 'passes' : 'fails'}`, () => {
      const got = check(line);
      assert.equal(got.count, count);
      assert.equal(got.ok, ok);
    });
  }

  it('points at each violation: the site, the route, the package.json line', () => {
    assert.deepEqual(check('check none orm in src/users/** except src/users/persistence/**').violations.map((v) => `${v.file}:${v.line}`), [
      'src/users/users.service.ts:3',
      'src/users/users.service.ts:9',
    ]);
    assert.deepEqual(check('check routes /api/users/** served-by legacy none').violations.map((v) => `${v.file}:${v.line} ${v.text}`), [
      'src/users/users.router.ts:5 GET /api/users',
      'src/users/users.router.ts:9 GET /api/users/:id',
    ]);
    assert.deepEqual(check('check dependency typeorm absent').violations.map((v) => `${v.file}:${v.line}:${v.column}`), ['package.json:3:5', 'packages/api/package.json:3:5']);
  });

  it('a ratchet passes at or under its limit, offers to tighten under it, and is a regression over it', () => {
    const under = check('check ratchet typeorm in src/** at-most 6');
    assert.deepEqual([under.ok, under.canTighten, under.ratchetExceeded], [true, true, false]);
    const at = check('check ratchet typeorm in src/** at-most 4');
    assert.deepEqual([at.ok, at.canTighten], [true, false]);
    const over = evaluate('check ratchet typeorm in src/** at-most 3');
    assert.equal(over.steps[0].state, 'regressed', 'even in a step not done: the count it recorded grew');
    assert.equal(over.regressed, true);
  });
});

describe('step states', () => {
  it('todo with a failing check is pending; with all checks passing, ready', () => {
    assert.equal(evaluate('check none typeorm in src/users/**').steps[0].state, 'pending');
    assert.equal(evaluate('check none typeorm in src/orders/**').steps[0].state, 'ready');
    assert.equal(evaluate('check none typeorm in src/orders/**', 'doing').steps[0].state, 'ready');
  });

  it('done with all checks passing is verified; done with a failing check has regressed', () => {
    assert.equal(evaluate('check none typeorm in src/orders/**', 'done 2026-11-20').steps[0].state, 'verified');
    const regressed = evaluate('check none typeorm in src/users/**', 'done 2026-11-20');
    assert.equal(regressed.steps[0].state, 'regressed');
    assert.equal(regressed.regressed, true);
    assert.deepEqual(regressed.counts, { verified: 0, regressed: 1, ready: 0, pending: 0 });
  });

  it('a manual step without checks is pending until a person marks it done', () => {
    assert.equal(evaluate('manual').steps[0].state, 'pending');
    assert.equal(evaluate('manual', 'done 2026-11-20').steps[0].state, 'verified');
  });

  it('without a routing move, legacy means every framework that is not a target', () => {
    const parsed = parsePlan('plan "t"\n  move orm from typeorm to prisma\nphase "p"\n  step s "s"\n    check routes /api/** served-by legacy none\n');
    const got = evaluatePlan(parsed.plan, result(SITES, ROUTES), WORKSPACE).steps[0].checks[0];
    assert.equal(got.count, 3);
  });
});

describe('workspace manifests', () => {
  it('a malformed package.json declares nothing and says why', () => {
    const broken = WORKSPACE.packageJsons[2];
    assert.match(broken.error ?? '', /not valid JSON/);
    assert.deepEqual(broken.dependencies, {});
  });
});
