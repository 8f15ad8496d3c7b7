/**
 * One workspace folder's analysis kept alive between runs, for the language server: the first run is the
 * whole pipeline; after an edit only the changed files are parsed again, and binding and detection are redone
 * for the modules the change can reach (the changed files, the barrels that re-export them, their importers,
 * and whatever a changed binding or parameter binding sends round), before graph and rank are rebuilt.
 *
 * Anything that changes which files exist or how they resolve (a file created, deleted or renamed, a
 * package.json, tsconfig, rule pack or Prisma schema changed) runs the whole pipeline again — still without
 * parsing files whose text is unchanged.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AnalysisResult, Problem } from './model';
import type { NormalizedOptions } from './options';
import { discover } from './discover/discover';
import type { Discovery } from './discover/discover';
import { createResolver } from './resolve/resolve';
import type { Resolver } from './resolve/resolve';
import { bindingSignature, parseModule, readModule } from './bind/module';
import { AstStore } from './bind/astStore';
import { given, importersOf, incomingParams, paramsOf, preferredParam, reexportClosure, surfaceOf } from './reach';
import type { ModuleUnit } from './bind/module';
import { PackIndex } from './bind/binding';
import { ProgramBinder } from './bind/bind';
import { detectModule } from './detect/detect';
import { fileOfKey } from './bind/evaluate';
import type { Decorations } from './bind/bind';
import type { ParamBindings } from './detect/detect';
import type { ModuleFacts } from './detect/facts';
import { buildGraph, transitiveDependents, cycles } from './graph/graph';
import { isTestFile } from './discover/testFiles';
import { readChurn } from './churn/churn';
import type { Churn } from './churn/churn';
import { buildResult } from './report';
import { wrapperQueues } from './compose/queueWrappers';
import { listedMounts } from './compose/mountLists';
import { wrapperRoutes } from './compose/routeWrappers';
import { builtinRulePacks, loadUserRulePacks, mergeRulePacks } from '../rules/loadRulePacks';
import { readPrismaModels } from './detect/prismaSchema';
import { defaultToolFolders } from './detect/toolModules';
import type { ModelEntry } from './model';

const MAX_DETECT_ROUNDS = 6;
const MAX_BIND_VISITS = 20;
/** Files handled between two turns of the event loop in `analyseAsync`. */
const CHUNK = 100;

interface Program {
  discovery: Discovery;
  resolver: Resolver;
  /** Problems of the workspace as a whole: discovery, configs, rule packs, Prisma. */
  globalProblems: Problem[];
  /** Problems of one module (syntax errors, unresolved imports), replaced when it is read again. */
  fileProblems: Map<string, Problem[]>;
  /** Sink the resolver reports into; drained into `fileProblems` after each module is read. */
  sink: Problem[];
  packs: PackIndex;
  units: Map<string, ModuleUnit>;
  binder: ProgramBinder;
  facts: Map<string, ModuleFacts>;
  /** The other modules whose syntax each module's detection read (route tables, constants, function bodies). */
  reads: Map<string, Set<string>>;
  churn: Churn;
  prisma: ModelEntry[];
}

/** What the last run did, for the status line and the benchmark. */
export interface RunInfo {
  incremental: boolean;
  parsed: number;
  rebound: number;
  redetected: number;
  /** Of those, modules no framework value could reach, which were not walked. */
  notWalked: number;
}

export class AnalysisSession {
  private program: Program | undefined;
  /** Unsaved editor text by relative path; wins over the disk. */
  private readonly overlay = new Map<string, string>();
  /** Every module's text, and as many of their trees as the budget keeps; reused while the text is unchanged. */
  readonly trees: AstStore;
  lastRun: RunInfo = { incremental: false, parsed: 0, rebound: 0, redetected: 0, notWalked: 0 };
  private disposed = false;

  constructor(readonly opts: NormalizedOptions) {
    this.trees = new AstStore(opts.treeBudgetChars);
  }

