/**
 * Inventories a migration needs (routes, queues, models, sessions), data-driven: a small project in, the entries
 * out, as strings:
 *   route   `GET /api/users/:id express src/routes/users.ts:12`
 *   queue   `producer mail bull src/signup.ts:7[ <schedule>]`
 *   model   `User typeorm users src/user.entity.ts:4` (`-` when no table is declared), then for tables named by
 *           query builders ` reads <file:line,…> writes <file:line,…>`
 *   session `express-session memory src/app.ts:9`
 * Lines are found by searching the snippet (`at(file, needle)`), never written by hand.
 */
import * as assert from 'assert';
import { analyzeFiles, lineOf, sitesOf } from './helpers/project';
import type { AnalysisResult } from '../../server/src/engine/model';

type At = (file: string, needle: string) => string;
interface Expect {
  routes?: string[];
  queues?: string[];
  models?: string[];
  sessions?: string[];
  /** Entries that must be present (other entries may exist too). */
  queuesHas?: string[];
  /** Sites of kind 'state' per file (needles of their lines). */
  state?: Record<string, string[]>;
}

function factsOf(r: AnalysisResult) {
  return {
    routes: r.routes.map((x) => `${x.method} ${x.path} ${x.framework} ${x.file}:${x.line}`).sort(),
    queues: r.queues.map((x) => `${x.role} ${x.name} ${x.framework} ${x.file}:${x.line}${x.schedule ? ` ${x.schedule}` : ''}`).sort(),
    models: r.models.map((x) => `${x.name} ${x.framework} ${x.table ?? '-'} ${x.file}:${x.line}${x.readers ? ` reads ${x.readers.join(',')} writes ${x.writers!.join(',')}` : ''}`).sort(),
    sessions: r.sessions.map((x) => `${x.framework} ${x.store} ${x.file}:${x.line}`).sort(),
  };
}

function check(files: Record<string, string>, expect: (at: At) => Expect): AnalysisResult {
  const at: At = (file, needle) => `${file}:${lineOf(files[file], needle)}`;
  const e = expect(at);
  const r = analyzeFiles(files);
  const got = factsOf(r);
  for (const key of ['routes', 'queues', 'models', 'sessions'] as const) {
    if (e[key]) assert.deepStrictEqual(got[key], [...e[key]!].sort(), key);
  }
  for (const q of e.queuesHas ?? []) assert.ok(got.queues.includes(q), `queues should include ${q}; have ${JSON.stringify(got.queues, null, 1)}`);
  for (const [file, needles] of Object.entries(e.state ?? {})) {
    const m = r.modules.find((x) => x.path === file)!;
    const lines = m.sites.filter((s) => s.kind === 'state').map((s) => s.line).sort((a, b) => a - b);
    assert.deepStrictEqual(lines, needles.map((n) => lineOf(files[file], n)).sort((a, b) => a - b), `state sites of ${file}`);
  }
  return r;
}

const PKG = JSON.stringify({ name: 'shop-api', version: '1.0.0' });

