/**
 * Assembles the analysis result from per-module facts: module reports with their coupling per concern and
 * score breakdown, ranks, composed route paths and the queue, model and session inventories — sorted so that
 * the same tree always gives byte-identical JSON.
 */
import type { AnalysisResult, Concern, ConcernCoupling, CouplingSite, ModelEntry, ModuleReport, Problem, QueueEntry, SessionEntry, FrameworkUse } from './model';
import { CONCERNS, SCHEMA_VERSION } from './model';
import type { ModuleUnit } from './bind/module';
import type { ModelUse, ModuleFacts, RawMount, RawRoute, TableUse } from './detect/facts';
import type { DependencyGraph } from './graph/graph';
import type { Churn } from './churn/churn';
import type { PackIndex } from './bind/binding';
import { scoreModule, round2 } from './rank/rank';
import { composeRoutes } from './compose/routes';
import { MODULE_STATE } from './detect/moduleState';
import { isTestFile } from './discover/testFiles';
import { lookupKey } from './bind/evaluate';

export const TOOL_VERSION = '0.1.0';

export interface ResultInput {
  root: string;
  units: Map<string, ModuleUnit>;
  facts: Map<string, ModuleFacts>;
  graph: DependencyGraph;
  dependents: Map<string, number>;
  cycles: string[][];
  churn: Churn;
  churnDays: number;
  packs: PackIndex;
  extraModels: ModelEntry[];
  /** Queues named by the callers of project classes that make them (compose/queueWrappers.ts). */
  extraQueues: QueueEntry[];
  /** Mounts of routers handed to a class in a list (compose/mountLists.ts) and of routers wrapped by classes (compose/routeWrappers.ts). */
  extraMounts: RawMount[];
  /** Routes registered through project classes that wrap a router (compose/routeWrappers.ts). */
  extraRoutes: RawRoute[];
  problems: Problem[];
}

