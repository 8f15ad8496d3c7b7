/**
 * The score breakdown is reproducible by hand: a small project in, every number recomputed from the JSON and
 * compared with what the engine printed.
 */
import * as assert from 'assert';
import { analyzeFiles } from './helpers/project';
import type { AnalysisResult, ModuleReport } from '../../server/src/engine/model';

const round2 = (n: number) => Math.round(n * 100) / 100;
const mod = (r: AnalysisResult, file: string): ModuleReport => {
  const m = r.modules.find((x) => x.path === file);
  if (!m) throw new Error(`no module ${file}; have ${r.modules.map((x) => x.path).join(', ')}`);
  return m;
};

/** Every module's numbers, recomputed from its sites, the formula text and the design's formula. */
function checkReproducible(r: AnalysisResult) {
  for (const m of r.modules) {
    const b = m.breakdown;
    const siteSum = round2(m.sites.reduce((s, x) => s + x.weight, 0));
    assert.strictEqual(b.coupling, siteSum, `${m.path}: coupling is the sum of its site weights`);
    const concernSum = round2(Object.values(m.concerns).reduce((s, c) => s + c.weight, 0));
    assert.strictEqual(concernSum, siteSum, `${m.path}: concern weights add up to coupling`);
    assert.strictEqual(b.churnFactor, round2(1 + Math.log2(1 + b.churn)), `${m.path}: churn factor`);
    assert.strictEqual(b.blastFactor, round2(1 + Math.log2(1 + b.dependents)), `${m.path}: blast factor`);
    assert.strictEqual(b.leakFactor, round2(1 + 0.25 * b.leaks), `${m.path}: leak factor`);
    const tail = b.formula.split('=').slice(1).map((s) => s.trim());
    assert.strictEqual(tail.length, 2, `${m.path}: formula "${b.formula}" ends "= a × b × c × d = score"`);
    const factors = tail[0].split('×').map((s) => Number(s.trim()));
    assert.deepStrictEqual(factors, [b.coupling, b.churnFactor, b.blastFactor, b.leakFactor], `${m.path}: formula factors`);
    assert.strictEqual(Number(tail[1]), m.score, `${m.path}: formula result`);
    assert.strictEqual(m.score, round2(factors.reduce((p, f) => p * f, 1)), `${m.path}: score is the product of the formula's factors`);
  }
}

/** Ranks: 1..n over coupled modules in descending score, null for uncoupled ones. */
function checkRanks(r: AnalysisResult) {
  const ranked = r.modules.filter((m) => m.rank !== null).sort((a, b) => a.rank! - b.rank!);
  assert.deepStrictEqual(ranked.map((m) => m.rank), ranked.map((_, i) => i + 1), 'ranks are 1..n');
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score, `rank ${i} (${ranked[i - 1].score}) ≥ rank ${i + 1} (${ranked[i].score})`);
  for (const m of r.modules) assert.strictEqual(m.rank === null, m.sites.length === 0, `${m.path}: ranked iff coupled`);
}

const PKG = JSON.stringify({ name: 'shop-api', version: '1.0.0' });

// A layered backend: routes → controller → service → repository → db.
const LAYERED: Record<string, string> = {
  'package.json': PKG,
  'src/db.ts': `import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n`,
  'src/users/userRepository.ts': `import { prisma } from '../db';

export function findUser(id: string) {
  return prisma.user.findUnique({ where: { id } });
}
`,
  'src/users/userService.ts': `import { findUser } from './userRepository';

export async function profile(id: string) {
  const user = await findUser(id);
  return user && { id: user.id, email: user.email };
}
`,
  'src/users/userController.ts': `import type { Request, Response } from 'express';
import { profile } from './userService';

export async function showProfile(req: Request, res: Response) {
  res.json(await profile(req.params.id));
}
`,
  'src/routes.ts': `import { Router } from 'express';
import { showProfile } from './users/userController';

export const routes = Router();
routes.get('/users/:id', showProfile);
`,
};