describe('engine inventory: routes', () => {
  it('express: app and routers with nested use() prefixes across three files, route chains; app.get(setting) is no route', () => {
    const app = `import express from 'express';
import { api } from './routes';

export const app = express();
const env = app.get('env');
app.get('/health', (_req, res) => res.send(env));
app.use('/api', api);
`;
    const index = `import { Router } from 'express';
import { usersRouter } from './v1/users';

export const api = Router();
api.use('/v1', usersRouter);
`;
    const users = `import { Router } from 'express';

export const usersRouter = Router();

async function listUsers(_req: unknown, res: { json(x: unknown): void }) {
  res.json([]);
}

usersRouter.get('/users', listUsers);
usersRouter.delete('/users/:id', (_req, res) => res.sendStatus(204));
usersRouter.route('/orders').get((_req, res) => res.json([])).post((_req, res) => res.sendStatus(201));
`;
    check({ 'package.json': PKG, 'src/app.ts': app, 'src/routes/index.ts': index, 'src/routes/v1/users.ts': users }, (at) => ({
      routes: [
        `GET /health express ${at('src/app.ts', "app.get('/health'")}`,
        `GET /api/v1/users express ${at('src/routes/v1/users.ts', "usersRouter.get('/users'")}`,
        `DELETE /api/v1/users/:id express ${at('src/routes/v1/users.ts', 'usersRouter.delete(')}`,
        `GET /api/v1/orders express ${at('src/routes/v1/users.ts', 'usersRouter.route(')}`,
        `POST /api/v1/orders express ${at('src/routes/v1/users.ts', 'usersRouter.route(')}`,
      ],
    }));
  });

  it('express: routes registered through a project class that wraps the router (route(options), get(path, h), fileupload, use(path, router)), each class instance with its own router, mounted by new X().router', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'flags', dependencies: { express: '4' } }),
      'src/routes/controller.ts': `import { type IRouter, Router, type Request, type Response } from 'express';

interface IRouteOptions {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  handler: (req: Request, res: Response) => void;
  permission: string;
}

export default class Controller {
  app: IRouter;

  constructor() {
    this.app = Router();
  }

  route(options: IRouteOptions): void {
    this.app[options.method](options.path, options.handler.bind(this));
  }

  get(path: string, handler: IRouteOptions['handler'], permission = 'NONE'): void {
    this.route({ method: 'get', path, handler, permission });
  }

  fileupload(path: string, handler: IRouteOptions['handler']): void {
    this.app.post(path, handler.bind(this));
  }

  use(path: string, router: IRouter): void {
    this.app.use(path, router);
  }

  get router(): IRouter {
    return this.app;
  }
}
`,
      'src/features/segment-controller.ts': `import type { Request, Response } from 'express';
import Controller from '../routes/controller';

export class SegmentsController extends Controller {
  constructor() {
    super();
    this.route({ method: 'post', path: '/validate', handler: this.validate, permission: 'NONE' });
    this.route({ method: 'get', path: '/:id', handler: this.one, permission: 'READ' });
    this.get('', this.all);
    this.fileupload('/import', this.upload);
  }

  validate(req: Request, res: Response) { res.status(204).end(); }
  one(req: Request, res: Response) { res.json({ id: req.params.id }); }
  all(req: Request, res: Response) { res.json([]); }
  upload(req: Request, res: Response) { res.status(202).end(); }
}
`,
      'src/routes/admin-api.ts': `import Controller from './controller';
import { SegmentsController } from '../features/segment-controller';

export class AdminApi extends Controller {
  constructor() {
    super();
    this.use('/segments', new SegmentsController().router);
    this.app.use('/segments-v2', new SegmentsController().router);
  }
}
`,
      'src/app.ts': `import express from 'express';
import { AdminApi } from './routes/admin-api';

const app = express();
app.use('/api/admin', new AdminApi().router);
export default app;
`,
    };
    files['src/features/segment-controller.ts'] = files['src/features/segment-controller.ts'].replace("path: '/:id'", 'path: PATH_ONE').replace('export class', "const BASE = '/';\nconst PATH_ONE = `${BASE}:id`;\n\nexport class");
    const seg = 'src/features/segment-controller.ts';
    check(files, (at) => ({
      routes: [
        ...['segments', 'segments-v2'].flatMap((m) => [
          `POST /api/admin/${m}/validate express ${at(seg, "path: '/validate'")}`,
          `GET /api/admin/${m}/:id express ${at(seg, 'path: PATH_ONE')}`,
          `GET /api/admin/${m} express ${at(seg, "this.get(''")}`,
          `POST /api/admin/${m}/import express ${at(seg, 'this.fileupload(')}`,
        ]),
      ],
    }));
  });

  it('express: a router a class makes in its constructor (this.router = Router()), registered on in its methods and handed out by getRouter(); each class, and each subclass, has its own', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'uptime', type: 'module', dependencies: { express: '4' } }),
      'routes/monitorRoute.js': `import { Router } from 'express';

class MonitorRoutes {
  constructor(monitorController) {
    this.router = Router();
    this.monitorController = monitorController;
    this.initRoutes();
  }

  initRoutes() {
    this.router.get('/', this.monitorController.getAllMonitors);
    this.router.delete('/:monitorId', this.monitorController.deleteMonitor);
  }

  getRouter() {
    return this.router;
  }
}

export default MonitorRoutes;
`,
      'routes/checkRoute.js': `import express from 'express';

class CheckRoutes {
  constructor(checkController) {
    const router = express.Router();
    this.router = router;
    this.checkController = checkController;
    this.initRoutes();
  }

  initRoutes() {
    this.router.get('/:monitorId', this.checkController.getChecks);
  }

  getRouter() {
    return this.router;
  }
}

export default CheckRoutes;
`,
      'routes/base.js': `import { Router } from 'express';

export class BaseRoutes {
  constructor() {
    this.router = Router();
  }

  get routes() {
    return this.router;
  }
}

export class HealthRoutes extends BaseRoutes {
  constructor() {
    super();
    this.router.get('/live', (req, res) => res.send('ok'));
  }
}

export class StatusRoutes extends BaseRoutes {
  constructor() {
    super();
    this.router.get('/summary', (req, res) => res.json({}));
  }
}
`,
      'index.js': `import express from 'express';
import MonitorRoutes from './routes/monitorRoute.js';
import CheckRoutes from './routes/checkRoute.js';
import { HealthRoutes, StatusRoutes } from './routes/base.js';

const startApp = async () => {
  const app = express();
  const monitorRoutes = new MonitorRoutes({});
  const checkRoutes = new CheckRoutes({});
  app.use('/api/v1/monitors', monitorRoutes.getRouter());
  app.use('/api/v1/checks', checkRoutes.getRouter());
  app.use('/health', new HealthRoutes().routes);
  app.use('/status', new StatusRoutes().router);
  app.listen(3000);
};

startApp();
`,
    };
    check(files, (at) => ({
      routes: [
        `GET /api/v1/monitors express ${at('routes/monitorRoute.js', "this.router.get('/'")}`,
        `DELETE /api/v1/monitors/:monitorId express ${at('routes/monitorRoute.js', 'this.router.delete(')}`,
        `GET /api/v1/checks/:monitorId express ${at('routes/checkRoute.js', 'this.router.get(')}`,
        `GET /health/live express ${at('routes/base.js', "'/live'")}`,
        `GET /status/summary express ${at('routes/base.js', "'/summary'")}`,
      ],
    }));
  });

  it('express + agenda: loaders hand the app and the scheduler on in objects (loader({ app: expressApp })), destructured where received or typed in place ({ agenda }: { agenda: Agenda }); a mount prefix nested in the config object (config.api.prefix)', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'bulletproof', dependencies: { express: '4', agenda: '4' } }),
      'src/config/index.ts': `export default {\n  port: 3000,\n  api: {\n    prefix: '/api',\n  },\n};\n`,
      'src/app.ts': `import express from 'express';
import config from './config';

async function startServer() {
  const app = express();
  await require('./loaders').default({ expressApp: app });
  app.listen(config.port);
}

startServer();
`,
      'src/loaders/index.ts': `import expressLoader from './express';
import jobsLoader from './jobs';
import agendaFactory from './agenda';

export default async ({ expressApp }) => {
  const agenda = agendaFactory();
  await jobsLoader({ agenda });
  await expressLoader({ app: expressApp });
};
`,
      'src/loaders/agenda.ts': `import Agenda from 'agenda';\n\nexport default () => new Agenda({ db: { address: 'mongodb://localhost/jobs' } });\n`,
      'src/loaders/jobs.ts': `import Agenda from 'agenda';

export default ({ agenda }: { agenda: Agenda }) => {
  agenda.define('send-email', async (job) => job.attrs.data);
  agenda.start();
};
`,
      // Called by nobody here: only the type written in place says what it is handed.
      'src/loaders/cleanup.ts': `import Agenda from 'agenda';\n\nexport default ({ agenda: scheduler }: { agenda: Agenda }) => {\n  scheduler.every('1 hour', 'cleanup');\n};\n`,
      'src/loaders/express.ts': `import express from 'express';
import routes from '../api';
import config from '../config';

export default ({ app }: { app: express.Application }) => {
  app.get('/status', (req, res) => res.status(200).end());
  app.use(express.json());
  app.use(config.api.prefix, routes());
};
`,
      'src/api/index.ts': `import { Router } from 'express';
import auth from './routes/auth';

export default () => {
  const app = Router();
  auth(app);
  return app;
};
`,
      'src/api/routes/auth.ts': `import { Router } from 'express';

const route = Router();

export default (app: Router) => {
  app.use('/auth', route);
  route.post('/signin', (req, res) => res.json({}));
};
`,
    };
    check(files, (at) => ({
      routes: [`GET /status express ${at('src/loaders/express.ts', "app.get('/status'")}`, `POST /api/auth/signin express ${at('src/api/routes/auth.ts', 'route.post(')}`],
      queues: [`consumer send-email agenda ${at('src/loaders/jobs.ts', 'agenda.define(')}`, `schedule cleanup agenda ${at('src/loaders/cleanup.ts', 'scheduler.every(')} 1 hour`],
    }));
  });

  it('routing-controllers: decorated controller classes, under the routePrefix of the server whose options list them (createExpressServer, useExpressServer); a prefix read from the environment is shown in braces', () => {
    const users = `import { Body, Get, JsonController, Param, Post } from 'routing-controllers';

@JsonController('/users')
export class UserController {
  @Get()
  public find() {
    return [];
  }

  @Get('/:id')
  public one(@Param('id') id: string) {
    return { id };
  }

  @Post()
  public create(@Body() user: unknown) {
    return user;
  }
}
`;
    const health = `import { Controller, Get } from 'routing-controllers';

@Controller()
export class HealthController {
  @Get('/health')
  public health() {
    return 'ok';
  }
}
`;
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'rc', dependencies: { express: '4', 'routing-controllers': '0.10' } }),
      'src/api/UserController.ts': users,
      'src/ops/HealthController.ts': health,
      'src/server.ts': `import express from 'express';
import { useExpressServer } from 'routing-controllers';
import { UserController } from './api/UserController';

const API = '/api';
const app = express();
useExpressServer(app, { routePrefix: API, controllers: [UserController] });
app.listen(3000);
`,
      'src/ops/server.ts': `import { createExpressServer } from 'routing-controllers';
import { HealthController } from './HealthController';

createExpressServer({ routePrefix: process.env.OPS_PREFIX, controllers: [HealthController] }).listen(9000);
`,
    };
    check(files, (at) => ({
      routes: [
        `GET /api/users routing-controllers ${at('src/api/UserController.ts', '@Get()')}`,
        `GET /api/users/:id routing-controllers ${at('src/api/UserController.ts', "@Get('/:id')")}`,
        `POST /api/users routing-controllers ${at('src/api/UserController.ts', '@Post()')}`,
        `GET /{process.env.OPS_PREFIX}/health routing-controllers ${at('src/ops/HealthController.ts', "@Get('/health')")}`,
      ],
    }));
  });

  it("express-promise-router's default export makes a router (express's makes an app), mounted under a prefix; koa-swagger-decorator's SwaggerRouter is a koa-router", () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'pg-api', dependencies: { express: '4', 'express-promise-router': '4', koa: '2', 'koa-swagger-decorator': '1' } }),
      'src/routes/users.js': `const Router = require('express-promise-router');\nconst db = require('../db');\n\nconst router = new Router();\n\nrouter.get('/:id', async (req, res) => {\n  res.send(await db.query('SELECT * FROM users WHERE id = $1', [req.params.id]));\n});\n\nmodule.exports = router;\n`,
      'src/db.js': `module.exports = { query: async () => [] };\n`,
      'src/app.js': `const express = require('express');\nconst users = require('./routes/users');\n\nconst app = express();\napp.use('/users', users);\napp.listen(3000);\n`,
      'src/koa/routes.ts': `import { SwaggerRouter } from 'koa-swagger-decorator';\n\nexport const protectedRouter = new SwaggerRouter({ prefix: '/v1' });\nprotectedRouter.get('/users', async (ctx) => { ctx.body = []; });\n`,
    };
    check(files, (at) => ({
      routes: [`GET /users/:id express ${at('src/routes/users.js', 'router.get(')}`, `GET /v1/users koa-router ${at('src/koa/routes.ts', 'protectedRouter.get(')}`],
    }));
  });

  it("a test's own app mounting a router (app.use('/auth', router) in a spec) adds no path: the router is listed where the workspace mounts it", () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' } }),
      'src/routes/auth.js': `const { Router } = require('express');\n\nconst router = Router();\nrouter.post('/login', (req, res) => res.json({}));\n\nmodule.exports = router;\n`,
      'src/app.js': `const express = require('express');\nconst auth = require('./routes/auth');\n\nconst app = express();\napp.use('/api/auth', auth);\nmodule.exports = app;\n`,
      'src/routes/auth.test.js': `const express = require('express');\nconst auth = require('./auth');\n\nconst app = express();\napp.use('/auth', auth);\napp.get('/boom', () => { throw new Error('x'); });\n`,
    };
    check(files, (at) => ({ routes: [`POST /api/auth/login express ${at('src/routes/auth.js', 'router.post(')}`] }));
  });

  it('express: controllers handed to an App class in a list (new App([new UsersController()]), controllers.forEach((c) => this.app.use(prefix, c.router)))', () => {
    const users = `import { Router, Request, Response } from 'express';

export default class UsersController {
  public path = '/users';
  public router = Router();

  constructor() {
    this.router.get(this.path, this.list);
  }

  private list = (req: Request, res: Response) => { res.send([]); };
}
`;
    const posts = `import * as express from 'express';

export class PostsController {
  public router = express.Router();
  constructor() {
    this.router.post('/posts', (req, res) => res.status(201).end());
  }
}
`;
    const app = `import express from 'express';

interface Controller { router: express.Router }

export default class App {
  public app: express.Application;

  constructor(controllers: Controller[]) {
    this.app = express();
    controllers.forEach((controller) => {
      this.app.use('/api', controller.router);
    });
  }
}
`;
    const server = `import App from './app';
import UsersController from './users.controller';
import { PostsController } from './posts.controller';

export const app = new App([new UsersController(), new PostsController()]);
`;
    check({ 'package.json': PKG, 'src/users.controller.ts': users, 'src/posts.controller.ts': posts, 'src/app.ts': app, 'src/server.ts': server }, (at) => ({
      routes: [`GET /api/users express ${at('src/users.controller.ts', 'this.router.get(')}`, `POST /api/posts express ${at('src/posts.controller.ts', 'this.router.post(')}`],
    }));
  });

  it("express: a controller class's own string field as the path (this.path), unless the class writes it again", () => {
    const users = `import { Router, Request, Response } from 'express';

const API = '/api';

export default class UsersController {
  public path = '/users';
  public readonly base = \`\${API}\${this.path}\`;
  public router = Router();
  private target = '/first';

  constructor() {
    this.initializeRoutes();
  }

  private initializeRoutes() {
    this.router.get(this.path, this.getAll);
    this.router.get(\`\${this.base}/:id\`, this.getById);
    this.router.post(this.target, this.getAll);
  }

  retarget(to: string) {
    this.target = to;
  }

  private getAll = (req: Request, res: Response) => { res.send([]); };
  private getById = (req: Request, res: Response) => { res.send(req.params.id); };
}
`;
    check({ 'package.json': PKG, 'src/users.controller.ts': users }, (at) => ({
      routes: [
        `GET /users express ${at('src/users.controller.ts', 'this.router.get(this.path')}`,
        `GET /api/users/:id express ${at('src/users.controller.ts', 'this.base}/:id')}`,
        `POST /{this.target} express ${at('src/users.controller.ts', 'this.router.post(')}`,
      ],
    }));
  });

  it('express: prefixes that are string properties of config objects (CommonJS module.exports, export default, own const)', () => {
    const config = `module.exports = {
  apiPath: '/api',
  secret: process.env.SECRET,
};
`;
    const settings = `export default { version: '/v2' };
`;
    const app = `const express = require('express');
const config = require('./config.js');
const api = require('./api');

const app = express();
const router = express.Router();
router.use(config.apiPath, api);
app.use(router);
module.exports = app;
`;
    const api = `import { Router } from 'express';
import settings from './settings';

const local = { admin: '/admin' };
const router = Router();
const admin = Router();
router.use(\`\${settings.version}/things\`, admin);
admin.get(local.admin, (_req, res) => res.json([]));
router.get('/ping', (_req, res) => res.send('pong'));
module.exports = router;
`;
    check({ 'package.json': PKG, 'src/config.js': config, 'src/settings.ts': settings, 'src/app.js': app, 'src/api.ts': api }, (at) => ({
      routes: [`GET /api/ping express ${at('src/api.ts', "router.get('/ping'")}`, `GET /api/v2/things/admin express ${at('src/api.ts', 'admin.get(')}`],
    }));
  });

  it('nest: URI versioning (controller version, @Version on a method, VERSION_NEUTRAL, defaultVersion) under a global prefix read from config', () => {
    const main = `import { NestFactory } from '@nestjs/core';
import { VersioningType } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  const config = app.get(ConfigService);
  app.setGlobalPrefix(config.get('apiPrefix'), { exclude: ['/'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  await app.listen(3000);
}
bootstrap();
`;
    const users = `import { Controller, Get, Post, Version, VERSION_NEUTRAL } from '@nestjs/common';

@Controller({ path: 'users', version: ['1', '2'] })
export class UsersController {
  @Get()
  list() {
    return [];
  }

  @Version('3')
  @Post()
  create() {
    return {};
  }
}

@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  @Get()
  check() {
    return 'ok';
  }
}

@Controller('orders')
export class OrdersController {
  @Get()
  list() {
    return [];
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/main.ts': main,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\n\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
        'src/users.controller.ts': users,
      },
      (at) => ({
        routes: [
          `GET /{config.get('apiPrefix')}/v1/users nestjs ${at('src/users.controller.ts', '@Get()\n  list() {\n    return [];\n  }\n\n  @Version')}`,
          `GET /{config.get('apiPrefix')}/v2/users nestjs ${at('src/users.controller.ts', '@Get()\n  list() {\n    return [];\n  }\n\n  @Version')}`,
          `POST /{config.get('apiPrefix')}/v3/users nestjs ${at('src/users.controller.ts', '@Post()')}`,
          `GET /{config.get('apiPrefix')}/health nestjs ${at('src/users.controller.ts', "@Get()\n  check()")}`,
          `GET /{config.get('apiPrefix')}/v1/orders nestjs ${at('src/users.controller.ts', '@Get()\n  list() {\n    return [];\n  }\n}\n')}`,
        ],
      }),
    );
  });

  it('koa-router and fastify: prefix options that are no readable string show as the expression in braces', () => {
    const koa = `import Router from '@koa/router';

const router = new Router({ prefix: process.env.API_BASE });
router.get('/ping', (ctx) => {
  ctx.body = 'pong';
});
export default router;
`;
    const fastify = `import Fastify from 'fastify';

const app = Fastify();
app.register(async (api) => {
  api.get('/items', async () => []);
}, { prefix: process.env.PREFIX });
`;
    check({ 'package.json': PKG, 'src/koa.ts': koa, 'src/fastify.ts': fastify }, (at) => ({
      routes: [`GET /{process.env.API_BASE}/ping koa-router ${at('src/koa.ts', "router.get('/ping'")}`, `GET /{process.env.PREFIX}/items fastify ${at('src/fastify.ts', "api.get('/items'")}`],
    }));
  });

  it("koa-router: new Router({ prefix }) and router.use('/admin', admin.routes())", () => {
    const api = `import Koa from 'koa';
import Router from '@koa/router';
import { admin } from './admin';

const app = new Koa();
const router = new Router({ prefix: '/api' });

router.get('/ping', (ctx) => {
  ctx.body = 'pong';
});
router.use('/admin', admin.routes(), admin.allowedMethods());
app.use(router.routes());
app.listen(3000);
`;
    const admin = `import Router from '@koa/router';

export const admin = new Router();
admin.get('/stats', async (ctx) => {
  ctx.body = { users: 0 };
});
admin.post('/reindex', async (ctx) => {
  ctx.status = 202;
});
`;
    check({ 'package.json': PKG, 'src/server.ts': api, 'src/admin.ts': admin }, (at) => ({
      routes: [
        `GET /api/ping koa-router ${at('src/server.ts', "router.get('/ping'")}`,
        `GET /api/admin/stats koa-router ${at('src/admin.ts', "admin.get('/stats'")}`,
        `POST /api/admin/reindex koa-router ${at('src/admin.ts', "admin.post('/reindex'")}`,
      ],
    }));
  });

  it("koa-mount: sub-applications served under a prefix (mount('/api', api)) or at the root (mount(app))", () => {
    const server = `import Koa from 'koa';
import mount from 'koa-mount';
import api from './api';
import pages from './pages';

const app = new Koa();
app.use(mount('/api', api));
app.use(mount(pages));
app.listen(3000);
`;
    const apiApp = `import Koa from 'koa';
import Router from 'koa-router';
import users from './users';

const api = new Koa();
const router = new Router();
router.use('/users', users.routes());
api.use(router.routes());
export default api;
`;
    const users = `import Router from 'koa-router';

const router = new Router();
router.get('/:id', async (ctx) => {
  ctx.body = { id: ctx.params.id };
});
export default router;
`;
    const pages = `const Koa = require('koa');
const Router = require('koa-router');
const mount = require('koa-mount');

const app = new Koa();
const router = new Router();
router.get('/health', (ctx) => {
  ctx.body = 'ok';
});
const admin = new Koa();
admin.use(router.routes());
app.use(mount('/admin', admin));
module.exports = app;
`;
    const r = check({ 'package.json': PKG, 'src/server.ts': server, 'src/api.ts': apiApp, 'src/users.ts': users, 'src/pages.js': pages }, (at) => ({
      routes: [
        `GET /admin/health koa-router ${at('src/pages.js', "router.get('/health'")}`,
        `GET /api/users/:id koa-router ${at('src/users.ts', "router.get('/:id'")}`,
      ],
    }));
    const imports = r.modules.find((m) => m.path === 'src/server.ts')!.sites.filter((s) => s.kind === 'import').map((s) => `${s.framework} ${s.text}`);
    assert.deepStrictEqual(imports, ["koa import 'koa'", "koa import 'koa-mount'"]);
  });

  it("middleware packages (cors, body-parser, express-jwt, koa-bodyparser): the framework's imports and sites, never an app or a route", () => {
    const server = `import express from 'express';
import { cors } from './middleware';
import * as bodyParser from 'body-parser';
import { requireAuth } from './auth';
import { formatDate } from 'date-fns';

const app = express();
const corsOptions = { origin: '*' };

app.use(cors(corsOptions));
app.use(bodyParser.json());
app.get('/me', requireAuth, (req, res) => res.json({ at: formatDate(new Date(), 'yyyy') }));
export default app;
`;
    // A barrel re-exporting a middleware package hands on the package; a module exporting middleware it made
    // is the project's own (importing it is no site), as LABELLING.md has it.
    const barrel = `export { default as cors } from 'cors';
`;
    const auth = `import { expressjwt as jwt } from 'express-jwt';

export const requireAuth = jwt({
  secret: process.env.JWT_SECRET || 'dev',
  algorithms: ['HS256'],
});
`;
    const koa = `const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const parse = bodyParser({ enableTypes: ['json'] });

const api = new Koa();
api.use(parse);
module.exports = api;
`;
    const r = check({ 'package.json': PKG, 'src/server.ts': server, 'src/middleware/index.ts': barrel, 'src/auth.ts': auth, 'src/koa.js': koa }, (at) => ({
      routes: [`GET /me express ${at('src/server.ts', "app.get('/me'")}`],
    }));
    const sites = (file: string) => r.modules.find((m) => m.path === file)!.sites.map((s) => `${s.line} ${s.concern} ${s.framework} ${s.kind}`);
    assert.deepStrictEqual(sites('src/server.ts'), [
      '1 routing express import',
      '2 routing express bound-import',
      '3 routing express import',
      '7 routing express call',
      '10 routing express call',
      '11 routing express call',
      '12 routing express route',
      '12 routing express call',
      '13 routing express member',
    ]);
    assert.deepStrictEqual(sites('src/middleware/index.ts'), ['1 routing express import']);
    assert.deepStrictEqual(sites('src/auth.ts'), ['1 routing express import', '3 routing express call']);
    assert.deepStrictEqual(sites('src/koa.js'), ['1 routing koa import', '2 routing koa import', '3 routing koa call', '5 routing koa call', '6 routing koa call', '7 routing koa member']);
  });

  it('fastify: plugins registered with nested prefixes, route({ method, url })', () => {
    const server = `import Fastify from 'fastify';
import v1 from './plugins/v1';

const app = Fastify({ logger: true });
app.register(v1, { prefix: '/v1' });
app.get('/health', async () => ({ ok: true }));
app.listen({ port: 3000 });
`;
    const v1 = `import type { FastifyInstance } from 'fastify';
import { usersPlugin } from './users';

export default async function v1(app: FastifyInstance) {
  app.register(usersPlugin, { prefix: '/users' });
  app.get('/status', async () => ({ version: 1 }));
}
`;
    const users = `import type { FastifyInstance } from 'fastify';

export async function usersPlugin(app: FastifyInstance) {
  app.route({ method: 'GET', url: '/:id', handler: async (req) => ({ id: (req.params as { id: string }).id }) });
  app.post('/bulk', async () => ({ created: 0 }));
}
`;
    check({ 'package.json': PKG, 'src/server.ts': server, 'src/plugins/v1.ts': v1, 'src/plugins/users.ts': users }, (at) => ({
      routes: [
        `GET /health fastify ${at('src/server.ts', "app.get('/health'")}`,
        `GET /v1/status fastify ${at('src/plugins/v1.ts', "app.get('/status'")}`,
        `GET /v1/users/:id fastify ${at('src/plugins/users.ts', 'app.route(')}`,
        `POST /v1/users/bulk fastify ${at('src/plugins/users.ts', "app.post('/bulk'")}`,
      ],
    }));
  });

  it("nest: @Controller('users') + @Get(':id') under setGlobalPrefix('api')", () => {
    const main = `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  await app.listen(3000);
}
bootstrap();
`;
    const controller = `import { Controller, Get, Post, Param, Body } from '@nestjs/common';

@Controller('users')
export class UsersController {
  @Get(':id')
  findOne(@Param('id') id: string) {
    return { id };
  }

  @Post()
  create(@Body() body: { email: string }) {
    return body;
  }
}
`;
    check(
      {
        'package.json': PKG,
        'src/main.ts': main,
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\n\n@Module({ controllers: [UsersController] })\nexport class AppModule {}\n`,
        'src/users.controller.ts': controller,
      },
      (at) => ({
        routes: [
          `GET /api/users/:id nestjs ${at('src/users.controller.ts', "@Get(':id')")}`,
          `POST /api/users nestjs ${at('src/users.controller.ts', '@Post()')}`,
        ],
      }),
    );
  });

  it('hapi: route tables a project helper maps (createRoutes(rows) with a mapper renaming url → path), gathered by require and spread, registered row by row; handlers in other modules get request and toolkit', () => {
    const helper = `const createRoute = ({ method, url, handler, auth = true }) => {
  const route = { method, path: url, handler, config: { auth } };
  return route;
};

exports.createRoutes = (rows) => rows.map(createRoute);
`;
    const feed = `const { createRoutes } = require('../../utils/create-routes');

const routes = [{
  method: 'GET',
  url: '/v3/feed',
  handler: require('./handlers/get-feed'),
}];
const admin = [{
  method: 'DELETE',
  url: '/v3/feed/{id}',
  handler: require('./handlers/get-feed'),
}];

module.exports = createRoutes([...routes, ...admin]);
`;
    const getFeed = `module.exports = async (req, reply) => {
  const items = [req.params.id];
  return reply({ data: items }).code(200);
};
`;
    const all = `const feedRoutes = require('./modules/feed/create-routes');

module.exports = [...feedRoutes];
`;
    const server = `const Hapi = require('hapi');
const routes = require('./create-routes');

const server = new Hapi.Server();
routes.map((route) => server.route(route));
module.exports = server;
`;
    const files = { 'package.json': PKG, 'src/utils/create-routes.js': helper, 'src/modules/feed/create-routes.js': feed, 'src/modules/feed/handlers/get-feed.js': getFeed, 'src/create-routes.js': all, 'src/server.js': server };
    const r = check(files, (at) => ({
      routes: [`GET /v3/feed hapi ${at('src/modules/feed/create-routes.js', "method: 'GET'")}`, `DELETE /v3/feed/{id} hapi ${at('src/modules/feed/create-routes.js', "method: 'DELETE'")}`],
    }));
    const handler = r.modules.find((m) => m.path === 'src/modules/feed/handlers/get-feed.js')!;
    assert.deepStrictEqual(handler.sites.map((x) => `${x.kind} ${x.text}`), ['member req.params.id', 'call reply.code']);
    // Each row is a route registration where it is written, once however it reaches the server.
    const table = r.modules.find((m) => m.path === 'src/modules/feed/create-routes.js')!;
    assert.deepStrictEqual(
      table.sites.filter((x) => x.kind === 'route').map((x) => `${x.line}:${x.column}-${x.endLine} ${x.framework}`),
      [`${lineOf(feed, 'const routes = [{')}:17-${lineOf(feed, 'const admin') - 1} hapi`, `${lineOf(feed, 'const admin = [{')}:16-${lineOf(feed, 'module.exports') - 2} hapi`],
    );
    assert.strictEqual(table.concerns.routing.sites, 2);
  });

  it('express: a mounted GraphQL server, proxy or static folder serves everything under its prefix (METHOD prefix/*); other middleware is no route', () => {
    const app = `import express from 'express';
import swaggerUi from 'swagger-ui-express';
import openApiSpec from './openapi.json';
import serveStatic from 'serve-static';
import { expressMiddleware } from '@apollo/server/express4';
import { createProxyMiddleware } from 'http-proxy-middleware';
import cors from 'cors';
import { api } from './api';

export async function mount(app: express.Express, apollo: any) {
  app.use('/graphql', cors(), expressMiddleware(apollo));
  app.use('/legacy', createProxyMiddleware({ target: 'http://legacy:8080' }));
  app.use('/images', express.static('public/images', { maxAge: '4h' }));
  app.use(serveStatic('public'));
  app.use('/api-docs', swaggerUi.serve, swaggerUi.setup(openApiSpec));
  app.use('/api', api);
}
`;
    const api = `import { Router } from 'express';\n\nexport const api = Router();\napi.use(express.json());\napi.get('/health', (_req, res) => res.send('ok'));\n`;
    const server = `import express from 'express';\nimport { mount } from './app';\n\nconst app = express();\nmount(app, {});\napp.listen(3000);\n`;
    check({ 'package.json': PKG, 'src/app.ts': app, 'src/api.ts': api, 'src/server.ts': server }, (at) => ({
      routes: [
        `ALL /graphql/* express ${at('src/app.ts', "app.use('/graphql'")}`,
        `ALL /legacy/* express ${at('src/app.ts', "app.use('/legacy'")}`,
        `GET /images/* express ${at('src/app.ts', "app.use('/images'")}`,
        `GET /* express ${at('src/app.ts', "app.use(serveStatic(")}`,
        `GET /api-docs/* express ${at('src/app.ts', "app.use('/api-docs'")}`,
        `GET /api/health express ${at('src/api.ts', "api.get('/health'")}`,
      ],
    }));
  });

  it('route files loaded from paths a config computes (MEAN.js) are noted as not listed, not silently dropped; reached ones are not noted', () => {
    const express = `const express = require('express');
const path = require('path');
const config = require('./config');

module.exports.init = function () {
  const app = express();
  config.files.server.routes.forEach(function (routePath) {
    require(path.resolve(routePath))(app);
  });
  require('./health')(app);
  return app;
};
`;
    const config = `module.exports = { files: { server: { routes: require('glob').sync('modules/*/server/routes/*.js') } } };\n`;
    const articles = `const articles = require('../controllers/articles');

module.exports = function (app) {
  app.route('/api/articles').get(articles.list).post(articles.create);
  app.route('/api/articles/:articleId').get(articles.read);
  app.param('articleId', articles.byId);
};
`;
    const health = `module.exports = function (app) {\n  app.get('/health', (req, res) => res.send('ok'));\n};\n`;
    const r = check(
      { 'package.json': PKG, 'config/lib/express.js': express, 'config/lib/config.js': config, 'modules/articles/server/routes/articles.js': articles, 'modules/articles/server/controllers/articles.js': 'exports.list = () => {};\n', 'config/lib/health.js': health },
      (at) => ({ routes: [`GET /health express ${at('config/lib/health.js', "app.get('/health'")}`] }),
    );
    assert.deepStrictEqual(
      r.problems.filter((p) => p.code === 'unreached-routes').map((p) => `${p.file}:${p.line} ${p.message}`),
      ["modules/articles/server/routes/articles.js:3 exports a function registering 2 routes on its parameter `app` (app.route('/api/articles')…), but no code the analysis follows calls it with an app (loaded by a computed path?): these routes are not listed"],
    );
  });

  it('hapi: a module registering route objects on a server no followed code hands it is noted too', () => {
    const server = "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server();\nserver.route({ method: 'GET', path: '/health', handler: () => 'ok' });\nmodule.exports = server;\n";
    const users = "module.exports = (server) => {\n  server.route([{ method: 'GET', path: '/users', handler: () => [] }, { method: 'POST', path: '/users', handler: () => ({}) }]);\n};\n";
    const r = check({ 'package.json': PKG, 'src/server.js': server, 'src/plugins/users.js': users }, (at) => ({ routes: [`GET /health hapi ${at('src/server.js', 'server.route(')}`] }));
    assert.deepStrictEqual(
      r.problems.filter((p) => p.code === 'unreached-routes').map((p) => `${p.file}:${p.line} ${p.message.slice(0, p.message.indexOf(','))}`),
      ["src/plugins/users.js:1 exports a function registering 2 routes on its parameter `server` (server.route({ path: '/users' })…)"],
    );
  });

  it('fastify: @fastify/static (unless serve: false) and mercurius registered as plugins serve their paths under the register prefix', () => {
    const app = `import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import mercurius from 'mercurius';
import path from 'node:path';

const app = Fastify();
app.register(fastifyStatic, { root: path.join(__dirname, 'public'), prefix: '/public/' });
// Only for reply.sendFile(): serves nothing itself.
app.register(fastifyStatic, { root: path.join(__dirname, 'dist'), prefix: '/', serve: false, decorateReply: false });
app.register(mercurius, { schema: 'type Query { a: Int }', graphiql: true });
app.register(async (api) => {
  api.register(mercurius, { schema: 'type Query { b: Int }', path: '/gql' });
  api.get('/health', async () => 'ok');
}, { prefix: '/v2' });
export default app;
`;
    check({ 'package.json': PKG, 'src/app.ts': app }, (at) => ({
      routes: [
        `GET /public/* fastify ${at('src/app.ts', "prefix: '/public/'")}`,
        `ALL /graphql fastify ${at('src/app.ts', 'app.register(mercurius')}`,
        `ALL /v2/gql fastify ${at('src/app.ts', 'api.register(mercurius')}`,
        `GET /v2/health fastify ${at('src/app.ts', "api.get('/health'")}`,
      ],
    }));
  });

  it('koa: koa-static mounted with koa-mount or at the root serves files under its prefix (GET prefix/*)', () => {
    const app = `const Koa = require('koa');
const serve = require('koa-static');
const mount = require('koa-mount');

const app = new Koa();
app.use(mount('/assets', serve('public')));
app.use(serve('uploads'));
module.exports = app;
`;
    check({ 'package.json': PKG, 'src/app.js': app }, (at) => ({
      routes: [`GET /assets/* koa ${at('src/app.js', "mount('/assets'")}`, `GET /* koa ${at('src/app.js', "app.use(serve('uploads'))")}`],
    }));
  });

  it('hapi: a table passed through a mapper that hands each row on with fields added (R.merge, spread, Object.assign) keeps its routes', () => {
    const helper = `const createRoute = ({ method, url, handler, prefetch = true }) => ({ method, path: url, handler, config: { prefetch } });
exports.createRoutes = (rows) => rows.map(createRoute);
`;
    const chat = (merge: string) => `const R = require('ramda');
const { createRoutes } = require('../../utils/create-routes');

const routes = [{
  method: 'GET',
  url: '/v1/chats/{id}',
  handler: (req, reply) => reply({ id: req.params.id }),
}];

const addPrefetch = (route) => ${merge};

module.exports = createRoutes(routes.map(addPrefetch));
`;
    const all = `const chatRoutes = require('./modules/chat/create-routes');\n\nmodule.exports = [...chatRoutes];\n`;
    const server = `const Hapi = require('hapi');\nconst routes = require('./create-routes');\n\nconst server = new Hapi.Server();\nroutes.map((route) => server.route(route));\n`;
    for (const merge of ['R.merge(route, { prefetch: false })', '({ ...route, prefetch: false })', 'Object.assign({}, route, { prefetch: false })']) {
      const files = { 'package.json': PKG, 'src/utils/create-routes.js': helper, 'src/modules/chat/create-routes.js': chat(merge), 'src/create-routes.js': all, 'src/server.js': server };
      check(files, (at) => ({ routes: [`GET /v1/chats/{id} hapi ${at('src/modules/chat/create-routes.js', "method: 'GET'")}`] }));
    }
    // A mapper that makes something else of the row is not followed.
    const other = { 'package.json': PKG, 'src/utils/create-routes.js': helper, 'src/modules/chat/create-routes.js': chat('({ prefetch: false })'), 'src/create-routes.js': all, 'src/server.js': server };
    check(other, () => ({ routes: [] }));
  });

  it('hapi: server.route([...]) and register({ plugin, routes: { prefix } })', () => {
    const server = `import Hapi from '@hapi/hapi';
import { ordersPlugin } from './orders';

export async function start() {
  const server = Hapi.server({ port: 3000 });
  server.route([
    { method: 'GET', path: '/health', handler: () => 'ok' },
    { method: 'POST', path: '/login', handler: () => ({ token: 't' }) },
  ]);
  await server.register({ plugin: ordersPlugin, routes: { prefix: '/orders' } });
  await server.start();
}
`;
    const orders = `import type { Server } from '@hapi/hapi';

export const ordersPlugin = {
  name: 'orders',
  register: async (server: Server) => {
    server.route({ method: 'GET', path: '/{id}', handler: (req) => ({ id: req.params.id }) });
  },
};
`;
    check({ 'package.json': PKG, 'src/server.ts': server, 'src/orders.ts': orders }, (at) => ({
      routes: [
        `GET /health hapi ${at('src/server.ts', "path: '/health'")}`,
        `POST /login hapi ${at('src/server.ts', "path: '/login'")}`,
        `GET /orders/{id} hapi ${at('src/orders.ts', 'server.route(')}`,
      ],
    }));
  });
});

