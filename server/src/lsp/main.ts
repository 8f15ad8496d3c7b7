/**
 * The Strangler language server: one `FolderAnalysis` per workspace folder, wired to LSP — progress, code
 * lenses, diagnostics, hovers and code actions in JS/TS files, the plan language's features in `.strangler`
 * files, and the custom requests of `shared/protocol.ts` that fill the client's views.
 */
import * as path from 'path';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, FileChangeType, CodeLensRefreshRequest, type WorkspaceFolder, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generatePlan } from '../engine/plan/generate';
import { mergePlan } from '../engine/plan/merge';
import { readPlanFile, writePlanFile } from '../engine/plan/planFileStore';
import { readWorkspace } from '../engine/verify/workspace';
import { printPlan } from '../planfile/print';
import { parsePlan } from '../planfile/parse';
import { TOOL_VERSION } from '../engine/report';
import * as P from '../shared/protocol';
import { ResultCache } from './cache';
import { FolderAnalysis } from './folder';
import { codeLenses, checkDiagnostics, siteHover, sourceCodeActions, moduleOf } from './sourceFeatures';
import { planCodeActions, planCompletion, planDefinition, planDiagnostics, planHover, planSymbols } from './planFeatures';
import { markStepDone } from './planEdits';
import { exportFormats, folderMap, runExport } from './exports';
import { folderInventory, folderPlan, folderStatus, hotspotItem, hotspots, siteItem } from './views';
import { pathToUri, uriToPath, relativeTo } from './uris';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const folders = new Map<string, FolderAnalysis>();
let cache: ResultCache | undefined;
let supportsConfiguration = false;
let supportsLensRefresh = false;
let supportsFolders = false;
let initialFolders: WorkspaceFolder[] = [];
/** What was last sent per URI, per folder: unchanged diagnostics are not sent again, stale ones are cleared. */
const published = new Map<FolderAnalysis, Map<string, string>>();
const progressTokens = new Map<FolderAnalysis, { done(): void; report(pct: number, message: string): void }>();

const log = (message: string) => connection.console.log(message);

connection.onInitialize((params: InitializeParams) => {
  supportsConfiguration = !!params.capabilities.workspace?.configuration;
  supportsLensRefresh = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  supportsFolders = !!params.capabilities.workspace?.workspaceFolders;
  const storage = (params.initializationOptions as { storagePath?: string } | undefined)?.storagePath;
  if (storage) cache = new ResultCache(path.join(storage, 'analysis-cache'));
  initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(uriToPath(params.rootUri) ?? 'workspace') }] : []);
  return {
    serverInfo: { name: 'strangler', version: TOOL_VERSION },
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeLensProvider: { resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor'] },
      completionProvider: { triggerCharacters: [' ', '/'] },
      documentSymbolProvider: true,
      definitionProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
  };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) connection.onDidChangeConfiguration(() => void refreshSettings());
  if (supportsFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) removeFolder(f.uri);
      for (const f of e.added) void addFolder(f);
    });
  }
  await Promise.all(initialFolders.map(addFolder));
});

async function settingsFor(uri: string): Promise<P.StranglerSettings> {
  if (!supportsConfiguration) return P.DEFAULT_SETTINGS;
  const s = ((await connection.workspace.getConfiguration({ scopeUri: uri, section: 'strangler' })) ?? {}) as Partial<P.StranglerSettings>;
  const d = P.DEFAULT_SETTINGS;
  return {
    include: Array.isArray(s.include) ? s.include : d.include,
    exclude: Array.isArray(s.exclude) ? s.exclude : d.exclude,
    concerns: Array.isArray(s.concerns) && s.concerns.length ? s.concerns : d.concerns,
    churnDays: typeof s.churnDays === 'number' ? s.churnDays : d.churnDays,
    rulePackFolder: typeof s.rulePackFolder === 'string' && s.rulePackFolder ? s.rulePackFolder : d.rulePackFolder,
    planFile: typeof s.planFile === 'string' && s.planFile ? s.planFile : d.planFile,
    diagnostics: { ...d.diagnostics, ...(s.diagnostics ?? {}) },
    codeLens: typeof s.codeLens === 'boolean' ? s.codeLens : d.codeLens,
  };
}