export function buildResult(input: ResultInput): AnalysisResult {
  const { units, facts, graph, packs } = input;
  const modules: ModuleReport[] = [];
  const backend = backendModules(facts);
  const runs = (file: string) => !backend || backend.has(file);
  const foreign = foreignSites(facts);
  const migrations = new Map<string, string>();
  for (const file of [...facts.keys()].sort(cmp)) for (const m of facts.get(file)!.migrations) if (!migrations.has(m.file)) migrations.set(m.file, m.framework);
  for (const path of [...units.keys()].sort(cmp)) {
    const unit = units.get(path)!;
    const f = facts.get(path)!;
    const own = foreign.get(path) ? [...f.sites, ...foreign.get(path)!].sort(bySite) : f.sites;
    const sites = runs(path) ? own : own.filter((s) => s.framework !== MODULE_STATE);
    const concerns = emptyConcerns();
    for (const s of sites) addSite(concerns[s.concern], s);
    for (const c of CONCERNS) {
      concerns[c].weight = round2(concerns[c].weight);
      concerns[c].frameworks.sort(cmp);
    }
    const coupling = CONCERNS.reduce((sum, c) => sum + concerns[c].weight, 0);
    const churn = input.churn.commits.get(path) ?? 0;
    const dependents = input.dependents.get(path) ?? 0;
    const { score, breakdown } = scoreModule(coupling, churn, dependents, coupling > 0 ? f.leaks : 0);
    modules.push({
      path,
      language: unit.language,
      lines: unit.lines,
      concerns,
      score: coupling > 0 ? score : 0,
      rank: null,
      breakdown,
      fanIn: graph.in.get(path)?.length ?? 0,
      fanOut: graph.out.get(path)?.length ?? 0,
      imports: graph.out.get(path) ?? [],
      sites,
      ...(isTestFile(path) ? { test: true } : {}),
      ...(migrations.has(path) ? { migration: migrations.get(path) } : {}),
    });
    for (const imp of unit.imports) {
      if (imp.resolution.kind === 'unresolved') {
        input.problems.push({ severity: 'info', code: 'unresolved-import', message: `cannot resolve '${imp.specifier}'`, file: path, line: imp.line, column: imp.column });
      }
    }
  }
  // Test code is not ranked: the hotspots are the code a migration moves (see discover/testFiles.ts).
  const coupled = modules.filter((m) => m.breakdown.coupling > 0);
  const ranked = coupled.filter((m) => !m.test).sort((a, b) => b.score - a.score || cmp(a.path, b.path));
  ranked.forEach((m, i) => (m.rank = i + 1));
  const tests = modules.filter((m) => m.test);

  const all = [...facts.values()];
  // A route a test registers (`app.get('/error', …)` to reach the error handler) is not the app's HTTP surface;
  // its coupling sites still count. Nor is a test's own app serving a router (`app.use('/auth/simple',
  // provider.router)` in its spec): the router's routes are listed where the workspace mounts it.
  const routes = composeRoutes(
    [...all.flatMap((f) => f.routes), ...input.extraRoutes].filter((r) => !isTestFile(r.file)),
    [...all.flatMap((f) => f.mounts), ...input.extraMounts].filter((m) => !isTestFile(m.file)),
    all.flatMap((f) => f.ownPrefixes),
    {
      // An app a test makes is not one the workspace serves.
      apps: all.flatMap((f) => f.apps).filter((a) => !isTestFile(a.file)),
      listens: all.flatMap((f) => f.listens).filter((a) => !isTestFile(a.file)),
      moduleEdges: all.flatMap((f) => f.moduleEdges),
      modulePaths: all.flatMap((f) => f.modulePaths),
      globalPrefixes: all.flatMap((f) => f.globalPrefixes),
      uriVersioning: all.flatMap((f) => f.uriVersioning),
    },
  );
  const tables = new Map<string, string>();
  for (const f of all) for (const t of f.modelTables) tables.set(t.key, t.table);
  const uses = all.flatMap((f) => f.modelUses).sort((a, b) => cmp(a.file, b.file) || a.line - b.line);
  // Readers and writers for the frameworks whose pack says which calls read and write (`modelAccess`).
  const access = (entry: ModelEntry, match: (u: ModelUse) => boolean): ModelEntry => {
    if (!input.packs.byId.get(entry.framework)?.modelAccess) return entry;
    const mine = uses.filter((u) => u.framework === entry.framework && match(u));
    // Only what was seen: a model used only in ways not followed (a generic repository) gets no lists, not empty ones.
    if (!mine.length) return entry;
    const places = (a: ModelUse['access']) => [...new Set(mine.filter((u) => u.access === a).map((u) => `${u.file}:${u.line}`))];
    return { ...entry, readers: places('read'), writers: places('write') };
  };
  const generic = genericMembers(units);
  const ofModel = (key: string, u: ModelUse) => u.key === key || (u.member !== undefined && !!generic.get(u.member)?.has(key));
  // `mongoose.model('User')` elsewhere: the model defined under that name.
  const byName = (entry: ModelEntry, u: ModelUse) => u.key !== undefined && u.key === lookupKey(entry.framework, entry.name);
  // Prisma's delegates are the schema's model names with a lower-case first letter (`prisma.user` → User).
  const models: ModelEntry[] = input.extraModels.map((m) => access(m, (u) => u.delegate === m.name.charAt(0).toLowerCase() + m.name.slice(1)));
  // A project base class of other models (Objection's BaseModel) is not a table of its own.
  const bases = new Set(all.flatMap((f) => f.models.map((m) => m.baseKey)).filter((k): k is string => !!k));
  for (const f of all) {
    for (const { key, entry, also } of f.models) if (bases.has(key) && entry.table === undefined && !tables.has(key)) continue;
    else models.push(access(tables.has(key) && entry.table === undefined ? { ...entry, table: tables.get(key) } : entry, (u) => ofModel(key, u) || u.name === entry.name || byName(entry, u) || (u.key !== undefined && !!also?.includes(u.key))));
  }
  models.push(...tableModels(all.flatMap((f) => f.tables)));
  sameModelOnce(models);

  // Route files no followed caller hands an app (loaded from a config's glob patterns): said, not silently dropped.
  if (modules.some((m) => !m.test && m.concerns.routing.sites > 0)) {
    for (const [file, f] of [...facts].sort((a, b) => cmp(a[0], b[0]))) {
      if (isTestFile(file)) continue;
      for (const u of f.unreachedRoutes) {
        input.problems.push({ severity: 'info', code: 'unreached-routes', file, line: u.line, message: `exports a function registering ${u.calls} route${u.calls === 1 ? '' : 's'} on its parameter \`${u.param}\` (${u.first}…), but no code the analysis follows calls it with an app (loaded by a computed path?): these routes are not listed` });
      }
    }
  }
  const byConcern = {} as AnalysisResult['summary']['byConcern'];
  for (const c of CONCERNS) {
    const ms = modules.filter((m) => m.concerns[c].sites > 0);
    byConcern[c] = { modules: ms.length, sites: sum(ms.map((m) => m.concerns[c].sites)), weight: round2(sum(ms.map((m) => m.concerns[c].weight))) };
  }

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'strangler', version: TOOL_VERSION },
    root: input.root,
    summary: {
      modules: modules.length,
      coupledModules: coupled.length,
      sites: sum(modules.map((m) => m.sites.length)),
      tests: { modules: tests.length, coupledModules: tests.filter((m) => m.breakdown.coupling > 0).length, sites: sum(tests.map((m) => m.sites.length)) },
      byConcern,
      frameworks: frameworkUse(modules, packs),
      churn: { available: input.churn.available, windowDays: input.churnDays },
    },
    modules,
    routes,
    queues: sortEntries<QueueEntry>([...all.flatMap((f) => f.queues), ...input.extraQueues], (q) => [q.name, q.role]),
    models: sortEntries(models, (m) => [m.name]),
    sessions: sortEntries<SessionEntry>(all.flatMap((f) => f.sessions).filter((s) => s.framework !== MODULE_STATE || runs(s.file)), (s) => [s.framework]),
    graph: { modules: graph.nodes.length, edges: sum([...graph.out.values()].map((l) => l.length)), cycles: input.cycles },
    problems: dedupeProblems(input.problems),
  };
}

