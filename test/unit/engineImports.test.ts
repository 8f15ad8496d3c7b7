/**
 * Import forms and module resolution, data-driven: a small project in, the import facts of its modules out.
 *
 * Facts are strings: `L<line> <kind> <concern>:<framework>[ via <file>]` for each import-like site
 * (import, type-import, bound-import) and `imports <file>` for each project module imported. Expectations name
 * the line by a needle of its text: `'import orm:typeorm @ from \'typeorm\''`.
 */
import * as assert from 'assert';
import { analyzeFiles, lineOf } from './helpers/project';
import type { AnalysisResult } from '../../server/src/engine/model';

const IMPORT_KINDS = new Set(['import', 'type-import', 'bound-import']);

function factsOf(r: AnalysisResult, file: string): string[] {
  const m = r.modules.find((x) => x.path === file);
  if (!m) throw new Error(`no module ${file}; have ${r.modules.map((x) => x.path).join(', ')}`);
  const facts = m.sites
    .filter((s) => IMPORT_KINDS.has(s.kind))
    .map((s) => `L${s.line} ${s.kind} ${s.concern}:${s.framework}${s.via ? ` via ${s.via}` : ''}`);
  for (const i of m.imports) facts.push(`imports ${i}`);
  return facts.sort();
}

/** Analyse `files`; for each file in `expect`, its import facts must be exactly the expected ones. */
function check(files: Record<string, string>, expect: Record<string, string[]>): AnalysisResult {
  const r = analyzeFiles(files);
  for (const [file, want] of Object.entries(expect)) {
    const resolved = want.map((w) => {
      const at = w.indexOf(' @ ');
      return at < 0 ? w : `L${lineOf(files[file], w.slice(at + 3))} ${w.slice(0, at)}`;
    });
    assert.deepStrictEqual(factsOf(r, file), resolved.sort(), `import facts of ${file}`);
  }
  return r;
}

const PKG = JSON.stringify({ name: 'shop-api', version: '1.0.0', dependencies: { express: '^4', typeorm: '^0.3', '@prisma/client': '^5', bull: '^4', knex: '^3', sequelize: '^6' } });

const PRISMA_DB = `import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n`;

const USER_SERVICE = (from: string) => `import { prisma } from '${from}';

export async function findActiveUsers() {
  return prisma.user.findMany({ where: { active: true } });
}
`;

