/**
 * One workspace folder in the language server: its analysis session, the plan file (the editor's text when it
 * is open, the disk's otherwise), the plan's evaluation, and the scheduling of re-analysis — debounced, with a
 * newer request superseding a running full analysis, and edits of known files handled incrementally.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AnalysisSession } from '../engine/session';
import { normalizeOptions } from '../engine/normalize';
import type { AnalysisResult } from '../engine/model';
import type { ProgressEvent } from '../engine/options';
import { evaluatePlan, type PlanEvaluation } from '../engine/verify/evaluate';
import { readWorkspace, type Workspace } from '../engine/verify/workspace';
import { parsePlan, type PlanParseResult } from '../planfile/parse';
import type { StranglerSettings } from '../shared/protocol';
import { ResultCache } from './cache';
import { relativeTo } from './uris';

export const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const DEBOUNCE_MS = 40;

export interface FolderEvents {
  /** A run started (full) or progressed; `event` is undefined at the start. */
  progress(folder: FolderAnalysis, event: ProgressEvent | undefined): void;
  /** A result (from the cache, a full run or an edit) or a new plan evaluation is in. */
  updated(folder: FolderAnalysis): void;
  log(message: string): void;
}

export type FolderState = 'analysing' | 'ready' | 'no-code' | 'failed';

export class FolderAnalysis {
  state: FolderState = 'analysing';
  message: string | undefined;
  result: AnalysisResult | undefined;
  plan: PlanParseResult | undefined;
  planText: string | undefined;
  evaluation: PlanEvaluation | undefined;
  lastRun: { ms: number; incremental: boolean; fromCache: boolean } | undefined;
  private session: AnalysisSession;
  private workspace: Workspace;
  private planOverlay: string | undefined;
  private pending = new Set<string>();
  private structural = false;
  private timer: NodeJS.Timeout | undefined;
  private cancelToken = 0;
  private running: Promise<void> | undefined;
  private readonly version: string;

  constructor(
    readonly root: string,
    readonly uri: string,
    readonly name: string,
    private settings: StranglerSettings,
    private readonly cache: ResultCache | undefined,
    private readonly events: FolderEvents,
    version: string,
  ) {
    this.version = version;
    this.session = this.newSession();
    this.workspace = readWorkspace(root);
  }

  get planFile(): string {
    return path.resolve(this.root, this.settings.planFile);
  }

  get codeLens(): boolean {
    return this.settings.codeLens;
  }

  get diagnosticsSettings(): StranglerSettings['diagnostics'] {
    return this.settings.diagnostics;
  }

  /** First analysis: the cached result when it is still valid, then the full run. */
  async start(): Promise<void> {
    this.readPlan();
    const t0 = Date.now();
    if (this.cache) {
      try {
        const key = ResultCache.key(this.version, this.settings, this.session.inputs());
        const read = this.cache.read(this.root, key);
        if (read.hit) {
          this.result = read.result;
          this.state = read.result.modules.length ? 'ready' : 'no-code';
          this.lastRun = { ms: Date.now() - t0, incremental: false, fromCache: true };
          this.evaluate();
          this.events.log(`${this.name}: showing the cached analysis (${read.result.modules.length} modules) while the full one runs`);
          this.events.updated(this);
        } else if (read.reason !== 'missing') this.events.log(`${this.name}: cache ${read.reason}${read.detail ? ` (${read.detail})` : ''}; discarded`);
      } catch (e) {
        this.events.log(`${this.name}: cache unusable: ${(e as Error).message}`);
      }
    }
    this.structural = true;
    await this.flush();
  }

  setSettings(settings: StranglerSettings): void {
    const analysisChanged = JSON.stringify(analysisPart(settings)) !== JSON.stringify(analysisPart(this.settings));
    this.settings = settings;
    this.readPlan();
    if (analysisChanged) {
      this.renewSession();
      this.schedule([], true);
    } else {
      this.evaluate();
      this.events.updated(this);
    }
  }

  /** The editor's text of a file (undefined when it was closed: the disk's text counts again). */
  setOverlay(file: string, text: string | undefined): void {
    if (path.resolve(file) === this.planFile) {
      this.planOverlay = text;
      this.readPlan();
      this.evaluate();
      this.events.updated(this);
      return;
    }
    const rel = relativeTo(this.root, file);
    if (!rel || !SOURCE_FILE.test(rel)) return;
    this.session.setOverlay(rel, text);
    this.schedule([rel], !this.session.has(rel));
  }

