/**
 * The data contract of the engine: every fact, site, inventory entry and score the analysis produces.
 * The JSON the CLI prints (`AnalysisResult`) is exactly these types, versioned by `schemaVersion`.
 */

export const SCHEMA_VERSION = 2;

export type Concern = 'orm' | 'routing' | 'queue' | 'session';
export const CONCERNS: readonly Concern[] = ['orm', 'routing', 'queue', 'session'];

/**
 * How a module depends on a framework at one place. Weights per kind come from the rule pack
 * (with the defaults in `rules/rulePack.ts`), so a reader can recompute every coupling number.
 */
export type SiteKind =
  | 'import' // runtime import/require of a framework package
  | 'type-import' // `import type` or a type-only use of a framework package: no runtime coupling
  | 'bound-import' // import of a project value that is framework-bound (a shared instance, a coupled class)
  | 'call' // a call or `new` on a framework-bound value (including member chains: prisma.user.findMany())
  | 'member' // a non-call use of a framework-bound value (passing `app` along, reading `Model.rawAttributes`)
  | 'extends' // a class extends a framework base class, or a project class that is itself coupled
  | 'decorator' // a framework decorator on a class, member or parameter
  | 'type-ref' // a parameter, property or return typed with a framework type
  | 'route' // a route registration (also counted in the route inventory)
  | 'state'; // module-level mutable state used as an in-process session/cache

export interface Position {
  line: number; // 1-based
  column: number; // 1-based
}

export interface CouplingSite {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  concern: Concern;
  framework: string;
  kind: SiteKind;
  weight: number;
  /** The code at the site, shortened: `prisma.user.findMany`, `@Entity`, `extends BaseRepository`. */
  text: string;
  /** For sites reached through the project (bound imports, project base classes): where the binding was made. */
  via?: string;
}

export interface ConcernCoupling {
  sites: number;
  weight: number;
  frameworks: string[];
  byKind: Partial<Record<SiteKind, number>>;
}

/**
 * score = coupling × (1 + churn factor) × (1 + blast radius) × (1 + leakage)
 * Each factor is printed in `breakdown.formula` with its numbers filled in.
 */
export interface ScoreBreakdown {
  coupling: number; // sum of site weights over all concerns
  churn: number; // commits touching the file in the window (0 without git)
  churnFactor: number;
  dependents: number; // modules that depend on this one, transitively (blast radius)
  blastFactor: number;
  leaks: number; // exported declarations whose signature exposes a framework type
  leakFactor: number;
  formula: string;
}

export interface ModuleReport {
  path: string;
  language: 'ts' | 'js';
  lines: number;
  concerns: Record<Concern, ConcernCoupling>;
  score: number;
  rank: number | null; // 1 = most painful; null when not coupled, or test code
  breakdown: ScoreBreakdown;
  fanIn: number;
  fanOut: number;
  imports: string[]; // project modules this one imports (runtime or type), sorted
  sites: CouplingSite[];
  /** Test code (discover/testFiles.ts): analysed, but not ranked and not counted as a dependent. */
  test?: true;
  /** The framework whose migration tool runs the module, as part of the schema's history (see `migrationClasses`, `toolModules`). */
  migration?: string;
  error?: string;
}

export interface RouteEntry {
  method: string; // GET, POST, … or ALL
  path: string; // full path, mount prefixes composed
  framework: string;
  file: string;
  line: number;
  handler?: string; // the handler's name or file:line when it is a named function
  middleware?: string[];
}

export type QueueRole = 'definition' | 'producer' | 'consumer' | 'schedule';
export interface QueueEntry {
  name: string; // the queue (or job) name, or '?' when it is not a literal
  role: QueueRole;
  framework: string;
  file: string;
  line: number;
  schedule?: string; // cron expression or interval for schedules
  handler?: string; // the scheduled function, when the schedule names no job; a sandboxed processor's file
  /** The project members the name went through to the framework, when a class's method or constructor made it. */
  via?: string;
}

export interface ModelEntry {
  name: string;
  framework: string;
  file: string;
  line: number;
  table?: string;
  readers?: string[];
  writers?: string[];
}

export interface SessionEntry {
  framework: string;
  store: 'memory' | 'external' | 'cookie' | 'unknown';
  file: string;
  line: number;
  detail?: string;
}

export interface GraphSummary {
  modules: number;
  edges: number;
  cycles: string[][]; // strongly connected components with more than one module (or a self-import)
}

export type ProblemSeverity = 'error' | 'warning' | 'info';
/** Bad input found along the way: reported, never fatal to the rest of the analysis. */
export interface Problem {
  severity: ProblemSeverity;
  code: string; // 'syntax-error', 'binary-file', 'huge-file', 'symlink-loop', 'unreadable', 'bad-package-json', 'bad-tsconfig', 'bad-rule-pack', 'unresolved-import'
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface FrameworkUse {
  id: string;
  name: string;
  concern: Concern;
  modules: number;
  sites: number;
  weight: number;
}

export interface AnalysisResult {
  schemaVersion: number;
  tool: { name: 'strangler'; version: string };
  root: string; // the analysed folder's name (not its absolute path: output must not depend on where it lives)
  summary: {
    modules: number;
    /** Modules with at least one coupling site, test code included. */
    coupledModules: number;
    sites: number;
    /** Test code: how much of it there is and how much of it is coupled (its sites are in `sites` too). */
    tests: { modules: number; coupledModules: number; sites: number };
    byConcern: Record<Concern, { modules: number; sites: number; weight: number }>;
    frameworks: FrameworkUse[];
    churn: { available: boolean; windowDays: number };
  };
  modules: ModuleReport[];
  routes: RouteEntry[];
  queues: QueueEntry[];
  models: ModelEntry[];
  sessions: SessionEntry[];
  graph: GraphSummary;
  problems: Problem[];
}

/**
 * Queues and schedules: each named one once, and one whose name is not known (`@Cron('0 0 * * *')` on a method) where
 * it is made; consumers and producers of unknown queues add none.
 */
export function queueCount(queues: readonly QueueEntry[]): number {
  return new Set(queues.map((queue) => (queue.name !== '?' ? queue.name : queue.role === 'definition' || queue.role === 'schedule' ? `${queue.file}:${queue.line}` : '?')).filter((key) => key !== '?')).size;
}

/** The route registrations the `unreached-routes` notes name (no followed code hands their module an app): how many, in which modules. */
export function unreachedRoutes(problems: readonly Problem[]): { calls: number; files: string[] } {
  const notes = problems.filter((p) => p.code === 'unreached-routes');
  const calls = notes.reduce((n, p) => n + Number(/registering (\d+) route/.exec(p.message)?.[1] ?? 0), 0);
  return { calls, files: [...new Set(notes.map((p) => p.file).filter((f): f is string => !!f))] };
}