describe('engine inventory: fastify plugins by type, folder loaders and decorations', () => {
  it("express: routers of a folder each required at run time (readdirSync(join(__dirname, 'api')).forEach(…)) are mounted under the prefix", () => {
    const server = `import express from 'express';
import path from 'path';
import { readdirSync } from 'fs';

const app = express();
readdirSync(path.join(__dirname, 'api')).forEach((r) => {
  const route = require(path.join(__dirname, 'api', r));
  const router = route.default || route;
  if (typeof router === 'function') {
    app.use('/api', router);
  }
});
export default app;
`;
    const robots = `import { Router } from 'express';

const router = Router();
router.get('/robots', (req, res) => res.json([]));
export default router;
`;
    const runs = `const { Router } = require('express');

const runs = Router();
runs.post('/runs/:id', (req, res) => res.status(202).end());
module.exports = runs;
`;
    const helper = `export const pageSize = 20;\n`;
    check({ 'package.json': PKG, 'src/server.ts': server, 'src/api/robots.ts': robots, 'src/api/runs.js': runs, 'src/api/util/page.ts': helper }, (at) => ({
      routes: [`GET /api/robots express ${at('src/api/robots.ts', 'router.get(')}`, `POST /api/runs/:id express ${at('src/api/runs.js', 'runs.post(')}`],
    }));
  });

  it('CommonJS autoload (fastify-autoload, join(__dirname, …)), a plugin typed through a namespace import; folders outside the workspace and unwritten folders load nothing', () => {
    const app = `const fastify = require('fastify');
const autoload = require('fastify-autoload');
const { join } = require('path');

const app = fastify();
app.register(autoload, { dir: join(__dirname, 'api'), options: { prefix: '/api' } });
app.register(autoload, { dir: join(__dirname, '..', '..', 'elsewhere') });
app.register(autoload, { dir: process.env.ROUTES_DIR });
module.exports = app;
`;
    const orders = `module.exports = async function (app) {
  app.get('/', async () => []);
};
module.exports.autoPrefix = '/v2/orders';
`;
    const carts = `import type * as F from 'fastify';

const carts: F.FastifyPluginAsync = async (instance) => {
  instance.post('/:id/checkout', async () => ({ ok: true }));
};
export default carts;
`;
    const notAPlugin = `import type { FastifyPluginAsync } from 'fastify';

// Typed, but never loaded: not under the folder autoload reads, and nothing registers it.
export const stray: FastifyPluginAsync = async (f) => {
  f.get('/stray', async () => 'x');
};
`;
    check({ 'package.json': PKG, 'src/app.js': app, 'src/api/orders/index.js': orders, 'src/api/carts/routes.ts': carts, 'src/lib/stray.ts': notAPlugin }, (at) => ({
      routes: [
        `GET /api/v2/orders fastify ${at('src/api/orders/index.js', "app.get('/'")}`,
        `POST /api/carts/:id/checkout fastify ${at('src/api/carts/routes.ts', 'instance.post')}`,
        // A plugin typed but mounted by nothing still registers its routes, at the root.
        `GET /stray fastify ${at('src/lib/stray.ts', 'f.get')}`,
      ],
    }));
  });

  it('decorate: a decorated value is reached through any instance, a decorated plain object is not a framework value', () => {
    const db = `import fp from 'fastify-plugin';
import { PrismaClient } from '@prisma/client';
import type { FastifyInstance } from 'fastify';

export default fp(async (app: FastifyInstance) => {
  app.decorate('prisma', new PrismaClient());
  app.decorate('settings', { pageSize: 20 });
});
`;
    const users = `import type { FastifyInstance } from 'fastify';

export default async function users(app: FastifyInstance) {
  app.get('/users', async () => app.prisma.user.findMany({ take: app.settings.pageSize }));
  const { prisma, settings } = app;
  app.get('/users/count', async () => ({ count: await prisma.user.count(), max: settings.pageSize }));
}
`;
    const r = check({ 'package.json': PKG, 'src/db.ts': db, 'src/users.ts': users }, (at) => ({
      routes: [`GET /users fastify ${at('src/users.ts', "app.get('/users',")}`, `GET /users/count fastify ${at('src/users.ts', "app.get('/users/count'")}`],
    }));
    const sites = r.modules.find((m) => m.path === 'src/users.ts')!.sites.map((s) => `${s.kind} ${s.framework} ${s.text}${s.via ? ` via ${s.via}` : ''}`);
    assert.ok(sites.includes('call prisma app.prisma.user.findMany via src/db.ts'), JSON.stringify(sites));
    // Reading the plain object off the instance is Fastify's; what is read from it is the project's data.
    assert.ok(sites.includes('member fastify app.settings'), JSON.stringify(sites));
    assert.ok(!sites.some((s) => s.includes('pageSize')), JSON.stringify(sites));
    // Destructured off the instance, the decorated client is still Prisma.
    assert.ok(sites.includes('call prisma prisma.user.count via src/db.ts'), JSON.stringify(sites));
  });
});

