/**
 * The built language server (dist/server.js) over real JSON-RPC on Node IPC, the transport the extension
 * uses, against a fresh copy of the bundled example: initialize and progress, the view requests, code lenses,
 * a regression diagnostic that appears after an edit and goes after the fix, the plan file's completion,
 * symbols, hover and code actions, generating a plan, and the persistent cache on a second start.
 */
import * as assert from 'assert';
import { fork, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as rpc from 'vscode-jsonrpc/node';
import type { CodeLens, CompletionItem, CodeAction, DocumentSymbol, Hover, PublishDiagnosticsParams, Location } from 'vscode-languageserver-protocol';
import { Notifications, Requests, type StatusParams, type HotspotsResult, type PlanResult, type InventoryResult, type GeneratePlanResult, type PlanEditResult, type SitesResult, type ExportResult, type MapResult } from '../../server/src/shared/protocol';

const REPO = path.resolve(__dirname, '..', '..');
const SERVER = path.join(REPO, 'dist', 'server.js');

const PLAN = `plan "Leave TypeORM"
  move orm from typeorm to prisma

phase "Seams"
  step templates-pure "Keep e-mail templates free of the ORM"
    check none orm in src/notifications/templates.ts
    status done 2026-11-01

  step payments-gateway "Keep the payment gateway free of the ORM"
    check none orm in src/payments/stripeGateway.ts

  step users-orm "Hide TypeORM in src/users"
    scope src/users/**
    check ratchet orm in src/users/** at-most 500
`;

class Server {
  readonly conn: rpc.MessageConnection;
  readonly child: ChildProcess;
  readonly statuses: StatusParams[] = [];
  readonly progress: unknown[] = [];
  readonly log: string[] = [];
  /** Every URI diagnostics were published to, in order. */
  readonly publishedTo: string[] = [];
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: (() => void)[] = [];

  constructor(readonly root: string, readonly storage: string) {
    this.child = fork(SERVER, ['--node-ipc', `--clientProcessId=${process.pid}`], { stdio: ['ignore', 'ignore', process.env.STRANGLER_SERVER_STDERR ? 'inherit' : 'ignore', 'ipc'] });
    this.conn = rpc.createMessageConnection(new rpc.IPCMessageReader(this.child), new rpc.IPCMessageWriter(this.child));
    // `$/progress` is routed by token: listen on each token the server creates.
    this.conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.conn.onProgress(new rpc.ProgressType<unknown>(), p.token, (value) => this.push(() => this.progress.push({ token: p.token, value })));
      return null;
    });
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onNotification('window/logMessage', (m: { message: string }) => this.log.push(m.message));
    this.conn.onNotification(Notifications.status, (s: StatusParams) => this.push(() => this.statuses.push(s)));
    this.conn.onNotification('textDocument/publishDiagnostics', (d: PublishDiagnosticsParams) =>
      this.push(() => {
        this.diagnostics.set(d.uri, d);
        this.publishedTo.push(d.uri);
      }),
    );
    this.conn.listen();
  }

  private push(f: () => void): void {
    f();
    const w = this.waiters;
    this.waiters = [];
    w.forEach((x) => x());
  }

  /** Waits until `test` holds, re-checking at each notification (no sleeps). */
  async until<T>(what: string, test: () => T | undefined | false, ms = 60_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = test();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last status ${JSON.stringify(this.statuses.at(-1))}; server log:\n${this.log.join('\n')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  async initialize(): Promise<void> {
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(this.root).href,
      workspaceFolders: [{ uri: pathToFileURL(this.root).href, name: path.basename(this.root) }],
      capabilities: { window: { workDoneProgress: true }, workspace: { codeLens: { refreshSupport: true } } },
      initializationOptions: { storagePath: this.storage },
    });
    await this.conn.sendNotification('initialized', {});
  }

  ready(): Promise<StatusParams> {
    return this.until('a ready status', () => this.statuses.find((s) => s.folders[0]?.state === 'ready' && !s.folders[0].lastRun?.fromCache));
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    this.child.kill();
  }
}