describe('engine: import forms', () => {
  it('ES default, named, namespace and aliased imports of a framework are runtime imports', () => {
    const src = {
      'package.json': PKG,
      'src/http/app.ts': `import express from 'express';
import { Router as ExpressRouter, json } from 'express';
import * as typeorm from 'typeorm';
import { DataSource as TypeOrmDataSource } from 'typeorm';

export const app = express();
app.use(json());
export const ordersRouter = ExpressRouter();
export const dataSource = new TypeOrmDataSource({ type: 'postgres' });
export const mgr = typeorm.getManager();
`,
    };
    check(src, {
      'src/http/app.ts': [
        "import routing:express @ import express from 'express';",
        "import routing:express @ import { Router as ExpressRouter, json }",
        "import orm:typeorm @ import * as typeorm",
        "import orm:typeorm @ import { DataSource as TypeOrmDataSource }",
      ],
    });
  });

  it('`import type` and inline `{ type X }` are type-imports, weighted low', () => {
    const src = {
      'package.json': PKG,
      'src/orders/orderHandlers.ts': `import type { Request, Response } from 'express';
import { type Repository } from 'typeorm';
import type { Order } from './order';

export function listOrders(repo: Repository<Order>) {
  return async (req: Request, res: Response) => res.json(await repo.find());
}
`,
      'src/orders/order.ts': `export interface Order { id: number; total: number }\n`,
    };
    const r = check(src, {
      'src/orders/orderHandlers.ts': [
        "type-import routing:express @ import type { Request, Response }",
        "type-import orm:typeorm @ import { type Repository }",
        'imports src/orders/order.ts',
      ],
    });
    const m = r.modules.find((x) => x.path === 'src/orders/orderHandlers.ts')!;
    for (const s of m.sites.filter((x) => x.kind === 'type-import')) assert.ok(s.weight < 1, `type-import weighs ${s.weight}`);
  });

  it('a value import used only as a type in a .ts file is a type-import', () => {
    check(
      {
        'package.json': PKG,
        'src/users/userRepository.ts': `import { Repository } from 'typeorm';
import { User } from './user';

export class UserRepository {
  constructor(private readonly repo: Repository<User>) {}
  byEmail(email: string) {
    return this.repo.findOneBy({ email });
  }
}
`,
        'src/users/user.ts': `export class User { id!: number; email!: string }\n`,
      },
      {
        'src/users/userRepository.ts': ["type-import orm:typeorm @ import { Repository } from 'typeorm'", 'imports src/users/user.ts'],
      },
    );
  });

  it('require: plain, destructured, and require(x).member', () => {
    check(
      {
        'package.json': PKG,
        'src/server.js': `const express = require('express');
const { Sequelize, DataTypes } = require('sequelize');
const Router = require('express').Router;

const app = express();
const sequelize = new Sequelize(process.env.DATABASE_URL);
const Invoice = sequelize.define('Invoice', { total: DataTypes.INTEGER });
const billing = Router();
billing.get('/invoices', async (req, res) => res.json(await Invoice.findAll()));
app.use('/billing', billing);
module.exports = app;
`,
      },
      {
        'src/server.js': [
          "import routing:express @ const express = require('express');",
          "import orm:sequelize @ const { Sequelize, DataTypes }",
          "import routing:express @ const Router = require('express').Router;",
        ],
      },
    );
  });

  it('`import x = require()` and dynamic import() are runtime imports', () => {
    check(
      {
        'package.json': PKG,
        'src/db/knexClient.ts': `import knex = require('knex');

export const db = knex({ client: 'pg' });
`,
        'src/jobs/lazyQueue.ts': `export async function mailQueue() {
  const { default: Queue } = await import('bull');
  return new Queue('mail');
}
`,
      },
      {
        'src/db/knexClient.ts': ["import orm:knex @ import knex = require('knex');"],
        'src/jobs/lazyQueue.ts': ["import queue:bull @ await import('bull')"],
      },
    );
  });

  it('a require naming a file from the module\'s own folder (path.join/resolve with __dirname, a template, a +) is an import of it', () => {
    const r = check(
      {
        'package.json': PKG,
        'src/queues/queues.js': `const path = require('path');
const env = require(path.join(__dirname, '..', 'env.js'));
const DIR = 'workers';
const visit = require(path.resolve(__dirname, DIR, 'visit'));
const mail = require(\`\${__dirname}/workers/mail.js\`);
const sms = require(__dirname + '/workers/sms');
const any = (name) => require(path.join(__dirname, 'workers', name));
module.exports = { env, visit, mail, sms, any };
`,
        'src/env.js': 'module.exports = { redis: process.env.REDIS_URL };\n',
        'src/queues/workers/visit.js': 'module.exports = async (job) => job.data;\n',
        'src/queues/workers/mail.js': 'module.exports = async (job) => job.data;\n',
        'src/queues/workers/sms.js': 'module.exports = async (job) => job.data;\n',
      },
      { 'src/queues/queues.js': ['imports src/env.js', 'imports src/queues/workers/mail.js', 'imports src/queues/workers/sms.js', 'imports src/queues/workers/visit.js'] },
    );
    assert.strictEqual(r.modules.find((m) => m.path === 'src/queues/workers/visit.js')!.fanIn, 1);
  });
});

