/**
 * Framework-bound values across files, data-driven: a small project in, the coupling sites of its modules out.
 *
 * A site is `L<line> <kind> <concern>:<framework> <text>[ via <file>]`. Expectations name the line by a needle of
 * its text (`'call orm:prisma prisma.user.findMany via src/db.ts @ prisma.user.findMany('`); an expectation
 * without `via` matches a site whatever its via. `exact` lists all sites of a module; `has` lists some of them;
 * `clean` lines (needles) carry no site at all; `uncoupled` modules have no site.
 */
import * as assert from 'assert';
import { analyzeFiles, lineOf } from './helpers/project';
import type { AnalysisResult, CouplingSite } from '../../server/src/engine/model';

const fact = (s: CouplingSite, withVia = true) => `L${s.line} ${s.kind} ${s.concern}:${s.framework} ${s.text}${withVia && s.via ? ` via ${s.via}` : ''}`;

interface Expect {
  exact?: string[];
  has?: string[];
  clean?: string[];
  uncoupled?: boolean;
  coupling?: string[]; // concern:framework set
}

function check(files: Record<string, string>, expect: Record<string, Expect>): AnalysisResult {
  const r = analyzeFiles(files);
  for (const [file, e] of Object.entries(expect)) {
    const m = r.modules.find((x) => x.path === file);
    if (!m) throw new Error(`no module ${file}; have ${r.modules.map((x) => x.path).join(', ')}`);
    const all = m.sites.map((s) => fact(s)).sort();
    const resolve = (w: string) => {
      const at = w.indexOf(' @ ');
      return at < 0 ? w : `L${lineOf(files[file], w.slice(at + 3))} ${w.slice(0, at)}`;
    };
    const matches = (want: string, s: CouplingSite) => (want.includes(' via ') ? fact(s) : fact(s, false)) === want;
    if (e.exact) {
      const want = e.exact.map(resolve);
      const unmatched = [...m.sites];
      const missing: string[] = [];
      for (const w of want) {
        const i = unmatched.findIndex((s) => matches(w, s));
        if (i < 0) missing.push(w);
        else unmatched.splice(i, 1);
      }
      assert.deepStrictEqual({ missing, extra: unmatched.map((s) => fact(s)) }, { missing: [], extra: [] }, `sites of ${file}; all: ${JSON.stringify(all, null, 1)}`);
    }
    for (const w of (e.has ?? []).map(resolve)) {
      assert.ok(m.sites.some((s) => matches(w, s)), `${file} should have site ${w}; has ${JSON.stringify(all, null, 1)}`);
    }
    for (const needle of e.clean ?? []) {
      const line = lineOf(files[file], needle);
      const onLine: string[] = m.sites.filter((s) => s.line === line).map((s) => fact(s));
      assert.deepStrictEqual(onLine, [], `${file} line ${line} (${needle}) should carry no site`);
    }
    if (e.uncoupled) assert.deepStrictEqual(all, [], `${file} should not be coupled`);
    if (e.coupling) {
      const set = [...new Set(m.sites.map((s) => `${s.concern}:${s.framework}`))].sort();
      assert.deepStrictEqual(set, [...e.coupling].sort(), `frameworks of ${file}`);
    }
  }
  return r;
}

const PKG = JSON.stringify({ name: 'shop-api', version: '1.0.0' });

const PRISMA_DB = `import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n`;

