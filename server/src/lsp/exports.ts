/**
 * The editor's side of exports and the migration map: the same registry of exporters the CLI uses and the
 * same unit graph the HTML roadmap draws, fed from the folder's live analysis and plan. Without a plan file
 * (or with one that does not parse) they use the plan `strangler plan` would draft, and say so.
 */
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { writeFileAtomic } from '../engine/atomicFile';
import { EXPORTERS, EXPORT_MAX_VIOLATIONS, exportRoadmap, isExportFormat, type ExportInput } from '../engine/export';
import { unitGraph } from '../engine/export/unitGraph';
import { generatePlan } from '../engine/plan/generate';
import { evaluatePlan } from '../engine/verify/evaluate';
import { readWorkspace } from '../engine/verify/workspace';
import type { ExportFormatItem, ExportParams, ExportResult, FolderMap } from '../shared/protocol';
import type { FolderAnalysis } from './folder';
import { fileUri } from './views';
import { pathToUri } from './uris';

export function exportFormats(): ExportFormatItem[] {
  return Object.entries(EXPORTERS).map(([id, e]) => ({ id, label: e.label, extension: e.extension }));
}

/** The plan as written when it parses, else the drafted one; evaluated with every violation kept. */
function exportInput(folder: FolderAnalysis): { input: ExportInput; drafted: boolean } | undefined {
  const result = folder.result;
  if (!result) return undefined;
  const usable = folder.plan && !folder.plan.diagnostics.some((d) => d.severity === 'error');
  const workspace = readWorkspace(folder.root);
  const plan = usable ? folder.plan!.plan : generatePlan(result, { workspace });
  const evaluation = evaluatePlan(plan, result, workspace, { maxViolations: EXPORT_MAX_VIOLATIONS });
  const planFile = usable ? path.relative(folder.root, folder.planFile).split(path.sep).join('/') : undefined;
  return { input: { result, plan, evaluation, workspace: result.root, planFile }, drafted: !usable };
}

export function runExport(folder: FolderAnalysis, params: ExportParams): ExportResult {
  if (!isExportFormat(params.format)) return { ok: false, message: `unknown format '${params.format}'; expected one of ${Object.keys(EXPORTERS).join(', ')}` };
  const built = exportInput(folder);
  if (!built) return { ok: false, message: `${folder.name} has not been analysed yet` };
  let text: string;
  try {
    text = exportRoadmap(params.format, built.input, { upstreams: params.upstreams });
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const note = built.drafted ? ' (from the drafted plan: there is no usable plan file)' : '';
  if (!params.file) return { ok: true, message: `${EXPORTERS[params.format].label}${note}`, text };
  try {
    fs.mkdirSync(path.dirname(params.file), { recursive: true });
    const outcome = writeFileAtomic(params.file, text);
    if (!outcome.written) return { ok: false, message: outcome.reason };
  } catch (e) {
    return { ok: false, message: `cannot write ${params.file}: ${(e as Error).message}` };
  }
  const { counts, steps } = built.input.evaluation;
  return { ok: true, message: `Wrote ${path.basename(params.file)}: ${counts.verified} of ${steps.length} steps verified, ${counts.regressed} regressed${note}`, file: params.file };
}

export function folderMap(folder: FolderAnalysis): FolderMap {
  const base = { folder: folder.uri, folderName: folder.name, planUri: pathToUri(folder.planFile), planExists: folder.planText !== undefined };
  const built = exportInput(folder);
  if (!built) return { ...base, nodes: [], edges: [] };
  const { result, plan, evaluation } = built.input;
  const graph = unitGraph(result, plan, evaluation);
  const lineOf = new Map(evaluation.steps.map((s) => [s.id, s.planLine ?? 0]));
  const modulesIn = (glob: string) => {
    const match = picomatch(glob, { dot: true });
    return result.modules.filter((m) => m.rank !== null && match(m.path));
  };
  return {
    ...base,
    planExists: base.planExists && !built.drafted,
    nodes: graph.nodes.map((n) => {
      const top = modulesIn(n.glob).sort((a, b) => a.rank! - b.rank!)[0];
      return { id: n.id, label: n.label, modules: n.modules, sites: n.sites, score: n.score, concerns: n.concerns, state: n.state, topModule: top ? fileUri(folder, top.path) : undefined, steps: n.steps.map((id) => ({ id, line: lineOf.get(id) ?? 0 })) };
    }),
    edges: graph.edges,
  };
}