describe('engine score', () => {
  it('score is the product printed in breakdown.formula, and coupling the sum of site weights', () => {
    const r = analyzeFiles(LAYERED);
    checkReproducible(r);
    assert.ok(r.modules.every((m) => m.breakdown.churn === 0), 'churn is off');
  });

  it('counts dependents transitively (blast radius)', () => {
    const r = analyzeFiles(LAYERED);
    const dependents = Object.fromEntries(r.modules.map((m) => [m.path, m.breakdown.dependents]));
    assert.deepStrictEqual(dependents, {
      'src/db.ts': 4,
      'src/users/userRepository.ts': 3,
      'src/users/userService.ts': 2,
      'src/users/userController.ts': 1,
      'src/routes.ts': 0,
    });
    assert.deepStrictEqual(
      Object.fromEntries(r.modules.map((m) => [m.path, [m.fanIn, m.fanOut]])),
      { 'src/db.ts': [1, 0], 'src/users/userRepository.ts': [1, 1], 'src/users/userService.ts': [1, 1], 'src/users/userController.ts': [1, 1], 'src/routes.ts': [0, 1] },
    );
  });

  it('counts an exported declaration whose signature exposes a framework type as a leak', () => {
    const r = analyzeFiles(LAYERED);
    assert.strictEqual(mod(r, 'src/users/userController.ts').breakdown.leaks, 1, 'showProfile(req: Request, res: Response)');
    assert.strictEqual(mod(r, 'src/routes.ts').breakdown.leaks, 0, 'routes = Router(): an inferred type is not a written signature');
    assert.strictEqual(mod(r, 'src/users/userService.ts').breakdown.leaks, 0);
  });

  it('counts a type parameter constrained by a framework type as a leak, even when every member is protected', () => {
    const r = analyzeFiles({
      'package.json': PKG,
      'src/repo.ts': `import { Model, ModelCtor } from 'sequelize-typescript';

export abstract class Repo<T extends Model> {
  protected constructor(protected readonly model: ModelCtor<T>) {}
}

export function first<T extends Model>(rows: T[]) {
  return rows[0];
}

export interface Page<T extends Model> {
  rows: T[];
}

export abstract class Plain<T extends { id: number }> {
  protected constructor(protected readonly model: ModelCtor<Model>) {}
}
`,
    });
    assert.strictEqual(mod(r, 'src/repo.ts').breakdown.leaks, 3, 'Repo, first and Page; not Plain, whose only framework type is protected');
  });

  it('finds cycles: a pair importing each other, a three-module ring, and a self-import', () => {
    const r = analyzeFiles({
      'package.json': PKG,
      'src/orders/orderService.ts': `import { customerName } from '../customers/customerService';\n\nexport function orderLabel(o: { id: string; customerId: string }) {\n  return o.id + ' for ' + customerName(o.customerId);\n}\nexport const ORDER_PREFIX = 'ORD';\n`,
      'src/customers/customerService.ts': `import { ORDER_PREFIX } from '../orders/orderService';\n\nexport function customerName(id: string) {\n  return 'customer ' + id + ' ' + ORDER_PREFIX;\n}\n`,
      'src/billing/invoice.ts': `import { tax } from './tax';\nexport const invoiceTotal = (c: number) => c + tax(c);\n`,
      'src/billing/tax.ts': `import { roundCents } from './rounding';\nexport const tax = (c: number) => roundCents(c * 0.2);\n`,
      'src/billing/rounding.ts': `import { invoiceTotal } from './invoice';\nexport const roundCents = (c: number) => Math.round(c);\nexport const check = () => invoiceTotal(1);\n`,
      'src/config.ts': `import * as self from './config';\n\nexport const port = 3000;\nexport const describe = () => 'port ' + self.port;\n`,
      'src/main.ts': `import { orderLabel } from './orders/orderService';\nconsole.log(orderLabel({ id: '1', customerId: '2' }));\n`,
    });
    const cycles = r.graph.cycles.map((c) => [...c].sort()).sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepStrictEqual(cycles, [
      ['src/billing/invoice.ts', 'src/billing/rounding.ts', 'src/billing/tax.ts'],
      ['src/config.ts'],
      ['src/customers/customerService.ts', 'src/orders/orderService.ts'],
    ]);
    // In a cycle each module depends on the others; main.ts depends on the pair and is not a dependent of itself.
    assert.strictEqual(mod(r, 'src/orders/orderService.ts').breakdown.dependents, 2, 'customerService and main');
    assert.strictEqual(mod(r, 'src/billing/tax.ts').breakdown.dependents, 2, 'the other two of the ring');
    assert.strictEqual(mod(r, 'src/config.ts').breakdown.dependents, 0, 'a self-import is not a dependent');
  });

  it('counts as dependents only what loads a module at run time: an import of types alone (import type) is erased', () => {
    const r = analyzeFiles({
      'package.json': PKG,
      'src/db.ts': `import knex from 'knex';\n\nexport const db = knex({ client: 'pg' });\nexport interface Row { id: number }\n`,
      'src/users/userStore.ts': `import { db } from '../db';\nimport type { Row } from '../db';\n\nexport const findUser = (id: number): Promise<Row> => db('users').where({ id }).first();\n`,
      'src/users/types.ts': `import type { findUser } from './userStore';\n\nexport type Finder = typeof findUser;\n`,
      'src/users/api.ts': `import type { Finder } from './types';\nimport { type Row } from '../db';\n\nexport const show = (find: Finder, id: number): Promise<Row> => find(id);\n`,
      'src/main.ts': `import { findUser } from './users/userStore';\nimport { show } from './users/api';\n\nvoid show(findUser, 1);\n`,
    });
    const dependents = Object.fromEntries(r.modules.map((m) => [m.path, m.breakdown.dependents]));
    // userStore is loaded by main only (types.ts names its type); db by userStore and, through it, main.
    assert.strictEqual(dependents['src/users/userStore.ts'], 1, 'main; not types.ts nor, through it, api.ts');
    assert.strictEqual(dependents['src/db.ts'], 2, 'userStore and main; not api.ts, whose { type Row } is erased');
    // The graph itself keeps every import: fan-in and cycles are about the code as written.
    assert.strictEqual(mod(r, 'src/users/userStore.ts').fanIn, 2, 'types.ts and main');
  });

  it('ranks coupled modules by score, 1 = highest, and leaves clean modules unranked', () => {
    const r = analyzeFiles({
      ...LAYERED,
      'src/jobs/mailQueue.ts': `import Queue from 'bull';\n\nexport const mailQueue = new Queue('mail');\nmailQueue.process(async (job) => console.log(job.data));\nmailQueue.add({ to: 'ops@shop.example' });\n`,
      'src/util/money.ts': `export const formatCents = (c: number) => '$' + (c / 100).toFixed(2);\n`,
    });
    checkReproducible(r);
    checkRanks(r);
    assert.strictEqual(mod(r, 'src/util/money.ts').rank, null);
    assert.strictEqual(mod(r, 'src/users/userService.ts').rank, null, 'the service only calls project functions');
  });

  it("weighs @nestjs/swagger's decorators as API documentation (packageWeights), the controller's own as NestJS code", () => {
    const r = analyzeFiles({
      'package.json': JSON.stringify({ name: 'docs-api', version: '1.0.0' }),
      'src/dto.ts': `import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProjectDto {
  @ApiProperty()
  id!: string;

  @ApiPropertyOptional()
  description?: string;
}
`,
      'src/docs.ts': `import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';

export function OkResponse(description: string) {
  const decorators = [ApiOkResponse({ description }), HttpCode(200)];
  return applyDecorators(...decorators);
}
`,
      'src/projects.controller.ts': `import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProjectDto } from './dto';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  @Get()
  @ApiOkResponse({ type: ProjectDto })
  list(): ProjectDto[] {
    return [];
  }
}
`,
    });
    checkReproducible(r);
    const weights = (file: string) => mod(r, file).sites.map((s) => `${s.kind} ${s.text} ${s.weight}`);
    assert.deepStrictEqual(weights('src/dto.ts'), ["import import '@nestjs/swagger' 0.5", 'decorator @ApiProperty 0.1', 'decorator @ApiPropertyOptional 0.1']);
    assert.deepStrictEqual(
      weights('src/projects.controller.ts').filter((w) => w.startsWith('decorator')),
      ['decorator @ApiTags 0.1', 'decorator @Controller 0.5', 'decorator @Get 0.5', 'decorator @ApiOkResponse 0.1'],
    );
    // Called to build a decorator, the package's exports weigh as its decorators do; Nest's own stay Nest's.
    assert.deepStrictEqual(weights('src/docs.ts').filter((w) => w.startsWith('call')), ['call ApiOkResponse 0.1', 'call HttpCode 1', 'call applyDecorators 1']);
  });
});