describe('engine inventory: queues', () => {
  it('bull: definition, producer, consumer and a repeatable job across files', () => {
    const queues = `import Queue from 'bull';\n\nexport const mailQueue = new Queue('mail', process.env.REDIS_URL!);\n`;
    const signup = `import { mailQueue } from './queues';

export async function onSignup(email: string) {
  await mailQueue.add({ to: email, template: 'welcome' });
}

export async function scheduleDigest() {
  await mailQueue.add({ template: 'digest' }, { repeat: { cron: '0 7 * * *' } });
}
`;
    const worker = `import { mailQueue } from './queues';

mailQueue.process(async (job) => {
  console.log('sending', job.data.template);
});
`;
    check({ 'package.json': PKG, 'src/queues.ts': queues, 'src/signup.ts': signup, 'src/worker.ts': worker }, (at) => ({
      queues: [
        `definition mail bull ${at('src/queues.ts', "new Queue('mail'")}`,
        `producer mail bull ${at('src/signup.ts', "template: 'welcome'")}`,
        `schedule mail bull ${at('src/signup.ts', "template: 'digest'")} 0 7 * * *`,
        `consumer mail bull ${at('src/worker.ts', 'mailQueue.process(')}`,
      ],
    }));
  });

  it('bullmq: Queue and Worker', () => {
    const src = `import { Queue, Worker } from 'bullmq';

const connection = { host: 'localhost', port: 6379 };
export const reportsQueue = new Queue('reports', { connection });

export async function requestReport(userId: string) {
  await reportsQueue.add('monthly', { userId });
}

export const reportsWorker = new Worker('reports', async (job) => {
  console.log('building', job.name);
}, { connection });
`;
    check({ 'package.json': PKG, 'src/reports.ts': src }, (at) => ({
      queues: [
        `definition reports bullmq ${at('src/reports.ts', "new Queue('reports'")}`,
        `producer reports bullmq ${at('src/reports.ts', "reportsQueue.add('monthly'")}`,
        `consumer reports bullmq ${at('src/reports.ts', "new Worker('reports'")}`,
      ],
    }));
  });

  it("lists of jobs (`await queue.getJobs()`, through Promise.all, spread and filtered): each job's fields and methods are the queue's, the array handling is not", () => {
    const admin = `import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';

@Injectable()
export class QueueAdmin {
  constructor(@InjectQueue('reports') private readonly reports: Queue) {}

  async jobs(limit: number) {
    const [waiting, failed] = await Promise.all([
      this.reports.getJobs(['waiting']),
      this.reports.getFailed(),
    ]);
    const rows = await Promise.all(
      [...waiting, ...failed]
        .filter((job) => {
          return job;
        })
        .slice(0, limit)
        .map(async (job) => ({
          id: job.id,
          state: await job.getState(),
        })),
    );
    for (const job of failed) {
      await job.retry();
    }
    const one = await this.reports.getJob('7');
    await one?.remove();
    return rows.length + waiting.length;
  }
}
`;
    const r = analyzeFiles({ 'package.json': PKG, 'src/admin.ts': admin });
    const at = (needle: string) => admin.slice(0, admin.indexOf(needle)).split('\n').length;
    const queueSites = r.modules.find((m) => m.path === 'src/admin.ts')!.sites.filter((s) => s.concern === 'queue' && s.line > at('async jobs')).map((s) => `${s.line} ${s.text}`);
    assert.deepStrictEqual(queueSites, [
      `${at("getJobs(['waiting'])")} this.reports.getJobs`,
      `${at('getFailed()')} this.reports.getFailed`,
      `${at('job.id')} job.id`,
      `${at('job.getState()')} job.getState`,
      `${at('job.retry()')} job.retry`,
      `${at("getJob('7')")} this.reports.getJob`,
      `${at('one?.remove()')} one.remove`,
    ]);
  });

  it('queues made by a project factory: each call is a queue named by its argument, reached through lazy getters', () => {
    const factory = `import Queue from 'bull';

export function createQueue(name: string, defaultJobOptions?: Partial<Queue.JobOptions>) {
  const queue = new Queue(name, { defaultJobOptions: { removeOnComplete: true, ...defaultJobOptions } });
  queue.on('failed', (job) => console.warn('failed', name, job.id));
  return queue;
}
`;
    const index = `import { createQueue } from './queue';

let cachedEventQueue: ReturnType<typeof createQueue> | undefined;
export const eventQueue = () => {
  if (!cachedEventQueue) {
    cachedEventQueue = createQueue('events', { attempts: 5 });
  }
  return cachedEventQueue;
};

export const mailQueue = createQueue('mail');
`;
    const worker = `import { eventQueue, mailQueue } from './queues';

export default function start() {
  eventQueue().process(4, async (job) => {
    await mailQueue.add({ to: job.data.actorId });
  });
}
`;
    const event = `import { eventQueue } from '../queues';

export function publish(name: string, payload: object) {
  return eventQueue().add({ name, payload });
}
`;
    const other = `import { Queue, Worker } from 'bullmq';

const connection = { host: 'localhost', port: 6379 };
export function makeWorker(queueName: string, handler: (job: { data: unknown }) => Promise<void>) {
  return new Worker(queueName, handler, { connection });
}
export const reportsQueue = new Queue(process.env.REPORTS_QUEUE!, { connection });
export const exportsWorker = makeWorker('exports', async (job) => console.log(job.data));
`;
    check({ 'package.json': PKG, 'src/queues/queue.ts': factory, 'src/queues/index.ts': index, 'src/worker.ts': worker, 'src/events/publish.ts': event, 'src/reports.ts': other }, (at) => ({
      queues: [
        // Not `new Queue(name)` in the factory: its queues are made where it is called.
        `definition events bull ${at('src/queues/index.ts', "createQueue('events'")}`,
        `definition mail bull ${at('src/queues/index.ts', "createQueue('mail')")}`,
        `consumer events bull ${at('src/worker.ts', 'eventQueue().process(')}`,
        `producer mail bull ${at('src/worker.ts', 'mailQueue.add(')}`,
        `producer events bull ${at('src/events/publish.ts', 'eventQueue().add(')}`,
        // A name the code does not spell stays unknown where the queue is made.
        `definition ? bullmq ${at('src/reports.ts', 'new Queue(process.env')}`,
        `consumer exports bullmq ${at('src/reports.ts', "makeWorker('exports'")}`,
      ],
    }));
  });

  it('agenda: define, every, now', () => {
    const src = `import Agenda from 'agenda';

export const agenda = new Agenda({ db: { address: process.env.MONGO_URL! } });

agenda.define('send digest', async (job) => {
  console.log('digest for', job.attrs.data);
});

export async function startScheduler() {
  await agenda.start();
  await agenda.every('1 day', 'send digest');
}

export async function sendDigestNow() {
  await agenda.now('send digest');
}
`;
    check({ 'package.json': PKG, 'src/scheduler.ts': src }, (at) => ({
      queuesHas: [
        `consumer send digest agenda ${at('src/scheduler.ts', 'agenda.define(')}`,
        `schedule send digest agenda ${at('src/scheduler.ts', 'agenda.every(')} 1 day`,
        `producer send digest agenda ${at('src/scheduler.ts', 'agenda.now(')}`,
      ],
    }));
  });

  it('node-cron: schedule', () => {
    const src = `import cron from 'node-cron';
import { syncInventory } from './inventory';

export function startJobs() {
  cron.schedule('*/15 * * * *', () => syncInventory());
}
`;
    check({ 'package.json': PKG, 'src/jobs.ts': src, 'src/inventory.ts': `export async function syncInventory() {}\n` }, (at) => ({
      queues: [`schedule ? node-cron ${at('src/jobs.ts', 'cron.schedule(')} */15 * * * *`],
    }));
  });

  it('node-schedule: scheduleJob(rule, callback) and scheduleJob(name, rule, callback)', () => {
    const src = `import schedule from 'node-schedule';
import { getSettings } from './settings';
import { sendDigest, refreshTokens } from './tasks';

const NIGHTLY = '0 3 * * *';

export function startJobs() {
  schedule.scheduleJob(NIGHTLY, sendDigest);
  schedule.scheduleJob('refresh-tokens', getSettings().jobs.refresh, () => refreshTokens());
  const rule = new schedule.RecurrenceRule();
  rule.minute = 30;
  return schedule.scheduleJob(rule, () => sendDigest());
}
`;
    const files = { 'package.json': PKG, 'src/jobs.ts': src, 'src/settings.ts': `export const getSettings = () => ({ jobs: { refresh: '*/5 * * * *' } });\n`, 'src/tasks.ts': `export async function sendDigest() {}\nexport async function refreshTokens() {}\n` };
    const r = check(files, (at) => ({
      queues: [
        `schedule ? node-schedule ${at('src/jobs.ts', 'scheduleJob(NIGHTLY')} 0 3 * * *`,
        `schedule refresh-tokens node-schedule ${at('src/jobs.ts', "scheduleJob('refresh-tokens'")} getSettings().jobs.refresh`,
        `schedule ? node-schedule ${at('src/jobs.ts', 'scheduleJob(rule')} rule`,
      ],
    }));
    assert.deepStrictEqual(r.queues.filter((q) => q.handler).map((q) => q.handler).sort(), ['sendDigest', 'src/jobs.ts:12']);
  });

  it('cron: new CronJob(cronTime, onTick), new CronJob({ cronTime, onTick }) and CronJob.from({ … }), named by their variable', () => {
    const src = `const { CronJob } = require('cron');
const cron = require('cron');
const { sync, report, purge } = require('./tasks');

const EVERY_HOUR = '0 0 * * * *';
const syncJob = new CronJob({
  cronTime: '00 30 * * * *',
  onTick: () => sync(),
  timeZone: 'Europe/Amsterdam',
});
const reportJob = new cron.CronJob(EVERY_HOUR, () => report());
const purgeJob = CronJob.from({ cronTime: '0 0 3 * * *', onTick: purge });

module.exports = { start: () => [syncJob, reportJob, purgeJob].forEach((j) => j.start()) };
`;
    const r = check({ 'package.json': PKG, 'src/scheduler.js': src, 'src/tasks.js': `module.exports = { sync() {}, report() {}, purge() {} };\n` }, (at) => ({
      queues: [
        `schedule purgeJob cron ${at('src/scheduler.js', 'CronJob.from(')} 0 0 3 * * *`,
        `schedule reportJob cron ${at('src/scheduler.js', 'new cron.CronJob(')} 0 0 * * * *`,
        `schedule syncJob cron ${at('src/scheduler.js', 'new CronJob({')} 00 30 * * * *`,
      ],
    }));
    const frameworks = r.modules.find((m) => m.path === 'src/scheduler.js')!.concerns.queue.frameworks;
    assert.deepStrictEqual(frameworks, ['cron']);
  });

  it('@nestjs/schedule: @Cron, @Interval and @Timeout methods (named or not), and jobs added through the SchedulerRegistry', () => {
    const tasks = `import { Injectable } from '@nestjs/common';
import { Cron, CronExpression, Interval, SchedulerRegistry, Timeout } from '@nestjs/schedule';

const NIGHTLY = '0 0 3 * * *';

@Injectable()
export class TasksService {
  constructor(private readonly registry: SchedulerRegistry) {}

  @Cron(NIGHTLY)
  purgeSessions() {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'report', timeZone: 'Europe/Paris' })
  report() {}

  @Interval('poll-feeds', 60_000)
  pollFeeds() {}

  @Timeout(5000)
  warmUp() {}

  watch(id: string) {
    const handle = setInterval(() => this.pollFeeds(), 1000);
    this.registry.addInterval('watch', handle);
  }
}
`;
    const r = check({ 'package.json': PKG, 'src/tasks.service.ts': tasks }, (at) => ({
      queues: [
        `schedule ? nestjs-schedule ${at('src/tasks.service.ts', '@Cron(NIGHTLY)')} 0 0 3 * * *`,
        `schedule report nestjs-schedule ${at('src/tasks.service.ts', '@Cron(CronExpression')} CronExpression.EVERY_HOUR`,
        `schedule poll-feeds nestjs-schedule ${at('src/tasks.service.ts', '@Interval(')} 60_000`,
        `schedule ? nestjs-schedule ${at('src/tasks.service.ts', '@Timeout(')} 5000`,
        `schedule watch nestjs-schedule ${at('src/tasks.service.ts', 'addInterval(')}`,
      ],
    }));
    // A job no name was given to is the method it runs.
    assert.deepStrictEqual(r.queues.filter((q) => q.handler).map((q) => `${q.line} ${q.handler}`), [
      `${lineOf(tasks, '@Cron(NIGHTLY)')} TasksService.purgeSessions`,
      `${lineOf(tasks, '@Timeout(')} TasksService.warmUp`,
    ]);
  });

  it('@nestjs/bull: registerQueue, @Processor consumer and @InjectQueue producer', () => {
    const module = `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';

@Module({ imports: [BullModule.registerQueue({ name: 'audio' })] })
export class AudioModule {}
`;
    const consumer = `import { Processor, Process } from '@nestjs/bull';
import type { Job } from 'bull';

@Processor('audio')
export class AudioConsumer {
  @Process('transcode')
  async transcode(job: Job<{ file: string }>) {
    console.log('transcoding', job.data.file);
  }
}
`;
    const service = `import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';

@Injectable()
export class AudioService {
  constructor(@InjectQueue('audio') private readonly audioQueue: Queue) {}

  async transcode(file: string) {
    await this.audioQueue.add('transcode', { file });
  }
}
`;
    const r = check({ 'package.json': PKG, 'src/audio.module.ts': module, 'src/audio.consumer.ts': consumer, 'src/audio.service.ts': service }, (at) => ({
      queuesHas: [
        `definition audio nestjs-bull ${at('src/audio.module.ts', 'BullModule.registerQueue(')}`,
        `consumer audio nestjs-bull ${at('src/audio.consumer.ts', "@Processor('audio')")}`,
      ],
    }));
    const producers = r.queues.filter((q) => q.role === 'producer' && q.file === 'src/audio.service.ts');
    assert.ok(producers.length > 0 && producers.every((q) => q.name === 'audio'), `a producer of queue audio in the service; have ${JSON.stringify(r.queues)}`);
  });
});