/**
 * Sites modules found in others (route table rows registered elsewhere), by the module they are in: each
 * once, however many modules register the table, and none that only a test's registering found in the app.
 */
function foreignSites(facts: Map<string, ModuleFacts>): Map<string, CouplingSite[]> {
  const out = new Map<string, CouplingSite[]>();
  const seen = new Set<string>();
  for (const [from, f] of [...facts].sort((a, b) => cmp(a[0], b[0]))) {
    for (const s of f.foreignSites) {
      if (isTestFile(from) && !isTestFile(s.file)) continue;
      const key = `${s.file}:${s.line}:${s.column}:${s.kind}:${s.framework}`;
      if (seen.has(key) || facts.get(s.file)?.sites.some((o) => o.line === s.line && o.column === s.column && o.kind === s.kind)) continue;
      seen.add(key);
      let list = out.get(s.file);
      if (!list) out.set(s.file, (list = []));
      list.push(s);
    }
  }
  return out;
}

/** Sites in the order detection lists them. */
function bySite(a: CouplingSite, b: CouplingSite): number {
  return a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind);
}

/**
 * The models each generic repository member stands for, by the member's key: `repo: Repository<T>` declared in
 * `BaseRepository<T>` is a repository of User in `class UserRepository extends BaseRepository<User>`, and of
 * Product in `ProductRepository`. Read off the classes' bindings (their members carry the declaring key).
 */
function genericMembers(units: Map<string, ModuleUnit>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const unit of units.values()) {
    for (const b of unit.locals.values()) {
      if (b.kind !== 'framework' || !b.isClass || !b.members) continue;
      for (const m of b.members.values()) {
        if (m.model === undefined) continue;
        let set = out.get(m.key);
        if (!set) out.set(m.key, (set = new Set()));
        set.add(m.model);
      }
    }
  }
  return out;
}

/**
 * One model entry per table that query builders name directly (Knex): where it is first named, and the places
 * that read and write it.
 */
function tableModels(uses: TableUse[]): ModelEntry[] {
  const byTable = new Map<string, TableUse[]>();
  for (const u of uses) {
    const k = `${u.framework}\0${u.table}`;
    byTable.set(k, [...(byTable.get(k) ?? []), u]);
  }
  const out: ModelEntry[] = [];
  for (const list of byTable.values()) {
    list.sort((a, b) => cmp(a.file, b.file) || a.line - b.line);
    // Listed where it is created (the schema's definition), else where it is first named.
    const first = list.find((u) => u.names && u.creates) ?? list.find((u) => u.names);
    if (!first) continue;
    const places = (access: TableUse['access']) => [...new Set(list.filter((u) => u.access === access).map((u) => `${u.file}:${u.line}`))];
    out.push({ name: first.table, framework: first.framework, file: first.file, line: first.line, table: first.table, readers: places('read'), writers: places('write') });
  }
  return out;
}

/**
 * The modules the backend runs: those coupled to an ORM, a router or a queue (test code aside), and every
 * module they import at run time, directly or not. Module-level state is the server's in-process state only there; a
 * browser bundle's hook keeping a cache is not. Undefined when no module is coupled to any of them (an
 * analysis of session state alone, or a backend on frameworks no pack describes): then every module counts.
 */