  /**
   * Lets go of the trees, texts and program when the session is replaced (the language server's "Analyse
   * Workspace", a settings change). Dropping the session alone is not enough: V8's optimised code can keep a
   * finished session's trees reachable until it is recompiled (400 MiB more on the 2,000-file benchmark, gone with
   * `--no-opt`). A run in progress stops at its next turn, as a cancelled one does.
   */
  dispose(): void {
    this.disposed = true;
    this.program = undefined;
    this.overlay.clear();
    this.trees.clear();
  }

  /** Sets (or with `undefined` clears) the editor's text of a file, by path relative to the root. */
  setOverlay(rel: string, text: string | undefined): void {
    if (text === undefined) this.overlay.delete(rel);
    else this.overlay.set(rel, text);
  }

  /** Whether the analysis knows this file (relative path). */
  has(rel: string): boolean {
    return this.program?.units.has(rel) ?? false;
  }

  unit(rel: string): ModuleUnit | undefined {
    return this.program?.units.get(rel);
  }

  /**
   * Every input the analysis reads, as path and text (source files with the editor's text, manifests, configs,
   * Prisma schemas, user rule packs): what a cache key is made of. They are those of the last full run, which
   * a cache entry describes, so the files are not read again; before the first run, those on disk.
   */
  inputs(): { path: string; text: string }[] {
    const discovery = this.program?.discovery ?? discover(this.opts);
    const out: { path: string; text: string }[] = [];
    // A full run applied the overlay to the discovered text already; before one, apply it here.
    for (const f of [...discovery.files, ...discovery.prismaSchemas]) out.push({ path: f.path, text: this.program ? f.text : (this.overlay.get(f.path) ?? f.text) });
    for (const m of discovery.manifests) out.push({ path: `${m.dir}/package.json`, text: JSON.stringify(m) });
    for (const c of discovery.configFiles) out.push({ path: c, text: readText(path.join(this.opts.root, c)) ?? '' });
    const rules = this.opts.rulePackDir;
    if (rules) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(rules).sort();
      } catch {
        // no folder: no user packs
      }
      for (const n of names) out.push({ path: `rules:${n}`, text: readText(path.join(rules, n)) ?? '' });
    }
    return out;
  }

  /** The whole pipeline; files whose text did not change since the last run are not parsed again. */
  analyse(): AnalysisResult {
    const run = this.stages();
    for (let step = run.next(); ; step = run.next()) if (step.done) return step.value;
  }

  /**
   * The whole pipeline, giving the event loop a turn every `CHUNK` files so progress reaches the client and
   * requests are answered; `cancelled()` is asked at each turn, and a cancelled run leaves the previous
   * program in place.
   */
  async analyseAsync(cancelled: () => boolean = () => false): Promise<AnalysisResult | undefined> {
    if (this.disposed) return undefined;
    const run = this.stages();
    for (let step = run.next(); ; step = run.next()) {
      if (step.done) return step.value;
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Dropping the generator is enough: the program is only replaced at its end.
      if (cancelled() || this.disposed) return undefined;
    }
  }

  private *stages(): Generator<void, AnalysisResult, void> {
    const opts = this.opts;
    const progress = opts.onProgress;
    progress({ stage: 'discover', done: 0, total: 1 });
    const discovery = discover(opts);
    for (const f of discovery.files) f.text = this.overlay.get(f.path) ?? f.text;
    progress({ stage: 'discover', done: 1, total: 1 });
    const globalProblems: Problem[] = [...discovery.problems];
    const user = opts.rulePackDir ? loadUserRulePacks(opts.rulePackDir) : { packs: [], problems: [] };
    // Messages name the pack file; keep them relative so output does not depend on where the workspace lives.
    for (const p of user.problems) globalProblems.push({ ...p, file: p.file ? relTo(opts.root, p.file) : p.file, message: p.file ? p.message.split(p.file).join(relTo(opts.root, p.file)) : p.message });
    const packs = new PackIndex(mergeRulePacks(builtinRulePacks(), user.packs), opts.concerns);

    const sink: Problem[] = [];
    const resolver = createResolver(opts.root, discovery, sink);
    globalProblems.push(...sink.splice(0));
    const units = new Map<string, ModuleUnit>();
    const fileProblems = new Map<string, Problem[]>();
    const program: Program = { discovery, resolver, globalProblems, fileProblems, sink, packs, units, binder: new ProgramBinder(units, packs), facts: new Map(), reads: new Map(), churn: { available: false, commits: new Map() }, prisma: [] };
    const total = discovery.files.length;
    let parsedCount = 0;
    const present = new Set(discovery.files.map((f) => f.path));
    for (const known of [...this.trees.paths()]) if (!present.has(known)) this.trees.forget(known);
    for (let i = 0; i < total; i++) {
      const f = discovery.files[i];
      if (this.readUnit(program, f.path, f.text)) parsedCount++;
      if (i % CHUNK === CHUNK - 1) {
        progress({ stage: 'extract', done: i + 1, total });
        yield;
      }
    }
    progress({ stage: 'extract', done: total, total });

    yield;
    program.binder.run();
    program.binder.useRequestSessions(packagesPresent(program));
    program.binder.defaultToolFolders = defaultToolFolders(discovery.manifests, packs, present);
    progress({ stage: 'bind', done: 1, total: 1 });
    yield;
    program.facts = yield* detectAll(program, progress, opts.walkEveryModule);

    program.churn = readChurn(opts.root, opts.churnDays, opts.now, globalProblems);
    progress({ stage: 'churn', done: 1, total: 1 });
    program.prisma = packs.byId.has('prisma') ? readPrismaModels(discovery.prismaSchemas, globalProblems) : [];
    this.program = program;
    this.lastRun = { incremental: false, parsed: parsedCount, rebound: units.size, redetected: units.size, notWalked: [...program.facts.values()].filter((f) => !f.walked).length };
    return this.report();
  }

  /**
   * Re-analyses after the text of known files changed (relative paths; the text is the overlay's or the
   * disk's). Returns undefined when the change is structural (a file is new, gone or unreadable): call
   * `analyse()` then.
   */
  update(changed: readonly string[]): AnalysisResult | undefined {
    const program = this.program;
    if (!program) return undefined;
    const edited: string[] = [];
    for (const rel of new Set(changed)) {
      if (!program.units.has(rel)) return undefined;
      const text = this.overlay.get(rel) ?? readText(path.join(this.opts.root, rel));
      if (text === undefined) return undefined;
      if (this.trees.text(rel) === text) continue;
      edited.push(rel);
    }
    edited.sort();
    if (!edited.length) {
      this.lastRun = { incremental: true, parsed: 0, rebound: 0, redetected: 0, notWalked: 0 };
      return this.report();
    }

    const importers = importersOf(program.units);
    const surfaceBefore = new Map(edited.map((rel) => [rel, surfaceOf(program.units.get(rel)!)]));
    for (const rel of edited) {
      const old = program.units.get(rel)!;
      this.readUnit(program, rel, this.overlay.get(rel) ?? readText(path.join(this.opts.root, rel))!);
      program.units.get(rel)!.locals = old.locals;
    }
    program.binder.forgetExportRoutes();
    // The first import of a session package (or the last one gone) changes what `req.session` is everywhere.
    if (program.binder.useRequestSessions(packagesPresent(program))) {
      this.program = undefined;
      return undefined;
    }

    // Bind again from the edited modules outwards. A module whose exports bind as before sends nobody round,
    // but its importers are bound once more so their bindings point into its new syntax tree.
    const surfaceChanged = new Set<string>();
    const queue: string[] = [];
    const visits = new Map<string, number>();
    const bind = (file: string): boolean => {
      const n = (visits.get(file) ?? 0) + 1;
      visits.set(file, n);
      return n <= MAX_BIND_VISITS && program.binder.bindUnit(program.units.get(file)!);
    };
    for (const rel of edited) {
      bind(rel);
      if (surfaceOf(program.units.get(rel)!) !== surfaceBefore.get(rel)) surfaceChanged.add(rel);
      for (const importer of reexportClosure(rel, importers, program.units)) if (!edited.includes(importer)) queue.push(importer);
    }
    for (const rel of surfaceChanged) queue.push(...reexportClosure(rel, importers, program.units));
    while (queue.length) {
      const file = queue.shift()!;
      if (edited.includes(file) && visits.get(file)) continue;
      if (!bind(file)) continue;
      surfaceChanged.add(file);
      for (const importer of reexportClosure(file, importers, program.units)) if (importer !== file) queue.push(importer);
    }

    // Detect again: the edited modules, the importers of modules whose exports changed, and the modules whose
    // detection read the syntax of a changed one (route tables, constants, returned values); then whatever
    // changed parameter bindings send round.
    const reach = new Set<string>([...edited, ...surfaceChanged]);
    for (const file of surfaceChanged) for (const importer of reexportClosure(file, importers, program.units)) reach.add(importer);
    const changedFiles = new Set([...edited, ...surfaceChanged]);
    for (const [reader, read] of program.reads) if ([...read].some((f) => changedFiles.has(f))) reach.add(reader);
    let todo = [...reach].filter((f) => program.units.has(f)).sort();
    const redetected = new Set<string>();
    for (let round = 0; round < MAX_DETECT_ROUNDS && todo.length; round++) {
      const before = incomingParams(program.facts);
      const params = paramsOf(program.facts);
      for (const file of todo) {
        program.facts.set(file, detectRecordingReads(program, file, params, this.opts.walkEveryModule));
        redetected.add(file);
      }
      const after = incomingParams(program.facts);
      const moved = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
      todo = [...new Set([...moved, ...refreshDecorations(program, program.facts)])].filter((f) => program.units.has(f)).sort();
    }
    this.lastRun = { incremental: true, parsed: edited.length, rebound: visits.size, redetected: redetected.size, notWalked: [...redetected].filter((f) => !program.facts.get(f)!.walked).length };
    return this.report();
  }

  /** Parses (unless the text is unchanged) and reads one module; true when it was parsed. */
  private readUnit(program: Program, rel: string, text: string): boolean {
    const fresh = this.trees.text(rel) !== text;
    const sf = fresh ? parseModule(rel, text) : this.trees.get(rel, text);
    if (fresh) this.trees.set(rel, text, sf);
    const unit = readModule(rel, sf, program.resolver, this.trees);
    program.units.set(rel, unit);
    const problems = program.sink.splice(0);
    if (unit.syntaxErrors.length) {
      const e = unit.syntaxErrors[0];
      problems.unshift({ severity: 'warning', code: 'syntax-error', message: `${e.message}${unit.syntaxErrors.length > 1 ? ` (and ${unit.syntaxErrors.length - 1} more)` : ''}; the rest of the file is analysed as parsed`, file: rel, line: e.line, column: e.column });
    }
    if (problems.length) program.fileProblems.set(rel, problems);
    else program.fileProblems.delete(rel);
    return fresh;
  }

  private report(): AnalysisResult {
    const program = this.program!;
    const progress = this.opts.onProgress;
    const edges = new Map<string, string[]>();
    const runtimeEdges = new Map<string, string[]>();
    for (const [file, f] of program.facts) {
      edges.set(file, f.dependencies.map((d) => d.file));
      runtimeEdges.set(file, f.dependencies.filter((d) => !d.typeOnly).map((d) => d.file));
    }
    const graph = buildGraph([...program.units.keys()], edges);
    progress({ stage: 'graph', done: 1, total: 1 });
    const problems = [...program.globalProblems];
    for (const file of program.discovery.files) problems.push(...(program.fileProblems.get(file.path) ?? []));
    const facts = [...program.facts.values()];
    const wrapped = wrapperRoutes(facts.flatMap((f) => f.routeSeeds), facts.flatMap((f) => f.wrapperMountSeeds), program.units, program.binder);
    const result = buildResult({
      root: path.basename(this.opts.root),
      units: program.units,
      facts: program.facts,
      graph,
      // The blast radius is what loads the module at run time: imports of types alone are erased.
      dependents: transitiveDependents(buildGraph(graph.nodes, runtimeEdges), (file) => !isTestFile(file)),
      cycles: cycles(graph),
      churn: program.churn,
      churnDays: this.opts.churnDays,
      packs: program.packs,
      extraModels: program.prisma,
      extraQueues: wrapperQueues(facts.flatMap((f) => f.queueSeeds), program.units, program.binder),
      extraMounts: [...listedMounts(facts.flatMap((f) => f.mountSeeds), program.units, program.binder), ...wrapped.mounts],
      extraRoutes: wrapped.routes,
      problems,
    });
    progress({ stage: 'rank', done: 1, total: 1 });
    return result;
  }
}