  /** Files changed on disk (created, changed or deleted). */
  filesChanged(changes: { file: string; created: boolean; deleted: boolean }[]): void {
    const changed: string[] = [];
    let structural = false;
    for (const c of changes) {
      if (path.resolve(c.file) === this.planFile) {
        this.readPlan();
        this.evaluate();
        this.events.updated(this);
        continue;
      }
      const rel = relativeTo(this.root, c.file);
      if (!rel) continue;
      const base = path.basename(rel);
      if (base === 'package.json') this.workspace = readWorkspace(this.root);
      if (SOURCE_FILE.test(rel) && !c.created && !c.deleted && this.session.has(rel)) changed.push(rel);
      else if (SOURCE_FILE.test(rel) || base === 'package.json' || /^(ts|js)config.*\.json$/.test(base) || base.endsWith('.prisma') || rel.includes('.strangler/rules/')) structural = true;
    }
    if (changed.length || structural) this.schedule(changed, structural);
  }

  /** Re-analyse everything now (the "Analyse Workspace" command). */
  async reanalyse(): Promise<void> {
    this.renewSession();
    this.structural = true;
    await this.flush();
  }

  /** Resolves once no analysis is scheduled or running. */
  async idle(): Promise<void> {
    while (this.timer || this.running) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
        await this.flush();
      } else await this.running;
    }
  }

  private schedule(changed: string[], structural: boolean): void {
    for (const c of changed) this.pending.add(c);
    if (structural) this.cancelToken++;
    this.structural ||= structural;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, DEBOUNCE_MS);
  }

  private async flush(): Promise<void> {
    // One run at a time; whoever finds work once the previous run is over starts the next.
    while (this.running) await this.running.catch(() => undefined);
    if (!this.pending.size && !this.structural && this.result && !this.lastRun?.fromCache) return;
    const run = this.run();
    this.running = run;
    try {
      await run;
    } finally {
      this.running = undefined;
    }
  }

  private async run(): Promise<void> {
    const changed = [...this.pending];
    const structural = this.structural || !this.result || !this.lastRun || this.lastRun.fromCache;
    this.pending.clear();
    this.structural = false;
    const t0 = Date.now();
    try {
      let result = structural ? undefined : this.session.update(changed);
      let incremental = !!result;
      if (!result) {
        if (!this.result) this.state = 'analysing';
        this.events.progress(this, undefined);
        // A structural change scheduled while this runs makes its result stale: stop and start over.
        const token = this.cancelToken;
        result = await this.session.analyseAsync(() => token !== this.cancelToken);
        incremental = false;
        if (!result) {
          this.structural = true;
          for (const c of changed) this.pending.add(c);
          return;
        }
      }
      this.result = result;
      this.state = result.modules.length ? 'ready' : 'no-code';
      this.message = undefined;
      this.lastRun = { ms: Date.now() - t0, incremental, fromCache: false };
      this.evaluate();
      this.events.updated(this);
      if (!incremental && this.cache) this.writeCache(result);
    } catch (e) {
      this.state = 'failed';
      this.message = (e as Error).message;
      this.events.log(`${this.name}: analysis failed: ${(e as Error).stack ?? e}`);
      this.events.updated(this);
    }
    if (this.pending.size || this.structural) this.schedule([], false);
  }

  private writeCache(result: AnalysisResult): void {
    try {
      this.cache!.write(this.root, ResultCache.key(this.version, this.settings, this.session.inputs()), result);
    } catch (e) {
      this.events.log(`${this.name}: cannot write the cache: ${(e as Error).message}`);
    }
  }

  private readPlan(): void {
    let text = this.planOverlay;
    if (text === undefined) {
      try {
        text = fs.readFileSync(this.planFile, 'utf8');
      } catch {
        text = undefined;
      }
    }
    this.planText = text;
    this.plan = text === undefined ? undefined : parsePlan(text);
  }

  private evaluate(): void {
    this.evaluation = this.result && this.plan ? evaluatePlan(this.plan.plan, this.result, this.workspace, { maxViolations: 2000 }) : undefined;
  }

  /** The folder left the workspace: its session's memory is let go of now. */
  dispose(): void {
    this.session.dispose();
  }

  /** A new session in place of the current one, whose memory is let go of at once (see `AnalysisSession.dispose`). */
  private renewSession(): void {
    this.session.dispose();
    this.session = this.newSession();
  }

  private newSession(): AnalysisSession {
    const s = this.settings;
    return new AnalysisSession(
      normalizeOptions({
        root: this.root,
        include: s.include,
        exclude: s.exclude,
        concerns: s.concerns,
        churnDays: s.churnDays,
        rulePackDir: fs.existsSync(path.resolve(this.root, s.rulePackFolder)) ? path.resolve(this.root, s.rulePackFolder) : undefined,
        onProgress: (event) => this.events.progress(this, event),
      }),
    );
  }

  /** The module under analysis, for code lenses and hovers. */
  unitOf(file: string) {
    const rel = relativeTo(this.root, file);
    return rel ? this.session.unit(rel) : undefined;
  }
}

function analysisPart(s: StranglerSettings) {
  return { include: s.include, exclude: s.exclude, concerns: s.concerns, churnDays: s.churnDays, rulePackFolder: s.rulePackFolder };
}
