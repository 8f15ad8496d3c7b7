/**
 * NestJS workspaces with several apps (an API and a worker in one monorepo, migration scripts that make an app to
 * reach its services): each app's global prefix and URI versioning apply to the controllers its root module
 * reaches through `@Module({ imports, controllers })`, however the module lists are written.
 */
import * as assert from 'assert';
import { analyzeFiles, lineOf } from './helpers/project';

const PKG = JSON.stringify({ name: 'notify', version: '1.0.0', dependencies: { '@nestjs/core': '^10.0.0', '@nestjs/common': '^10.0.0' } });

/** Routes as `METHOD path file:line`, the line found by a snippet of the file. */
function routesOf(files: Record<string, string>): string[] {
  return analyzeFiles(files).routes.map((r) => `${r.method} ${r.path} ${r.file}:${r.line}`).sort();
}

function at(files: Record<string, string>, file: string, needle: string): string {
  return `${file}:${lineOf(files[file], needle)}`;
}

const controller = (path: string, cls: string) => `import { Controller, Get } from '@nestjs/common';

@Controller('${path}')
export class ${cls} {
  @Get()
  list() {
    return [];
  }
}
`;

/** A module class declaring one controller of `./<file>`. */
const controllerModule = (cls: string, ctrl: string, file: string) => `import { Module } from '@nestjs/common';
import { ${ctrl} } from './${file}';

@Module({ controllers: [${ctrl}] })
export class ${cls} {}
`;