describe('engine inventory: models', () => {
  it('knex: a table is listed where createTable defines it, reached through module.exports = { ...require(…) }', () => {
    const db = `const knex = require('knex');\nmodule.exports = knex({ client: 'pg' });\n`;
    const userModel = `async function createUserTable(knex) {
  if (!(await knex.schema.hasTable('users'))) {
    await knex.schema.createTable('users', (table) => {
      table.increments('id').primary();
      table.string('email').unique();
    });
  }
}
module.exports = { createUserTable };
`;
    const models = `module.exports = {\n  ...require('./user.model'),\n};\n`;
    const setup = `const db = require('./db');\nconst models = require('./models');\n\nmodels.createUserTable(db);\n`;
    const queries = `const db = require('./db');\n\nexports.find = (email) => db('users').where({ email }).first();\n`;
    check({ 'package.json': PKG, 'src/db.js': db, 'src/models/user.model.js': userModel, 'src/models/index.js': models, 'src/setup.js': setup, 'src/a-queries.js': queries }, (at) => ({
      models: [`users knex users ${at('src/models/user.model.js', "createTable('users'")} reads ${at('src/a-queries.js', "db('users')")},${at('src/models/user.model.js', "hasTable('users')")} writes ${at('src/models/user.model.js', "createTable('users'")}`],
    }));
  });

  it("sequelize: sequelize.model('User') is the model sequelize.define('User', …) made", () => {
    const db = `const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:');
sequelize.define('User', { email: DataTypes.STRING });
module.exports = sequelize;
`;
    const users = `const sequelize = require('./db');\n\nexports.find = (email) => sequelize.model('User').findOne({ where: { email } });\n`;
    check({ 'package.json': PKG, 'src/db.js': db, 'src/users.js': users }, (at) => ({
      models: [`User sequelize - ${at('src/db.js', "sequelize.define('User'")} reads ${at('src/users.js', 'findOne')} writes `],
    }));
  });

  it("mongoose: mongoose.model('User') with the name alone is the model defined elsewhere, not another model; its uses read and write it", () => {
    const model = `const mongoose = require('mongoose');
const UserSchema = new mongoose.Schema({ name: String, email: String });
mongoose.model('User', UserSchema);
`;
    const controller = `const mongoose = require('mongoose');
const User = mongoose.model('User');
const conn = mongoose.createConnection(process.env.MONGO_URL);
const Audit = conn.model('Audit');

exports.load = async function (req, res, next, id) {
  req.profile = await User.findOne({ _id: id });
  next();
};
exports.create = async function (req, res) {
  const user = new User(req.body);
  await user.save();
  await Audit.create({ action: 'signup' });
  res.redirect('/');
};
`;
    const audit = `const mongoose = require('mongoose');\nconst conn = mongoose.createConnection(process.env.MONGO_URL);\nconn.model('Audit', new mongoose.Schema({ action: String }));\n`;
    check({ 'package.json': PKG, 'app/models/user.js': model, 'app/models/audit.js': audit, 'app/controllers/users.js': controller }, (at) => ({
      models: [
        `Audit mongoose - ${at('app/models/audit.js', "conn.model('Audit'")} reads  writes ${at('app/controllers/users.js', 'Audit.create')}`,
        `User mongoose - ${at('app/models/user.js', "mongoose.model('User'")} reads ${at('app/controllers/users.js', 'User.findOne')} writes ${at('app/controllers/users.js', 'user.save')}`,
      ],
    }));
  });

  it('mongoose: a module defining the same model twice (one to use, one to export) lists it once, with the uses of both', () => {
    const model = `import mongoose from 'mongoose';

const UserSchema = new mongoose.Schema({ name: String });
const User = mongoose.model('User', UserSchema);

User.init().then(() => console.log('indexes built'));

export default mongoose.model('User', UserSchema);
`;
    const service = `import User from '../models/User.js';\n\nexport const byName = (name) => User.findOne({ name });\nexport const rename = (id, name) => User.updateOne({ _id: id }, { name });\n`;
    check({ 'package.json': PKG, 'src/models/User.js': model, 'src/services/users.js': service }, (at) => ({
      models: [`User mongoose - ${at('src/models/User.js', "const User = mongoose.model('User'")} reads ${at('src/services/users.js', 'User.findOne')} writes ${at('src/services/users.js', 'User.updateOne')}`],
    }));
  });

  it('typeorm: @Entity(name) and @Entity({ name })', () => {
    const user = `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column() email!: string;
}
`;
    const item = `import { Entity, PrimaryGeneratedColumn, Column } from 'typeorm';

@Entity({ name: 'order_items' })
export class OrderItem {
  @PrimaryGeneratedColumn() id!: number;
  @Column() quantity!: number;
}
`;
    check({ 'package.json': PKG, 'src/user.entity.ts': user, 'src/order-item.entity.ts': item }, (at) => ({
      models: [`User typeorm users ${at('src/user.entity.ts', 'export class User')}`, `OrderItem typeorm order_items ${at('src/order-item.entity.ts', 'export class OrderItem')}`],
    }));
  });

  it('sequelize: define with tableName, and class.init with tableName (one model each)', () => {
    const db = `import { Sequelize, DataTypes, Model } from 'sequelize';

export const sequelize = new Sequelize(process.env.DATABASE_URL!);

export const Product = sequelize.define('Product', { sku: DataTypes.STRING }, { tableName: 'products' });

export class Invoice extends Model {}
Invoice.init({ totalCents: DataTypes.INTEGER }, { sequelize, modelName: 'Invoice', tableName: 'invoices' });
`;
    check({ 'package.json': PKG, 'src/db.ts': db }, (at) => ({
      models: [`Product sequelize products ${at('src/db.ts', "define('Product'")}`, `Invoice sequelize invoices ${at('src/db.ts', 'export class Invoice')}`],
    }));
  });

  it('sequelize: model factories called inside a function with an instance assigned in an if/else', () => {
    const index = `const { Sequelize } = require('sequelize');

function connect(prod) {
  let sequelize;
  if (prod) {
    sequelize = new Sequelize(process.env.DATABASE_URL);
  } else {
    sequelize = new Sequelize('sqlite::memory:');
  }
  require('./user')(sequelize);
  return sequelize;
}

module.exports = { connect };
`;
    const user = `module.exports = (sequelize) => {
  const User = sequelize.define('User', {}, { tableName: 'users' });
  return User;
};
`;
    check({ 'package.json': PKG, 'src/models/index.js': index, 'src/models/user.js': user }, (at) => ({
      models: [`User sequelize users ${at('src/models/user.js', "sequelize.define('User'")}`],
    }));
  });

  it('sequelize-typescript: @Table({ tableName }) and a bare @Table; a generic base repository is no model', () => {
    const user = `import { Column, HasMany, Model, Table } from 'sequelize-typescript';
import { Tag } from './tag.model';

@Table({ tableName: 'users', timestamps: true })
export class User extends Model<User> {
  @Column email: string;
  @HasMany(() => Tag) tags: Tag[];
}
`;
    const tag = `import { Column, Model, Table } from 'sequelize-typescript';

@Table
export class Tag extends Model {
  @Column label: string;
}
`;
    const repo = `import { Model, ModelCtor } from 'sequelize-typescript';

export abstract class Repo<T extends Model> {
  constructor(protected readonly model: ModelCtor<T>) {}
}
`;
    // A scope is the same model, not another one: its queries read and write User.
    const users = `import { User } from './user.model';

export async function activeUser(email: string) {
  return User.unscoped().scope('active').findOne({ where: { email } });
}

export async function rename(id: number, email: string) {
  await User.scope('withTags').update({ email }, { where: { id } });
}
`;
    check({ 'package.json': PKG, 'src/user.model.ts': user, 'src/tag.model.ts': tag, 'src/repo.ts': repo, 'src/users.ts': users }, (at) => ({
      models: [
        `User sequelize-typescript users ${at('src/user.model.ts', 'export class User')} reads ${at('src/users.ts', '.findOne(')} writes ${at('src/users.ts', ".update(")}`,
        `Tag sequelize-typescript - ${at('src/tag.model.ts', 'export class Tag')}`,
      ],
    }));
  });

  it('mongoose: model with and without a collection argument', () => {
    const src = `import mongoose, { Schema } from 'mongoose';

const reviewSchema = new Schema({ rating: Number, body: String });
const cartSchema = new Schema({ items: [String] });

export const Review = mongoose.model('Review', reviewSchema, 'product_reviews');
export const Cart = mongoose.model('Cart', cartSchema);
`;
    check({ 'package.json': PKG, 'src/models.ts': src }, (at) => ({
      models: [`Review mongoose product_reviews ${at('src/models.ts', "model('Review'")}`, `Cart mongoose - ${at('src/models.ts', "model('Cart'")}`],
    }));
  });

  it('objection: static tableName, as a field and as a getter', () => {
    const order = `import { Model } from 'objection';

export class Order extends Model {
  static tableName = 'orders';
}

export class Customer extends Model {
  static get tableName() {
    return 'customers';
  }
}
`;
    check({ 'package.json': PKG, 'src/models.ts': order }, (at) => ({
      models: [`Order objection orders ${at('src/models.ts', 'export class Order')}`, `Customer objection customers ${at('src/models.ts', 'export class Customer')}`],
    }));
  });

  it('drizzle: pgTable', () => {
    const src = `import { pgTable, serial, text } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull(),
});
`;
    check({ 'package.json': PKG, 'src/schema.ts': src }, (at) => ({ models: [`users drizzle users ${at('src/schema.ts', "pgTable('users'")}`] }));
  });

  it('knex: tables named by query and schema builders are models, with the places that read and write them; dynamic names are skipped', () => {
    const db = `import knex from 'knex';

export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const AUDIT = 'audit_log';

export async function migrate() {
  await db.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email');
  });
  await db.schema.alterTable('orders', (t) => t.string('note'));
  return db.schema.hasTable(AUDIT);
}
`;
    const users = `import { db } from './db';

const USERS = 'users';

export const findUser = (id: number) => db(USERS).where({ id }).first();

export async function rename(id: number, email: string) {
  await db('users as u').where({ 'u.id': id }).update({ email });
}

export function emails() {
  return db
    .select('email')
    .from('users');
}

export const legacyCount = () => db.table('legacy_users').count();

export const anyTable = (table: string) => db(table).select('*');
`;
    // A table named by a constant imported through a barrel (\`export *\`).
    const orders = `import { db } from './db';
import { ORDER_EVENTS } from './tables';

export async function place(order: { total: number }) {
  return db.transaction(async (trx) => {
    const rows = trx('orders');
    await rows.insert(order);
    await trx.insert({ at: new Date() }).into(ORDER_EVENTS);
  });
}

export const recent = () => db('orders').orderBy('id', 'desc').limit(10);
`;
    const tables = { 'src/tables/index.ts': `export * from './users';\nexport * from './orders';\n`, 'src/tables/users.ts': `export const USERS = 'users';\n`, 'src/tables/orders.ts': `export const ORDER_EVENTS = 'order_events';\n` };
    check({ 'package.json': PKG, 'src/db.ts': db, 'src/users.ts': users, 'src/orders.ts': orders, ...tables }, (at) => ({
      models: [
        `users knex users ${at('src/db.ts', 'createTable')} reads ${at('src/users.ts', 'db(USERS)')},${at('src/users.ts', ".from('users')")} writes ${at('src/db.ts', 'createTable')},${at('src/users.ts', "db('users as u')")}`,
        `orders knex orders ${at('src/db.ts', 'alterTable')} reads ${at('src/orders.ts', "db('orders')")} writes ${at('src/db.ts', 'alterTable')},${at('src/orders.ts', 'rows.insert')}`,
        `audit_log knex audit_log ${at('src/db.ts', 'hasTable')} reads ${at('src/db.ts', 'hasTable')} writes `,
        `legacy_users knex legacy_users ${at('src/users.ts', 'legacy_users')} reads ${at('src/users.ts', 'legacy_users')} writes `,
        `order_events knex order_events ${at('src/orders.ts', 'into(ORDER_EVENTS)')} reads  writes ${at('src/orders.ts', 'into(ORDER_EVENTS)')}`,
      ],
    }));
  });

  it('knex: the migrations and seeds a knexfile names are handed a Knex client by the CLI; a migrations folder no knexfile names is not', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'shop-api', version: '1.0.0', dependencies: { knex: '^3.1.0', sequelize: '^6.0.0' } }),
      // Folders written as strings relative to the knexfile (the CLI runs from its folder), a list of two; seeds unnamed.
      'db/knexfile.ts': `import type { Knex } from 'knex';

const config: Record<string, Knex.Config> = {
  development: { client: 'sqlite3', migrations: { directory: ['./migrations', 'legacy/migrations'] } },
};

module.exports = config;
`,
      'db/migrations/001_users.js': `exports.up = (knex) => knex.schema.createTable('users', (t) => t.increments('id'));
exports.down = async function (knex) {
  await knex.schema.dropTableIfExists('users');
};
`,
      'db/legacy/migrations/000_orders.js': `async function up(knex) {
  await knex.schema.createTable('orders', (t) => t.increments('id'));
}

module.exports = { up };
`,
      'db/seeds/01_users.js': `exports.seed = async (knex) => {
  await knex('users').insert({ id: 1 });
};
`,
      // Sequelize's own migrations: their first parameter is a QueryInterface, not a Knex client.
      'tools/migrations/001_tags.js': `module.exports = {
  up: async (queryInterface) => queryInterface.createTable('tags', {}),
};
`,
    };
    check(files, (at) => ({
      models: [
        `orders knex orders ${at('db/legacy/migrations/000_orders.js', 'createTable')} reads  writes ${at('db/legacy/migrations/000_orders.js', 'createTable')}`,
        `users knex users ${at('db/migrations/001_users.js', 'createTable')} reads  writes ${at('db/migrations/001_users.js', 'createTable')},${at('db/migrations/001_users.js', 'dropTableIfExists')},${at('db/seeds/01_users.js', 'insert')}`,
      ],
    }));
  });

  it('sequelize: the migrations and seeders sequelize-cli runs (folders .sequelizerc names, else the defaults beside the package.json declaring the CLI) get a QueryInterface', () => {
    const up = (table: string) => `'use strict';

module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.createTable('${table}', { id: { type: Sequelize.UUID, primaryKey: true } });
  },
  async down(queryInterface) {
    await queryInterface.dropTable('${table}');
  },
};
`;
    const seed = `module.exports = {
  up: (queryInterface) => queryInterface.bulkInsert('notes', [{ id: '1' }]),
};
`;
    // A TypeScript migration exporting its functions as members of the default export.
    const tsMigration = `export default {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('notes', 'tag', { type: Sequelize.STRING });
  },
};
`;
    const cli = { sequelize: '^6.37.0' };
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'notes', private: true, workspaces: ['api', 'worker'] }),
      // The API names its migrations folder, from the working folder; its seeders stay the default.
      'api/package.json': JSON.stringify({ name: 'api', dependencies: cli, devDependencies: { 'sequelize-cli': '^6.6.0' } }),
      'api/.sequelizerc': `const path = require('path');

module.exports = {
  config: path.resolve('config', 'database.js'),
  'migrations-path': path.resolve('db', 'migrations'),
};
`,
      'api/db/migrations/20240101-create-notes.js': up('notes'),
      // Not run: the CLI reads the folder itself, not its subfolders; nor the default folder the config replaced.
      'api/db/migrations/archives/20150101-create-drafts.js': up('drafts'),
      'api/migrations/20240101-create-users.js': up('users'),
      'api/seeders/20240102-notes.js': seed,
      // No config file: the CLI's default folders beside the package.json.
      'worker/package.json': JSON.stringify({ name: 'worker', dependencies: cli, devDependencies: { 'sequelize-cli': '^6.6.0' } }),
      'worker/migrations/20240103-tags.ts': tsMigration,
      // A package that does not declare the CLI: its migrations folder is the project's own.
      'tools/package.json': JSON.stringify({ name: 'tools', dependencies: cli }),
      'tools/migrations/20240101-create-users.js': up('users'),
    };
    const r = analyzeFiles(files);
    const calls = (file: string) => sitesOf(r, file).filter((x) => / call /.test(x));
    const at = (file: string, needle: string) => lineOf(files[file], needle);
    const m = 'api/db/migrations/20240101-create-notes.js';
    assert.deepStrictEqual(calls(m), [`${at(m, 'createTable')} call sequelize queryInterface.createTable`, `${at(m, 'dropTable')} call sequelize queryInterface.dropTable`]);
    assert.deepStrictEqual(calls('api/seeders/20240102-notes.js'), ['2 call sequelize queryInterface.bulkInsert']);
    assert.deepStrictEqual(calls('worker/migrations/20240103-tags.ts'), ['3 call sequelize queryInterface.addColumn']);
    for (const file of ['api/db/migrations/archives/20150101-create-drafts.js', 'api/migrations/20240101-create-users.js', 'tools/migrations/20240101-create-users.js', 'api/.sequelizerc']) {
      assert.deepStrictEqual(sitesOf(r, file), [], file);
    }
  });

  it('knex: handles typed `Knex` (a migration parameter, an injected connection) and `Knex.Transaction` name tables too', () => {
    const migration = `import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
  });
}
`;
    const repo = `import { Knex } from 'knex';

export class UsersRepo {
  constructor(private readonly knex: Knex) {}

  find(id: number) {
    return this.knex('users').where({ id }).first();
  }

  save(trx: Knex.Transaction, row: object) {
    return trx('users').insert(row);
  }
}
`;
    check({ 'package.json': PKG, 'migrations/001_users.ts': migration, 'src/usersRepo.ts': repo }, (at) => ({
      models: [
        `users knex users ${at('migrations/001_users.ts', 'createTable')} reads ${at('src/usersRepo.ts', "this.knex('users')")} writes ${at('migrations/001_users.ts', 'createTable')},${at('src/usersRepo.ts', "trx('users')")}`,
      ],
    }));
  });

  it('knex: a join names the table it reads (join, leftJoin, … with an alias); an array join names nothing', () => {
    const repo = `import knex from 'knex';

const db = knex({ client: 'pg' });

export async function rolesOf(email: string) {
  const rows = await db('roles')
    .select('roles.name')
    .join('user_roles', 'roles.id', '=', 'user_roles.role_id')
    .leftJoin('users as u', 'user_roles.user_id', '=', 'u.id')
    .where('u.email', email);
  return rows.map((r: { name: string }) => r.name).join(', ');
}
`;
    check({ 'package.json': PKG, 'src/roles.ts': repo }, (at) => ({
      models: [
        `roles knex roles ${at('src/roles.ts', "db('roles')")} reads ${at('src/roles.ts', "db('roles')")} writes `,
        `user_roles knex user_roles ${at('src/roles.ts', "'user_roles'")} reads ${at('src/roles.ts', "'user_roles'")} writes `,
        `users knex users ${at('src/roles.ts', "'users as u'")} reads ${at('src/roles.ts', "'users as u'")} writes `,
      ],
    }));
  });

  it('knex: a chain on a choice of handles (`(trx ?? knex)(\'tasks\')`) is one query naming its table', () => {
    const repo = `import knex, { Knex } from 'knex';

const db = knex({ client: 'pg' });

export function findTask(id: number, trx?: Knex) {
  return (trx ?? db)('tasks').where({ id }).first();
}

export function renameTask(id: number, title: string, trx?: Knex.Transaction) {
  return (trx ? trx : db)('tasks').where({ id }).update({ title });
}
`;
    const r = check({ 'package.json': PKG, 'src/tasks.ts': repo }, (at) => ({
      models: [`tasks knex tasks ${at('src/tasks.ts', "(trx ?? db)('tasks')")} reads ${at('src/tasks.ts', "(trx ?? db)('tasks')")} writes ${at('src/tasks.ts', "(trx ? trx : db)('tasks')")}`],
    }));
    const texts = r.modules.find((m) => m.path === 'src/tasks.ts')!.sites.map((site) => `${site.kind} ${site.text}`);
    assert.ok(texts.includes('call (trx ?? db).where.first'), JSON.stringify(texts));
    assert.ok(texts.includes('call (trx ? trx : db).where.update'), JSON.stringify(texts));
    assert.ok(!texts.some((t) => t === 'member db' || t === 'member trx'), JSON.stringify(texts));
  });

  it('prisma: models of schema.prisma, with @@map', () => {
    const schema = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]

  @@map("app_users")
}

