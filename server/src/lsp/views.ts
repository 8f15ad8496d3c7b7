/**
 * What the client's views show, built from a folder's analysis and plan evaluation in the shapes of
 * `shared/protocol.ts`. Pure functions of the folder's state.
 */
import * as path from 'path';
import picomatch from 'picomatch';
import type { CouplingSite, ModuleReport } from '../engine/model';
import { CONCERNS } from '../engine/model';
import { planSteps } from '../planfile/ast';
import type { FolderPlan, FolderInventory, FolderStatus, HotspotItem, SiteItem, StepRef, PhaseItem } from '../shared/protocol';
import type { FolderAnalysis } from './folder';
import { pathToUri } from './uris';

export function fileUri(folder: FolderAnalysis, rel: string): string {
  return pathToUri(path.join(folder.root, rel));
}

export function siteItem(folder: FolderAnalysis, s: CouplingSite): SiteItem {
  return {
    uri: fileUri(folder, s.file),
    line: s.line - 1,
    character: s.column - 1,
    endLine: s.endLine - 1,
    endCharacter: s.endColumn - 1,
    concern: s.concern,
    framework: s.framework,
    kind: s.kind,
    weight: s.weight,
    text: s.text,
    via: s.via,
  };
}

export function hotspotItem(folder: FolderAnalysis, m: ModuleReport): HotspotItem {
  return {
    folder: folder.uri,
    uri: fileUri(folder, m.path),
    path: m.path,
    rank: m.rank ?? 0,
    score: m.score,
    formula: m.breakdown.formula,
    coupling: CONCERNS.filter((c) => m.concerns[c].sites > 0).map((c) => ({ concern: c, sites: m.concerns[c].sites, weight: m.concerns[c].weight, frameworks: m.concerns[c].frameworks })),
    churn: m.breakdown.churn,
    dependents: m.breakdown.dependents,
    leaks: m.breakdown.leaks,
    sites: m.sites.length,
    step: stepOwning(folder, m.path),
    ...(m.test ? { test: true } : {}),
    ...(m.migration ? { migration: m.migration } : {}),
  };
}

/** The ranked modules by rank, then the coupled test code (not ranked) by path. */
export function hotspots(folder: FolderAnalysis): HotspotItem[] {
  const all = folder.result?.modules ?? [];
  const ranked = all.filter((m) => m.rank !== null).sort((a, b) => a.rank! - b.rank!);
  const tests = all.filter((m) => m.test && m.sites.length > 0);
  return [...ranked, ...tests].map((m) => hotspotItem(folder, m));
}

const owners = new WeakMap<object, Map<string, StepRef | null>>();

/**
 * The plan step that owns a module: the first step not yet verified whose checks it breaks, else the first
 * step whose scope covers it.
 */
export function stepOwning(folder: FolderAnalysis, rel: string): StepRef | undefined {
  const evaluation = folder.evaluation;
  const plan = folder.plan?.plan;
  if (!evaluation || !plan) return undefined;
  let memo = owners.get(evaluation);
  if (!memo) owners.set(evaluation, (memo = new Map()));
  const known = memo.get(rel);
  if (known !== undefined) return known ?? undefined;
  const steps = [...planSteps(plan)].map(({ step }) => step);
  const ref = (i: number): StepRef => ({ id: evaluation.steps[i].id, title: evaluation.steps[i].title, state: evaluation.steps[i].state, planUri: pathToUri(folder.planFile), line: evaluation.steps[i].planLine ?? 0 });
  let found: StepRef | undefined;
  const breaking = evaluation.steps.findIndex((s) => s.state !== 'verified' && s.checks.some((c) => !c.ok && c.violations.some((v) => v.file === rel)));
  if (breaking >= 0) found = ref(breaking);
  else {
    const scoped = steps.findIndex((s) => s.scopes.some((scope) => scope.globs.some((g) => picomatch.isMatch(rel, g.pattern, { dot: true }))));
    if (scoped >= 0 && scoped < evaluation.steps.length) found = ref(scoped);
  }
  memo.set(rel, found ?? null);
  return found;
}

export function folderPlan(folder: FolderAnalysis): FolderPlan {
  const planUri = pathToUri(folder.planFile);
  const base = { folder: folder.uri, folderName: folder.name, planUri, exists: folder.planText !== undefined, errors: folder.plan?.diagnostics.filter((d) => d.severity === 'error').length ?? 0 };
  const plan = folder.plan?.plan;
  const evaluation = folder.evaluation;
  if (!plan || !evaluation) return { ...base, phases: [] };
  const phases: PhaseItem[] = [];
  let i = 0;
  for (const phase of plan.phases) {
    const steps = phase.steps.map((step) => {
      const r = evaluation.steps[i++];
      return {
        id: r.id,
        title: r.title,
        status: r.status.state,
        state: r.state,
        manual: r.manual,
        line: r.planLine ?? step.source?.line ?? 0,
        checks: r.checks.map((c) => ({
          text: c.text,
          ok: c.ok,
          count: c.count,
          limit: c.limit,
          line: c.planLine ?? 0,
          canTighten: !!c.canTighten,
          violations: c.violations.slice(0, 50).map((v) => ({ uri: fileUri(folder, v.file), line: Math.max(0, v.line - 1), character: Math.max(0, v.column - 1), text: v.text })),
        })),
      };
    });
    phases.push({ title: phase.title, line: phase.source?.line ?? 0, steps, verified: steps.filter((s) => s.state === 'verified').length });
  }
  return { ...base, phases };
}

export function folderInventory(folder: FolderAnalysis): FolderInventory {
  const r = folder.result;
  const at = (file: string, line: number) => ({ uri: fileUri(folder, file), line: Math.max(0, line - 1) });
  // Readers and writers are `file:line`; those in test code are marked, to be counted apart.
  const tests = new Set((r?.modules ?? []).filter((m) => m.test).map((m) => m.path));
  const place = (p: string) => {
    const i = p.lastIndexOf(':');
    const file = p.slice(0, i);
    return { ...at(file, Number(p.slice(i + 1))), ...(tests.has(file) ? { test: true } : {}) };
  };
  return {
    folder: folder.uri,
    folderName: folder.name,
    routes: (r?.routes ?? []).map((x) => ({ method: x.method, path: x.path, framework: x.framework, handler: x.handler, ...at(x.file, x.line) })),
    queues: (r?.queues ?? []).map((x) => ({ name: x.name, framework: x.framework, role: x.role, schedule: x.schedule, handler: x.handler, via: x.via, ...at(x.file, x.line) })),
    models: (r?.models ?? []).map((x) => ({
      name: x.name,
      framework: x.framework,
      table: x.table,
      ...at(x.file, x.line),
      ...(x.readers ? { readers: x.readers.map(place), writers: (x.writers ?? []).map(place) } : {}),
    })),
    sessions: (r?.sessions ?? []).map((x) => ({ framework: x.framework, store: x.store, detail: x.detail, ...at(x.file, x.line) })),
  };
}

export function folderStatus(folder: FolderAnalysis): FolderStatus {
  const e = folder.evaluation;
  return {
    uri: folder.uri,
    name: folder.name,
    state: folder.state,
    message: folder.message,
    modules: folder.result?.summary.modules ?? 0,
    coupledModules: folder.result?.summary.coupledModules ?? 0,
    planUri: folder.planText !== undefined ? pathToUri(folder.planFile) : undefined,
    progress: e ? { verified: e.counts.verified, regressed: e.counts.regressed, total: e.steps.length } : null,
    lastRun: folder.lastRun,
  };
}