describe('engine: imports of getters', () => {
  it('importing a getter that hands out a shared framework value is a bound import; a factory making one per call is not', () => {
    check(
      {
        'package.json': PKG,
        'src/queues/index.ts': `import Queue from 'bull';

let cachedTasks: Queue.Queue | undefined;
export const taskQueue = () => {
  if (!cachedTasks) cachedTasks = new Queue('tasks');
  return cachedTasks;
};

export function createMailQueue() {
  const queue = new Queue('mail');
  return queue;
}
`,
        'src/tasks/base.ts': `import { taskQueue } from '../queues';

export function schedule(name: string) {
  return taskQueue().add({ name });
}
`,
        'src/mail.ts': `import { createMailQueue } from './queues';

export const mail = createMailQueue();
`,
      },
      {
        'src/tasks/base.ts': ["bound-import queue:bull via src/queues/index.ts @ import { taskQueue }", 'imports src/queues/index.ts'],
        'src/mail.ts': ['imports src/queues/index.ts'],
      },
    );
  });
});

describe('engine: handles handed on', () => {
  it('a queue a getter hands out, passed straight to another call, is a site there; a query result handed on is not', () => {
    const r = analyzeFiles({
      'package.json': PKG,
      'src/queues.ts': `import Queue from 'bull';\n\nconst tasks = new Queue('tasks');\nexport const taskQueue = () => tasks;\n`,
      'src/db.ts': `import knex from 'knex';\n\nexport const db = knex({ client: 'pg' });\nexport const countUsers = () => db('users').count();\n`,
      'src/monitor.ts': `import { taskQueue } from './queues';
import { countUsers } from './db';
import { watch, report } from './health';

export function start() {
  watch(taskQueue());
  report(countUsers());
}
`,
      'src/health.ts': 'export const watch = (q: unknown) => q;\nexport const report = (n: unknown) => n;\n',
    });
    const sites = r.modules.find((m) => m.path === 'src/monitor.ts')!.sites.filter((s) => s.kind === 'member').map((s) => `${s.line} ${s.framework} ${s.text}`);
    assert.deepStrictEqual(sites, ['6 bull taskQueue()']);
  });
});

describe('engine: types named through project functions', () => {
  it('ReturnType<typeof createQueue> of a project factory returning a Bull queue is a type reference to Bull', () => {
    const r = analyzeFiles({
      'package.json': PKG,
      'src/queues/queue.ts': `import Queue from 'bull';\n\nexport function createQueue(name: string) {\n  return new Queue(name);\n}\n`,
      'src/queues/index.ts': `import { createQueue } from './queue';

let cachedTasks: ReturnType<typeof createQueue> | undefined;
export const taskQueue = () => {
  if (!cachedTasks) cachedTasks = createQueue('tasks');
  return cachedTasks;
};
export type Len = ReturnType<typeof String>;
`,
    });
    const sites = r.modules.find((m) => m.path === 'src/queues/index.ts')!.sites.filter((s) => s.kind === 'type-ref').map((s) => `${s.line} ${s.framework} ${s.text}`);
    assert.deepStrictEqual(sites, ['3 bull ReturnType<typeof createQueue>']);
  });
});