model Post {
  id       Int  @id @default(autoincrement())
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
}
`;
    check({ 'package.json': PKG, 'prisma/schema.prisma': schema, 'src/db.ts': `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n` }, (at) => ({
      models: [`User prisma app_users ${at('prisma/schema.prisma', 'model User')}`, `Post prisma - ${at('prisma/schema.prisma', 'model Post')}`],
    }));
  });
});

describe('engine inventory: sessions', () => {
  it('express-session: default store is memory, RedisStore is external, session.MemoryStore is memory', () => {
    const memory = `import express from 'express';
import session from 'express-session';

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
`;
    const redis = `import express from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import { createClient } from 'redis';

const client = createClient();
const app = express();
app.use(session({ store: new RedisStore({ client }), secret: 'keyboard cat', resave: false }));
`;
    const explicitMemory = `import express from 'express';
import session from 'express-session';

const app = express();
app.use(session({ store: new session.MemoryStore(), secret: 'keyboard cat' }));
`;
    check({ 'package.json': PKG, 'src/memory.ts': memory, 'src/redis.ts': redis, 'src/explicit.ts': explicitMemory }, (at) => ({
      sessions: [
        `express-session memory ${at('src/memory.ts', 'session({')}`,
        `express-session external ${at('src/redis.ts', 'session({')}`,
        `express-session memory ${at('src/explicit.ts', 'session({')}`,
      ],
    }));
  });

  it('koa-session keeps sessions in a cookie', () => {
    const src = `import Koa from 'koa';