const api: Record<string, string> = {
  'package.json': PKG,
  'apps/api/src/config.ts': `export const CONTEXT_PATH = process.env.CONTEXT_PATH ? process.env.CONTEXT_PATH + '/' : '';\n`,
  'apps/api/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { INestApplication, VersioningType } from '@nestjs/common';
import { AppModule } from './app.module';
import { CONTEXT_PATH } from './config';

export async function bootstrap(adapter?: unknown): Promise<INestApplication> {
  let app: INestApplication;
  if (adapter) app = await NestFactory.create(AppModule, adapter as never);
  else app = await NestFactory.create(AppModule);
  app.enableVersioning({ type: VersioningType.URI, prefix: \`\${CONTEXT_PATH}v\`, defaultVersion: '1' });
  await app.listen(3000);
  return app;
}
`,
  'apps/api/src/app.module.ts': `import { Module, forwardRef } from '@nestjs/common';
import { UsersModule } from './users/users.module';
import { OrdersModule } from './orders/orders.module';
import { AdminModule } from './admin/admin.module';
import { SettingsModule } from '../../../libs/settings.module';

const baseModules = [UsersModule, forwardRef(() => OrdersModule)];

if (process.env.ADMIN === 'on') {
  const extra = [AdminModule];
  baseModules.push(...extra);
}

const modules = baseModules.concat([SettingsModule.forRoot()]);

@Module({ imports: modules })
export class AppModule {}
`,
  'apps/api/src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { getUsersConfig } from './users.config';

@Module(getUsersConfig())
export class UsersModule {}
`,
  'apps/api/src/users/users.config.ts': `import { UsersController } from './users.controller';

function getControllers() {
  return [UsersController];
}

export function getUsersConfig() {
  return { controllers: [...getControllers()] };
}
`,
  'apps/api/src/users/users.controller.ts': controller('users', 'UsersController'),
  'apps/api/src/orders/orders.module.ts': `import { Module } from '@nestjs/common';\nimport { OrdersController } from './orders.controller';\n\n@Module({ controllers: [OrdersController] })\nexport class OrdersModule {}\n`,
  'apps/api/src/orders/orders.controller.ts': controller('orders', 'OrdersController'),
  'apps/api/src/admin/admin.module.ts': `import { Module } from '@nestjs/common';\nimport { AdminController } from './admin.controller';\n\n@Module({ controllers: [AdminController] })\nexport class AdminModule {}\n`,
  'apps/api/src/admin/admin.controller.ts': controller('admin', 'AdminController'),
  'libs/settings.module.ts': `import { Module } from '@nestjs/common';
import { SettingsController } from './settings.controller';

@Module({ controllers: [SettingsController] })
export class SettingsModule {
  static forRoot() {
    return { module: SettingsModule };
  }
}
`,
  'libs/settings.controller.ts': controller('settings', 'SettingsController'),
  'libs/orphan.controller.ts': controller('orphan', 'OrphanController'),
  // A script that makes an app of the API's module to reach its services: it serves nothing.
  'apps/api/migrations/backfill.ts': `import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';

export async function run() {
  const app = await NestFactory.create(AppModule);
  await app.close();
}
`,
  'apps/worker/src/main.ts': `import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function bootstrap() {
  const app = await NestFactory.create(WorkerModule);
  app.setGlobalPrefix('worker');
  await app.listen(3001);
}
bootstrap();
`,
  'apps/worker/src/worker.module.ts': `import { Module } from '@nestjs/common';\nimport { HealthController } from './health.controller';\nimport { SettingsModule } from '../../../libs/settings.module';\n\n@Module({ imports: [SettingsModule], controllers: [HealthController] })\nexport class WorkerModule {}\n`,
  'apps/worker/src/health.controller.ts': controller('health', 'HealthController'),
};

describe('engine inventory: NestJS apps in one workspace', () => {
  it("gives each app's controllers that app's global prefix and versioning, through the module lists as real code writes them", () => {
    const get = (file: string) => at(api, file, '@Get()');
    assert.deepStrictEqual(routesOf(api), [
      // The API's version prefix is a template whose constant does not read: its parts that do read stay.
      `GET /orphan ${get('libs/orphan.controller.ts')}`,
      `GET /worker/health ${get('apps/worker/src/health.controller.ts')}`,
      `GET /worker/settings ${get('libs/settings.controller.ts')}`,
      `GET /{CONTEXT_PATH}v1/admin ${get('apps/api/src/admin/admin.controller.ts')}`,
      `GET /{CONTEXT_PATH}v1/orders ${get('apps/api/src/orders/orders.controller.ts')}`,
      `GET /{CONTEXT_PATH}v1/settings ${get('libs/settings.controller.ts')}`,
      `GET /{CONTEXT_PATH}v1/users ${get('apps/api/src/users/users.controller.ts')}`,
    ]);
  });

  it('with one app, its prefix applies to controllers whose module lists do not read; with none, every prefix set applies', () => {
    const files: Record<string, string> = {
      'package.json': PKG,
      'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.setGlobalPrefix('api');\n  await app.listen(3000);\n}\nbootstrap();\n`,
      'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { loadModules } from './loader';\n\n@Module({ imports: loadModules() })\nexport class AppModule {}\n`,
      'src/loader.ts': `import * as fs from 'fs';\n\nexport function loadModules() {\n  return fs.readdirSync(__dirname).map((f) => require(f).default);\n}\n`,
      'src/users.controller.ts': controller('users', 'UsersController'),
    };
    assert.deepStrictEqual(routesOf(files), [`GET /api/users ${at(files, 'src/users.controller.ts', '@Get()')}`]);
    // A library of controllers and a function that configures whatever app it is given.
    const library: Record<string, string> = {
      'package.json': PKG,
      'src/configure.ts': `import { INestApplication } from '@nestjs/common';\n\nexport function configure(app: INestApplication) {\n  app.setGlobalPrefix('api');\n}\n`,
      'src/users.controller.ts': controller('users', 'UsersController'),
    };
    assert.deepStrictEqual(routesOf(library), [`GET /api/users ${at(library, 'src/users.controller.ts', '@Get()')}`]);
  });

  it('puts the path RouterModule.register gives a module after the global prefix and version, before its own controllers only', () => {
    const files: Record<string, string> = {
      'package.json': PKG,
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { VersioningType } from '@nestjs/common';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api', { exclude: ['admin/health'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  await app.listen(3000);
}
bootstrap();
`,
      'src/prefixes.ts': `export const PUBLIC_API = '/public';\n`,
      'src/routes.ts': `import { Routes } from '@nestjs/core';
import { PUBLIC_API } from './prefixes';
import { PublicModule } from './public/public.module';
import { AdminModule } from './admin/admin.module';
import { ReportsModule } from './admin/reports.module';
import { AuditModule } from './admin/audit.module';

const adminTree = {
  path: 'admin',
  module: AdminModule,
  children: [{ path: '/reports', module: ReportsModule }, AuditModule],
};

export const routes: Routes = [{ path: PUBLIC_API, module: PublicModule }, ...[adminTree]];
`,
      'src/app.module.ts': `import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { routes } from './routes';
import { PublicModule } from './public/public.module';
import { AdminModule } from './admin/admin.module';

@Module({ imports: [RouterModule.register(routes), PublicModule, AdminModule] })
export class AppModule {}
`,
      // The users module is imported by the public module but declares its controller itself: not prefixed.
      'src/public/public.module.ts': `import { Module } from '@nestjs/common';
import { NotesController } from './notes.controller';
import { UsersModule } from '../users/users.module';

@Module({ imports: [UsersModule], controllers: [NotesController] })
export class PublicModule {}
`,
      'src/public/notes.controller.ts': controller('notes', 'NotesController'),
      'src/users/users.module.ts': controllerModule('UsersModule', 'UsersController', 'users.controller'),
      'src/users/users.controller.ts': controller('users', 'UsersController'),
      'src/admin/admin.module.ts': `import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReportsModule } from './reports.module';
import { AuditModule } from './audit.module';

@Module({ imports: [ReportsModule, AuditModule], controllers: [HealthController] })
export class AdminModule {}
`,
      'src/admin/health.controller.ts': controller('health', 'HealthController'),
      'src/admin/reports.module.ts': controllerModule('ReportsModule', 'ReportsController', 'reports.controller'),
      'src/admin/reports.controller.ts': controller('monthly', 'ReportsController'),
      'src/admin/audit.module.ts': controllerModule('AuditModule', 'AuditController', 'audit.controller'),
      'src/admin/audit.controller.ts': controller('audit', 'AuditController'),
    };
    const get = (file: string) => at(files, file, '@Get()');
    assert.deepStrictEqual(routesOf(files), [
      // The exclusion names the path below the global prefix: module path and controller path.
      `GET /api/v1/admin/audit ${get('src/admin/audit.controller.ts')}`,
      `GET /api/v1/admin/reports/monthly ${get('src/admin/reports.controller.ts')}`,
      `GET /api/v1/public/notes ${get('src/public/notes.controller.ts')}`,
      `GET /api/v1/users ${get('src/users/users.controller.ts')}`,
      `GET /v1/admin/health ${get('src/admin/health.controller.ts')}`,
    ]);
  });

  it("serves Swagger UI where SwaggerModule.setup puts it, outside the global prefix: the page, its assets and the document (paths in consts of the function)", () => {
    const files: Record<string, string> = {
      'package.json': PKG,
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';

async function bootstrap() {
  const DOCS = 'api/docs';
  const app = await NestFactory.create(AppModule);
  const prefix = 'api';
  app.setGlobalPrefix(prefix);
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('Shop').build());
  SwaggerModule.setup(DOCS, app, document);
  await app.listen(3000);
}
bootstrap();
`,
      'src/app.module.ts': controllerModule('AppModule', 'UsersController', 'users.controller'),
      'src/users.controller.ts': controller('users', 'UsersController'),
    };
    const setup = at(files, 'src/main.ts', 'SwaggerModule.setup(');
    assert.deepStrictEqual(routesOf(files), [
      `GET /api/docs ${setup}`,
      `GET /api/docs-json ${setup}`,
      `GET /api/docs-yaml ${setup}`,
      `GET /api/docs/* ${setup}`,
      `GET /api/users ${at(files, 'src/users.controller.ts', '@Get()')}`,
    ]);
  });
});