async function addFolder(wf: WorkspaceFolder): Promise<void> {
  const root = uriToPath(wf.uri);
  if (!root || folders.has(wf.uri)) return;
  const folder = new FolderAnalysis(root, wf.uri, wf.name, await settingsFor(wf.uri), cache, { progress: onProgress, updated: onUpdated, log }, TOOL_VERSION);
  folders.set(wf.uri, folder);
  for (const doc of documents.all()) overlay(doc);
  sendStatus();
  await folder.start();
}

function removeFolder(uri: string): void {
  const folder = folders.get(uri);
  if (!folder) return;
  folders.delete(uri);
  folder.dispose();
  for (const u of published.get(folder)?.keys() ?? []) connection.sendDiagnostics({ uri: u, diagnostics: [] });
  published.delete(folder);
  progressTokens.get(folder)?.done();
  sendStatus();
}

async function refreshSettings(): Promise<void> {
  for (const folder of folders.values()) folder.setSettings(await settingsFor(folder.uri));
}

function onProgress(folder: FolderAnalysis, event: import('../engine/options').ProgressEvent | undefined): void {
  if (!event) {
    if (progressTokens.has(folder)) return;
    const holder = { done: () => undefined, report: (_pct: number, _message: string) => undefined } as { done(): void; report(pct: number, message: string): void };
    progressTokens.set(folder, holder);
    void connection.window.createWorkDoneProgress().then((p) => {
      if (progressTokens.get(folder) !== holder) return p.done();
      p.begin(`Strangler: analysing ${folder.name}`, 0, 'discovering files', false);
      holder.report = (pct, message) => p.report(pct, message);
      holder.done = () => p.done();
    }, () => undefined);
    sendStatus();
    return;
  }
  const weights: Record<string, [number, number]> = { discover: [0, 5], extract: [5, 60], bind: [60, 65], detect: [65, 95], graph: [95, 96], churn: [96, 99], rank: [99, 100] };
  const [from, to] = weights[event.stage] ?? [0, 100];
  const pct = Math.round(from + ((to - from) * event.done) / Math.max(1, event.total));
  progressTokens.get(folder)?.report(pct, `${event.stage} ${event.done}/${event.total}`);
}