import session from 'koa-session';

const app = new Koa();
app.keys = ['secret'];
app.use(session({ key: 'shop.sid', maxAge: 86400000 }, app));
`;
    check({ 'package.json': PKG, 'src/app.ts': src }, (at) => ({ sessions: [`koa-session cookie ${at('src/app.ts', 'session({')}`] }));
  });

  it('cookie-session keeps the whole session in the cookie, and req.session reaches it', () => {
    const app = `const express = require('express');
const cookieSession = require('cookie-session');

const app = express();
if (process.env.OIDC_ENABLED) {
  app.use(cookieSession({ keys: [process.env.JWT_SECRET], maxAge: 7 * 24 * 3600 * 1000 }));
}
app.get('/logout', (req, res) => {
  req.session = null;
  res.redirect('/');
});
module.exports = app;
`;
    const pkg = JSON.stringify({ name: 'shortener', dependencies: { express: '4.21.0', 'cookie-session': '2.1.0' } });
    const result = check({ 'package.json': pkg, 'src/app.js': app }, (at) => ({ sessions: [`cookie-session cookie ${at('src/app.js', 'cookieSession({')}`] }));
    const sites = result.modules.find((m) => m.path === 'src/app.js')!.sites.filter((s) => s.concern === 'session').map((s) => `${s.kind} ${s.line}`);
    assert.deepStrictEqual(sites, ['import 2', 'call 6', 'member 9']);
  });

  it('a module-level Map mutated inside a function is in-process state; a lookup table filled at load time is not', () => {
    const carts = `type Cart = { items: string[] };

const carts = new Map<string, Cart>();

export function addToCart(sessionId: string, sku: string) {
  const cart = carts.get(sessionId) ?? { items: [] };
  cart.items.push(sku);
  carts.set(sessionId, cart);
}
`;
    const countries = `const COUNTRY_NAMES = new Map<string, string>();
COUNTRY_NAMES.set('DE', 'Germany');
COUNTRY_NAMES.set('FR', 'France');

export function countryName(code: string) {
  return COUNTRY_NAMES.get(code) ?? code;
}
`;
    check({ 'package.json': PKG, 'src/cartStore.ts': carts, 'src/countries.ts': countries }, (at) => ({
      sessions: [`module-state memory ${at('src/cartStore.ts', 'const carts')}`],
      state: { 'src/countries.ts': [] },
    }));
  });

  it('other module-level mutable state written inside functions: a reassigned let, an object cache, an array', () => {
    const auth = `let currentUserId: string | null = null;
const tokenCache: Record<string, string> = {};
const activeSessions: string[] = [];

export function login(userId: string, token: string) {
  currentUserId = userId;
  tokenCache[token] = userId;
  activeSessions.push(token);
}

export const whoAmI = () => currentUserId;
`;
    check({ 'package.json': PKG, 'src/auth/authState.ts': auth }, (at) => ({
      sessions: [
        `module-state memory ${at('src/auth/authState.ts', 'let currentUserId')}`,
        `module-state memory ${at('src/auth/authState.ts', 'const tokenCache')}`,
        `module-state memory ${at('src/auth/authState.ts', 'const activeSessions')}`,
      ],
    }));
  });
});

describe('engine inventory: route details', () => {
  it('express: middleware and the named handler of a route', () => {
    const src = `import { Router } from 'express';
import { requireAuth, validate } from './middleware';

export const orders = Router();

async function createOrder(_req: unknown, res: { sendStatus(n: number): void }) {
  res.sendStatus(201);
}

orders.post('/orders', requireAuth, validate('order'), createOrder);
`;
    const r = check(
      {
        'package.json': PKG,
        'src/orders.ts': src,
        'src/middleware.ts': `export const requireAuth = (_req: unknown, _res: unknown, next: () => void) => next();\nexport const validate = (_schema: string) => (_req: unknown, _res: unknown, next: () => void) => next();\n`,
      },
      (at) => ({ routes: [`POST /orders express ${at('src/orders.ts', 'orders.post(')}`] }),
    );
    assert.strictEqual(r.routes[0].handler, 'createOrder');
    assert.deepStrictEqual(r.routes[0].middleware, ['requireAuth', 'validate(…)'], 'a middleware factory call is shown called');
  });

  it('express: one router mounted under two prefixes yields its routes under both; use(router) without a prefix', () => {
    const app = `import express from 'express';
import { users } from './users';

const app = express();
app.use('/v1', users);
app.use('/v2', users);
app.use(users);
`;
    const users = `import { Router } from 'express';\n\nexport const users = Router();\nusers.get('/users', (_req, res) => res.json([]));\n`;
    check({ 'package.json': PKG, 'src/app.ts': app, 'src/users.ts': users }, (at) => ({
      routes: ['/v1/users', '/v2/users', '/users'].map((p) => `GET ${p} express ${at('src/users.ts', 'users.get(')}`),
    }));
  });

  it('express: route tables the project iterates (forEach, map, for…of, destructured, imported, spread): one mount per row', () => {
    const app = `const express = require('express');
const routes = require('./routes/v1');

const app = express();
app.use('/v1', routes);
module.exports = app;
`;
    const index = `const express = require('express');
const authRoute = require('./auth.route');
const userRoute = require('./user.route');
const docsRoute = require('./docs.route');
const { adminRoutes } = require('./admin.table');
const config = require('../../config');

const router = express.Router();

const defaultRoutes = [
  { path: '/auth', route: authRoute },
  { path: '/users', route: userRoute },
];

const devRoutes = [{ path: '/docs', route: docsRoute }];

defaultRoutes.forEach((route) => {
  router.use(route.path, route.route);
});

if (config.env === 'development') {
  devRoutes.map(({ path, route }) => router.use(path, route));
}

for (const { path: prefix, route } of adminRoutes) router.use(prefix, route);

function unrelated(list) {
  const defaultRoutes = list;
  defaultRoutes.forEach((route) => router.use(route.path, route.route));
}

const labels = [{ name: 'a' }];
labels.forEach((l) => console.log(l.name));

module.exports = router;
module.exports.unrelated = unrelated;
`;
    const table = `const auditRoute = require('./audit.route');
const ADMIN = '/admin';
const auditRows = [{ path: ADMIN + '/x', route: auditRoute }, { path: process.env.AUDIT_PREFIX || '/audit', route: auditRoute }];
exports.adminRoutes = [{ path: ADMIN, route: auditRoute }, ...auditRows];
`;
    const route = (verb: string, p: string) => `const express = require('express');
const router = express.Router();
router.${verb}('${p}', (req, res) => res.json({}));
module.exports = router;
`;
    const files = {
      'package.json': PKG,
      'src/config.js': `module.exports = { env: process.env.NODE_ENV };
`,
      'src/app.js': app,
      'src/routes/v1/index.js': index,
      'src/routes/v1/admin.table.js': table,
      'src/routes/v1/auth.route.js': route('post', '/login'),
      'src/routes/v1/user.route.js': route('get', '/:userId'),
      'src/routes/v1/docs.route.js': route('get', '/'),
      'src/routes/v1/audit.route.js': route('get', '/audit'),
    };
    check(files, (at) => ({
      routes: [
        `POST /v1/auth/login express ${at('src/routes/v1/auth.route.js', 'router.post(')}`,
        `GET /v1/users/:userId express ${at('src/routes/v1/user.route.js', 'router.get(')}`,
        `GET /v1/docs express ${at('src/routes/v1/docs.route.js', 'router.get(')}`,
        // Rows read their constants where they are written; a prefix that is no readable string shows in braces.
        `GET /v1/admin/audit express ${at('src/routes/v1/audit.route.js', 'router.get(')}`,
        `GET /v1/admin/x/audit express ${at('src/routes/v1/audit.route.js', 'router.get(')}`,
        `GET /v1/{process.env.AUDIT_PREFIX || '/audit'}/audit express ${at('src/routes/v1/audit.route.js', 'router.get(')}`,
      ],
    }));
  });

  it('hapi: route objects taken row by row from an imported table (`routes.forEach((r) => server.route(r))`)', () => {
    const server = `import Hapi from '@hapi/hapi';