function* detectAll(program: Program, progress: NormalizedOptions['onProgress'], walkAll: boolean): Generator<void, Map<string, ModuleFacts>, void> {
  const units = program.units;
  const params: ParamBindings = new Map();
  const facts = new Map<string, ModuleFacts>();
  program.binder.decorations = new Map();
  let todo = [...units.keys()].sort();
  for (let round = 0; round < MAX_DETECT_ROUNDS && todo.length; round++) {
    const next = new Set<string>();
    for (let i = 0; i < todo.length; i++) {
      const file = todo[i];
      const f = detectRecordingReads(program, file, params, walkAll);
      facts.set(file, f);
      for (const pb of f.paramBindings) {
        if (!given(file, pb.fnKey)) continue;
        let m = params.get(pb.fnKey);
        if (!m) params.set(pb.fnKey, (m = new Map()));
        const had = m.get(pb.index);
        if (had && !preferredParam(pb.binding, had)) continue;
        m.set(pb.index, pb.binding);
        next.add(fileOfKey(pb.fnKey));
      }
      if (i % CHUNK === CHUNK - 1) {
        if (round === 0) progress({ stage: 'detect', done: i + 1, total: todo.length });
        yield;
      }
    }
    for (const f of refreshDecorations(program, facts)) next.add(f);
    todo = [...next].filter((f) => units.has(f)).sort();
  }
  progress({ stage: 'detect', done: units.size, total: units.size });
  return facts;
}

