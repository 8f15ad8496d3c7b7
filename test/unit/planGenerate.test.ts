// Tests of the plan generator: the golden plan of the bundled example, and the rules every generated plan keeps.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { analyzeFixture, fixtureProjects, GOLDEN_PLAN, bundledExamplePlanText } from '../fixtureRuns';
import type { AnalysisResult } from '../../server/src/engine/model';
import { generatePlan } from '../../server/src/engine/plan/generate';
import { prefixOf } from '../../server/src/engine/plan/routeSteps';
import { UnitIndex } from '../../server/src/engine/plan/units';
import { readWorkspace } from '../../server/src/engine/verify/workspace';
import { planSteps, type PlanFile } from '../../server/src/planfile/ast';
import { parsePlan } from '../../server/src/planfile/parse';
import { printPlan } from '../../server/src/planfile/print';
import { analyzeFiles } from './helpers/project';

const GOLDEN = GOLDEN_PLAN;
const projects = fixtureProjects();
const shop = projects.find((p) => p.name === 'legacy-shop')!;
const analyses = new Map<string, AnalysisResult>();
function analysis(name: string): AnalysisResult {
  if (!analyses.has(name)) analyses.set(name, analyzeFixture(projects.find((p) => p.name === name)!));
  return analyses.get(name)!;
}

function shopPlan(order?: 'pain-first' | 'quick-wins'): PlanFile {
  return generatePlan(analysis('legacy-shop'), { order, workspace: readWorkspace(shop.dir) });
}

function stepIds(plan: PlanFile, phaseTitle?: string): string[] {
  return [...planSteps(plan)].filter(({ phase }) => !phaseTitle || phase.title === phaseTitle).map(({ step }) => step.id);
}