import { routes } from './routes';

export function start() {
  const server = Hapi.server({ port: 3000 });
  routes.forEach((r) => server.route(r));
  return server;
}
`;
    const routes = `const health = { method: 'GET', path: '/health', handler: () => 'ok' };
const orderRoutes = [{ method: 'POST', path: '/orders', handler: () => ({}) }];
export const routes = [health, ...orderRoutes];
`;
    check({ 'package.json': PKG, 'src/server.ts': server, 'src/routes.ts': routes }, (at) => ({
      routes: [`GET /health hapi ${at('src/routes.ts', "method: 'GET'")}`, `POST /orders hapi ${at('src/routes.ts', "method: 'POST'")}`],
    }));
  });

  it("koa-router: router.prefix('/v2') and a named route", () => {
    const src = `import Router from 'koa-router';

const router = new Router();
router.prefix('/v2');
router.get('user', '/users/:id', (ctx) => {
  ctx.body = { id: ctx.params.id };
});
export default router;
`;
    check({ 'package.json': PKG, 'src/router.ts': src }, (at) => ({ routes: [`GET /v2/users/:id koa-router ${at('src/router.ts', "router.get('user'")}`] }));
  });

  it('Apollo Server 2/3 attached to an app (server.applyMiddleware({ app, path })): a route on that app, under its mount prefix; a call of that name on anything else is not', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'gql', dependencies: { express: '4', 'apollo-server-express': '3', koa: '2', 'apollo-server-koa': '3' } }),
      'src/graphql.js': `const { ApolloServer } = require('apollo-server-express');

module.exports = async function mountGraphql(app) {
  const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }' });
  await server.start();
  server.applyMiddleware({ app, path: '/graphql' });
};
`,
      'src/app.js': `const express = require('express');
const mountGraphql = require('./graphql');
const plugins = require('./plugins');

const api = express();
mountGraphql(api);
plugins.applyMiddleware({ app: 'not an app' });

const app = express();
app.use('/v2', api);
app.listen(4000);
`,
      'src/plugins.js': `module.exports = { applyMiddleware: () => undefined };\n`,
      'src/koa.js': `const Koa = require('koa');\nconst { ApolloServer } = require('apollo-server-koa');\n\nconst app = new Koa();\nnew ApolloServer({}).applyMiddleware({ app });\nmodule.exports = app;\n`,
    };
    check(files, (at) => ({
      routes: [`ALL /v2/graphql express ${at('src/graphql.js', 'server.applyMiddleware(')}`, `ALL /graphql koa ${at('src/koa.js', '.applyMiddleware(')}`],
    }));
  });

  it('nest: GraphQLModule serves its endpoint (path option, else /graphql) outside the global prefix; resolvers are NestJS', () => {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'gql', dependencies: { '@nestjs/common': '10', '@nestjs/core': '10', '@nestjs/graphql': '12' } }),
      'src/app.module.ts': `import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { UsersResolver } from './users.resolver';

@Module({
  imports: [GraphQLModule.forRoot({ autoSchemaFile: true, path: '/api/graphql' })],
  providers: [UsersResolver],
})
export class AppModule {}
`,
      'src/admin.module.ts': `import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';

@Module({ imports: [GraphQLModule.forRootAsync({ useFactory: () => ({ autoSchemaFile: true }) })] })
export class AdminModule {}
`,
      'src/users.resolver.ts': `import { Args, Query, Resolver } from '@nestjs/graphql';

@Resolver()
export class UsersResolver {
  @Query(() => String)
  hello(@Args('name') name: string) {
    return name;
  }
}
`,
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('v1');
  await app.listen(3000);
}
bootstrap();
`,
    };
    const r = check(files, (at) => ({
      routes: [`ALL /api/graphql nestjs ${at('src/app.module.ts', 'GraphQLModule.forRoot(')}`, `ALL /graphql nestjs ${at('src/admin.module.ts', 'GraphQLModule.forRootAsync(')}`],
    }));
    const resolver = r.modules.find((m) => m.path === 'src/users.resolver.ts')!;
    assert.deepStrictEqual(resolver.sites.filter((x) => x.kind === 'decorator').map((x) => x.text), ['@Resolver', '@Query', '@Args']);
  });

  it('nest: @Controller({ path }) and @Controller() with bare @Get()', () => {
    const src = `import { Controller, Get } from '@nestjs/common';

@Controller({ path: 'orders', version: '1' })
export class OrdersController {
  @Get()
  list() {
    return [];
  }
}

@Controller()
export class HealthController {
  @Get('health')
  health() {
    return 'ok';
  }
}
`;
    check({ 'package.json': PKG, 'src/controllers.ts': src }, (at) => ({
      routes: [`GET /orders nestjs ${at('src/controllers.ts', '@Get()')}`, `GET /health nestjs ${at('src/controllers.ts', "@Get('health')")}`],
    }));
  });

  it('fastify: route({ method: [GET, HEAD] }) yields one entry per method', () => {
    const src = `import fastify from 'fastify';

const app = fastify();
app.route({ method: ['GET', 'HEAD'], url: '/catalog', handler: async () => [] });
`;
    check({ 'package.json': PKG, 'src/server.ts': src }, (at) => ({
      routes: [`GET /catalog fastify ${at('src/server.ts', 'app.route(')}`, `HEAD /catalog fastify ${at('src/server.ts', 'app.route(')}`],
    }));
  });
});

describe('engine inventory: more queues', () => {
  it("queue classes handed to a service's constructor (new JobQueue(db, Queue, Worker)) make its queues there, one per name of the constant list it iterates, into a dictionary its methods read", () => {
    const service = `import { QUEUE_NAMES } from './names.js';

const EXTRA = ['digest'];

class JobQueue {
  constructor(db, Queue, Worker) {
    this.db = db;
    this.queues = {};
    this.Worker = Worker;
    QUEUE_NAMES.forEach((name) => {
      this.queues[name] = new Queue(name, { connection: {} });
    });
    EXTRA.map((name) => new Queue(name));
  }

  // The dictionary's elements are the queues it was filled with: which one, the key decides at run time.
  async addJob(type, data) {
    const queue = this.queues[type];
    await queue.add(type, data);
  }

  async watch(monitor) {
    await this.queues.uptime.upsertJobScheduler(monitor.id, { every: 60000 }, { name: 'check' });
  }
}

export default JobQueue;
`;
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'uptime', type: 'module', dependencies: { bullmq: '5' } }),
      'service/names.js': `export const QUEUE_NAMES = ['uptime', 'pagespeed'];\n`,
      'service/jobQueue.js': service,
      'index.js': `import { Queue, Worker } from 'bullmq';\nimport JobQueue from './service/jobQueue.js';\n\nconst jobQueue = new JobQueue({}, Queue, Worker);\nexport default jobQueue;\n`,
    };
    const r = check(files, (at) => ({
      queues: [
        `definition uptime bullmq ${at('service/jobQueue.js', 'this.queues[name] = new Queue(')}`,
        `definition pagespeed bullmq ${at('service/jobQueue.js', 'this.queues[name] = new Queue(')}`,
        `definition digest bullmq ${at('service/jobQueue.js', 'EXTRA.map(')}`,
        `producer ? bullmq ${at('service/jobQueue.js', 'queue.add(')}`,
        `schedule ? bullmq ${at('service/jobQueue.js', 'upsertJobScheduler(')} 60000`,
      ],
    }));
    // Making the dictionary and storing a queue in it are no uses of their own: the site is the `new Queue`.
    const sites = r.modules.find((m) => m.path === 'service/jobQueue.js')!.sites.filter((x) => x.concern === 'queue');
    const on = (needle: string) => sites.filter((x) => x.line === lineOf(service, needle)).map((x) => `${x.kind} ${x.text}`);
    assert.deepStrictEqual(on('this.queues = {}'), []);
    assert.deepStrictEqual(on('this.queues[name] = new Queue('), ['call new Queue']);
    assert.deepStrictEqual(on('const queue = this.queues[type]'), ['member this.queues[type]']);
  });

  it('a dictionary field filled in a for…of over names: its elements are queues in every method', () => {
    const src = `import { Queue } from 'bullmq';

const NAMES = ['mail', 'sms'] as const;

export class Notifier {
  private readonly queues: Record<string, Queue> = {};

  constructor() {
    for (const name of NAMES) {
      this.queues[name] = new Queue(name);
    }
  }

  send(channel: string, payload: object) {
    return this.queues[channel].add('send', payload);
  }
}
`;
    check({ 'package.json': PKG, 'src/notifier.ts': src }, (at) => ({
      queuesHas: [`producer ? bullmq ${at('src/notifier.ts', '.add(')}`],
    }));
  });

  it('a sandboxed processor (a file path given to process or to a BullMQ Worker) is the consumer\'s handler, and its exported function is handed the job', () => {
    const queues = `const Queue = require('bull');
const path = require('path');

const visit = new Queue('visit');
visit.process(6, path.resolve(__dirname, 'visit.js'));
visit.process('inline', async (job) => job.data.id);
module.exports = { visit };
`;
    const processor = `const { recordVisit } = require('./store');

module.exports = async function ({ data }) {
  await recordVisit(data.linkId);
};
`;
    const worker = `import { Worker } from 'bullmq';

export const thumbs = new Worker('thumbnails', \`\${__dirname}/processors/thumbnail\`, { connection: { host: 'redis' } });
`;
    const thumbnail = `import type { Job } from 'bullmq';

export default async function (job: Job) {
  await job.updateProgress(50);
  return job.data.imageId;
}
`;
    const files = {
      'package.json': JSON.stringify({ name: 'shortener', dependencies: { bull: '4', bullmq: '5' } }),
      'src/queues/queues.js': queues,
      'src/queues/visit.js': processor,
      'src/queues/store.js': 'exports.recordVisit = async (id) => id;\n',
      'src/workers.ts': worker,
      'src/processors/thumbnail.ts': thumbnail,
    };
    const r = check(files, (at) => ({
      queues: [
        `definition visit bull ${at('src/queues/queues.js', "new Queue('visit')")}`,
        `consumer visit bull ${at('src/queues/queues.js', 'visit.process(6')}`,
        `consumer visit bull ${at('src/queues/queues.js', "visit.process('inline'")}`,
        `consumer thumbnails bullmq ${at('src/workers.ts', 'new Worker(')}`,
      ],
    }));
    assert.deepStrictEqual(r.queues.filter((q) => q.handler).map((q) => `${q.file}:${q.line} runs ${q.handler}`), [
      `src/workers.ts:3 runs src/processors/thumbnail.ts`,
      `src/queues/queues.js:5 runs src/queues/visit.js`,
    ]);
    const sites = (file: string) => r.modules.find((m) => m.path === file)!.sites.filter((s) => s.concern === 'queue').map((s) => `${s.line} ${s.kind} ${s.text}`);
    assert.deepStrictEqual(sites('src/queues/visit.js'), ['3 member { data }']);
    assert.deepStrictEqual(sites('src/processors/thumbnail.ts'), ["1 type-import import 'bullmq'", '3 type-ref Job', '4 call job.updateProgress', '5 member job.data.imageId']);
  });

  it('bullmq upsertJobScheduler is a schedule; bee-queue createJob is a producer', () => {
    const bullmq = `import { Queue } from 'bullmq';

export const cleanup = new Queue('cleanup', { connection: { host: 'redis' } });

export async function scheduleCleanup() {
  await cleanup.upsertJobScheduler('nightly', { pattern: '0 2 * * *' }, { name: 'purge' });
}
`;
    const bee = `import BeeQueue from 'bee-queue';

const thumbnails = new BeeQueue('thumbnails');

export function requestThumbnail(imageId: string) {
  return thumbnails.createJob({ imageId }).save();
}

thumbnails.process(async (job) => job.data.imageId);
`;
    check({ 'package.json': PKG, 'src/cleanup.ts': bullmq, 'src/thumbnails.ts': bee }, (at) => ({
      queues: [
        `definition cleanup bullmq ${at('src/cleanup.ts', "new Queue('cleanup'")}`,
        `schedule cleanup bullmq ${at('src/cleanup.ts', 'upsertJobScheduler(')} 0 2 * * *`,
        `definition thumbnails bee-queue ${at('src/thumbnails.ts', "new BeeQueue('thumbnails')")}`,
        `producer thumbnails bee-queue ${at('src/thumbnails.ts', 'createJob(')}`,
        `consumer thumbnails bee-queue ${at('src/thumbnails.ts', 'thumbnails.process(')}`,
      ],
    }));
  });
});
