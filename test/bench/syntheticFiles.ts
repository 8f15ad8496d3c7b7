/** Per-feature file generators of the synthetic backend: entities, repositories, services, routers, processors, utils, legacy JS. */
import { Rng, cap, int, pick, padWithLogic } from './syntheticCode';

export interface Feature {
  name: string; // folder and URL segment, e.g. 'orders'
  entities: string[]; // class names; entities[0] is the feature's main entity
  services: string[]; // file stems without extension, e.g. 'orders.admin.service'
  utils: string[]; // file stems of plain modules
  queue: string; // exported queue variable in src/queues
}

const COLUMN_KINDS = [
  ['string', "{ length: 120 }"],
  ['string', "{ type: 'text', default: '' }"],
  ['number', "{ type: 'integer', default: 0 }"],
  ['number', "{ type: 'numeric', precision: 12, scale: 2 }"],
  ['boolean', '{ default: false }'],
  ['string', "{ length: 32, default: 'pending' }"],
] as const;
const COLUMN_NAMES = ['title', 'code', 'status', 'notes', 'amount', 'quantity', 'priority', 'label', 'region', 'currency', 'externalId', 'score', 'owner', 'source', 'channel', 'locale', 'version', 'archived', 'flagged', 'reference', 'weight', 'kind', 'rank', 'summary', 'checksum'];

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()).replace(/^_/, '');
const lower = (s: string) => s[0].toLowerCase() + s.slice(1);
/** 'orders.admin.router' → 'ordersAdminRouter'; 'orders.router' → 'ordersRouter'. */
export const routerVar = (f: Feature, stem: string) => {
  const parts = stem.split('.');
  return `${lower(f.name)}${parts.length === 3 ? cap(parts[1]) : ''}Router`;
};
const jobName = (stem: string) => {
  const parts = stem.split('.');
  return parts.length === 3 ? parts[1] : 'core';
};
const alias = (r: Rng, rel: string, app: string) => (r() < 0.5 ? `@app/${app}` : rel);

export function entityFile(f: Feature, i: number, r: Rng): string {
  const name = f.entities[i];
  const cols = [...COLUMN_NAMES].sort(() => r() - 0.5).slice(0, int(r, 6, 22));
  const imports = ['Column', 'CreateDateColumn', 'Entity', 'PrimaryGeneratedColumn', ...(i > 0 ? ['ManyToOne'] : [])];
  const out = [`import { ${imports.join(', ')} } from 'typeorm';`];
  if (i > 0) out.push(`import { ${f.entities[0]} } from './${f.entities[0]}.entity';`);
  out.push('', `@Entity('${snake(name)}s')`, `export class ${name} {`, '  @PrimaryGeneratedColumn()', '  id!: number;', '');
  for (const c of cols) {
    const [type, opts] = pick(r, COLUMN_KINDS);
    out.push(`  @Column(${opts})`, `  ${c}!: ${type};`, '');
  }
  if (i > 0) out.push(`  @ManyToOne(() => ${f.entities[0]})`, `  parent!: ${f.entities[0]};`, '');
  out.push(`  @CreateDateColumn({ name: 'created_at' })`, '  createdAt!: Date;', '', '  get displayName(): string {', `    return \`${name} #\${this.id}\`;`, '  }', '}');
  return out.join('\n') + '\n';
}

export function repositoryFile(f: Feature, i: number, r: Rng): string {
  const e = f.entities[i];
  const out = [
    `import { BaseRepository } from '${alias(r, '../shared/BaseRepository', 'shared/BaseRepository')}';`,
    `import { ${e} } from './${e}.entity';`,
    '',
    `export class ${e}Repository extends BaseRepository<${e}> {`,
    '  constructor() {',
    `    super(${e}, '${e}');`,
    '  }',
    '',
    `  async findRecent(limit = ${int(r, 10, 50)}): Promise<${e}[]> {`,
    "    return this.repo.find({ order: { id: 'DESC' } as never, take: limit });",
    '  }',
    '',
    '  async countAll(): Promise<number> {',
    '    return this.repo.count();',
    '  }',
  ];
  for (let k = 0; k < int(r, 1, 4); k++) {
    out.push('', `  async findPage${k}(page: number, size = ${int(r, 10, 100)}): Promise<${e}[]> {`, '    const safe = Math.max(1, Math.floor(page));', '    return this.repo.find({ skip: (safe - 1) * size, take: size });', '  }');
  }
  out.push('}', '');
  padWithLogic(out, int(r, 50, 120), r, true);
  return out.join('\n');
}