/**
 * Collects the members modules decorate framework instances with (`fastify.decorate('knex', db)`); when they
 * changed since detection last looked, returns the modules to detect again: those coupled to a framework
 * that decorates, and those that read a decorated member of one.
 */
function refreshDecorations(program: Program, facts: Map<string, ModuleFacts>): string[] {
  const binder = program.binder;
  const next: Decorations = new Map();
  for (const file of [...facts.keys()].sort()) {
    for (const d of facts.get(file)!.decorations) {
      const key = `${d.pack}\0${d.name}`;
      if (!next.has(key)) next.set(key, { file, binding: d.binding });
    }
  }
  const signature = (m: Decorations) => [...m].map(([k, v]) => `${k}=${v.file}|${bindingSignature(v.binding)}`).sort().join(';');
  if (signature(next) === signature(binder.decorations)) return [];
  const decorating = new Set([...binder.decorations.values(), ...next.values()].map((d) => d.file));
  const packs = new Set([...binder.decorations.keys(), ...next.keys()].map((k) => k.slice(0, k.indexOf('\0'))));
  binder.decorations = next;
  const again: string[] = [];
  for (const [file, f] of facts) {
    const reads = program.reads.get(file);
    if (f.sites.some((s) => packs.has(s.framework)) || (reads && [...reads].some((r) => decorating.has(r)))) again.push(file);
  }
  return again.sort();
}


function detectRecordingReads(program: Program, file: string, params: ParamBindings, walkAll: boolean): ModuleFacts {
  const reads = new Set<string>();
  program.binder.reads = reads;
  try {
    return detectModule(program.units.get(file)!, program.binder, params, walkAll);
  } finally {
    program.binder.reads = undefined;
    reads.delete(file);
    if (reads.size) program.reads.set(file, reads);
    else program.reads.delete(file);
  }
}

/** The packages the workspace imports, and those its manifests (any package.json) declare. */
function packagesPresent(program: Program): { imported: Set<string>; declared: Set<string> } {
  const declared = new Set<string>();
  const imported = new Set<string>();
  for (const m of program.discovery.manifests) for (const d of m.dependencies) declared.add(d);
  for (const unit of program.units.values()) for (const i of unit.imports) if (i.resolution.kind === 'package') imported.add(i.specifier);
  return { imported, declared };
}

function readText(abs: string): string | undefined {
  try {
    const text = fs.readFileSync(abs, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

function relTo(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}