/** A server on a fresh copy of a project folder, with `files` written into the copy first, once it is ready. */
async function serverOn(source: string, files: Record<string, string> = {}): Promise<{ tmp: string; root: string; server: Server }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-server-'));
  const root = path.join(tmp, path.basename(source));
  fs.cpSync(source, root, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
  const server = new Server(root, path.join(tmp, 'storage'));
  await server.initialize();
  await server.ready();
  return { tmp, root, server };
}

describe('language server over JSON-RPC', function () {
  this.timeout(120_000);
  let tmp: string;
  let root: string;
  let server: Server;

  before(async () => {
    assert.ok(fs.existsSync(SERVER), 'dist/server.js is built by npm test');
    ({ tmp, root, server } = await serverOn(path.join(REPO, 'examples', 'legacy-shop'), { 'migration.strangler': PLAN }));
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports progress while the first analysis runs, then a ready status with the plan progress', async () => {
    const begin = server.progress.find((p) => (p as { value: { kind: string } }).value.kind === 'begin');
    assert.ok(begin, 'a $/progress begin');
    assert.ok(server.progress.some((p) => (p as { value: { kind: string } }).value.kind === 'end'), 'a $/progress end');
    const status = server.statuses.at(-1)!.folders[0];
    assert.strictEqual(status.modules, 50);
    assert.strictEqual(status.coupledModules, 42);
    assert.deepStrictEqual(status.progress, { verified: 1, regressed: 0, total: 3 });
  });

  it('answers the view requests: hotspots by rank with their sites, the plan, the inventory', async () => {
    const { items } = await server.conn.sendRequest<HotspotsResult>(Requests.hotspots, {});
    assert.strictEqual(items.length, 42);
    assert.deepStrictEqual(items.map((i) => i.rank), items.map((_, i) => i + 1));
    assert.strictEqual(items[0].path, 'src/orders/orders.service.ts');
    assert.ok(items[0].formula.endsWith(`= ${items[0].score}`), items[0].formula);
    const users = items.find((i) => i.path === 'src/users/users.service.ts')!;
    assert.strictEqual(users.step?.id, 'users-orm', 'the step whose scope covers it');
    const router = items.find((i) => i.path === 'src/users/users.router.ts')!;
    const { sites } = await server.conn.sendRequest<SitesResult>(Requests.sites, { uri: router.uri });
    assert.strictEqual(sites.length, router.sites);
    // Express, and the express-session session its handlers read through req.session.
    assert.deepStrictEqual([...new Set(sites.map((s) => s.concern))].sort(), ['routing', 'session']);
    assert.ok(sites.every((s) => s.line >= 0));
    const { plans } = await server.conn.sendRequest<PlanResult>(Requests.plan, {});
    assert.deepStrictEqual(plans[0].phases[0].steps.map((s) => [s.id, s.state]), [['templates-pure', 'verified'], ['payments-gateway', 'ready'], ['users-orm', 'ready']]);
    const { inventories } = await server.conn.sendRequest<InventoryResult>(Requests.inventory, {});
    assert.strictEqual(inventories[0].routes.length, 30);
    assert.ok(inventories[0].queues.length > 0 && inventories[0].models.length === 8);
    // Readers and writers travel with the model, as 0-based places (orders.service.ts:13 reads Order).
    const order = inventories[0].models.find((m) => m.name === 'Order')!;
    assert.ok(order.readers?.some((p) => p.uri.endsWith('/src/orders/orders.service.ts') && p.line === 12), JSON.stringify(order.readers));
    assert.ok(order.writers?.length, 'Order has writers');
    // Read through the generic BaseRepository<T> (src/shared/BaseRepository.ts:18) and its subclass; Address is not followed.
    const user = inventories[0].models.find((m) => m.name === 'User')!;
    assert.ok(user.readers?.some((p) => p.uri.endsWith('/src/shared/BaseRepository.ts') && p.line === 17), JSON.stringify(user.readers));
    assert.strictEqual(inventories[0].models.find((m) => m.name === 'Address')!.readers, undefined, 'Address has no readers listed');
  });

  it('gives code lenses on a coupled module: rank, score, sites, owning step, declarations and routes', async () => {
    const lenses = await server.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: server.uri('src/users/users.service.ts') } });
    const titles = lenses.map((l) => l.command!.title);
    assert.match(titles[0], /^Strangler #\d+ · score [\d.]+ · orm \d+/);
    assert.match(titles[1], /^\d+ coupling sites$/);
    assert.strictEqual(titles[2], 'Plan: users-orm (ready)');
    assert.ok(titles.some((t) => /^class UsersService: \d+ sites/.test(t)), titles.join(' | '));
    const router = await server.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: server.uri('src/users/users.router.ts') } });
    assert.ok(router.some((l) => /^GET \/api\/users/.test(l.command!.title)), 'a lens per route');
    const none = await server.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: server.uri('src/shared/money.ts') } });
    assert.deepStrictEqual(none, [], 'no lens on an uncoupled module');
  });

  it('shows a regression as an error after an edit brings the ORM back into a done step, and clears it after the fix', async () => {
    const uri = server.uri('src/notifications/templates.ts');
    const original = fs.readFileSync(path.join(root, 'src/notifications/templates.ts'), 'utf8');
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: original } });
    const broken = `import { AppDataSource } from '../db';\n${original}\nexport const lookup = () => AppDataSource.getRepository('Template').find();\n`;
    const t0 = Date.now();
    const publishedBefore = server.publishedTo.length;
    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
    const d = await server.until('a regression diagnostic', () => server.diagnostics.get(uri)?.diagnostics.find((x) => x.code === 'regression'));
    const roundTrip = Date.now() - t0;
    assert.strictEqual(d.severity, 1, 'an error');
    assert.match(d.message, /step 'templates-pure' is done/);
    assert.strictEqual(d.relatedInformation?.[0].location.uri, server.uri('migration.strangler'));
    assert.strictEqual(d.relatedInformation?.[0].location.range.start.line, 5, 'the check line of the plan');
    const planDiags = await server.until('the plan shows it', () => server.diagnostics.get(server.uri('migration.strangler'))?.diagnostics.find((x) => x.code === 'regression'));
    assert.strictEqual(planDiags.range.start.line, 5);
    const status = await server.until('a status with the regression', () => server.statuses.find((s) => s.folders[0].progress?.regressed === 1)?.folders[0]);
    assert.deepStrictEqual(status.progress, { verified: 0, regressed: 1, total: 3 });
    assert.strictEqual(status.lastRun?.incremental, true, 'an edit is re-analysed incrementally');
    assert.deepStrictEqual([...new Set(server.publishedTo.slice(publishedBefore))].sort(), [server.uri('migration.strangler'), uri].sort(), 'only the diagnostics that changed are sent again');
    process.stdout.write(`      (edit → regression diagnostic round trip: ${roundTrip} ms)\n`);

    await server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: original }] });
    await server.until('the diagnostic cleared', () => server.diagnostics.get(uri)?.diagnostics.length === 0);
    await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('hovers a coupling site with the framework, the plan move and its hint', async () => {
    const uri = server.uri('src/orders/orders.service.ts');
    const { sites } = await server.conn.sendRequest<SitesResult>(Requests.sites, { uri });
    const call = sites.find((s) => s.framework === 'typeorm' && s.kind === 'call');
    assert.ok(call, 'orders.service.ts calls TypeORM');
    const hover = await server.conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: call.line, character: call.character + 1 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /orm coupling to \*\*typeorm\*\* \(call, weight [\d.]+\)/);
    assert.ok(value.includes(call.text), value);
    assert.match(value, /Plan: move orm from typeorm to \*\*prisma\*\*/);
    const nothing = await server.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: server.uri('src/shared/money.ts') }, position: { line: 0, character: 0 } });
    assert.strictEqual(nothing, null);
  });

  it('serves the plan language: completion, outline, hover with live counts, definition and code actions', async () => {
    const planUri = server.uri('migration.strangler');
    const text = fs.readFileSync(path.join(root, 'migration.strangler'), 'utf8') + '    check \n';
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: planUri, languageId: 'strangler', version: 1, text } });
    const lines = text.split('\n');
    const last = lines.length - 2;
    const rules = await server.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: planUri }, position: { line: last, character: lines[last].length } });
    assert.deepStrictEqual(rules.map((c) => c.label), ['none', 'at-most', 'ratchet', 'dependency', 'routes']);
    const concerns = await server.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: planUri }, position: { line: 1, character: '  move '.length } });
    assert.deepStrictEqual(concerns.map((c) => c.label), ['orm', 'routing', 'queue', 'session']);
    const globs = await server.conn.sendRequest<CompletionItem[]>('textDocument/completion', { textDocument: { uri: planUri }, position: { line: 13, character: '    check ratchet orm in '.length } });
    assert.ok(globs.some((c) => c.label === 'src/users/**'));

    const symbols = await server.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: planUri } });
    assert.deepStrictEqual(symbols.map((s) => s.name), ['Leave TypeORM', 'Seams']);
    assert.deepStrictEqual(symbols[1].children!.map((s) => s.name), ['templates-pure', 'payments-gateway', 'users-orm']);

    const hover = await server.conn.sendRequest<Hover>('textDocument/hover', { textDocument: { uri: planUri }, position: { line: 13, character: 6 } });
    assert.match((hover.contents as { value: string }).value, /Now: \*\*\d+ sites \(limit 500\)\*\*, passes/);

    const defs = await server.conn.sendRequest<Location[]>('textDocument/definition', { textDocument: { uri: planUri }, position: { line: 12, character: '    scope src/us'.length } });
    assert.deepStrictEqual(defs.map((d) => path.basename(d.uri)).sort(), ['Address.entity.ts', 'User.entity.ts', 'UserRepository.ts', 'users.router.ts', 'users.service.ts']);

    const actions = await server.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: planUri }, range: { start: { line: 13, character: 0 }, end: { line: 13, character: 0 } }, context: { diagnostics: [] } });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /^Tighten the ratchet to \d+$/.test(t)), titles.join(' | '));
    assert.ok(titles.includes("Mark step 'users-orm' done"), titles.join(' | '));
    const tighten = actions.find((a) => a.title.startsWith('Tighten'))!;
    const edit = tighten.edit!.changes![planUri][0];
    assert.strictEqual(edit.range.start.line, 13);
    assert.match(edit.newText, /^\d+$/);
    await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: planUri } });
  });

  it('marks a step done with an edit the client applies, and refuses an unknown step', async () => {
    const planUri = server.uri('migration.strangler');
    const r = await server.conn.sendRequest<PlanEditResult>(Requests.markStepDone, { planUri, stepId: 'payments-gateway', date: '2026-11-26' });
    assert.ok(r.ok && r.edit, r.message);
    assert.strictEqual(r.edit.edits[0].newText.trim(), 'status done 2026-11-26');
    const bad = await server.conn.sendRequest<PlanEditResult>(Requests.markStepDone, { planUri, stepId: 'no-such-step' });
    assert.strictEqual(bad.ok, false);
    assert.match(bad.message, /no-such-step/);
  });

  it('merges what is new into an existing plan without touching the user’s steps', async () => {
    const r = await server.conn.sendRequest<GeneratePlanResult>(Requests.generatePlan, {});
    assert.ok(r.ok, r.message);
    assert.strictEqual(r.created, false);
    const text = fs.readFileSync(path.join(root, 'migration.strangler'), 'utf8');
    assert.ok(text.includes('step templates-pure "Keep e-mail templates free of the ORM"') && text.includes('status done 2026-11-01'));
    assert.ok(/phase "Retire"/.test(text), 'new phases were added');

    await server.until('the plan view sees the new steps', () => server.statuses.at(-1)!.folders[0].progress!.total > 3);
  });

  it('exports the roadmap through the same registry as the CLI, atomically, and serves the migration map', async () => {
    const formats = await server.conn.sendRequest<{ id: string }[]>(Requests.exportFormats);
    assert.deepStrictEqual(formats.map((f) => f.id), ['markdown', 'html', 'json', 'csv', 'sarif', 'routes-json', 'nginx']);
    const file = path.join(tmp, 'out', 'roadmap.md');
    const r = await server.conn.sendRequest<ExportResult>(Requests.export, { format: 'markdown', file });
    assert.ok(r.ok, r.message);
    const md = fs.readFileSync(file, 'utf8');
    assert.match(md, /^# /);
    assert.ok(md.includes('templates-pure'), 'the plan as written, not a draft');
    assert.ok(fs.readdirSync(path.dirname(file)).every((f) => !f.includes('.tmp')), 'no temporary file left');
    const nginx = await server.conn.sendRequest<ExportResult>(Requests.export, { format: 'nginx' });
    assert.ok(nginx.ok && /location/.test(nginx.text!), nginx.message);
    const bad = await server.conn.sendRequest<ExportResult>(Requests.export, { format: 'docx' });
    assert.strictEqual(bad.ok, false);
    assert.match(bad.message, /unknown format 'docx'/);

    const { maps } = await server.conn.sendRequest<MapResult>(Requests.map, {});
    const map = maps[0];
    assert.ok(map.planExists);
    assert.ok(map.nodes.length >= 5, `${map.nodes.length} units`);
    const users = map.nodes.find((n) => n.label === 'src/users');
    assert.ok(users, map.nodes.map((n) => n.label).join(', '));
    assert.ok(users.topModule?.endsWith('/src/users/users.router.ts'), users.topModule);
    const ids = new Set(map.nodes.map((n) => n.id));
    assert.ok(map.edges.every((e) => ids.has(e.from) && ids.has(e.to)), 'edges join known units');
  });

  it('starts from the cache on a second run, and discards a corrupt cache', async () => {
    const second = new Server(root, path.join(tmp, 'storage'));
    try {
      await second.initialize();
      const cached = await second.until('a cached status', () => second.statuses.find((s) => s.folders[0]?.lastRun?.fromCache));
      assert.strictEqual(cached.folders[0].coupledModules, 42);
      await second.ready();
    } finally {
      await second.stop();
    }
    const dir = path.join(tmp, 'storage', 'analysis-cache');
    for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), '{"format":1,"schemaVersion":1,"key":"x","result":{"modules":"nope"}}');
    const third = new Server(root, path.join(tmp, 'storage'));
    try {
      await third.initialize();
      await third.ready();
      assert.ok(!third.statuses.some((s) => s.folders[0]?.lastRun?.fromCache), 'a corrupt cache is never shown');
    } finally {
      await third.stop();
    }
  });
});