describe('engine: re-exports and resolution', () => {
  it('follows `export … from` and `export *` barrels three levels deep', () => {
    const svc = USER_SERVICE('../lib');
    check(
      {
        'package.json': PKG,
        'src/lib/db/client.ts': PRISMA_DB,
        'src/lib/db/index.ts': `export { prisma } from './client';\n`,
        'src/lib/data.ts': `export * from './db';\n`,
        'src/lib/index.ts': `export * from './data';\nexport const VERSION = '1';\n`,
        'src/users/userService.ts': svc,
      },
      {
        'src/users/userService.ts': [
          "bound-import orm:prisma via src/lib/db/client.ts @ import { prisma }",
          'imports src/lib/index.ts',
        ],
      },
    );
  });

  it('resolves a `.js` extension to the .ts source, and a folder to its index file', () => {
    check(
      {
        'package.json': PKG,
        'src/db/prisma.ts': PRISMA_DB,
        'src/repos/index.ts': `import { prisma } from '../db/prisma.js';\n\nexport const orders = () => prisma.order.findMany();\n`,
        'src/routes/orders.ts': `import { orders } from '../repos';\n\nexport async function listOrders() {\n  return orders();\n}\n`,
      },
      {
        'src/repos/index.ts': ["bound-import orm:prisma via src/db/prisma.ts @ import { prisma }", 'imports src/db/prisma.ts'],
        // `orders` is a project function that uses Prisma inside: calling it is the project's seam, not coupling.
        'src/routes/orders.ts': ['imports src/repos/index.ts'],
      },
    );
  });

  it('resolves tsconfig `paths` and `baseUrl` from an `extends`ed tsconfig', () => {
    check(
      {
        'package.json': PKG,
        'tsconfig.base.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@db/*': ['src/infra/db/*'] } } }),
        'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { strict: true }, include: ['src'] }),
        'src/infra/db/client.ts': PRISMA_DB,
        'src/infra/logger.ts': `export const logger = { info: (m: string) => console.log(m) };\n`,
        'src/users/userService.ts': `import { prisma } from '@db/client';
import { logger } from 'src/infra/logger';

export async function countUsers() {
  logger.info('counting');
  return prisma.user.count();
}
`,
      },
      {
        'src/users/userService.ts': [
          "bound-import orm:prisma via src/infra/db/client.ts @ import { prisma }",
          'imports src/infra/db/client.ts',
          'imports src/infra/logger.ts',
        ],
      },
    );
  });

  it("a Prisma client generated into the tree (a generator's `output`) is Prisma, generated or not; its files are not analysed", () => {
    const schema = `generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}
`;
    const service = `import { PrismaClient } from 'src/generated/prisma/client';

export class PrismaService extends PrismaClient {}
`;
    const users = `import type { User } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export async function byEmail(prisma: PrismaService, email: string): Promise<User | null> {
  return prisma.user.findUnique({ where: { email } });
}
`;
    const files = {
      'package.json': PKG,
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: './' } }),
      'prisma/schema.prisma': schema,
      'src/prisma.service.ts': service,
      'src/users/users.ts': users,
    };
    const expect = {
      'src/prisma.service.ts': ["import orm:prisma @ import { PrismaClient }"],
      'src/users/users.ts': ["type-import orm:prisma @ import type { User }", "type-import orm:prisma via src/prisma.service.ts @ import { PrismaService }", 'imports src/prisma.service.ts'],
    };
    // Not generated in this checkout (it is usually git-ignored): the imports resolve to nothing on disk.
    const r = check(files, expect);
    assert.ok(r.modules.find((m) => m.path === 'src/users/users.ts')!.sites.some((s) => s.kind === 'call' && s.text === 'prisma.user.findUnique'));
    assert.ok(!r.problems.some((p) => p.code === 'unresolved-import'), JSON.stringify(r.problems));
    // Generated: the same, and the generated files are left out with a note.
    const generated = check({ ...files, 'src/generated/prisma/client.ts': `export class PrismaClient { user: unknown; }\nexport type User = { id: number; email: string };\n` }, expect);
    assert.ok(!generated.modules.some((m) => m.path.startsWith('src/generated/')));
    assert.ok(generated.problems.some((p) => p.code === 'generated-code' && p.file === 'src/generated/prisma'), JSON.stringify(generated.problems));
  });

  it('resolves an npm workspace package name to its source, past `main: dist/index.js`', () => {
    check(
      {
        'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*'] }),
        'packages/db/package.json': JSON.stringify({ name: '@shop/db', version: '1.0.0', main: 'dist/index.js', types: 'dist/index.d.ts', dependencies: { '@prisma/client': '^5' } }),
        'packages/db/src/index.ts': PRISMA_DB,
        'packages/api/package.json': JSON.stringify({ name: '@shop/api', version: '1.0.0', dependencies: { '@shop/db': '*', express: '^4' } }),
        'packages/api/src/users.ts': USER_SERVICE('@shop/db'),
      },
      {
        'packages/api/src/users.ts': [
          "bound-import orm:prisma via packages/db/src/index.ts @ import { prisma }",
          'imports packages/db/src/index.ts',
        ],
      },
    );
  });

  it('aliased and default re-exports keep the binding', () => {
    check(
      {
        'package.json': PKG,
        'src/infra/prisma.ts': `import { PrismaClient } from '@prisma/client';\n\nexport default new PrismaClient();\n`,
        'src/infra/index.ts': `export { default as db } from './prisma';\n`,
        'src/infra/aliases.ts': `export { db as client } from './index';\n`,
        'src/orders/orderService.ts': `import { client } from '../infra/aliases';\n\nexport const openOrders = () => client.order.findMany({ where: { open: true } });\n`,
      },
      {
        'src/orders/orderService.ts': ["bound-import orm:prisma via src/infra/prisma.ts @ import { client }", 'imports src/infra/aliases.ts'],
      },
    );
  });

  it('CommonJS project modules: exports.x, module.exports = { x }, destructured and member require', () => {
    check(
      {
        'package.json': PKG,
        'src/db.js': `const { PrismaClient } = require('@prisma/client');\n\nconst prisma = new PrismaClient();\nmodule.exports = { prisma };\n`,
        'src/queue.js': `const Queue = require('bull');\n\nexports.mailQueue = new Queue('mail');\n`,
        'src/users.js': `const { prisma } = require('./db');\nconst mailQueue = require('./queue').mailQueue;\n\nasync function invite(email) {\n  await prisma.invite.create({ data: { email } });\n  await mailQueue.add({ email });\n}\nmodule.exports = { invite };\n`,
      },
      {
        'src/users.js': [
          "bound-import orm:prisma via src/db.js @ const { prisma } = require('./db');",
          "bound-import queue:bull via src/queue.js @ const mailQueue = require('./queue')",
          'imports src/db.js',
          'imports src/queue.js',
        ],
      },
    );
  });

  const PROJECT_DB_IMPORTERS: [string, string, string][] = [
    ['namespace import', `import * as db from './db';\n\nexport const countUsers = () => db.prisma.user.count();\n`, 'import * as db'],
    ['`import x = require()`', `import db = require('./db');\n\nexport const countUsers = () => db.prisma.user.count();\n`, 'import db = require'],
    ['dynamic import()', `export async function countUsers() {\n  const { prisma } = await import('./db');\n  return prisma.user.count();\n}\n`, "await import('./db')"],
  ];
  for (const [form, src, needle] of PROJECT_DB_IMPORTERS) {
    it(`${form} of a project module exporting a bound value is a bound import`, () => {
      check({ 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/userStats.ts': src }, { 'src/userStats.ts': [`bound-import orm:prisma via src/db.ts @ ${needle}`, 'imports src/db.ts'] });
    });
  }

  it('resolves `.mjs`/`.js` specifiers to .mts/.tsx sources', () => {
    check(
      {
        'package.json': PKG,
        'src/db.mts': PRISMA_DB,
        'src/views/UserList.tsx': `import { prisma } from '../db.mjs';\n\nexport const users = () => prisma.user.findMany();\n`,
        'src/page.ts': `import { users } from './views/UserList.js';\n\nexport const render = () => users();\n`,
      },
      {
        'src/views/UserList.tsx': ["bound-import orm:prisma via src/db.mts @ import { prisma }", 'imports src/db.mts'],
        'src/page.ts': ['imports src/views/UserList.tsx'],
      },
    );
  });

  it('resolves workspaces declared as { packages } (yarn) and in pnpm-workspace.yaml, through package `exports`', () => {
    const files = (root: Record<string, string>) => ({
      ...root,
      'libs/db/package.json': JSON.stringify({ name: '@shop/db', version: '1.0.0', exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } } }),
      'libs/db/src/index.ts': PRISMA_DB,
      'apps/api/package.json': JSON.stringify({ name: '@shop/api', version: '1.0.0' }),
      'apps/api/src/users.ts': USER_SERVICE('@shop/db'),
    });
    const want = { 'apps/api/src/users.ts': ["bound-import orm:prisma via libs/db/src/index.ts @ import { prisma }", 'imports libs/db/src/index.ts'] };
    check(files({ 'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: { packages: ['libs/*', 'apps/*'] } }) }), want);
    check(files({ 'package.json': JSON.stringify({ name: 'shop', private: true }), 'pnpm-workspace.yaml': "packages:\n  - 'libs/*'\n  - 'apps/*'\n" }), want);
  });
});
