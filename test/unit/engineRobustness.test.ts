/**
 * Bad input is reported, never fatal: each case is a small project (sometimes with a twist made on disk) in,
 * the problems and the surviving facts out.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeSync } from '../../server/src/engine';
import { normalizeOptions } from '../../server/src/engine/normalize';
import type { AnalysisResult } from '../../server/src/engine/model';
import type { AnalyzeOptions } from '../../server/src/engine/options';
import { writeProject } from './helpers/project';

function lineOf(src: string, needle: string): number {
  const i = src.indexOf(needle);
  if (i < 0) throw new Error(`needle not found: ${needle}`);
  return src.slice(0, i).split('\n').length;
}
function columnOf(src: string, needle: string): number {
  const i = src.indexOf(needle);
  return i - src.lastIndexOf('\n', i - 1);
}

interface Case {
  files: Record<string, string | Buffer>;
  /** Changes made on disk after the files are written (symlinks). */
  twist?: (root: string) => void;
  options?: Partial<AnalyzeOptions>;
}

/** Analyse a project; returns the result and its problems as `code file[:line:column]` strings. */
function check(c: Case): { r: AnalysisResult; problems: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-robust-'));
  try {
    for (const [name, text] of Object.entries(c.files)) {
      const abs = path.join(root, name);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, text);
    }
    c.twist?.(root);
    const r = analyzeSync(normalizeOptions({ churnDays: 0, ...c.options, root }));
    const problems = r.problems.map((p) => `${p.code}${p.file ? ` ${p.file}` : ''}${p.line ? `:${p.line}:${p.column}` : ''}`);
    return { r, problems };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const PKG = JSON.stringify({ name: 'shop-api', version: '1.0.0' });
const PRISMA_DB = `import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n`;
const sitesAt = (r: AnalysisResult, file: string) => r.modules.find((m) => m.path === file)?.sites.map((s) => `${s.line} ${s.kind} ${s.text}`) ?? [];

describe('engine robustness', () => {
  it('a file with a syntax error keeps its other sites and reports the error with line and column', () => {
    const orders = `import { prisma } from './db';

export async function listOrders() {
  return prisma.order.findMany();
}

export function orderTotal(items: { cents: number }[]) {
  const total = ;
  return items.length;
}

export async function countOrders() {
  return prisma.order.count();
}
`;
    const { r, problems } = check({ files: { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/orders.ts': orders } });
    assert.ok(
      problems.includes(`syntax-error src/orders.ts:${lineOf(orders, 'const total = ;')}:${columnOf(orders, '= ;') + 2}`),
      `syntax error at the ';' of 'const total = ;'; problems: ${problems}`,
    );
    const sites = sitesAt(r, 'src/orders.ts');
    for (const want of [`${lineOf(orders, 'findMany')} call prisma.order.findMany`, `${lineOf(orders, 'count()')} call prisma.order.count`]) {
      assert.ok(sites.includes(want), `${want} in ${JSON.stringify(sites)}`);
    }
  });

  it('a binary .js file is reported as binary-file and not analysed', () => {
    const bin = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x00, 0x01, 0x00, 0x72, 0x65, 0x71, 0x75, 0x69, 0x72, 0x65, 0x00]);
    const { r, problems } = check({ files: { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/vendor/native.js': bin } });
    assert.ok(problems.some((p) => p.startsWith('binary-file src/vendor/native.js')), `problems: ${problems}`);
    assert.ok(!r.modules.some((m) => m.path === 'src/vendor/native.js'), 'no module for the binary file');
    assert.ok(r.modules.some((m) => m.path === 'src/db.ts'));
  });

  it('a file over maxFileBytes is reported as huge-file and skipped', () => {
    const generated = `import express from 'express';\nexport const routes = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => `/generated/${i}`))};\n`;
    const { r, problems } = check({ files: { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/generated/routes.ts': generated }, options: { maxFileBytes: 1000 } });
    assert.ok(generated.length > 1000);
    assert.ok(problems.some((p) => p.startsWith('huge-file src/generated/routes.ts')), `problems: ${problems}`);
    assert.ok(!r.modules.some((m) => m.path === 'src/generated/routes.ts'));
    assert.ok(r.modules.some((m) => m.path === 'src/db.ts'));
  });

  it('a symlink loop is reported as symlink-loop, without hanging', function () {
    this.timeout(10000);
    const started = Date.now();
    const { r, problems } = check({
      files: { 'package.json': PKG, 'src/db/client.ts': PRISMA_DB },
      twist: (root) => fs.symlinkSync(path.join(root, 'src/db'), path.join(root, 'src/db/loop'), 'dir'),
    });
    assert.ok(Date.now() - started < 5000, 'finishes promptly');
    assert.ok(problems.some((p) => p.startsWith('symlink-loop')), `problems: ${problems}`);
    assert.deepStrictEqual(r.modules.map((m) => m.path), ['src/db/client.ts']);
  });

  it('a malformed package.json and tsconfig.json are problems, and the analysis still runs', () => {
    const { r, problems } = check({
      files: {
        'package.json': '{ "name": "shop-api", "dependencies": { "express": "^4" ',
        'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", } ] }',
        'src/db.ts': PRISMA_DB,
      },
    });
    assert.ok(problems.some((p) => p.startsWith('bad-package-json package.json')), `problems: ${problems}`);
    assert.ok(problems.some((p) => p.startsWith('bad-tsconfig tsconfig.json')), `problems: ${problems}`);
    assert.deepStrictEqual(sitesAt(r, 'src/db.ts'), ["1 import import '@prisma/client'", '3 call new PrismaClient']);
  });

  it('an empty folder has zero modules and nothing coupled', () => {
    const { r } = check({ files: {} });
    assert.strictEqual(r.modules.length, 0);
    assert.strictEqual(r.summary.modules, 0);
    assert.strictEqual(r.summary.coupledModules, 0);
    assert.deepStrictEqual([r.routes, r.queues, r.models, r.sessions, r.graph.cycles], [[], [], [], [], []]);
  });

  it('is deterministic: the same project analysed twice, or written in another order, gives the same JSON', () => {
    const files: Record<string, string> = {
      'package.json': PKG,
      'src/db.ts': PRISMA_DB,
      'src/app.ts': `import express from 'express';\nimport { usersRouter } from './users';\nexport const app = express();\napp.use('/users', usersRouter);\n`,
      'src/users.ts': `import { Router } from 'express';\nimport { prisma } from './db';\nexport const usersRouter = Router();\nusersRouter.get('/', async (_req, res) => res.json(await prisma.user.findMany()));\n`,
      'src/jobs.ts': `import Queue from 'bull';\nexport const q = new Queue('mail');\nq.process(async () => undefined);\n`,
    };
    const a = writeProject(files);
    const b = writeProject(Object.fromEntries(Object.entries(files).reverse()));
    try {
      const run = (root: string) => JSON.stringify({ ...analyzeSync(normalizeOptions({ churnDays: 0, root })), root: 'x' });
      const first = run(a);
      assert.strictEqual(run(a), first, 'twice on the same folder');
      assert.strictEqual(run(b), first, 'files written in the reverse order');
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  it('CRLF line endings, a BOM and a shebang do not shift positions', () => {
    const body = ['#!/usr/bin/env node', "import { prisma } from './db';", '', 'async function main() {', '  console.log(await prisma.user.count());', '}', 'main();', ''];
    const { r } = check({ files: { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/cli.ts': '\uFEFF' + body.join('\r\n') } });
    const m = r.modules.find((x) => x.path === 'src/cli.ts')!;
    const call = m.sites.find((s) => s.kind === 'call')!;
    assert.deepStrictEqual([call.line, call.column, call.text], [5, body[4].indexOf('prisma') + 1, 'prisma.user.count']);
  });

  it('counts the lines of a file the same with or without a final newline, LF or CRLF', () => {
    const { r } = check({
      files: {
        'src/lf.ts': 'export const a = 1;\nexport const b = 2;\n',
        'src/crlf.ts': 'export const a = 1;\r\nexport const b = 2;\r\n',
        'src/no-final-newline.ts': 'export const a = 1;\nexport const b = 2;',
      },
    });
    assert.deepStrictEqual(Object.fromEntries(r.modules.map((m) => [m.path, m.lines])), { 'src/crlf.ts': 2, 'src/lf.ts': 2, 'src/no-final-newline.ts': 2 });
  });

  it('an import of a missing project file is an unresolved-import problem at its line', () => {
    const src = `import { prisma } from './db';\nimport { audit } from './audit/log';\n\nexport const users = () => { audit('list'); return prisma.user.findMany(); };\n`;
    const { r, problems } = check({ files: { 'package.json': PKG, 'src/db.ts': PRISMA_DB, 'src/users.ts': src } });
    assert.ok(problems.some((p) => p.startsWith(`unresolved-import src/users.ts:${lineOf(src, './audit/log')}:`)), `problems: ${problems}`);
    assert.ok(sitesAt(r, 'src/users.ts').includes(`${lineOf(src, 'findMany')} call prisma.user.findMany`));
  });
});