describe('language server over JSON-RPC: test code', function () {
  this.timeout(120_000);
  let tmp: string;
  let server: Server;

  before(async () => {
    ({ tmp, server } = await serverOn(path.join(REPO, 'test', 'fixtures', 'express-sequelize-typescript')));
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists coupled test code after the ranked hotspots, unranked, and gives it a lens that says so', async () => {
    const { items } = await server.conn.sendRequest<HotspotsResult>(Requests.hotspots, {});
    assert.deepStrictEqual(
      items.map((i) => `${i.path} ${i.rank}${i.test ? ' test' : ''}`).slice(-4),
      ['src/models/index.ts 11', 'src/index.ts 12', 'test/helper.ts 0 test', 'test/users.test.ts 0 test'],
    );
    assert.ok(!items.some((i) => i.path === 'src/util/money.spec.ts'), 'an uncoupled test file is not listed');
    const lenses = await server.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: server.uri('test/helper.ts') } });
    const titles = lenses.map((l) => l.command!.title);
    assert.strictEqual(titles[0], 'Strangler test code, not ranked · coupling 4.25 · orm 5 · routing 2');
    assert.ok(titles.includes('7 coupling sites'), titles.join(' | '));
    const none = await server.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: server.uri('src/util/money.spec.ts') } });
    assert.deepStrictEqual(none, []);
    const at = await server.conn.sendRequest<{ item?: { path: string; test?: boolean } }>(Requests.moduleAt, { uri: server.uri('test/users.test.ts') });
    assert.deepStrictEqual([at.item?.path, at.item?.test], ['test/users.test.ts', true]);
  });
});
