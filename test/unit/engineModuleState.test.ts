// Regression: on hackathon-starter, lazy singletons, once-flags, test-file variables and a lazily created
// Keyv cache were reported as in-process session state (17 entries where 4 are real).
import * as assert from 'assert';
import { analyzeFiles } from './helpers/project';

function stateOf(files: Record<string, string>): string[] {
  return analyzeFiles(files)
    .sessions.filter((s) => s.framework === 'module-state')
    .map((s) => `${s.file}:${s.line} ${s.detail}`);
}

describe('engine: module-level state', () => {
  it('a cache filled by functions is state; a lazy singleton (also `x ||= v`, `x ??= v`) and a once-flag are not', () => {
    const src = `import { createAgent } from './agent';
const sessions = new Map<string, string>();
let agent: unknown = null;
let ready = false;
let lastLogin = 0;
let domain: string | undefined;
let port: number | undefined;
export function login(id: string) { sessions.set(id, 'x'); lastLogin = Date.now(); }
export function getAgent() { if (!agent) agent = createAgent(); return agent; }
export function getDomain() { domain ||= 'example.com'; port ??= 443; return \`\${domain}:\${port}\`; }
export function warmUp() { ready = true; }
`;
    assert.deepStrictEqual(stateOf({ 'src/auth.ts': src, 'src/agent.ts': 'export const createAgent = () => ({});\n' }), [
      'src/auth.ts:2 module-level sessions mutated by functions',
      'src/auth.ts:5 module-level lastLogin mutated by functions',
    ]);
  });

  it('writes through a let that was not a Map, Set, {} or [] are not state (the value may be an external cache)', () => {
    const src = `import Keyv from 'keyv';
let cache: Keyv | null = null;
export async function remember(k: string, v: string) {
  if (cache === null) cache = new Keyv();
  await cache.set(k, v);
}
`;
    assert.deepStrictEqual(stateOf({ 'src/cache.ts': src }), []);
  });

  it('a registry filled by callbacks that run as the module loads (a top-level forEach) is not state; a handler registered there that fills one is', () => {
    const models = `const fs = require('fs');
const path = require('path');
const Sequelize = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:');
const db = {};
fs.readdirSync(__dirname).filter((f) => f !== 'index.js').forEach((file) => {
  const model = require(path.join(__dirname, file))(sequelize, Sequelize.DataTypes);
  db[model.name] = model;
});
Object.keys(db).forEach((name) => { if (db[name].associate) db[name].associate(db); });
module.exports = db;
`;
    const app = `const express = require('express');
const app = express();
const hits = {};
const workers = [];
['mail', 'sms'].forEach((k) => {
  workers.push(k);
  app.get('/' + k, (req, res) => { hits[k] = (hits[k] || 0) + 1; res.send('ok'); });
});
module.exports = { app, workers };
`;
    assert.deepStrictEqual(stateOf({ 'package.json': '{"dependencies":{"express":"4","sequelize":"6"}}', 'src/models/index.js': models, 'src/app.js': app }), ['src/app.js:3 module-level hits mutated by functions']);
  });

  it('callbacks a top-level call runs once (fs callbacks, promise then/catch) fill a registry at start-up; fs.watch and a timer run again', () => {
    const files = {
      'package.json': '{"dependencies":{"express":"4"}}',
      'src/theme.js': `const fs = require('node:fs');
const { readFile, watch } = require('fs');
const cssFiles = [];
const templates = {};
const fonts = [];
const reloaded = [];
const ticks = [];
if (fs.existsSync('custom/css')) {
  fs.readdir('custom/css', function (error, files) {
    if (!error) files.forEach(function (name) { cssFiles.push(name); });
  });
}
readFile('templates.json', 'utf8', (err, text) => { if (!err) Object.assign(templates, JSON.parse(text)); });
loadFonts().then((list) => { fonts.push(...list); }).catch(() => { fonts.length = 0; });
watch('custom/css', () => { reloaded.push(Date.now()); });
setInterval(() => { ticks.push(Date.now()); }, 1000);
function loadFonts() { return Promise.resolve(['Inter']); }
module.exports = { cssFiles, templates, fonts, reloaded, ticks };
`,
    };
    assert.deepStrictEqual(stateOf(files), ['src/theme.js:6 module-level reloaded mutated by functions', 'src/theme.js:7 module-level ticks mutated by functions']);
  });

  it('what a start-up function the module calls once fills (bootstrap()) sets the process up; the same write elsewhere is state', () => {
    // traduora's main.ts: the app is kept to close it on shutdown.
    const main = `import { start, onShutdown } from './app';
const closables: unknown[] = [];
const handlers = new Map<string, () => void>();

async function bootstrap() {
  const app = await start();
  closables.push(app);
  app.on('route', (path: string) => handlers.set(path, () => undefined));
}

bootstrap().then(() => onShutdown(closables));
`;
    const app = `export async function start() { return { on(_e: string, _f: (p: string) => void) {} }; }\nexport function onShutdown(_c: unknown[]) {}\n`;
    assert.deepStrictEqual(stateOf({ 'src/main.ts': main, 'src/app.ts': app }), ['src/main.ts:3 module-level handlers mutated by functions']);
    // Exported, or called from another function as well: it may run again.
    const exported = main.replace('async function bootstrap', 'export async function bootstrap');
    assert.deepStrictEqual(stateOf({ 'src/main.ts': exported, 'src/app.ts': app }), ['src/main.ts:2 module-level closables mutated by functions', 'src/main.ts:3 module-level handlers mutated by functions']);
    const again = main.replace('bootstrap().then', 'process.on(\'SIGHUP\', () => bootstrap());\nbootstrap().then');
    assert.deepStrictEqual(stateOf({ 'src/main.ts': again, 'src/app.ts': app }), ['src/main.ts:2 module-level closables mutated by functions', 'src/main.ts:3 module-level handlers mutated by functions']);
  });

  it("a library's object made with new (a metric) and a timer handle are handles the process holds, not state", () => {
    const src = `import * as Prometheus from 'prom-client';
import { Counter } from 'prom-client';
let uploads = new Prometheus.Counter({ name: 'uploads', help: 'uploads' });
let errors = new Counter({ name: 'errors', help: 'errors' });
let loop: NodeJS.Timeout | undefined;
let lastUpload = '';
export function reRegister() {
  uploads = new Prometheus.Counter({ name: 'uploads', help: 'uploads' });
  errors = new Counter({ name: 'errors', help: 'errors' });
}
export function start() { loop = setInterval(() => uploads.inc(), 5000); }
export function stop() { clearInterval(loop); }
export function record(file: string) { lastUpload = file; uploads.inc(); }
`;
    assert.deepStrictEqual(stateOf({ 'package.json': '{"dependencies":{"prom-client":"15"}}', 'src/metrics.ts': src }), ['src/metrics.ts:6 module-level lastUpload mutated by functions']);
  });

  it('variables of test files are not state a deployment shares', () => {
    const src = 'let app: unknown;\nbeforeEach(() => { app = {}; });\nconst seen = new Set();\nit("x", () => { seen.add(1); });\n';
    assert.deepStrictEqual(stateOf({ 'test/app.test.ts': src, 'src/__tests__/b.ts': src, 'src/c.spec.js': src }), []);
  });

  it('only in modules the backend runs: a client hook is not server state, a cache a route imports is', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'notes', dependencies: { express: '^4.19.0', react: '^18.0.0' } }),
      'server/app.ts': `import express from 'express';
import { remember } from './cache';
import type { EditorProps } from '../web/editor';
export const app = express();
app.get('/notes/:id', (req, res) => res.json(remember(req.params.id)));
export type Props = EditorProps;
`,
      'server/cache.ts': `const recent = new Map<string, number>();
export function remember(id: string) { recent.set(id, Date.now()); return recent.size; }
`,
      // Reached from the server by a type-only import: a browser bundle, not the server process.
      'web/editor.tsx': `import { useEffect } from 'react';
import { onKey } from './hooks';
export interface EditorProps { id: string }
export function Editor(p: EditorProps) { useEffect(() => onKey(p.id), [p.id]); return null; }
`,
      'web/hooks.ts': `const handlers: string[] = [];
export function onKey(id: string) { handlers.push(id); }
`,
    };
    assert.deepStrictEqual(stateOf(files), ['server/cache.ts:1 module-level recent mutated by functions']);
    // With no ORM, router or queue anywhere, the backend cannot be told apart: every module counts.
    const { 'server/app.ts': _app, ...frameworkless } = files;
    assert.deepStrictEqual(stateOf(frameworkless), ['server/cache.ts:1 module-level recent mutated by functions', 'web/hooks.ts:1 module-level handlers mutated by functions']);
  });

  it('handles a process opens and closes are not state: a framework value, a package-typed binding, a reset to the start value', () => {
    const src = `import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { Pool } from 'pg';
import { createPool } from './pool';

let connection: ConnectionOptions | null = null;
let queue: Queue | null = null;
let worker: Worker | null = null;
let pool = createPool();
let raw: Pool | undefined;
let jobsSeen = 0;

export function start(url: string) {
  connection = { url };
  queue = new Queue('mail', { connection });
  worker = new Worker('mail', async () => { jobsSeen += 1; }, { connection });
  raw = new Pool();
}
export async function reconnect() {
  pool = createPool();
}
export async function stop() {
  if (worker) await worker.close();
  queue && (await queue.close());
  worker = null;
  queue = null;
  connection = null;
}
`;
    assert.deepStrictEqual(stateOf({ 'src/jobs.ts': src, 'src/pool.ts': 'export const createPool = () => ({ end() {} });\n' }), [
      'src/jobs.ts:10 module-level jobsSeen mutated by functions',
    ]);
    // Testing or clearing the queue variable uses nothing of BullMQ; closing it does.
    const jobs = analyzeFiles({ 'src/jobs.ts': src, 'src/pool.ts': 'export const createPool = () => ({ end() {} });\n' }).modules.find((m) => m.path === 'src/jobs.ts')!;
    const queueLines = [...new Set(jobs.sites.filter((s) => s.concern === 'queue').map((s) => s.line))].sort((a, b) => a - b);
    const lineOf = (needle: string) => src.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const expected = ["from 'bullmq'", 'let connection', 'let queue', 'let worker', 'queue = new Queue', 'worker = new Worker', 'await worker.close', 'await queue.close'].map(lineOf);
    assert.deepStrictEqual(queueLines, expected.sort((a, b) => a - b));
  });

  it("every read and write of a store in the module's functions is a session site, not only its declaration", () => {
    const src = `const sessions = new Map<string, { user: string }>();

export function login(token: string, user: string) {
  sessions.set(token, { user });
}
export function whoIs(token: string) {
  const entry = sessions.get(token);
  return entry?.user;
}
export function count() {
  return sessions.size;
}
`;
    const m = analyzeFiles({ 'src/sessions.ts': src }).modules.find((x) => x.path === 'src/sessions.ts')!;
    assert.deepStrictEqual(
      m.sites.map((s) => `${s.line} ${s.kind} ${s.framework} ${s.text}`),
      ['1 state module-state sessions = new Map<string, { user: string }>()', '4 call module-state sessions.set(token, { user })', '7 call module-state sessions.get(token)', '11 member module-state sessions.size'],
    );
  });
});
