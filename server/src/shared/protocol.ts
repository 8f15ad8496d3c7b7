/**
 * The custom requests and notifications between the Strangler client and its language server, declared once
 * and imported by both sides. Everything here is plain JSON. Positions are LSP positions (0-based line and
 * UTF-16 character); `uri` is a `file:` URI string.
 */
import type { Concern, SiteKind } from '../engine/model';

export type { Concern, SiteKind };

/** A workspace folder's analysis, as the status bar and welcome views need it. */
export interface FolderStatus {
  uri: string;
  name: string;
  /** `analysing` until the first result; `no-code` when the folder has no JS/TS file to analyse. */
  state: 'analysing' | 'ready' | 'no-code' | 'failed';
  message?: string;
  modules: number;
  coupledModules: number;
  /** The plan file, when there is one. */
  planUri?: string;
  /** Steps verified (done and passing) and all steps; null without a plan. */
  progress: { verified: number; regressed: number; total: number } | null;
  /** Milliseconds the last analysis took, and whether it was incremental. */
  lastRun?: { ms: number; incremental: boolean; fromCache: boolean };
}

export interface StatusParams {
  folders: FolderStatus[];
}

export interface SiteItem {
  uri: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  concern: Concern;
  framework: string;
  kind: SiteKind;
  weight: number;
  text: string;
  via?: string;
}

export interface ConcernCount {
  concern: Concern;
  sites: number;
  weight: number;
  frameworks: string[];
}

export interface StepRef {
  id: string;
  title: string;
  state: StepStateName;
  planUri: string;
  line: number;
}

export interface HotspotItem {
  folder: string;
  uri: string;
  /** Relative to the workspace folder, forward slashes. */
  path: string;
  /** 0 for test code, which is not ranked. */
  rank: number;
  score: number;
  /** `coupling 12 × (1 + log2(1 + 3 churn)) …`, numbers filled in. */
  formula: string;
  coupling: ConcernCount[];
  churn: number;
  dependents: number;
  leaks: number;
  sites: number;
  /** The plan step that owns this module (its scope or checks cover it), when there is a plan. */
  step?: StepRef;
  /** Test code: coupled, listed apart, not ranked. */
  test?: true;
  /** A migration: the framework whose migration tool runs it (the plan retires these in one step). */
  migration?: string;
}

export interface HotspotsParams {
  /** A workspace folder URI; all folders when absent. */
  folder?: string;
}
export interface HotspotsResult {
  items: HotspotItem[];
}

export interface SitesParams {
  uri: string;
}
export interface SitesResult {
  sites: SiteItem[];
}

export type StepStateName = 'verified' | 'regressed' | 'ready' | 'pending';

export interface ViolationItem {
  uri: string;
  line: number;
  character: number;
  text: string;
}

export interface CheckItem {
  text: string;
  ok: boolean;
  count: number;
  limit: number | null;
  line: number;
  canTighten: boolean;
  violations: ViolationItem[];
}

export interface StepItem {
  id: string;
  title: string;
  status: 'todo' | 'doing' | 'done';
  state: StepStateName;
  manual: boolean;
  line: number;
  checks: CheckItem[];
}

export interface PhaseItem {
  title: string;
  line: number;
  steps: StepItem[];
  verified: number;
}

export interface FolderPlan {
  folder: string;
  folderName: string;
  /** Where the plan lives or would be written. */
  planUri: string;
  exists: boolean;
  /** Parse errors make the plan unusable until fixed; they are also published as diagnostics. */
  errors: number;
  phases: PhaseItem[];
}

export interface PlanParams {
  folder?: string;
}
export interface PlanResult {
  plans: FolderPlan[];
}

export interface RouteItem {
  method: string;
  path: string;
  framework: string;
  uri: string;
  line: number;
  handler?: string;
}

export interface QueueItem {
  name: string;
  framework: string;
  role: 'definition' | 'producer' | 'consumer' | 'schedule';
  uri: string;
  line: number;
  schedule?: string;
  /** The function a schedule runs, or the file a sandboxed processor is (`server/queues/visit.js`). */
  handler?: string;
  /** The project members the name went through to the framework's factory (`QueueBaseService(topic) → BullMqService.createQueue(topic)`). */
  via?: string;
}

export interface ModelItem {
  name: string;
  framework: string;
  uri: string;
  line: number;
  table?: string;
  /** The places that read and write the model's data, when the analysis saw any (0-based lines); `test` in test code. */
  readers?: { uri: string; line: number; test?: boolean }[];
  writers?: { uri: string; line: number; test?: boolean }[];
}

