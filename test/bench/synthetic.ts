/** Writes a deterministic, real-looking Express + TypeORM + Bull TypeScript backend of about N files for the benchmark. */
import * as fs from 'fs';
import * as path from 'path';
import { mulberry32, cap, int } from './syntheticCode';
import type { Feature } from './syntheticFiles';
import { entityFile, repositoryFile, serviceFile, routerFile, processorFile, utilFile, legacyJsFile, routerVar } from './syntheticFiles';

const FEATURES = [
  'users', 'orders', 'invoices', 'products', 'catalog', 'payments', 'shipments', 'inventory', 'carts', 'reviews',
  'coupons', 'subscriptions', 'notifications', 'accounts', 'sessions', 'audits', 'reports', 'teams', 'projects', 'tasks',
  'comments', 'tickets', 'messages', 'files', 'uploads', 'webhooks', 'integrations', 'billing', 'plans', 'quotas',
  'tags', 'categories', 'warehouses', 'suppliers', 'returns', 'refunds', 'loyalty', 'referrals', 'campaigns', 'analytics',
];
const SUFFIXES = ['', 'Item', 'Event', 'Snapshot', 'Setting', 'Note', 'Link', 'Log', 'Version', 'Attachment', 'Rule', 'Limit'];
const ASPECTS = ['core', 'admin', 'export', 'import', 'sync', 'audit', 'search', 'pricing', 'stats', 'cleanup', 'notify', 'archive', 'limits', 'history', 'rules', 'batch', 'merge', 'preview'];

/** Source files outside the feature folders (tsconfig.json and package.json are not counted). */
const SHARED_FILES = 8;

const singular = (s: string) => (s.endsWith('ies') ? s.slice(0, -3) + 'y' : s.endsWith('s') ? s.slice(0, -1) : s);
const aspect = (k: number) => (k < ASPECTS.length ? ASPECTS[k] : `${ASPECTS[k % ASPECTS.length]}${Math.floor(k / ASPECTS.length)}`);

export interface GeneratedBackend {
  files: number;
  lines: number;
}

export function generateBackend(dir: string, files = 2000, seed = 1): GeneratedBackend {
  const r = mulberry32(seed);
  const written: GeneratedBackend = { files: 0, lines: 0 };
  const write = (rel: string, text: string, counted = true) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    if (counted) {
      written.files++;
      written.lines += text.split('\n').length;
    }
  };

  const perFeature = Math.max(10, Math.floor((files - SHARED_FILES) / FEATURES.length));
  const extra = Math.max(0, files - SHARED_FILES - perFeature * FEATURES.length);
  const features: { f: Feature; n: number }[] = FEATURES.map((name, i) => {
    const n = perFeature + (i < extra ? 1 : 0);
    const nEnt = Math.max(1, Math.round(n * 0.14));
    const nSvc = Math.max(1, Math.round(n * 0.2));
    const nUtil = Math.max(0, n - 2 * nEnt - nSvc - 2 * Math.max(1, Math.round(n * 0.06)) - Math.round(n * 0.1));
    const base = cap(singular(name));
    return {
      n,
      f: {
        name,
        entities: Array.from({ length: nEnt }, (_, k) => base + (k < SUFFIXES.length ? SUFFIXES[k] : `Part${k}`)),
        services: Array.from({ length: nSvc }, (_, k) => (k === 0 ? `${name}.service` : `${name}.${aspect(k)}.service`)),
        utils: Array.from({ length: nUtil }, (_, k) => `${name}.${aspect(k)}`),
        queue: `${singular(name)}Queue`,
      },
    };
  });

  for (const { f, n } of features) {
    const nRoute = Math.max(1, Math.round(n * 0.06));
    const nJs = Math.round(n * 0.1);
    const d = `src/${f.name}/`;
    f.entities.forEach((e, i) => {
      write(`${d}${e}.entity.ts`, entityFile(f, i, r));
      write(`${d}${e}Repository.ts`, repositoryFile(f, i, r));
    });
    f.services.forEach((s, i) => write(`${d}${s}.ts`, serviceFile(f, i, r)));
    f.utils.forEach((u) => write(`${d}${u}.ts`, utilFile(f, u, r)));
    for (let k = 0; k < nRoute; k++) write(`${d}${routerStem(f, k)}.ts`, routerFile(f, routerStem(f, k), r));
    for (let k = 0; k < nRoute; k++) write(`${d}${f.name}.${aspect(k)}.processor.ts`, processorFile(f, `${f.name}.${aspect(k)}.processor`, r));
    for (let k = 0; k < nJs; k++) write(`${d}legacy/${aspect(k)}.js`, legacyJsFile(f, r));
  }
  writeShared(features.map((x) => x.f), features.map((x) => Math.max(1, Math.round(x.n * 0.06))), write, int(r, 3, 9));
  return written;
}