export function serviceFile(f: Feature, i: number, r: Rng): string {
  const e = pick(r, f.entities);
  const main = f.entities[0];
  const util = f.utils.length ? pick(r, f.utils) : undefined;
  const out = [
    `import { AppDataSource } from '${alias(r, '../db', 'db')}';`,
    `import { ${f.queue} } from '${alias(r, '../queues', 'queues')}';`,
    `import { ${e} } from './${e}.entity';`,
    ...(e === main ? [] : [`import { ${main} } from '${alias(r, '../db', 'db')}';`]),
    `import { ${e}Repository } from './${e}Repository';`,
    ...(util ? [`import * as helpers from './${util}';`, '', 'export { helpers };'] : []),
    '',
    `const repository = new ${e}Repository();`,
    '',
    `export async function list${i}(page = 1, size = 20): Promise<${e}[]> {`,
    `  return AppDataSource.getRepository(${e}).find({ skip: (page - 1) * size, take: size });`,
    '}',
    '',
    `export async function get${i}(id: number): Promise<${e}> {`,
    '  return repository.getById(id);',
    '}',
    '',
    `export async function create${i}(input: Partial<${e}>): Promise<${e}> {`,
    `  const saved = await repository.save(Object.assign(new ${e}(), input));`,
    `  await ${f.queue}.add('${jobName(f.services[i])}', { id: saved.id, kind: '${snake(e)}' }, { attempts: ${int(r, 1, 5)} });`,
    '  return saved;',
    '}',
    '',
    `export async function stats${i}(): Promise<{ total: number; recent: number }> {`,
    '  const total = await repository.countAll();',
    `  const recent = (await AppDataSource.getRepository(${main}).find({ take: ${int(r, 10, 100)} })).length;`,
    '  return { total, recent };',
    '}',
    '',
  ];
  padWithLogic(out, int(r, 60, 300), r, true);
  return out.join('\n');
}

export function routerFile(f: Feature, stem: string, r: Rng): string {
  const svc = pick(r, f.services);
  const n = f.services.indexOf(svc);
  const v = routerVar(f, stem);
  const out = [
    "import { Router } from 'express';",
    `import { list${n}, get${n}, create${n}, stats${n} } from './${svc}';`,
    '',
    `export const ${v} = Router();`,
    '',
    `${v}.get('/', async (req, res, next) => {`,
    '  try {',
    `    res.json(await list${n}(Number(req.query.page) || 1, Number(req.query.size) || ${int(r, 10, 50)}));`,
    '  } catch (err) {',
    '    next(err);',
    '  }',
    '});',
    '',
    `${v}.get('/stats', async (_req, res) => {`,
    `  res.json(await stats${n}());`,
    '});',
    '',
    `${v}.get('/:id', async (req, res, next) => {`,
    '  try {',
    `    const found = await get${n}(Number(req.params.id));`,
    "    if (!found) return res.status(404).json({ error: 'not found' });",
    '    res.json(found);',
    '  } catch (err) {',
    '    next(err);',
    '  }',
    '});',
    '',
    `${v}.post('/', async (req, res, next) => {`,
    '  try {',
    "    if (!req.body || typeof req.body !== 'object') return res.status(400).json({ error: 'body required' });",
    `    res.status(201).json(await create${n}(req.body));`,
    '  } catch (err) {',
    '    next(err);',
    '  }',
    '});',
    '',
  ];
  padWithLogic(out, int(r, 50, 160), r, true);
  return out.join('\n');
}

export function processorFile(f: Feature, stem: string, r: Rng): string {
  const svc = pick(r, f.services);
  const n = f.services.indexOf(svc);
  const job = jobName(stem);
  const out = [
    `import { ${f.queue} } from '${alias(r, '../queues', 'queues')}';`,
    `import { get${n}, stats${n} } from './${svc}';`,
    '',
    `${f.queue}.process('${job}', ${int(r, 1, 8)}, async (job) => {`,
    `  const item = await get${n}(Number(job.data.id));`,
    `  const { total } = await stats${n}();`,
    `  if (total > ${int(r, 100, 10000)}) {`,
    `    await ${f.queue}.add('${job}-overflow', { id: item.id }, { delay: ${int(r, 1, 60)} * 1000 });`,
    '  }',
    '  return { id: item.id, total };',
    '});',
    '',
    `${f.queue}.on('failed', (job, err) => {`,
    `  console.warn('[${f.name}:${job}] job failed', job.id, err.message);`,
    '});',
    '',
  ];
  padWithLogic(out, int(r, 50, 140), r, true);
  return out.join('\n');
}

export function utilFile(f: Feature, stem: string, r: Rng): string {
  const other = f.utils.filter((u) => u !== stem);
  const out = [`// Plain ${f.name} helpers: no framework imports, unit-tested in isolation.`];
  if (other.length && r() < 0.5) out.push(`export * from './${pick(r, other)}';`);
  out.push('');
  padWithLogic(out, int(r, 50, 300), r, true);
  return out.join('\n');
}

/** CommonJS legacy module under src/<feature>/legacy/; half of them query TypeORM through require. */
export function legacyJsFile(f: Feature, r: Rng): string {
  const coupled = r() < 0.5;
  const e = pick(r, f.entities);
  const out = ["'use strict';", ''];
  if (coupled) {
    out.push(`const { AppDataSource } = require('../../db');`, `const { ${e} } = require('../${e}.entity');`, '');
    out.push('async function exportRows(limit) {', `  return AppDataSource.getRepository(${e}).find({ take: limit || ${int(r, 50, 500)} });`, '}', '');
  }
  const body: string[] = [];
  padWithLogic(body, int(r, 40, 220), r, false);
  const names: string[] = [];
  for (const line of body) {
    const m = /^export function (\w+)/.exec(line);
    if (m) names.push(m[1]);
    out.push(m ? line.replace(/^export /, '') : line);
  }
  if (coupled) names.unshift('exportRows');
  out.push(`module.exports = { ${names.join(', ')} };`, '');
  return out.join('\n');
}