export interface SessionItem {
  framework: string;
  store: string;
  uri: string;
  line: number;
  detail?: string;
}

export interface FolderInventory {
  folder: string;
  folderName: string;
  routes: RouteItem[];
  queues: QueueItem[];
  models: ModelItem[];
  sessions: SessionItem[];
}

export interface InventoryParams {
  folder?: string;
}
export interface InventoryResult {
  inventories: FolderInventory[];
}

/** Edits the server proposes; the client applies them to the document (so they are undoable) and saves. */
export interface PlanEditResult {
  ok: boolean;
  message: string;
  edit?: { uri: string; edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] };
}

export interface MarkStepParams {
  planUri: string;
  stepId: string;
  /** `YYYY-MM-DD`; the server's today when absent. */
  date?: string;
}

export interface GeneratePlanParams {
  folder?: string;
}
export interface GeneratePlanResult {
  ok: boolean;
  message: string;
  planUri?: string;
  /** Whether the file was created (true) or an existing plan was merged (false). */
  created?: boolean;
}

export interface AnalyseParams {
  folder?: string;
}

export interface ModuleAtParams {
  uri: string;
}
export interface ModuleAtResult {
  item?: HotspotItem;
}

export interface ExportFormatItem {
  id: string;
  label: string;
  extension: string;
}

export interface ExportParams {
  folder?: string;
  format: string;
  /** Where to write (a file system path); the text comes back without writing when absent. */
  file?: string;
  upstreams?: { legacy?: string; modern?: string };
}
export interface ExportResult {
  ok: boolean;
  message: string;
  file?: string;
  text?: string;
}

export interface MapNode {
  id: string;
  label: string;
  modules: number;
  sites: number;
  score: number;
  concerns: Concern[];
  state: 'verified' | 'regressed' | 'started' | 'pending' | 'unplanned';
  /** The unit's most painful module, opened on click. */
  topModule?: string;
  steps: { id: string; line: number }[];
}

export interface FolderMap {
  folder: string;
  folderName: string;
  planUri: string;
  /** Whether the plan exists; without one, the map shows the plan `strangler plan` would draft. */
  planExists: boolean;
  nodes: MapNode[];
  edges: { from: string; to: string; concerns: Concern[] }[];
}

export interface MapParams {
  folder?: string;
}
export interface MapResult {
  maps: FolderMap[];
}

export const Requests = {
  hotspots: 'strangler/hotspots',
  sites: 'strangler/sites',
  plan: 'strangler/plan',
  inventory: 'strangler/inventory',
  markStepDone: 'strangler/markStepDone',
  generatePlan: 'strangler/generatePlan',
  analyse: 'strangler/analyse',
  moduleAt: 'strangler/moduleAt',
  status: 'strangler/getStatus',
  exportFormats: 'strangler/exportFormats',
  export: 'strangler/export',
  map: 'strangler/map',
} as const;

export const Notifications = {
  /** Sent after every analysis (full or incremental) and while one runs. */
  status: 'strangler/status',
} as const;

/** Client-side commands the server's code lenses invoke. */
export const ClientCommands = {
  /** (uri: string, line: number, character: number, sites: SiteItem[]) → peek the sites. */
  showSites: 'strangler.showSites',
  /** (uri: string) → reveal the module in the Hotspots view. */
  revealModule: 'strangler.revealInHotspots',
  /** (planUri: string, line: number) → open the plan at a step. */
  openPlanAt: 'strangler.openPlanAt',
} as const;

/** Settings under `strangler.*`, as the server reads them with `workspace/configuration`. */
export interface StranglerSettings {
  include: string[];
  exclude: string[];
  concerns: Concern[];
  churnDays: number;
  rulePackFolder: string;
  planFile: string;
  diagnostics: {
    /** Severity of violations in steps marked done (regressions). */
    regressed: 'error' | 'warning' | 'information' | 'hint' | 'off';
    /** Severity of violations in steps not done yet: the work still to do. */
    pending: 'error' | 'warning' | 'information' | 'hint' | 'off';
  };
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: StranglerSettings = {
  include: [],
  exclude: [],
  concerns: ['orm', 'routing', 'queue', 'session'],
  churnDays: 180,
  rulePackFolder: '.strangler/rules',
  planFile: 'migration.strangler',
  diagnostics: { regressed: 'error', pending: 'hint' },
  codeLens: true,
};