const routerStem = (f: Feature, k: number) => (k === 0 ? `${f.name}.router` : `${f.name}.${aspect(k)}.router`);

function writeShared(feats: Feature[], routers: number[], write: (rel: string, text: string, counted?: boolean) => void, poolMax: number): void {
  write('package.json', JSON.stringify({
    name: 'synthetic-backend', version: '1.0.0', private: true, main: 'dist/server.js',
    scripts: { build: 'tsc -p tsconfig.json', start: 'node -r tsconfig-paths/register dist/server.js' },
    dependencies: { bull: '^4.12.2', express: '^4.19.2', pg: '^8.11.5', 'reflect-metadata': '^0.2.2', 'tsconfig-paths': '^4.2.0', typeorm: '^0.3.20' },
    devDependencies: { '@types/express': '^4.17.21', typescript: '^5.4.5' },
  }, null, 2) + '\n', false);
  write('tsconfig.json', JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, allowJs: true, outDir: 'dist', rootDir: 'src', baseUrl: '.', paths: { '@app/*': ['src/*'] } },
    include: ['src/**/*'],
  }, null, 2) + '\n', false);
  write('src/config.ts', [
    'export const config = {',
    "  port: Number(process.env.PORT ?? 3000),",
    "  databaseUrl: process.env.DATABASE_URL ?? 'postgres://localhost/app',",
    "  redisUrl: process.env.REDIS_URL ?? 'redis://localhost:6379',",
    `  poolMax: ${poolMax},`,
    '};',
    '',
  ].join('\n'));
  write('src/db/dataSource.ts', [
    "import 'reflect-metadata';",
    "import { DataSource } from 'typeorm';",
    "import { config } from '../config';",
    '',
    'export const AppDataSource = new DataSource({',
    "  type: 'postgres',",
    '  url: config.databaseUrl,',
    "  entities: [__dirname + '/../**/*.entity.{ts,js}'],",
    '  synchronize: false,',
    '  extra: { max: config.poolMax },',
    '});',
    '',
  ].join('\n'));
  write('src/db/index.ts', ["export { AppDataSource } from './dataSource';", ...feats.map((f) => `export * from '../${f.name}/${f.entities[0]}.entity';`), ''].join('\n'));
  write('src/shared/BaseRepository.ts', [
    "import { EntityTarget, FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';",
    "import { AppDataSource } from '../db/dataSource';",
    '',
    '/** Every feature repository extends this, so feature code never imports typeorm itself. */',
    'export abstract class BaseRepository<T extends ObjectLiteral & { id: number }> {',
    '  protected repo: Repository<T>;',
    '',
    '  protected constructor(target: EntityTarget<T>, private readonly label: string) {',
    '    this.repo = AppDataSource.getRepository(target);',
    '  }',
    '',
    '  async getById(id: number): Promise<T> {',
    '    const found = await this.repo.findOneBy({ id } as FindOptionsWhere<T>);',
    '    if (!found) throw new Error(`${this.label} ${id} not found`);',
    '    return found;',
    '  }',
    '',
    '  async save(entity: T): Promise<T> {',
    '    return this.repo.save(entity);',
    '  }',
    '',
    '  async countAll(): Promise<number> {',
    '    return this.repo.count();',
    '  }',
    '}',
    '',
  ].join('\n'));
  write('src/queues/index.ts', [
    "import Queue from 'bull';",
    "import { config } from '../config';",
    '',
    "const defaultJobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: 500 };",
    '',
    ...feats.map((f) => `export const ${f.queue} = new Queue('${f.name}', config.redisUrl, { defaultJobOptions });`),
    '',
  ].join('\n'));
  const mounts: string[] = [];
  const imports: string[] = [];
  feats.forEach((f, i) => {
    for (let k = 0; k < routers[i]; k++) {
      const stem = routerStem(f, k);
      imports.push(`import { ${routerVar(f, stem)} } from '${k % 2 ? '@app' : '..'}/${f.name}/${stem}';`);
      mounts.push(`apiRouter.use('/api/${f.name}', ${routerVar(f, stem)});`);
    }
  });
  write('src/routes/index.ts', ["import { Router } from 'express';", ...imports, '', 'export const apiRouter = Router();', '', ...mounts, ''].join('\n'));
  write('src/app.ts', [
    "import express from 'express';",
    "import { apiRouter } from './routes';",
    '',
    'export const app = express();',
    'app.use(express.json());',
    'app.use(apiRouter);',
    "app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {",
    "  res.status(500).json({ error: err.message });",
    '});',
    '',
  ].join('\n'));
  write('src/server.ts', [
    "import { app } from './app';",
    "import { AppDataSource } from './db';",
    "import { config } from './config';",
    '',
    'AppDataSource.initialize().then(() => {',
    '  app.listen(config.port, () => console.log(`listening on ${config.port}`));',
    '});',
    '',
  ].join('\n'));
}