function backendModules(facts: Map<string, ModuleFacts>): Set<string> | undefined {
  const seen = new Set<string>();
  for (const [path, f] of facts) {
    if (!isTestFile(path) && f.sites.some((s) => s.concern !== 'session' && s.kind !== 'type-import' && s.kind !== 'type-ref')) seen.add(path);
  }
  if (!seen.size) return undefined;
  const stack = [...seen];
  while (stack.length) {
    // Runtime imports only: a server module importing a type from the client's editor does not load it.
    for (const dep of facts.get(stack.pop()!)?.dependencies ?? []) {
      if (!dep.typeOnly && !seen.has(dep.file)) {
        seen.add(dep.file);
        stack.push(dep.file);
      }
    }
  }
  return seen;
}

function emptyConcerns(): Record<Concern, ConcernCoupling> {
  const out = {} as Record<Concern, ConcernCoupling>;
  for (const c of CONCERNS) out[c] = { sites: 0, weight: 0, frameworks: [], byKind: {} };
  return out;
}

function addSite(c: ConcernCoupling, s: CouplingSite): void {
  c.sites++;
  c.weight += s.weight;
  if (!c.frameworks.includes(s.framework)) c.frameworks.push(s.framework);
  c.byKind[s.kind] = (c.byKind[s.kind] ?? 0) + 1;
}

function frameworkUse(modules: ModuleReport[], packs: PackIndex): FrameworkUse[] {
  const map = new Map<string, FrameworkUse>();
  for (const m of modules) {
    const seen = new Set<string>();
    for (const s of m.sites) {
      let u = map.get(s.framework);
      if (!u) {
        const pack = packs.byId.get(s.framework);
        u = { id: s.framework, name: pack?.name ?? (s.framework === MODULE_STATE ? 'Module-level state' : s.framework), concern: s.concern, modules: 0, sites: 0, weight: 0 };
        map.set(s.framework, u);
      }
      u.sites++;
      u.weight += s.weight;
      if (!seen.has(s.framework)) {
        seen.add(s.framework);
        u.modules++;
      }
    }
  }
  return [...map.values()].map((u) => ({ ...u, weight: round2(u.weight) })).sort((a, b) => cmp(a.concern, b.concern) || b.weight - a.weight || cmp(a.id, b.id));
}

function sortEntries<T extends { file: string; line: number; framework: string }>(list: T[], keys: (t: T) => string[]): T[] {
  return list.sort((a, b) => {
    const ka = [...keys(a), a.file, String(a.line).padStart(8, '0'), a.framework];
    const kb = [...keys(b), b.file, String(b.line).padStart(8, '0'), b.framework];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return cmp(ka[i], kb[i]);
    return JSON.stringify(a) < JSON.stringify(b) ? -1 : 1;
  });
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of problems) {
    const k = JSON.stringify(p);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out.sort((a, b) => cmp(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || cmp(a.code, b.code) || cmp(a.message, b.message));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/**
 * A module that defines the same model twice (`const User = mongoose.model('User', schema)`, then `export default
 * mongoose.model('User', schema)`: Mongoose hands back the model it made) lists it once, at the first definition,
 * with the readers and writers of both.
 */
function sameModelOnce(models: ModelEntry[]): void {
  const first = new Map<string, ModelEntry>();
  for (let i = 0; i < models.length; i++) {
    const m = models[i];
    const key = `${m.framework}\0${m.name}\0${m.file}`;
    const kept = first.get(key);
    if (!kept) {
      first.set(key, m);
      continue;
    }
    const merged: ModelEntry = { ...kept, ...(kept.table === undefined && m.table !== undefined ? { table: m.table } : {}), line: Math.min(kept.line, m.line) };
    if (kept.readers || m.readers) merged.readers = [...new Set([...(kept.readers ?? []), ...(m.readers ?? [])])].sort(placeOrder);
    if (kept.writers || m.writers) merged.writers = [...new Set([...(kept.writers ?? []), ...(m.writers ?? [])])].sort(placeOrder);
    models[models.indexOf(kept)] = merged;
    first.set(key, merged);
    models.splice(i--, 1);
  }
}

/** `file:line` places in file, then line order. */
function placeOrder(a: string, b: string): number {
  const [fa, la] = [a.slice(0, a.lastIndexOf(':')), Number(a.slice(a.lastIndexOf(':') + 1))];
  const [fb, lb] = [b.slice(0, b.lastIndexOf(':')), Number(b.slice(b.lastIndexOf(':') + 1))];
  return cmp(fa, fb) || la - lb;
}