describe('engine: framework-bound values across files', () => {
  it('a shared PrismaClient instance: its importer has a bound import and calls through member chains', () => {
    const service = `import { prisma } from '../db';

export async function listCustomers(limit: number) {
  return prisma.customer.findMany({ take: limit, orderBy: { createdAt: 'desc' } });
}
`;
    check(
      { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/customers/customerService.ts': service },
      {
        'src/db.ts': { exact: ["import orm:prisma import '@prisma/client' @ import { PrismaClient }", 'call orm:prisma new PrismaClient @ new PrismaClient'] },
        'src/customers/customerService.ts': {
          exact: [
            "bound-import orm:prisma prisma from '../db' via src/db.ts @ import { prisma }",
            'call orm:prisma prisma.customer.findMany via src/db.ts @ prisma.customer.findMany(',
          ],
        },
      },
    );
  });

  it('a lazy singleton: a module-level `let` assigned a client inside a getter is that client, in the module and its importers', () => {
    const db = `import { PrismaClient } from '@prisma/client';

let client: PrismaClient | null = null;

export function db() {
  if (!client) {
    client = new PrismaClient({ log: ['warn'] });
  }
  return client;
}

export async function disconnect() {
  await client?.$disconnect();
}
`;
    const repo = `import { db } from '../db';

export async function findInvoice(id: string) {
  return db().invoice.findUnique({ where: { id } });
}
`;
    check(
      { 'package.json': PKG, 'src/db.ts': db, 'src/billing/invoices.ts': repo },
      {
        'src/db.ts': { has: ['call orm:prisma client.$disconnect @ client?.$disconnect()', 'member orm:prisma client @ return client'] },
        'src/billing/invoices.ts': { has: ['call orm:prisma db.invoice.findUnique @ db().invoice.findUnique('] },
      },
    );
  });

  it('a class decorated @Injectable() and @Processor() is a Bull consumer: the role-giving decorator names its framework', () => {
    const processor = `import { Injectable } from '@nestjs/common';
import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';

@Injectable()
@Processor('audio')
export class AudioProcessor {
  @Process('transcode')
  async transcode(job: Job<{ file: string }>) {
    return job.data.file;
  }
}
`;
    const mod = `import { Module } from '@nestjs/common';
import { AudioProcessor } from './audio.processor';

@Module({ providers: [AudioProcessor] })
export class AudioModule {}
`;
    check(
      { 'package.json': PKG, 'src/audio/audio.processor.ts': processor, 'src/audio/audio.module.ts': mod },
      {
        'src/audio/audio.module.ts': {
          exact: [
            "import routing:nestjs import '@nestjs/common' @ import { Module }",
            'decorator routing:nestjs @Module @ @Module',
            "bound-import queue:nestjs-bull AudioProcessor from './audio.processor' via src/audio/audio.processor.ts @ import { AudioProcessor }",
            'member queue:nestjs-bull AudioProcessor via src/audio/audio.processor.ts @ @Module',
          ],
        },
      },
    );
  });

  it('NestJS wiring: @Module classes, guards, SetMetadata decorators and @nestjs/passport are the framework; a Logger instance is not', () => {
    const roles = `import { SetMetadata } from '@nestjs/common';

export const ROLES = 'roles';
export const Roles = (...roles: string[]) => SetMetadata(ROLES, roles);
`;
    const guard = `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    return this.reflector.get<string[]>('roles', context.getHandler()).length > 0;
  }
}
`;
    const service = `import { Injectable, Logger } from '@nestjs/common';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  find(id: number) {
    this.logger.log(\`find \${id}\`);
    return { id };
  }
}
`;
    const controller = `import { Controller, Get, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { Roles } from './roles.decorator';
import { RolesGuard } from './roles.guard';
import { UsersService } from './users.service';

@Controller('users')
@UseGuards(AuthGuard('jwt'), RolesGuard)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  list() {
    return this.users.find(1);
  }
}
`;
    const usersModule = `import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([]),
  ],
  controllers: [
    UsersController,
  ],
  providers: [UsersService],
})
export class UsersModule {}
`;
    const appModule = `import { Module } from '@nestjs/common';
import { UsersModule } from './users.module';

@Module({
  imports: [
    UsersModule,
  ],
})
export class AppModule {}
`;
    check(
      {
        'package.json': PKG,
        'src/roles.decorator.ts': roles,
        'src/roles.guard.ts': guard,
        'src/users.service.ts': service,
        'src/users.controller.ts': controller,
        'src/users.module.ts': usersModule,
        'src/app.module.ts': appModule,
      },
      {
        'src/users.service.ts': {
          exact: [
            "import routing:nestjs import '@nestjs/common' @ import {",
            'decorator routing:nestjs @Injectable @ @Injectable',
            'call routing:nestjs new Logger @ new Logger',
          ],
        },
        'src/roles.guard.ts': { has: ['type-ref routing:nestjs implements CanActivate @ implements CanActivate'] },
        'src/users.controller.ts': {
          has: [
            "import routing:nestjs import '@nestjs/passport' @ import { AuthGuard }",
            "bound-import routing:nestjs Roles from './roles.decorator' via src/roles.decorator.ts @ import { Roles }",
            "bound-import routing:nestjs RolesGuard from './roles.guard' via src/roles.guard.ts @ import { RolesGuard }",
            'decorator routing:nestjs @Roles via src/roles.decorator.ts @ @Roles',
          ],
          // The service is the project's seam, and the guard inside @UseGuards(…) is part of that decorator's site.
          clean: ["import { UsersService }", "this.users.find"],
        },
        'src/users.module.ts': {
          has: ['call orm:typeorm TypeOrmModule.forFeature @ TypeOrmModule.forFeature'],
          clean: ['    UsersController,'],
        },
        'src/app.module.ts': {
          exact: [
            "import routing:nestjs import '@nestjs/common' @ import { Module }",
            "bound-import routing:nestjs UsersModule from './users.module' via src/users.module.ts @ import { UsersModule }",
            'decorator routing:nestjs @Module @ @Module',
          ],
        },
      },
    );
  });

  it('a multi-line framework call is one site with its arguments; another concern and a function written there keep theirs', () => {
    const src = `import express from 'express';
import { Sequelize, DataTypes } from 'sequelize';

const sequelize = new Sequelize('sqlite::memory:');
export const User = sequelize.define('User', {
  name: DataTypes.STRING,
  email: { type: DataTypes.STRING, unique: true },
});

const app = express();
app.get('/users', async (req, res) => {
  res.json(
    await User.findAll({ where: { name: req.query.name } }),
  );
});
`;
    check(
      { 'package.json': PKG, 'src/app.ts': src },
      {
        'src/app.ts': {
          has: ["call orm:sequelize sequelize.define @ sequelize.define", 'route routing:express app.get @ app.get', 'call routing:express res.json @ res.json(', 'call orm:sequelize User.findAll @ User.findAll'],
          clean: ['name: DataTypes.STRING', 'email: { type'],
        },
      },
    );
  });

  it('awaiting a knex table query gives rows, also after a join: their uses are data', () => {
    check(
      {
        'package.json': PKG,
        'src/db.js': `const knex = require('knex');\nmodule.exports = knex({ client: 'pg' });\n`,
        'src/comments.js': `const db = require('./db');

exports.list = async function (articleId) {
  let comments = await db('comments')
    .leftJoin('users', 'comments.author', 'users.id')
    .where({ article: articleId });
  comments = comments.map((c) => ({ ...c, body: c.body.trim() }));
  const all = await db('comments');
  return [comments, all.length];
};
`,
      },
      { 'src/comments.js': { has: ["call orm:knex db.leftJoin.where @ db('comments')\n    .leftJoin"], clean: ['comments = comments.map', 'return [comments'] } },
    );
  });

  it("handlers written inside a project wrapper that forwards its parameters (`catchAsync(async (req, res) => …)`) get the request; Node's server from `app.listen()` is not the framework's", () => {
    const catchAsync = `const catchAsync = (fn) => (req, res, next) => {
  Promise.resolve(fn(req, res, next)).catch((err) => next(err));
};

module.exports = catchAsync;
`;
    const logged = `module.exports = (fn) => (req, res) => {
  console.log(req.url);
  return fn();
};
`;
    const controller = `const catchAsync = require('../utils/catchAsync');
const logged = require('../utils/logged');

const register = catchAsync(async (req, res) => {
  const { email } = req.body;
  res.status(201).send({ email });
});

const ping = logged(async (req, res) => res.send('pong'));

module.exports = { register, ping };
`;
    const routes = `const express = require('express');
const authController = require('../controllers/auth.controller');
const catchAsync = require('../utils/catchAsync');

const router = express.Router();
router.post('/register', authController.register);
router.get('/ping', authController.ping);
router.get('/inline', catchAsync(async (req, res) => res.json(req.query)));

module.exports = router;
`;
    const index = `const express = require('express');
const routes = require('./routes/auth.route');

const app = express();
app.use('/v1', routes);

let server;
function start() {
  server = app.listen(3000);
}
function stop() {
  server.close();
}

module.exports = { start, stop };
`;
    check(
      { 'package.json': PKG, 'src/utils/catchAsync.js': catchAsync, 'src/utils/logged.js': logged, 'src/controllers/auth.controller.js': controller, 'src/routes/auth.route.js': routes, 'src/index.js': index },
      {
        'src/controllers/auth.controller.js': {
          has: ['member routing:express req.body @ = req.body', 'call routing:express res.status.send @ res.status(201)'],
          // `logged` calls its parameter with nothing: the handler inside gets no request.
          clean: ["res.send('pong')"],
        },
        'src/routes/auth.route.js': { has: ['call routing:express res.json @ res.json(req.query)'] },
        'src/index.js': { has: ['call routing:express app.listen @ app.listen(3000)'], clean: ['let server', 'server.close()'] },
      },
    );
  });

  it('a shared express app: routes and listen in other modules are express sites', () => {
    check(
      {
        'package.json': PKG,
        'src/app.ts': `import express from 'express';\n\nexport const app = express();\napp.use(express.json());\n`,
        'src/routes/health.ts': `import { app } from '../app';

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});
`,
        'src/server.ts': `import { app } from './app';
import './routes/health';

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log('listening on ' + port));
`,
      },
      {
        'src/routes/health.ts': { has: ["bound-import routing:express app from '../app' via src/app.ts @ import { app }", "route routing:express app.get @ app.get('/health'"], coupling: ['routing:express'] },
        'src/server.ts': {
          exact: ["bound-import routing:express app from './app' via src/app.ts @ import { app }", 'call routing:express app.listen via src/app.ts @ app.listen('],
          clean: ['const port'],
        },
      },
    );
  });

  it('data read off a request is plain data: `const { email } = req.body`, `const { body } = req` and `const id = req.params.id` hold values, not the framework', () => {
    check(
      {
        'package.json': PKG,
        'src/users.ts': `import { Router } from 'express';
import { register, find } from './service';

export const users = Router();

users.post('/register', async (req, res) => {
  const { email, password } = req.body;
  if (typeof email !== 'string' || password.length < 10) return res.status(400).end();
  res.json(await register(email, password));
});

users.get('/:id', async (req, res) => {
  const id = req.params.id;
  const { body } = req;
  console.log(id, body.trace);
  res.json(await find(id));
});
`,
        'src/service.ts': `export async function register(email: string, password: string) {
  return { email, ok: password.length > 0 };
}

export async function find(id: string) {
  return { id };
}
`,
      },
      {
        'src/users.ts': {
          exact: [
            "import routing:express import 'express' @ import { Router }",
            'call routing:express Router @ Router()',
            'route routing:express users.post @ users.post(',
            'member routing:express req.body @ = req.body',
            'call routing:express res.status.end @ res.status(400)',
            'call routing:express res.json @ res.json(await register',
            'route routing:express users.get @ users.get(',
            'member routing:express req.params.id @ req.params.id',
            'member routing:express req @ = req;',
            'call routing:express res.json @ res.json(await find',
          ],
        },
        'src/service.ts': { uncoupled: true },
      },
    );
  });

  it('AppDataSource.getRepository(User) makes a repository whose calls are sites', () => {
    const svc = `import { AppDataSource } from '../data-source';
import { User } from './user.entity';

const users = AppDataSource.getRepository(User);

export async function findByEmail(email: string) {
  return users.findOneBy({ email });
}
`;
    check(
      {
        'package.json': PKG,
        'src/data-source.ts': `import { DataSource } from 'typeorm';\nimport { User } from './users/user.entity';\n\nexport const AppDataSource = new DataSource({ type: 'postgres', entities: [User] });\n`,
        'src/users/user.entity.ts': `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  email!: string;
}
`,
        'src/users/userService.ts': svc,
      },
      {
        'src/users/userService.ts': {
          has: [
            "bound-import orm:typeorm AppDataSource from '../data-source' via src/data-source.ts @ import { AppDataSource }",
            "bound-import orm:typeorm User from './user.entity' via src/users/user.entity.ts @ import { User }",
            'call orm:typeorm AppDataSource.getRepository @ AppDataSource.getRepository(',
            'call orm:typeorm users.findOneBy @ users.findOneBy(',
          ],
          coupling: ['orm:typeorm'],
        },
      },
    );
  });

  it('a TypeORM query builder stays the framework\'s through await; its results are data', () => {
    const svc = `import { AppDataSource } from '../data-source';
import { User } from './user.entity';

export async function search(q: { name?: string; limit?: number }) {
  const qb = await AppDataSource.getRepository(User)
    .createQueryBuilder('user')
    .leftJoinAndSelect('user.orders', 'order');
  if (q.name) qb.andWhere('user.name = :name', { name: q.name });
  qb.orderBy('user.id', 'DESC');
  const total = await qb.getCount();
  const rows = await qb.take(q.limit ?? 10).getMany();
  const first = await AppDataSource.getRepository(User).createQueryBuilder('u').getOne();
  return { total, names: rows.map((r) => r.email), first: first?.email };
}
`;
    check(
      {
        'package.json': PKG,
        'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const AppDataSource = new DataSource({ type: 'postgres' });\n`,
        'src/users/user.entity.ts': `import { Entity, Column } from 'typeorm';\n\n@Entity('users')\nexport class User {\n  @Column()\n  email!: string;\n}\n`,
        'src/users/search.ts': svc,
      },
      {
        'src/users/search.ts': {
          has: [
            "call orm:typeorm AppDataSource.getRepository.createQueryBuilder.leftJoinAndSelect @ AppDataSource.getRepository(User)\n",
            'call orm:typeorm qb.andWhere @ qb.andWhere(',
            'call orm:typeorm qb.orderBy @ qb.orderBy(',
            'call orm:typeorm qb.getCount @ qb.getCount(',
            'call orm:typeorm qb.take.getMany @ qb.take(',
          ],
          // what getMany()/getOne() resolve to is data
          clean: ['rows.map(', 'first?.email'],
        },
      },
    );
  });

  it('the session reached through a request is a session site where the workspace uses a session package', () => {
    const routes = `const express = require('express');
const router = express.Router();

router.post('/cart', (req, res) => {
  req.session.cart = [...(req.session.cart || []), req.body.sku];
  res.json({ items: req.session.cart.length });
});

router.post('/logout', (req, res, next) => {
  req.session.destroy((err) => (err ? next(err) : res.redirect('/')));
});

module.exports = router;
`;
    const app = `const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({ secret: 's' }));\napp.use(require('./routes'));\n`;
    const withSession = { 'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '4.0.0', 'express-session': '1.0.0' } }), 'src/app.js': app, 'src/routes.js': routes };
    check(withSession, {
      'src/routes.js': {
        has: [
          'member session:express-session req.session.cart @ req.session.cart = ',
          'member session:express-session req.session.cart.length @ req.session.cart.length',
          'call session:express-session req.session.destroy @ req.session.destroy(',
          'member routing:express req.session.cart @ req.session.cart = ',
        ],
      },
    });
    // Declared but never imported is enough (the app may set the middleware up in a file we do not see).
    check({ ...withSession, 'src/app.js': `const express = require('express');\nconst app = express();\napp.use(require('./routes'));\n` }, {
      'src/routes.js': { has: ['member session:express-session req.session.cart.length @ req.session.cart.length'] },
    });
    // Two session packages declared (cookie-session sorts first): the one a module imports is the session.
    check({ ...withSession, 'package.json': JSON.stringify({ name: 'shop', dependencies: { express: '4.0.0', 'cookie-session': '2.1.0', 'express-session': '1.0.0' } }) }, {
      'src/routes.js': { has: ['call session:express-session req.session.destroy @ req.session.destroy('] },
    });
    // Without any session package, req.session is whatever else put it there: the request's routing site only.
    const none = check({ ...withSession, 'package.json': PKG, 'src/app.js': `const express = require('express');\nconst app = express();\napp.use(require('./routes'));\n` }, {
      'src/routes.js': { has: ['member routing:express req.session.cart @ req.session.cart = '] },
    });
    assert.deepStrictEqual(none.modules.find((m) => m.path === 'src/routes.js')!.sites.filter((s) => s.concern === 'session'), []);
  });

  it('the job a queue hands its processor is the framework\'s: Bull, BullMQ, Agenda', () => {
    const workers = `import Queue from 'bull';
import { Worker } from 'bullmq';
import Agenda from 'agenda';
import { deliver } from './deliver';

const mail = new Queue('mail');
mail.process(5, async (job) => {
  await deliver(job.data.to);
  await job.progress(100);
});

new Worker('thumbs', async (job) => job.updateProgress(job.data.percent));

const agenda = new Agenda();
agenda.define('report', async (job) => console.log(job.attrs.data.day));
`;
    check({ 'package.json': PKG, 'src/workers.ts': workers, 'src/deliver.ts': `export async function deliver(to: string) { return to; }\n` }, {
      'src/workers.ts': {
        has: [
          'member queue:bull job.data.to @ job.data.to',
          'call queue:bull job.progress @ job.progress(',
          // `job.data.percent` inside the call's arguments is part of its site
          'call queue:bullmq job.updateProgress @ job.updateProgress(',
          'member queue:agenda job.attrs.data.day @ job.attrs.data.day',
        ],
      },
      // the job's data handed on is data
      'src/deliver.ts': { uncoupled: true },
    });
  });

  it('a job is also handed through a wrapper, to job-event listeners and by an awaited getJob; other listeners get no job', () => {
    const worker = `import Queue from 'bull';
import { trace } from './trace';

export const mail = new Queue('mail');
mail.process(2, trace({ span: 'mail' })(async function (job) {
  return job.data.to;
}));
mail.on('failed', (job, err) => console.warn(job.attemptsMade, err.message));
mail.on('error', (error) => console.error(error.message));

export async function retry(id: string) {
  const job = await mail.getJob(id);
  await job?.retry();
}
`;
    const trace = `export const trace = (opts: { span: string }) => <T extends (...a: any[]) => any>(fn: T): T => { console.log(opts.span); return fn; };\n`;
    const r = check({ 'package.json': PKG, 'src/worker.ts': worker, 'src/trace.ts': trace }, {
      'src/worker.ts': { has: ['member queue:bull job.data.to @ job.data.to', 'member queue:bull job.attemptsMade @ job.attemptsMade', 'call queue:bull job.retry @ job?.retry()'] },
    });
    // An 'error' listener is handed an Error, not a job.
    const texts = r.modules.find((m) => m.path === 'src/worker.ts')!.sites.map((x) => x.text);
    assert.ok(!texts.some((t) => t.startsWith('error.') || t.startsWith('err.')), JSON.stringify(texts));
  });

  it('Koa handlers that are methods of exported objects, param middleware and app.use middleware get ctx and next', () => {
    const ctrl = `const db = require('../db')
module.exports = {
  async get(ctx) {
    ctx.body = { user: ctx.state.user }
  },
  async bySlug(slug, ctx, next) {
    ctx.params.user = await db('users').where({ slug })
    if (!slug.length) return
    return next()
  },
  feed: {
    async get(ctx) {
      ctx.body = await db('articles')
    },
  },
}
`;
    const pager = `module.exports = (ctx, next) => {
  if (ctx.method !== 'GET') return next()
  return next()
}
`;
    check(
      {
        'package.json': JSON.stringify({ name: 'k', dependencies: { koa: '2.0.0', 'koa-router': '7.0.0', knex: '1.0.0' } }),
        'src/db.js': `module.exports = require('knex')({ client: 'pg' })\n`,
        'src/controllers/users.js': ctrl,
        'src/controllers/index.js': `const users = require('./users')\nmodule.exports = { users }\n`,
        'src/routes.js': `const Router = require('koa-router')\nconst ctrl = require('./controllers').users\nconst router = new Router()\nrouter.param('slug', ctrl.bySlug)\nrouter.get('/users', ctrl.get)\nrouter.get('/feed', ctrl.feed.get)\nmodule.exports = router.routes()\n`,
        'src/middleware/pager.js': pager,
        'src/app.js': `const Koa = require('koa')\nconst pager = require('./middleware/pager')\nconst app = new Koa()\napp.use(pager)\napp.use(require('./routes'))\n`,
      },
      {
        'src/controllers/users.js': {
          has: [
            'member routing:koa-router ctx.state.user @ ctx.state.user',
            'member routing:koa-router ctx.params.user @ ctx.params.user',
            'call routing:koa-router next @ return next()',
            'member routing:koa-router ctx.body @ ctx.body = await',
          ],
          // the param's own value is a string, not the framework's
          clean: ['if (!slug.length)'],
        },
        'src/middleware/pager.js': { has: ["member routing:koa ctx.method @ ctx.method", 'call routing:koa next @ return next()\n}'] },
      },
    );
  });

  it('in a class coupled by decorators alone, this.x is its own member: an injected service, an entity field', () => {
    const controller = `import { Controller, Get, Param } from '@nestjs/common';
import { ArticleService } from './article.service';

@Controller('articles')
export class ArticleController {
  constructor(private readonly articleService: ArticleService) {}

  @Get(':slug')
  async findOne(@Param('slug') slug: string) {
    return this.articleService.findOne(slug);
  }
}
`;
    const entity = `import { Entity, Column, BeforeUpdate } from 'typeorm';

@Entity('article')
export class ArticleEntity {
  @Column()
  updated!: Date;

  @BeforeUpdate()
  touch() {
    this.updated = new Date();
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/article.controller.ts': controller,
        'src/article.service.ts': `import { Injectable } from '@nestjs/common';\n\n@Injectable()\nexport class ArticleService {\n  findOne(slug: string) {\n    return { slug };\n  }\n}\n`,
        'src/article.entity.ts': entity,
      },
      {
        'src/article.controller.ts': { has: ['decorator routing:nestjs @Get @ @Get('], clean: ['this.articleService.findOne('] },
        'src/article.entity.ts': { has: ['decorator orm:typeorm @BeforeUpdate @ @BeforeUpdate('], clean: ['this.updated = new Date'] },
      },
    );
  });

  it('classes extending framework base classes: sequelize Model and objection Model', () => {
    const invoice = `import { Model, DataTypes } from 'sequelize';
import { sequelize } from '../db';

export class Invoice extends Model {
  declare id: number;
  declare totalCents: number;
}

Invoice.init({ totalCents: DataTypes.INTEGER }, { sequelize, tableName: 'invoices' });
`;
    const order = `import { Model } from 'objection';

export class Order extends Model {
  static tableName = 'orders';
  id!: number;
}
`;
    check(
      {
        'package.json': PKG,
        'src/db.ts': `import { Sequelize } from 'sequelize';\n\nexport const sequelize = new Sequelize(process.env.DATABASE_URL!);\n`,
        'src/billing/invoice.ts': invoice,
        'src/orders/order.ts': order,
      },
      {
        'src/billing/invoice.ts': { has: ['extends orm:sequelize extends Model @ extends Model', 'call orm:sequelize Invoice.init @ Invoice.init('], coupling: ['orm:sequelize'] },
        'src/orders/order.ts': { has: ['extends orm:objection extends Model @ extends Model'], coupling: ['orm:objection'] },
      },
    );
  });

  it('inheritance is followed across files through project classes (3 levels): an extends site', () => {
    const userRepo = `import { AuditedRepository } from '../base/AuditedRepository';
import { User } from './user.entity';

export class UserRepository extends AuditedRepository<User> {
  findByEmail(email: string) {
    return this.findOneBy({ email });
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/base/BaseRepository.ts': `import { Repository, ObjectLiteral } from 'typeorm';\n\nexport abstract class BaseRepository<T extends ObjectLiteral> extends Repository<T> {}\n`,
        'src/base/AuditedRepository.ts': `import { ObjectLiteral } from 'typeorm';
import { BaseRepository } from './BaseRepository';

export abstract class AuditedRepository<T extends ObjectLiteral> extends BaseRepository<T> {
  audit(action: string) {
    console.log('audit', action);
  }
}
`,
        'src/users/user.entity.ts': `export class User { id!: number; email!: string }\n`,
        'src/users/UserRepository.ts': userRepo,
      },
      {
        'src/base/BaseRepository.ts': { has: ['extends orm:typeorm extends Repository @ extends Repository'] },
        'src/base/AuditedRepository.ts': { has: ['extends orm:typeorm extends BaseRepository @ extends BaseRepository'] },
        'src/users/UserRepository.ts': {
          has: ['extends orm:typeorm extends AuditedRepository @ extends AuditedRepository'],
          coupling: ['orm:typeorm'],
          clean: ["import { User }"],
        },
      },
    );
  });

  it('calls on `this` inherited from a framework base class are sites (direct and through project classes)', () => {
    const invoice = `import { Model } from 'sequelize';

export class Invoice extends Model {
  static overdue() {
    return this.findAll({ where: { paid: false } });
  }
}
`;
    const userRepo = `import { AuditedRepository } from '../base/AuditedRepository';

export class UserRepository extends AuditedRepository<{ id: number; email: string }> {
  findByEmail(email: string) {
    return this.findOneBy({ email });
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/billing/invoice.ts': invoice,
        'src/base/AuditedRepository.ts': `import { Repository, ObjectLiteral } from 'typeorm';\n\nexport abstract class AuditedRepository<T extends ObjectLiteral> extends Repository<T> {}\n`,
        'src/users/UserRepository.ts': userRepo,
      },
      {
        'src/billing/invoice.ts': { has: ['call orm:sequelize this.findAll @ this.findAll('] },
        'src/users/UserRepository.ts': { has: ['call orm:typeorm this.findOneBy @ this.findOneBy('] },
      },
    );
  });

  it("a static method the project declares on a class extending the framework's is its own code, unless it hands out the framework's value", () => {
    const service = `import { PrismaClient } from '@prisma/client';

export class PrismaService extends PrismaClient {
  private static instance: PrismaService | undefined;

  constructor() {
    const parsed = PrismaService.parseDatabaseUrl(process.env.DATABASE_URL ?? '');
    super({ datasources: { db: { url: parsed.connectionString } } });
  }

  static parseDatabaseUrl(url: string) {
    return { connectionString: url.split('?')[0], schema: 'public' };
  }

  static shared(): PrismaService {
    return (PrismaService.instance ??= new PrismaService());
  }

  static client() {
    return new PrismaClient();
  }

  async onModuleInit() {
    await this.$connect();
  }
}
`;
    const report = `import { PrismaService } from './prisma.service';

export async function usersReport(url: string) {
  const { schema } = PrismaService.parseDatabaseUrl(url);
  const users = await PrismaService.client().user.findMany();
  return { schema, users };
}
`;
    check(
      { 'package.json': PKG, 'src/prisma.service.ts': service, 'src/report.ts': report },
      {
        'src/prisma.service.ts': {
          has: ['extends orm:prisma extends PrismaClient @ extends PrismaClient', 'call orm:prisma this.$connect @ this.$connect('],
          clean: ['PrismaService.parseDatabaseUrl(process', 'super({'],
        },
        'src/report.ts': {
          has: ['call orm:prisma PrismaService.client.user.findMany @ PrismaService.client().user'],
          clean: ['PrismaService.parseDatabaseUrl(url)'],
        },
      },
    );
  });

  it("Prisma's generated model types type plain data: naming one is a type reference, reading the value is the project's; a TransactionClient is a client", () => {
    const users = `import { Organization, Prisma, PrismaClient, User } from '@prisma/client';

const prisma = new PrismaClient();

export function billingName(org: Organization, user: User): string {
  return org.name + ' <' + user.email + '>';
}

export function byOrg(where: Prisma.UserWhereInput, orgId: string) {
  where.organizationId = orgId;
  return prisma.user.findMany({ where });
}

export async function rename(tx: Prisma.TransactionClient, id: string, name: string) {
  await tx.organization.update({ where: { id }, data: { name } });
}
`;
    check(
      { 'package.json': PKG, 'src/users.ts': users },
      {
        'src/users.ts': {
          has: [
            'type-ref orm:prisma Organization @ org: Organization',
            'type-ref orm:prisma Prisma.UserWhereInput @ where: Prisma',
            'call orm:prisma prisma.user.findMany @ prisma.user.findMany',
            'call orm:prisma tx.organization.update @ tx.organization.update',
          ],
          clean: ["return org.name", 'where.organizationId = orgId'],
        },
      },
    );
  });

  it("a seam's public field holding the framework's value is the framework's (`this._post.model.post.findMany()`); holding the seam couples nobody", () => {
    const prisma = `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {}

@Injectable()
export class PrismaRepository<T extends keyof PrismaService> {
  public model: Pick<PrismaService, T>;
  constructor(private _prismaService: PrismaService) {
    this.model = this._prismaService;
  }
}
`;
    const repository = `import { Injectable } from '@nestjs/common';
import { PrismaRepository } from './prisma.service';

@Injectable()
export class PostsRepository {
  constructor(private _post: PrismaRepository<'post'>) {}

  recent() {
    return this._post.model.post.findMany({ take: 10 });
  }
}
`;
    const service = `import { Injectable } from '@nestjs/common';
import { PostsRepository } from './posts.repository';

@Injectable()
export class PostsService {
  constructor(private readonly postsRepository: PostsRepository) {}

  recent() {
    return this.postsRepository.recent();
  }
}

export class Digest {
  constructor(public readonly posts: PostsService) {}

  build() {
    return this.posts.recent();
  }
}
`;
    const r = check(
      { 'package.json': JSON.stringify({ name: 'social', dependencies: { '@nestjs/common': '^10', '@prisma/client': '^5' } }), 'src/prisma.service.ts': prisma, 'src/posts.repository.ts': repository, 'src/posts.service.ts': service },
      {
        'src/posts.repository.ts': { has: ['call orm:prisma this._post.model.post.findMany @ this._post.model.post.findMany'], clean: ["constructor(private _post"] },
        'src/posts.service.ts': { clean: ['constructor(private readonly postsRepository', 'return this.postsRepository.recent()', 'constructor(public readonly posts', 'return this.posts.recent()'] },
      },
    );
    const service2 = r.modules.find((m) => m.path === 'src/posts.service.ts')!;
    assert.deepStrictEqual([service2.concerns.orm.sites, service2.breakdown.leaks], [0, 0]);
  });

  it('a project base class holding `protected repo: Repository<T>`: subclass calls on this.repo are sites', () => {
    const orderService = `import { CrudService } from '../common/CrudService';
import { Order } from './order.entity';

export class OrderService extends CrudService<Order> {
  recent() {
    return this.repo.find({ order: { createdAt: 'DESC' }, take: 10 });
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/common/CrudService.ts': `import { Repository, ObjectLiteral } from 'typeorm';

export abstract class CrudService<T extends ObjectLiteral> {
  protected repo!: Repository<T>;

  list() {
    return this.repo.find();
  }
}
`,
        'src/orders/order.entity.ts': `export class Order { id!: number; createdAt!: Date }\n`,
        'src/orders/OrderService.ts': orderService,
      },
      {
        'src/common/CrudService.ts': { has: ['call orm:typeorm this.repo.find @ return this.repo.find();'] },
        'src/orders/OrderService.ts': { has: ['call orm:typeorm this.repo.find @ this.repo.find({'], coupling: ['orm:typeorm'] },
      },
    );
  });

  it('Nest @InjectRepository(User) private repo: Repository<User> + this.repo.find()', () => {
    const svc = `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  findAll() {
    return this.repo.find();
  }
}
`;
    check(
      { 'package.json': PKG, 'src/users/user.entity.ts': `export class User { id!: number }\n`, 'src/users/users.service.ts': svc },
      {
        'src/users/users.service.ts': {
          has: [
            'decorator orm:typeorm @InjectRepository @ @InjectRepository(User)',
            'type-ref orm:typeorm Repository @ private readonly repo: Repository<User>',
            'call orm:typeorm this.repo.find @ this.repo.find()',
          ],
          coupling: ['orm:typeorm', 'routing:nestjs'],
        },
      },
    );
  });

  it('importing only a clean helper from a barrel that also re-exports coupled things is not coupling', () => {
    check(
      {
        'package.json': PKG,
        'src/lib/db.ts': PRISMA_DB,
        'src/lib/money.ts': `export function formatCents(cents: number): string {\n  return '$' + (cents / 100).toFixed(2);\n}\n`,
        'src/lib/index.ts': `export * from './db';\nexport * from './money';\n`,
        'src/checkout/receipt.ts': `import { formatCents } from '../lib';\n\nexport function receiptLine(name: string, cents: number) {\n  return name + ' ' + formatCents(cents);\n}\n`,
      },
      { 'src/checkout/receipt.ts': { uncoupled: true } },
    );
  });

  it("a field the constructor assigns holds its value (`this.repo = AppDataSource.getRepository(User)`): the class's methods and `new UsersService().repo` reach it, and the field it fills is no site of its own", () => {
    const service = `import { AppDataSource } from '../data-source';
import { User } from './user.entity';

export class UsersService {
  constructor(limit) {
    this.limit = limit;
    this.repo = AppDataSource.getRepository(User);
  }

  list() {
    return this.repo.find({ take: this.limit });
  }

  getRepo() {
    return this.repo;
  }
}

export const usersService = new UsersService(10);
`;
    check(
      {
        'package.json': PKG,
        'src/data-source.js': `import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({ type: 'postgres' });\n`,
        'src/users/user.entity.js': `import { EntitySchema } from 'typeorm';\n\nexport const User = new EntitySchema({ name: 'User', tableName: 'users', columns: {} });\n`,
        'src/users/service.js': service,
        'src/users/controller.js': `import { usersService } from './service';\n\nexport const list = () => usersService.list();\n`,
        'scripts/count-users.js': `import { UsersService, usersService } from '../src/users/service';\n\nconst service = new UsersService(1);\nconsole.log(await service.repo.count());\nconsole.log(await usersService['repo'].count());\nconsole.log(await service.getRepo().count());\n`,
      },
      {
        'src/users/service.js': {
          has: ['call orm:typeorm AppDataSource.getRepository @ AppDataSource.getRepository(User)', 'call orm:typeorm this.repo.find @ this.repo.find(', 'member orm:typeorm this.repo @ return this.repo;'],
          clean: ['this.limit = limit', 'export const usersService'],
        },
        'src/users/controller.js': { uncoupled: true },
        'scripts/count-users.js': {
          exact: ['call orm:typeorm service.repo.count @ service.repo.count()', "call orm:typeorm usersService['repo'].count @ usersService['repo'].count()", 'call orm:typeorm service.getRepo.count @ service.getRepo().count()'],
        },
      },
    );
    // The assignment is one site, the value made; the field it fills is not a second.
    const r = analyzeFiles({ 'package.json': PKG, 'src/data-source.js': `import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({ type: 'postgres' });\n`, 'src/users/service.js': service });
    const line = lineOf(service, 'this.repo = AppDataSource');
    assert.deepStrictEqual(r.modules.find((m) => m.path === 'src/users/service.js')!.sites.filter((x) => x.line === line).map((x) => `${x.kind} ${x.text}`), ['call AppDataSource.getRepository']);
  });

  it("a field the constructor fills with what a caller hands it (new UserService(db) with db a module of ORM values) is those values in the class's methods", () => {
    const db = `const { Sequelize, DataTypes } = require('sequelize');\n\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nconst User = sequelize.define('User', { name: DataTypes.STRING });\n\nmodule.exports = { sequelize, User };\n`;
    const service = `class UserService {
  constructor(db, logger) {
    this.db = db;
    this.logger = logger;
  }

  async list() {
    this.logger.info('listing');
    return this.db.User.findAll();
  }
}

module.exports = UserService;
`;
    const unused = `class AuditService {\n  constructor(db) {\n    this.db = db;\n  }\n\n  count() {\n    return this.db.Audit.count();\n  }\n}\n\nmodule.exports = AuditService;\n`;
    const app = `const db = require('./db');\nconst UserService = require('./userService');\n\nmodule.exports = new UserService(db, console);\n`;
    check(
      { 'package.json': JSON.stringify({ name: 'api', dependencies: { sequelize: '6' } }), 'src/db.js': db, 'src/userService.js': service, 'src/auditService.js': unused, 'src/app.js': app },
      {
        'src/userService.js': { exact: ['call orm:sequelize this.db.User.findAll @ this.db.User.findAll()'] },
        // Nobody hands it the ORM: its fields are unknown.
        'src/auditService.js': { uncoupled: true },
      },
    );
  });

  it('a service singleton that uses the ORM inside its methods is the seam: its importer is not coupled', () => {
    check(
      {
        'package.json': PKG,
        'src/db.ts': PRISMA_DB,
        'src/services/userService.ts': `import { prisma } from '../db';

class UserService {
  async findById(id: string) {
    return prisma.user.findUnique({ where: { id } });
  }
}

export const userService = new UserService();
`,
        'src/controllers/userController.ts': `import { userService } from '../services/userService';

export async function showUser(params: { id: string }) {
  const user = await userService.findById(params.id);
  return user ?? { error: 'not found' };
}
`,
      },
      {
        'src/services/userService.ts': { has: ['call orm:prisma prisma.user.findUnique @ prisma.user.findUnique('] },
        'src/controllers/userController.ts': { uncoupled: true },
      },
    );
  });

  it('shadowing: a local variable named like a bound import is not bound', () => {
    const audit = `import { prisma } from '../db';

export function countAuditEvents() {
  return prisma.auditEvent.count();
}

export function summarize(events: { kind: string }[]) {
  const prisma = { auditEvent: { findMany: () => events.filter((e) => e.kind === 'login') } };
  return prisma.auditEvent.findMany();
}

export function replay(prisma: { log: string[] }) {
  return prisma.log.join('\\n');
}
`;
    check(
      { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/audit/auditService.ts': audit },
      {
        'src/audit/auditService.ts': {
          exact: [
            "bound-import orm:prisma prisma from '../db' @ import { prisma }",
            'call orm:prisma prisma.auditEvent.count @ prisma.auditEvent.count()',
          ],
        },
      },
    );
  });

  it('the awaited result of a query is plain data: its uses are not sites', () => {
    const report = `import { prisma } from '../db';

export async function activeEmails() {
  const users = await prisma.user.findMany({ where: { active: true } });
  const emails = users.map((u) => u.email.toLowerCase());
  emails.sort();
  console.log(users.length, users[0]?.email);
  return emails.filter((e) => e.endsWith('@shop.example'));
}
`;
    check(
      { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/reports/emailReport.ts': report },
      {
        'src/reports/emailReport.ts': {
          exact: [
            "bound-import orm:prisma prisma from '../db' @ import { prisma }",
            'call orm:prisma prisma.user.findMany @ prisma.user.findMany(',
          ],
          clean: ['const emails', 'emails.sort()', 'console.log(users.length', 'return emails.filter'],
        },
      },
    );
  });

  it("the ORMs' data shapes (WhereOptions, FindOptionsWhere, FilterQuery): typing a value is a type reference, filling it is the project's", () => {
    const orders = `import { Op, WhereOptions, FindOptions } from 'sequelize';
import { Order } from './order.model';

export async function search(q: { status?: string; since?: Date }, options: FindOptions = {}) {
  const where: WhereOptions = {};
  if (q.status) where.status = q.status;
  if (q.since) where.createdAt = { [Op.gte]: q.since };
  const limit = options.limit ?? 20;
  return Order.findAll({ where, limit });
}
`;
    const model = `import { Model } from 'sequelize';

export class Order extends Model {}
`;
    const users = `import { FindOptionsWhere, Repository } from 'typeorm';

export class UserSearch {
  constructor(private readonly repo: Repository<{ id: number; email: string }>) {}

  find(email?: string) {
    const where: FindOptionsWhere<{ id: number; email: string }> = {};
    if (email) where.email = email;
    return this.repo.findBy(where);
  }
}
`;
    const articles = `import type { FilterQuery } from '@mikro-orm/core';

export function byTag(tag: string) {
  const where: FilterQuery<{ tagList: string }> = {};
  where.tagList = tag;
  return where;
}
`;
    check(
      { 'package.json': PKG, 'src/orders.ts': orders, 'src/order.model.ts': model, 'src/users.ts': users, 'src/articles.ts': articles },
      {
        'src/orders.ts': {
          has: ['type-ref orm:sequelize WhereOptions @ const where: WhereOptions', 'member orm:sequelize Op.gte @ Op.gte', 'call orm:sequelize Order.findAll @ Order.findAll('],
          clean: ['where.status = q.status', 'const limit = options.limit'],
        },
        'src/users.ts': { has: ['call orm:typeorm this.repo.findBy @ this.repo.findBy('], clean: ['where.email = email'] },
        'src/articles.ts': { clean: ['where.tagList = tag', 'return where'] },
      },
    );
  });

  const CALLERS: [string, string, string][] = [
    ['a namespace import', `import * as db from '../db';\n\nexport const countUsers = () => db.prisma.user.count();\n`, 'db.prisma.user.count'],
    ['`import x = require()`', `import db = require('../db');\n\nexport const countUsers = () => db.prisma.user.count();\n`, 'db.prisma.user.count'],
    ['a dynamic import()', `export async function countUsers() {\n  const { prisma } = await import('../db');\n  return prisma.user.count();\n}\n`, 'prisma.user.count'],
    ['an alias and a destructured member', `import { prisma } from '../db';\n\nconst { user } = prisma;\nexport const countUsers = () => user.count();\n`, 'user.count'],
  ];
  for (const [form, src, text] of CALLERS) {
    it(`calls on a bound value reached through ${form} are sites`, () => {
      check({ 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/stats/userStats.ts': src }, { 'src/stats/userStats.ts': { has: [`call orm:prisma ${text} @ ${text}(`] } });
    });
  }

  it('prisma.$transaction(async (tx) => …): tx is a client', () => {
    const src = `import { prisma } from '../db';

export async function placeOrder(userId: string, skus: string[]) {
  return prisma.$transaction(async (tx) => {
    const order = await tx.order.create({ data: { userId } });
    await tx.orderItem.createMany({ data: skus.map((sku) => ({ orderId: order.id, sku })) });
    return order.id;
  });
}
`;
    check(
      { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/orders/placeOrder.ts': src },
      {
        'src/orders/placeOrder.ts': {
          has: ['call orm:prisma prisma.$transaction @ prisma.$transaction(', 'call orm:prisma tx.order.create @ tx.order.create(', 'call orm:prisma tx.orderItem.createMany @ tx.orderItem.createMany('],
          clean: ['return order.id'],
        },
      },
    );
  });

  it('a project function making the client inside a try block returns it: the instance it makes is the framework\'s', () => {
    const db = `import { Sequelize } from 'sequelize';

export function createDatabase(url: string) {
  try {
    let instance;
    instance = new Sequelize(url, { logging: false });
    instance.addHook('beforeFind', () => undefined);
    return instance;
  } catch (err) {
    throw new Error('could not connect');
  }
}

export const sequelize = createDatabase(process.env.DATABASE_URL ?? '');
`;
    const task = `import { sequelize } from './db';\n\nexport const cleanup = () => sequelize.transaction(async () => undefined);\n`;
    check({ 'package.json': PKG, 'src/db.ts': db, 'src/task.ts': task }, { 'src/task.ts': { has: ['call orm:sequelize sequelize.transaction @ sequelize.transaction('] } });
  });

  it("importing a store made for express-session (connect-mongo) is an express-session site", () => {
    const src = `const session = require('express-session');
const { MongoStore } = require('connect-mongo');

module.exports = session({ secret: 's', store: MongoStore.create({ mongoUrl: process.env.MONGODB_URI }) });
`;
    check({ 'package.json': PKG, 'src/session.js': src }, { 'src/session.js': { has: ["import session:express-session require 'connect-mongo' @ const { MongoStore }"] } });
  });

  it("Fastify's error and not-found handlers are handed the request and reply", () => {
    const src = `import Fastify from 'fastify';

export const app = Fastify();

app.setErrorHandler((err, request, reply) => {
  request.log.error(err);
  reply.code(500).send({ message: 'Internal Server Error' });
});

app.setNotFoundHandler({ preHandler: (request, reply, done) => done() }, (request, reply) => {
  reply.code(404).send({ message: request.url });
});
`;
    check(
      { 'package.json': PKG, 'src/app.ts': src },
      { 'src/app.ts': { has: ['call routing:fastify request.log.error @ request.log.error(', 'call routing:fastify reply.code.send @ reply.code(500)', 'call routing:fastify reply.code.send @ reply.code(404)'] } },
    );
  });

  it("a decorated class's own name (this.logger.setContext(AuthController.name)) is JavaScript's, not a site", () => {
    const src = `import { Controller, Logger } from '@nestjs/common';

@Controller('auth')
export class AuthController {
  private readonly logger = new Logger('auth');

  constructor() {
    this.logger.setContext(AuthController.name);
  }
}
`;
    const sites = analyzeFiles({ 'package.json': PKG, 'src/auth.controller.ts': src }).modules.find((m) => m.path === 'src/auth.controller.ts')!.sites;
    // Making the logger is a Nest site (a logger's own calls are not); naming the class is not another.
    assert.deepStrictEqual(sites.map((x) => `${x.line} ${x.kind} ${x.text}`), ["1 import import '@nestjs/common'", '3 decorator @Controller', '5 call new Logger']);
  });

  it('a NestJS WebSocket gateway is Nest code: its decorator and gateway interface are sites', () => {
    const src = `import { OnGatewayConnection, WebSocketGateway } from '@nestjs/websockets';

@WebSocketGateway({ path: '/realtime' })
export class RealtimeGateway implements OnGatewayConnection {
  handleConnection(client: unknown) {
    return client;
  }
}
`;
    check(
      { 'package.json': PKG, 'src/realtime.gateway.ts': src },
      { 'src/realtime.gateway.ts': { has: ["decorator routing:nestjs @WebSocketGateway @ @WebSocketGateway(", 'type-ref routing:nestjs implements OnGatewayConnection @ OnGatewayConnection {'] } },
    );
  });

  it("nestjs-prisma's PrismaService, injected by its type, is a Prisma client", () => {
    const src = `import { Injectable } from '@nestjs/common';
import { PrismaService } from 'nestjs-prisma';

@Injectable()
export class ResumeService {
  constructor(private readonly prisma: PrismaService) {}

  findAll(userId: string) {
    return this.prisma.resume.findMany({ where: { userId } });
  }
}
`;
    check(
      { 'package.json': PKG, 'src/resume/resume.service.ts': src },
      { 'src/resume/resume.service.ts': { has: ['call orm:prisma this.prisma.resume.findMany @ this.prisma.resume.findMany('] } },
    );
  });

  it('a repository held in a class property initializer: this.repo calls are sites', () => {
    const src = `import { AppDataSource } from '../data-source';
import { Product } from './product.entity';

export class ProductService {
  private readonly products = AppDataSource.getRepository(Product);

  inStock() {
    return this.products.find({ where: { stock: 1 } });
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/data-source.ts': `import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({ type: 'postgres' });\n`,
        'src/catalog/product.entity.ts': `import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity()\nexport class Product {\n  @PrimaryGeneratedColumn() id!: number;\n}\n`,
        'src/catalog/productService.ts': src,
      },
      { 'src/catalog/productService.ts': { has: ['call orm:typeorm AppDataSource.getRepository @ AppDataSource.getRepository(', 'call orm:typeorm this.products.find @ this.products.find('] } },
    );
  });

  it("the project's own classes named like framework exports (Repository, Queue, Router) are not coupling", () => {
    check(
      {
        'package.json': PKG,
        'src/lib/Repository.ts': `export class Repository<T> {\n  private items: T[] = [];\n  find() {\n    return [...this.items];\n  }\n}\n`,
        'src/lib/Queue.ts': `export class Queue<T> {\n  private items: T[] = [];\n  add(item: T) {\n    this.items.push(item);\n  }\n}\nexport function Router() {\n  return { get: (_path: string) => undefined };\n}\n`,
        'src/inbox/inboxService.ts': `import { Repository } from '../lib/Repository';
import { Queue, Router } from '../lib/Queue';

export class MessageRepository extends Repository<string> {
  unread() {
    return this.find();
  }
}
const outbox = new Queue<string>();
outbox.add('hello');
Router().get('/inbox');
`,
      },
      { 'src/inbox/inboxService.ts': { uncoupled: true }, 'src/lib/Repository.ts': { uncoupled: true } },
    );
  });

  it('a model class injected as `typeof User` (also through `import type`): calls on the member are model calls', () => {
    const user = `import { Column, Model, Table } from 'sequelize-typescript';

@Table({ tableName: 'users' })
export class User extends Model<User> {
  @Column email: string;
}
`;
    const svc = `import type { User } from './user.model';

export class UsersService {
  constructor(private readonly userModel: typeof User) {}

  list() {
    return this.userModel.findAll({ where: { active: true } });
  }
}
`;
    const router = `import { User } from './user.model';
import { UsersService } from './users.service';

const service = new UsersService(User);

export function listUsers() {
  return service.list();
}
`;
    check(
      { 'package.json': PKG, 'src/user.model.ts': user, 'src/users.service.ts': svc, 'src/users.router.ts': router },
      {
        'src/users.service.ts': {
          exact: [
            "type-import orm:sequelize-typescript User from './user.model' via src/user.model.ts @ import type { User }",
            'type-ref orm:sequelize-typescript typeof User via src/user.model.ts @ userModel: typeof User',
            'call orm:sequelize-typescript this.userModel.findAll via src/user.model.ts @ this.userModel.findAll(',
          ],
        },
        // The service holding the model class is the project's seam: calling it is not coupling.
        'src/users.router.ts': { clean: ['return service.list()'], coupling: ['orm:sequelize-typescript'] },
      },
    );
  });

  it('a project base class `Repo<T extends Model>`: the constraint is a type reference, and subclasses reach `this.model`', () => {
    const repo = `import { Model, ModelCtor } from 'sequelize-typescript';

export abstract class Repo<T extends Model> {
  protected constructor(protected readonly model: ModelCtor<T>) {}

  findById(id: number) {
    return this.model.findByPk(id);
  }
}
`;
    const orders = `import { Repo } from './repo';
import { Order } from './order.model';

export class OrderRepository extends Repo<Order> {
  constructor() {
    super(Order);
  }

  open() {
    return this.model.findAll({ where: { status: 'open' } });
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/repo.ts': repo,
        'src/order.model.ts': `import { Model, Table } from 'sequelize-typescript';\n\n@Table({ tableName: 'orders' })\nexport class Order extends Model {}\n`,
        'src/order.repository.ts': orders,
      },
      {
        'src/repo.ts': {
          exact: [
            "type-import orm:sequelize-typescript import 'sequelize-typescript' @ import { Model, ModelCtor }",
            'type-ref orm:sequelize-typescript Model @ <T extends Model>',
            'type-ref orm:sequelize-typescript ModelCtor @ model: ModelCtor<T>',
            'call orm:sequelize-typescript this.model.findByPk @ this.model.findByPk(id)',
          ],
        },
        'src/order.repository.ts': {
          has: ['extends orm:sequelize-typescript extends Repo via src/repo.ts @ extends Repo<Order>', 'call orm:sequelize-typescript this.model.findAll @ this.model.findAll('],
        },
      },
    );
  });

  it('a generic function constrained by a framework type: the constraint is a type reference', () => {
    const src = `import { Model } from 'sequelize-typescript';

export function ids<T extends Model>(rows: T[]): number[] {
  return rows.map((r) => r.id as number);
}
`;
    check({ 'package.json': PKG, 'src/ids.ts': src }, { 'src/ids.ts': { exact: ["type-import orm:sequelize-typescript import 'sequelize-typescript' @ import { Model }", 'type-ref orm:sequelize-typescript Model @ <T extends Model>'] } });
  });

  it("Mongoose schema functions: `this` is the model in statics, the document in methods and hooks (with the hook's `next`); methods the schema declares are the project's", () => {
    const model = `const mongoose = require('mongoose');

const userSchema = new mongoose.Schema({ email: String, password: String });

userSchema.statics.isEmailTaken = async function (email) {
  const user = await this.findOne({ email });
  return !!user;
};

userSchema.methods.isPasswordMatch = function (password) {
  const user = this;
  return user.password === password;
};

userSchema.methods.clearToken = function () {
  this.resetToken = undefined;
};

userSchema.pre('save', async function (next) {
  const user = this;
  if (user.isModified('password')) user.password = user.password.trim();
  this.clearToken();
  next();
});

userSchema.method('touch', function () {
  return this.updateOne({ touchedAt: new Date() });
});

userSchema.post('save', (doc) => console.log(doc.email));

module.exports = mongoose.model('User', userSchema);
`;
    check(
      { 'package.json': PKG, 'src/user.model.js': model },
      {
        'src/user.model.js': {
          has: ['call orm:mongoose this.findOne @ this.findOne(', 'call orm:mongoose user.isModified @ user.isModified(', 'call orm:mongoose next @ next();', 'call orm:mongoose this.updateOne @ this.updateOne('],
          clean: ['return user.password === password', 'this.resetToken = undefined', 'this.clearToken();'],
        },
      },
    );
  });

  it('a mongoose model exported by one module: static queries in another module are sites', () => {
    const models = `import mongoose from 'mongoose';\n\nconst reviewSchema = new mongoose.Schema({ rating: Number });\nexport const Review = mongoose.model('Review', reviewSchema);\n`;
    const svc = `import { Review } from './models';

export async function topReviews() {
  const reviews = await Review.find({ rating: 5 }).limit(10).lean();
  return reviews.map((r) => r.rating);
}
`;
    check(
      { 'package.json': PKG, 'src/models.ts': models, 'src/reviewService.ts': svc },
      {
        'src/reviewService.ts': {
          exact: ["bound-import orm:mongoose Review from './models' via src/models.ts @ import { Review }", 'call orm:mongoose Review.find.limit.lean @ Review.find('],
          clean: ['return reviews.map'],
        },
      },
    );
  });

  it("express app settings: app.set('db', sequelize) in one module, req.app.get('db').models.User.findAll() in a route of another", () => {
    const db = `const { Sequelize } = require('sequelize');

function getSequelize(prod) {
  let sequelize;
  if (prod) {
    sequelize = new Sequelize(process.env.DATABASE_URL);
  } else {
    sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });
  }
  return sequelize;
}

module.exports = { getSequelize };
`;
    const app = `const express = require('express');
const db = require('./db');
const users = require('./users');

const app = express();
const sequelize = db.getSequelize(false);
app.set('sequelize', sequelize);
app.set('title', 'shop');
app.use('/users', users);
module.exports = app;
`;
    const users = `const router = require('express').Router();

router.get('/', async (req, res) => {
  const rows = await req.app.get('sequelize').models.User.findAll();
  res.json({ rows, title: req.app.get('title') });
});

module.exports = router;
`;
    check(
      { 'package.json': PKG, 'src/db.js': db, 'src/app.js': app, 'src/users.js': users },
      {
        // The value getSequelize() returns is bound though assigned in an if/else: passing it to app.set is a Sequelize site.
        'src/app.js': { has: ["member orm:sequelize sequelize @ app.set('sequelize'", "call routing:express app.set @ app.set('sequelize'"] },
        'src/users.js': {
          has: ["call routing:express req.app.get @ req.app.get('sequelize')", "call orm:sequelize req.app.get.models.User.findAll @ req.app.get('sequelize')"],
        },
      },
    );
  });

  it("an entity's fields are data: only methods called on the entity itself are the ORM's API", () => {
    const entity = `import { Entity, PrimaryGeneratedColumn, Column, BaseEntity } from 'typeorm';

@Entity('users')
export class UserEntity extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
}
`;
    const mapper = `import { UserEntity } from './user.entity';

export interface User { id: number; email: string }

export function toDomain(raw: UserEntity): User {
  return { id: raw.id, email: raw.email.toLowerCase() };
}

export async function toPersistence(user: User): Promise<UserEntity> {
  const entity = new UserEntity();
  entity.email = user.email;
  await entity.save();
  return entity;
}
`;
    check(
      { 'package.json': PKG, 'src/user.entity.ts': entity, 'src/user.mapper.ts': mapper },
      {
        'src/user.mapper.ts': {
          has: ['type-ref orm:typeorm UserEntity @ raw: UserEntity', 'call orm:typeorm new UserEntity @ new UserEntity()', 'call orm:typeorm entity.save @ entity.save()'],
          clean: ['return { id: raw.id', 'entity.email = user.email', 'return entity;'],
        },
      },
    );
  });

  it("a project type alias of a framework type (type Db = Knex | Knex.Transaction) binds what it types, across modules; naming the alias is no site", () => {
    const dbTypes = `import type { Knex } from 'knex';

export type Db = Knex | Knex.Transaction;
export type MaybeDb = Readonly<Db> | undefined;
`;
    const store = `import type { Db, MaybeDb } from './db';

const TABLE = 'tags';

export default class TagStore {
  private db: Db;

  constructor(db: Db, private readonly fallback: MaybeDb) {
    this.db = db;
  }

  async all() {
    return this.db.select(['type', 'value']).from(TABLE);
  }

  async create(tag: { type: string; value: string }) {
    await this.db(TABLE).insert(tag);
  }

  spare() {
    return this.fallback?.raw('select 1');
  }
}
`;
    const plain = `type Tag = { type: string; value: string };
type Maybe<T> = T | undefined;

export const label = (t: Maybe<Tag>) => (t ? t.type + ':' + t.value : '');
`;
    const r = check(
      { 'package.json': PKG, 'src/db.ts': dbTypes, 'src/tag-store.ts': store, 'src/plain.ts': plain },
      {
        'src/db.ts': { has: ['type-import orm:knex import \'knex\' @ import type', 'type-ref orm:knex Knex @ export type Db', 'type-ref orm:knex Knex.Transaction @ export type Db'] },
        'src/tag-store.ts': {
          exact: [
            'call orm:knex this.db.select.from @ this.db.select',
            'call orm:knex this.db.insert @ this.db(TABLE)',
            'call orm:knex this.fallback.raw @ this.fallback?.raw',
          ],
        },
        'src/plain.ts': { uncoupled: true },
      },
    );
    const tags = r.models.find((m) => m.name === 'tags');
    assert.ok(tags, 'the table named through the constant is a model');
    assert.deepStrictEqual([tags.readers?.length, tags.writers?.length], [1, 1]);
  });

  it("knex: a subquery named by with() and read by from() in the same chain is no table; the tables its body reads are", () => {
    const stats = `import knex from 'knex';

const db = knex({ client: 'pg' });

export const activeUsers = () =>
  db
    .with('combined', db.select('id as user_id').from('users').unionAll(db.select('user_id').from('tokens')))
    .select(db.raw('count(distinct user_id)'))
    .from('combined as c');

export const ranked = () =>
  db.withRecursive('ranked', (qb) => qb.select('*').from('projects')).select('*').from('ranked').join('owners', 'owners.id', 'ranked.owner_id');

export async function cleanUp() {
  await db
    .with('latest', (qb) => qb.select('id').from('events').limit(100))
    .with('kept', (qb) => qb.select('id').from('latest'))
    .from('events')
    .whereNotIn('id', db.select('id').from('kept'))
    .delete();
}

export const recent = () => db.select('*').from('latest');
`;
    const r = analyzeFiles({ 'package.json': PKG, 'src/stats.ts': stats });
    // 'latest' and 'kept' are subqueries in cleanUp (also read inside a callback and an argument); recent() reads a table of that name.
    assert.deepStrictEqual(r.models.map((m) => m.name).sort(), ['events', 'latest', 'owners', 'projects', 'tokens', 'users']);
    const latest = r.models.find((m) => m.name === 'latest');
    assert.deepStrictEqual(latest?.readers, [`src/stats.ts:${lineOf(stats, "export const recent")}`]);
    assert.deepStrictEqual(r.models.find((m) => m.name === 'events')?.writers, [`src/stats.ts:${lineOf(stats, ".from('events')\n")}`]);
  });

  it('a handler a project factory returns (app.use(requestLogger("api")), hapi server.ext(event, util.onRequest())): its parameters are the framework\'s', () => {
    const logging = `export function requestLogger(prefix: string) {
  return function (req, res, next) {
    console.log(prefix, req.method);
    res.setHeader('x-prefix', prefix);
    next();
  };
}

export const notAHandler = () => (a, b) => a + b;
`;
    const app = `import express from 'express';
import { notAHandler, requestLogger } from './logging';

const app = express();
app.use(requestLogger('api'));
export const sum = notAHandler()(1, 2);
export default app;
`;
    const util = `const onRequest = () => (req, reply) => {
  req.setUrl('/x');
  return reply.continue();
};
exports.onRequest = onRequest;
`;
    const server = `const Hapi = require('hapi');
const util = require('./util');

const server = new Hapi.Server();
server.ext('onRequest', util.onRequest());
module.exports = server;
`;
    check(
      { 'package.json': PKG, 'src/logging.ts': logging, 'src/app.ts': app, 'src/util.js': util, 'src/server.js': server },
      {
        'src/logging.ts': { exact: ['member routing:express req.method @ req.method', 'call routing:express res.setHeader @ res.setHeader', 'call routing:express next @ next();'] },
        'src/util.js': { exact: ['call routing:hapi req.setUrl @ req.setUrl', 'call routing:hapi reply.continue @ reply.continue'] },
      },
    );
  });

  it("a middleware package's types shape data (passport's Profile): naming one is a type reference, reading the value is the project's", () => {
    const google = `import passport from 'passport';
import type { Profile } from 'passport';

type GoogleProfile = Profile & { _json: { hd?: string } };

export function verify(profile: GoogleProfile) {
  const domain = profile._json.hd;
  return { id: profile.id, email: profile.emails?.[0]?.value, domain };
}

export const authenticate = passport.authenticate('google', { session: false });
`;
    check(
      { 'package.json': PKG, 'src/google.ts': google },
      {
        'src/google.ts': {
          has: ['type-ref routing:express Profile @ type GoogleProfile', 'call routing:express passport.authenticate @ passport.authenticate'],
          clean: ['const domain = profile._json.hd', 'return { id: profile.id'],
        },
      },
    );
  });

  it("hapi: an auth scheme (server.auth.scheme(name, factory)) — the methods of the object the factory returns get the request and toolkit", () => {
    const scheme = `const tokens = require('./tokens');

module.exports = (server, options) => ({
  async authenticate(request, h) {
    const token = request.headers['x-api-token'];
    const user = await tokens.verify(token);
    return h.authenticated({ credentials: user });
  },
  helper(a, b) {
    return a + b;
  },
});
`;
    const server = `const Hapi = require('hapi');
const jwtScheme = require('./auth/scheme');

const server = new Hapi.Server();
server.auth.scheme('jwt', jwtScheme);
server.auth.strategy('jwt', 'jwt');
module.exports = server;
`;
    check(
      { 'package.json': PKG, 'src/auth/scheme.js': scheme, 'src/auth/tokens.js': 'exports.verify = async (t) => ({ id: t });\n', 'src/server.js': server },
      {
        'src/auth/scheme.js': {
          exact: ["member routing:hapi request.headers['x-api-token'] @ request.headers", 'call routing:hapi h.authenticated @ h.authenticated'],
          clean: ['return a + b;'],
        },
      },
    );
  });
});