describe('plan generation', () => {
  it('drafts the golden plan for the bundled example (npm run fixtures:regenerate rewrites it)', () => {
    const text = bundledExamplePlanText(analysis('legacy-shop'));
    assert.ok(fs.existsSync(GOLDEN), `no golden plan at ${GOLDEN}: run npm run fixtures:regenerate and review it`);
    const expected = fs.readFileSync(GOLDEN, 'utf8');
    if (text !== expected) {
      const [a, e] = [text.split('\n'), expected.split('\n')];
      const i = a.findIndex((line, k) => line !== e[k]);
      assert.fail(`the plan differs from ${GOLDEN} at line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}\n(run npm run fixtures:regenerate and review the diff if the change is intended)`);
    }
  });

  it('is deterministic', () => {
    assert.equal(printPlan(shopPlan()), printPlan(shopPlan()));
  });

  it('has the six phases in strangler-fig order and the default moves in the header', () => {
    const plan = shopPlan();
    assert.deepEqual(
      plan.phases.map((phase) => phase.title),
      ['Observe before cutting', 'Seams', 'Move consumers behind the seams', 'Route groups behind a façade', 'Switch implementations', 'Retire'],
    );
    assert.deepEqual(
      plan.header!.moves.map((m) => `${m.concern} ${m.from} ${m.to}`),
      ['orm typeorm prisma', 'routing express fastify', 'queue bull bullmq', 'session module-state redis', 'session express-session connect-redis'],
    );
  });

  it('orders seams by the dependency graph first: a unit others reach the framework through comes first', () => {
    for (const order of ['pain-first', 'quick-wins'] as const) {
      const seams = stepIds(shopPlan(order), 'Seams');
      assert.ok(seams.indexOf('queues-queue-seam') < seams.indexOf('jobs-queue-seam'), `${order}: the jobs reach Bull through src/queues`);
      assert.ok(seams.indexOf('db-orm-seam') < seams.indexOf('orders-orm-seam'), `${order}: everything reaches TypeORM through src/db`);
      assert.ok(seams.indexOf('users-orm-seam') < seams.indexOf('notifications-orm-seam'), `${order}: notifications use the User model`);
    }
  });

  it('orders route groups by the strategy: pain-first by score, quick-wins by fewest sites', () => {
    const painFirst = stepIds(shopPlan('pain-first'), 'Route groups behind a façade');
    const quickWins = stepIds(shopPlan('quick-wins'), 'Route groups behind a façade');
    assert.equal(painFirst[0], 'fastify-facade');
    assert.equal(painFirst[1], 'users-routes'); // users.router.ts is the top hotspot
    assert.equal(quickWins[1], 'reports-routes'); // one route, the fewest Express sites
    assert.deepEqual([...painFirst].sort(), [...quickWins].sort());
  });

  it('takes the user’s moves instead of the defaults, and still writes a check for every step', () => {
    const plan = generatePlan(analysis('legacy-shop'), { moves: [{ concern: 'orm', from: 'typeorm', to: 'drizzle' }], workspace: readWorkspace(shop.dir) });
    assert.deepEqual(plan.header!.moves.map((m) => m.to), ['drizzle']);
    assert.ok(stepIds(plan).includes('typeorm-to-drizzle'));
    assert.ok(!stepIds(plan).some((id) => id.includes('bull') || id.includes('express')), 'only the named move is planned');
    const text = printPlan(plan);
    assert.match(text, /check dependency drizzle-orm present/); // the package of the drizzle rule pack
  });

  it('moves no session framework whose every store is external already, and counts unnamed schedules among what changes hands', () => {
    const pkg = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0', 'express-session': '^1.18.0', 'connect-pg-simple': '^9.0.0', 'node-cron': '^3.0.0' } });
    const app = (store: string) => `import express from 'express';
import session from 'express-session';
import pgSession from 'connect-pg-simple';
import cron from 'node-cron';

const PgStore = pgSession(session);
export const app = express();
app.use(session({ secret: 's', resave: false, saveUninitialized: false${store} }));
app.get('/health', (_req, res) => res.end());
cron.schedule('0 3 * * *', () => undefined);
cron.schedule('*/5 * * * *', () => undefined);
`;
    const external = printPlan(generatePlan(analyzeFiles({ 'package.json': pkg, 'src/app.ts': app(', store: new PgStore()') }), {}));
    assert.match(external, /# express-session keeps its sessions in an external store already \(src\/app\.ts:8\): no move\./);
    assert.doesNotMatch(external, /move session from express-session/);
    assert.match(external, /1 route, 2 queues, 0 models change hands/);
    const memory = printPlan(generatePlan(analyzeFiles({ 'package.json': pkg, 'src/app.ts': app('') }), {}));
    assert.match(memory, /move session from express-session to connect-redis/);
    assert.doesNotMatch(memory, /external store already/);
  });

  it('with no unit owning models or passing the client on (each service is handed it), every unit using the ORM is its own seam', () => {
    const pkg = JSON.stringify({ name: 'api', dependencies: { knex: '^3.1.0' } });
    const repo = (cls: string) => `import type { Knex } from 'knex';

export class ${cls} {
  constructor(private readonly db: Knex) {}

  count(table: string) {
    return this.db(table).count();
  }

  ping() {
    return this.db.raw('select 1');
  }
}
`;
    const plan = generatePlan(analyzeFiles({ 'package.json': pkg, 'src/users/users.repo.ts': repo('UsersRepo'), 'src/orders/orders.repo.ts': repo('OrdersRepo') }), {});
    assert.deepEqual(stepIds(plan, 'Seams').sort(), ['orders-orm-seam', 'users-orm-seam']);
    assert.ok(!stepIds(plan).includes('orm-consumers'), 'no consumers step when nothing owns the seams they would move behind');
    assert.match(printPlan(plan), /why 2 repository ports; each unit's Knex adapter stays/);
  });

  it("gives the ORM's migrations a schema history step after the switch, which excepts them; they are no unit's seam or consumer", () => {
    const pkg = JSON.stringify({ name: 'api', dependencies: { typeorm: '^0.3.20', pg: '^8.11.0' } });
    const migration = (name: string, table: string) => `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name} implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "${table}" ("id" SERIAL PRIMARY KEY)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "${table}"');
  }
}
`;
    const files = {
      'package.json': pkg,
      'src/users/user.entity.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity()
export class User {
  @PrimaryGeneratedColumn()
  id!: number;
}
`,
      'src/users/users.service.ts': `import { AppDataSource } from '../db/data-source';
import { User } from './user.entity';

export const findUser = (id: number) => AppDataSource.getRepository(User).findOneBy({ id });
`,
      'src/db/data-source.ts': `import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({ type: 'postgres', migrations: ['src/db/migrations/*.ts'] });
`,
      // Beside the data source: named by its file, as its folder holds other TypeORM code.
      'src/db/1690000000000-Legacy.ts': migration('Legacy1690000000000', 'legacy'),
      'src/db/migrations/1700000000000-Users.ts': migration('Users1700000000000', 'user'),
      'src/db/migrations/1700000000001-Orders.ts': migration('Orders1700000000001', 'order'),
    };
    const result = analyzeFiles(files);
    assert.deepEqual(result.modules.filter((m) => m.migration).map((m) => `${m.path} ${m.migration}`), ['src/db/1690000000000-Legacy.ts typeorm', 'src/db/migrations/1700000000000-Users.ts typeorm', 'src/db/migrations/1700000000001-Orders.ts typeorm']);
    const plan = generatePlan(result, {});
    const text = printPlan(plan);
    assert.deepEqual(stepIds(plan, 'Switch implementations'), ['typeorm-to-prisma', 'typeorm-migrations']);
    assert.match(text, /check none typeorm in src\/\*\* except src\/db\/1690000000000-Legacy\.ts src\/db\/migrations\/\*\n/);
    const history = text.slice(text.indexOf('step typeorm-migrations'));
    assert.match(history, /^step typeorm-migrations "Start the schema history over on Prisma and retire the TypeORM migrations"\n\s+why 3 TypeORM migrations \(src\/db\/1690000000000-Legacy\.ts, src\/db\/migrations\/\*\) hold 18 TypeORM sites;/);
    assert.match(history, /check none typeorm in src\/db\/1690000000000-Legacy\.ts\n\s+check none typeorm in src\/db\/migrations\/\*\n\s+hint "Baseline: write schema\.prisma/);
    // The migrations are in no unit: src/db is a seam for its data source alone.
    const seams = text.slice(text.indexOf('phase "Seams"'), text.indexOf('phase "Switch implementations"'));
    assert.doesNotMatch(seams, /migrations|Legacy/);
    assert.match(seams, /step db-orm-seam "Hide TypeORM in src\/db behind a repository port"\n\s+why score [\d.]+, 2 TypeORM sites in 1 module/);
  });

  it('moves no router that serves no route while another serves them (Express under NestJS); asked to, plans no façade', () => {
    const pkg = JSON.stringify({ name: 'api', dependencies: { '@nestjs/common': '^10.0.0', '@nestjs/core': '^10.0.0', express: '^4.19.0' } });
    const controller = `import { Controller, Get, Res } from '@nestjs/common';
import express from 'express';

@Controller('files')
export class FilesController {
  @Get()
  list(@Res() res: express.Response) {
    res.sendFile('index.html');
  }
}
`;
    const result = analyzeFiles({ 'package.json': pkg, 'src/files.controller.ts': controller });
    assert.deepEqual(result.routes.map((route) => route.framework), ['nestjs']);
    assert.ok(result.summary.frameworks.some((use) => use.id === 'express'), 'Express is used (its response)');
    const text = printPlan(generatePlan(result, {}));
    assert.match(text, /# Express serves no route of its own here \(NestJS serves them\): no move\./);
    assert.doesNotMatch(text, /move routing from express/);
    const asked = generatePlan(result, { moves: [{ concern: 'routing', from: 'express', to: 'fastify' }] });
    assert.deepEqual(stepIds(asked), ['observe', 'retire-express']);
    // Koa serves no route itself either, but koa-router's routes move: Koa moves with them.
    const koa = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', dependencies: { koa: '^2.15.0', '@koa/router': '^12.0.0' } }),
      'src/app.ts': `import Koa from 'koa';\nimport Router from '@koa/router';\n\nconst router = new Router();\nrouter.get('/health', (ctx) => { ctx.body = 'ok'; });\nexport const app = new Koa();\napp.use(router.routes());\n`,
    });
    assert.deepEqual(koa.routes.map((route) => route.framework), ['koa-router']);
    assert.deepEqual(generatePlan(koa, {}).header!.moves.map((move) => `${move.from}>${move.to}`), ['koa-router>fastify', 'koa>fastify']);
  });

  it('says in the header which route registrations it could not list, as no step is drafted for them', () => {
    const pkg = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } });
    const files = {
      'package.json': pkg,
      'src/app.js': `const express = require('express');\nconst path = require('path');\n\nconst app = express();\nprocess.env.ROUTES.split(',').forEach((p) => require(path.resolve(p))(app));\nmodule.exports = app;\n`,
      'src/routes/users.js': `module.exports = function (app) {\n  app.get('/users', (req, res) => res.json([]));\n  app.post('/users', (req, res) => res.status(201).end());\n};\n`,
    };
    const text = printPlan(generatePlan(analyzeFiles(files), {}));
    assert.match(text, /# 2 route registrations in src\/routes\/users\.js are not listed \(no code the analysis follows hands its module an app\): no route step is drafted for them; add them by hand\./);
  });

  it('route groups of one router under a shared parent are that parent; one file serving every route is /**', () => {
    const pkg = JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } });
    const auth = `import { Router } from 'express';\n\nexport const auth = Router();\n${['login', 'logout', 'me', 'refresh'].map((p) => `auth.post('/${p}/:id', (_req, res) => res.end());\nauth.get('/${p}', (_req, res) => res.end());\n`).join('')}`;
    const users = `import { Router } from 'express';\n\nexport const users = Router();\nusers.get('/', (_req, res) => res.json([]));\n`;
    const app = `import express from 'express';\nimport { auth } from './auth';\nimport { users } from './users';\n\nexport const app = express();\napp.use('/auth', auth);\napp.use('/users', users);\n`;
    const split = printPlan(generatePlan(analyzeFiles({ 'package.json': pkg, 'src/auth.ts': auth, 'src/users.ts': users, 'src/app.ts': app }), {}));
    assert.match(split, /step auth-routes "Serve \/auth from Fastify"/);
    assert.match(split, /check routes \/auth\/\*\* served-by legacy none/);
    assert.match(split, /step users-routes "Serve \/users from Fastify"/);
    const single = `import express from 'express';\n\nexport const app = express();\napp.get('/', (_req, res) => res.end());\napp.get('/account/profile', (_req, res) => res.end());\napp.post('/account/password', (_req, res) => res.end());\napp.get('/login', (_req, res) => res.end());\n`;
    const one = printPlan(generatePlan(analyzeFiles({ 'package.json': pkg, 'src/app.ts': single }), {}));
    assert.match(one, /step root-routes "Serve \/ from Fastify"/);
    assert.match(one, /check routes \/\*\* served-by legacy none/);
  });

  it("a router serving many unrelated paths is titled and named by its file; a path under another of its paths is not checked twice", () => {
    const pkg = JSON.stringify({ name: 'notes', dependencies: { express: '^4.19.0' } });
    const paths = ['/403', '/404', '/new', '/me', '/me/delete', '/history', '/history/:noteId'];
    const routes = `const express = require('express');\n\nconst appRouter = express.Router();\n${paths.map((p) => `appRouter.get('${p}', (req, res) => res.end());\n`).join('')}module.exports = appRouter;\n`;
    const notes = `const express = require('express');\n\nconst notes = express.Router();\nnotes.get('/:id', (req, res) => res.end());\nmodule.exports = notes;\n`;
    const app = `const express = require('express');\n\nconst app = express();\napp.use(require('./lib/routes'));\napp.use('/notes', require('./lib/notes'));\n`;
    const text = printPlan(generatePlan(analyzeFiles({ 'package.json': pkg, 'app.js': app, 'lib/routes.js': routes, 'lib/notes.js': notes }), {}));
    assert.match(text, /step lib-routes "Serve the 7 routes of lib\/routes\.js \(\/403, \/404, \/history \+2 more\) from Fastify"/);
    assert.match(text, /check routes \/me\/\*\* served-by legacy none/);
    assert.doesNotMatch(text, /check routes \/me\/delete/);
    assert.match(text, /step notes-routes "Serve \/notes from Fastify"/);
  });

  it('leaving Fastify for Express: an Express façade, route groups from the autoloaded folders, no group for a route a test registers', () => {
    const fixture = projects.find((p) => p.name === 'fastify-autoload-knex')!;
    const plan = generatePlan(analysis('fastify-autoload-knex'), { moves: [{ concern: 'routing', from: 'fastify', to: 'express' }], workspace: readWorkspace(fixture.dir) });
    const text = printPlan(plan);
    assert.match(text, /step express-facade "Put an Express façade in front of the Fastify app"/);
    assert.match(text, /check routes \/v1\/tasks\/\*\* served-by legacy none/);
    const withTestRoute = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.19.0' } }),
      'src/app.ts': `import express from 'express';\n\nexport const app = express();\napp.get('/health', (_req, res) => res.send('ok'));\n`,
      'test/errors.test.ts': `import { app } from '../src/app';\n\napp.get('/boom', () => {\n  throw new Error('boom');\n});\n`,
    });
    assert.deepEqual(withTestRoute.routes.map((r) => `${r.method} ${r.path}`), ['GET /health']);
    assert.ok(withTestRoute.modules.find((m) => m.path === 'test/errors.test.ts')!.sites.some((s) => s.kind === 'route'), 'the test’s registration is still a coupling site');
  });

  describe('on every fixture project, every generated plan', () => {
    for (const project of projects) {
      for (const order of ['pain-first', 'quick-wins'] as const) {
        it(`${project.name} (${order})`, () => {
          const plan = generatePlan(analysis(project.name), { order, workspace: readWorkspace(project.dir) });
          const text = printPlan(plan);
          const parsed = parsePlan(text);
          assert.deepEqual(parsed.diagnostics, [], 'parses without a single diagnostic');
          assert.equal(printPlan(parsed.plan), text, 'prints back byte for byte');
          const ids = stepIds(plan);
          assert.equal(new Set(ids).size, ids.length, 'step ids are unique');
          const hints = new Set<string>();
          for (const { step } of planSteps(plan)) {
            assert.ok(step.why?.text, `${step.id} says why`);
            assert.ok(step.checks.length > 0, `${step.id} has a check the engine can verify`);
            assert.ok(step.hints.length <= 4, `${step.id} has at most 4 hints`);
            for (const hint of step.hints) {
              assert.ok(!hints.has(hint.text), `hint given twice: ${hint.text}`);
              hints.add(hint.text);
            }
          }
          assert.equal(plan.phases[0].steps[0].id, 'observe', 'phase 0 observes before cutting');
        });
      }
    }
  });

  it('gives the switch steps 2–4 hints picked from the code: the APIs the sites use', () => {
    const plan = shopPlan();
    const step = [...planSteps(plan)].find(({ step: s }) => s.id === 'typeorm-to-prisma')!.step;
    assert.ok(step.hints.length >= 2 && step.hints.length <= 4);
    assert.ok(step.hints.some((hint) => hint.text.startsWith('@Entity')), 'the entities use @Entity');
    const facade = [...planSteps(plan)].find(({ step: s }) => s.id === 'fastify-facade')!.step;
    assert.ok(!facade.hints.some((hint) => hint.text.includes('express.static')), 'no hint for an API the code never calls');
  });
});

describe('migration units', () => {
  it('are the first folder under the source root, and the root files', () => {
    const units = new UnitIndex(analysis('legacy-shop'));
    assert.equal(units.unitOf('src/users/users.router.ts')?.glob, 'src/users/**');
    assert.equal(units.unitOf('src/app.ts')?.glob, 'src/*');
    assert.equal(units.unitOf('src/app.ts')?.id, 'src');
  });

  it('are packages in a monorepo without a shared src', () => {
    const units = new UnitIndex(analysis('monorepo-knex-objection'));
    assert.equal(units.unitOf('packages/db/src/models/Person.ts')?.glob, 'packages/db/src/models/**');
    assert.equal(units.unitOf('packages/api/src/server.ts')?.glob, 'packages/api/src/*');
  });

  it('split a container folder (more than 40 modules, most in subfolders) into its subfolders, again inside, and its own files', () => {
    const files: Record<string, string> = { 'package.json': '{"dependencies":{"knex":"3.0.0"}}' };
    // src/lib holds everything: db (12 stores), features/<name> (4 × 12) and 2 files of its own; src/lib/types is small and flat.
    for (let i = 0; i < 12; i++) files[`src/lib/db/store${i}.ts`] = `import knex from 'knex';\nexport const q${i} = () => knex({})('t${i}').select('*');\n`;
    for (const f of ['flags', 'projects', 'segments', 'tags']) for (let i = 0; i < 12; i++) files[`src/lib/features/${f}/part${i}.ts`] = `export const p${i} = ${i};\n`;
    for (let i = 0; i < 6; i++) files[`src/lib/types/type${i}.ts`] = `export type T${i} = { id: number };\n`;
    files['src/lib/app.ts'] = 'export const app = 1;\n';
    files['src/lib/server.ts'] = 'export const server = 1;\n';
    files['src/index.ts'] = 'export * from "./lib/app";\n';
    const units = new UnitIndex(analyzeFiles(files));
    assert.equal(units.unitOf('src/lib/db/store3.ts')?.glob, 'src/lib/db/**');
    assert.equal(units.unitOf('src/lib/features/projects/part1.ts')?.glob, 'src/lib/features/projects/**', 'lib (74 modules) and, inside it, features (48) are containers');
    assert.equal(units.unitOf('src/lib/db/store3.ts'), units.unitOf('src/lib/db/store7.ts'));
    assert.equal(units.unitOf('src/lib/types/type2.ts')?.glob, 'src/lib/types/**');
    assert.equal(units.unitOf('src/lib/app.ts')?.glob, 'src/lib/*');
    assert.equal(units.unitOf('src/index.ts')?.glob, 'src/*');
  });

  it('fall back to clusters of the import graph in a flat folder', () => {
    const files: Record<string, string> = {
      'package.json': '{"dependencies":{"typeorm":"0.3.0"}}',
      'src/userRepo.ts': "import { DataSource } from 'typeorm';\nexport const users = new DataSource({} as any).getRepository('User');",
      'src/userService.ts': "import { users } from './userRepo';\nexport const find = () => users.find();",
      'src/orderRepo.ts': "import { DataSource } from 'typeorm';\nexport const orders = new DataSource({} as any).getRepository('Order');",
      'src/orderService.ts': "import { orders } from './orderRepo';\nexport const list = () => orders.find();",
      'src/money.ts': 'export const cents = (n: number) => Math.round(n * 100);',
      'src/clock.ts': 'export const now = () => new Date();',
    };
    const units = new UnitIndex(analyzeFiles(files));
    const user = units.unitOf('src/userService.ts')!;
    assert.equal(user, units.unitOf('src/userRepo.ts'));
    assert.notEqual(user, units.unitOf('src/orderRepo.ts'));
    assert.equal(user.glob, 'src/{userRepo.ts,userService.ts}');
  });
});

describe('route groups', () => {
  it('split a group of more than 40 routes along its next segment, and keep a leading unread mount prefix as a segment', () => {
    const paths = [
      ...Array.from({ length: 30 }, (_, i) => `/{base}/api/admin/projects/:id/r${i}`),
      ...Array.from({ length: 20 }, (_, i) => `/{base}/api/admin/segments/s${i}`),
      '/{base}/api/client/features',
      '/{base}/api/client/metrics',
      '/{base}/health',
      '/api/users/:id',
      '/api/orders',
    ];
    const routes = paths.map((p) => ({ method: 'GET', path: p, framework: 'express', file: 'x.ts', line: 1 }));
    assert.equal(prefixOf('/{base}/api/admin/projects/:id/r3', routes), '/{base}/api/admin/projects', '50 routes under /{base}/api/admin: one level deeper');
    assert.equal(prefixOf('/{base}/api/admin/segments/s1', routes), '/{base}/api/admin/segments');
    assert.equal(prefixOf('/{base}/api/client/features', routes), '/{base}/api/client', '52 under /{base}/api, but /client holds 2');
    assert.equal(prefixOf('/{base}/health', routes), '/{base}/health');
    assert.equal(prefixOf('/api/users/:id', routes), '/api/users', 'small groups as before');
  });

  const routes = ['/api/users/login', '/api/users/:id', '/api/orders', '/health', '/webhooks/stripe', '/api/v1/carts/:id'].map((p) => ({ method: 'GET', path: p, framework: 'express', file: 'x.ts', line: 1 }));
  for (const [path, prefix] of [
    ['/api/users/login', '/api/users'],
    ['/api/orders', '/api/orders'],
    ['/health', '/health'],
    ['/webhooks/stripe', '/webhooks'],
    ['/api/v1/carts/:id', '/api/v1/carts'],
  ]) {
    it(`${path} → ${prefix}`, () => assert.equal(prefixOf(path, routes), prefix));
  }
});