function onUpdated(folder: FolderAnalysis): void {
  const token = progressTokens.get(folder);
  if (token && folder.state !== 'analysing') {
    token.done();
    progressTokens.delete(folder);
  }
  publishDiagnostics(folder);
  sendStatus();
  if (supportsLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

function sendStatus(): void {
  connection.sendNotification(P.Notifications.status, { folders: [...folders.values()].map(folderStatus) } satisfies P.StatusParams);
}

/**
 * Sends the diagnostics of the files whose diagnostics changed since the last time (an edit usually changes
 * one file's, while a plan has violations in hundreds), and clears those of files that have none any more.
 */
function publishDiagnostics(folder: FolderAnalysis): void {
  const byUri = checkDiagnostics(folder);
  const planUri = pathToUri(folder.planFile);
  byUri.set(planUri, [...(byUri.get(planUri) ?? []), ...planDiagnostics(folder)]);
  const before = published.get(folder) ?? new Map<string, string>();
  const now = new Map<string, string>();
  for (const uri of before.keys()) if (!byUri.has(uri)) connection.sendDiagnostics({ uri: documentUri(uri), diagnostics: [] });
  for (const [uri, diagnostics] of byUri) {
    const sent = JSON.stringify(diagnostics);
    now.set(uri, sent);
    if (before.get(uri) !== sent) connection.sendDiagnostics({ uri: documentUri(uri), diagnostics });
  }
  published.set(folder, now);
}

/** The URI as the client spelled it when the document is open, so diagnostics land on the open editor. */
function documentUri(uri: string): string {
  const file = uriToPath(uri);
  return documents.all().find((d) => uriToPath(d.uri) === file)?.uri ?? uri;
}

/** The folder a file belongs to: the innermost workspace folder containing it. */
function folderOf(uriOrPath: string): FolderAnalysis | undefined {
  const file = uriToPath(uriOrPath) ?? uriOrPath;
  let best: FolderAnalysis | undefined;
  for (const f of folders.values()) if ((file === f.root || relativeTo(f.root, file)) && (!best || f.root.length > best.root.length)) best = f;
  return best;
}

function isPlan(uri: string): boolean {
  const file = uriToPath(uri);
  const folder = file ? folderOf(file) : undefined;
  return !!file && (file.endsWith('.strangler') || (!!folder && path.resolve(file) === folder.planFile));
}

/** Tells the folder the editor's text of a document; `closed` gives the file back to the disk. */
function overlay(doc: TextDocument, closed = false): void {
  const text = closed ? undefined : doc.getText();
  const file = uriToPath(doc.uri);
  if (!file) return;
  folderOf(file)?.setOverlay(file, text);
}

documents.onDidChangeContent((e) => overlay(e.document));
documents.onDidClose((e) => overlay(e.document, true));

connection.onDidChangeWatchedFiles((params) => {
  const byFolder = new Map<FolderAnalysis, { file: string; created: boolean; deleted: boolean }[]>();
  for (const change of params.changes) {
    const file = uriToPath(change.uri);
    const folder = file ? folderOf(file) : undefined;
    if (!file || !folder) continue;
    // An open document's text is the editor's; the disk only matters for files not open.
    if (change.type === FileChangeType.Changed && documents.all().some((d) => uriToPath(d.uri) === file)) continue;
    let list = byFolder.get(folder);
    if (!list) byFolder.set(folder, (list = []));
    list.push({ file, created: change.type === FileChangeType.Created, deleted: change.type === FileChangeType.Deleted });
  }
  for (const [folder, changes] of byFolder) folder.filesChanged(changes);
});

connection.onCodeLens((params) => {
  if (isPlan(params.textDocument.uri)) return [];
  const file = uriToPath(params.textDocument.uri);
  const folder = file ? folderOf(file) : undefined;
  return folder && file ? codeLenses(folder, file) : [];
});

connection.onHover((params) => {
  const file = uriToPath(params.textDocument.uri);
  const folder = file ? folderOf(file) : undefined;
  if (!folder || !file) return null;
  return isPlan(params.textDocument.uri) ? planHover(folder, params.position) : siteHover(folder, file, params.position);
});

connection.onCodeAction((params) => {
  const file = uriToPath(params.textDocument.uri);
  const folder = file ? folderOf(file) : undefined;
  if (!folder || !file) return [];
  return isPlan(params.textDocument.uri) ? planCodeActions(folder, params.range.start.line) : sourceCodeActions(folder, file);
});

connection.onCompletion((params) => {
  const doc = documents.get(params.textDocument.uri);
  const folder = folderOf(params.textDocument.uri);
  if (!doc || !folder || !isPlan(doc.uri)) return [];
  return planCompletion(folder, doc.getText(), params.position);
});

connection.onDocumentSymbol((params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !isPlan(doc.uri)) return [];
  return planSymbols(parsePlan(doc.getText()).plan);
});

connection.onDefinition((params) => {
  const folder = folderOf(params.textDocument.uri);
  return folder && isPlan(params.textDocument.uri) ? planDefinition(folder, params.position) : [];
});

// ---- custom requests (shared/protocol.ts) ----

const selected = (folder?: string) => [...folders.values()].filter((f) => !folder || f.uri === folder || uriToPath(f.uri) === uriToPath(folder));

connection.onRequest(P.Requests.hotspots, (params: P.HotspotsParams): P.HotspotsResult => ({ items: selected(params?.folder).flatMap(hotspots) }));

connection.onRequest(P.Requests.sites, (params: P.SitesParams): P.SitesResult => {
  const folder = folderOf(params.uri);
  const file = uriToPath(params.uri);
  const m = folder && file ? moduleOf(folder, file) : undefined;
  return { sites: folder && m ? m.sites.map((s) => siteItem(folder, s)) : [] };
});

connection.onRequest(P.Requests.plan, (params: P.PlanParams): P.PlanResult => ({ plans: selected(params?.folder).map(folderPlan) }));

connection.onRequest(P.Requests.inventory, (params: P.InventoryParams): P.InventoryResult => ({ inventories: selected(params?.folder).map(folderInventory) }));

connection.onRequest(P.Requests.status, (): P.StatusParams => ({ folders: [...folders.values()].map(folderStatus) }));

connection.onRequest(P.Requests.moduleAt, (params: P.ModuleAtParams): P.ModuleAtResult => {
  const folder = folderOf(params.uri);
  const file = uriToPath(params.uri);
  const m = folder && file ? moduleOf(folder, file) : undefined;
  return { item: folder && m && (m.rank !== null || (m.test && m.sites.length > 0)) ? hotspotItem(folder, m) : undefined };
});

connection.onRequest(P.Requests.analyse, async (params: P.AnalyseParams) => {
  await Promise.all(selected(params?.folder).map((f) => f.reanalyse()));
  return { folders: [...folders.values()].map(folderStatus) };
});

connection.onRequest(P.Requests.markStepDone, async (params: P.MarkStepParams): Promise<P.PlanEditResult> => {
  const folder = folderOf(params.planUri);
  if (!folder) return { ok: false, message: 'the plan is not in an open workspace folder' };
  await folder.idle();
  const doc = documents.all().find((d) => uriToPath(d.uri) === uriToPath(params.planUri));
  const text = doc?.getText() ?? folder.planText;
  if (text === undefined) return { ok: false, message: 'there is no plan file yet: generate one first' };
  return markStepDone(doc?.uri ?? params.planUri, text, params.stepId, params.date);
});

connection.onRequest(P.Requests.generatePlan, async (params: P.GeneratePlanParams): Promise<P.GeneratePlanResult> => {
  const folder = selected(params?.folder)[0];
  if (!folder) return { ok: false, message: 'open a folder first' };
  await folder.idle();
  if (!folder.result || folder.state === 'no-code') return { ok: false, message: `${folder.name} has no JavaScript or TypeScript to plan for` };
  const planUri = pathToUri(folder.planFile);
  if (documents.all().some((d) => uriToPath(d.uri) === folder.planFile && d.getText() !== folder.planText)) return { ok: false, message: 'the plan has unsaved changes: save it first', planUri };
  const snapshot = readPlanFile(folder.planFile);
  const existing = snapshot.text === null ? undefined : parsePlan(snapshot.text);
  if (existing?.diagnostics.some((d) => d.severity === 'error')) return { ok: false, message: 'the plan has errors: fix them first (the file was not changed)', planUri };
  const moves = existing?.plan.header?.moves.map(({ concern, from, to }) => ({ concern, from, to }));
  const generated = generatePlan(folder.result, { moves: moves?.length ? moves : undefined, order: existing?.plan.header?.order?.strategy, workspace: readWorkspace(folder.root) });
  const text = snapshot.text === null ? printPlan(generated) : mergePlan(snapshot.text, generated).text;
  if (text === snapshot.text) return { ok: true, message: 'the plan is up to date', planUri, created: false };
  const outcome = writePlanFile(snapshot, text);
  if (!outcome.written) return { ok: false, message: outcome.reason, planUri };
  folder.filesChanged([{ file: folder.planFile, created: snapshot.text === null, deleted: false }]);
  return { ok: true, message: snapshot.text === null ? `wrote ${path.basename(folder.planFile)}` : `merged what is new into ${path.basename(folder.planFile)}`, planUri, created: snapshot.text === null };
});

connection.onRequest(P.Requests.exportFormats, () => exportFormats());

connection.onRequest(P.Requests.export, async (params: P.ExportParams): Promise<P.ExportResult> => {
  const folder = selected(params?.folder)[0];
  if (!folder) return { ok: false, message: 'open a folder first' };
  await folder.idle();
  return runExport(folder, params);
});

connection.onRequest(P.Requests.map, (params: P.MapParams): P.MapResult => ({ maps: selected(params?.folder).map(folderMap) }));

documents.listen(connection);
connection.listen();
