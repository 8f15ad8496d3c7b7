/**
 * The analysis pipeline, top to bottom: discover → extract (parse, read imports/exports) → bind (framework
 * values across files, to a fixed point) → detect (sites and inventories) → graph → churn → rank.
 * Pure of VS Code and LSP; the CLI and the language server both call `analyze`.
 */
import * as path from 'path';
import type { AnalysisResult, Problem, ModuleReport } from './model';
import { SCHEMA_VERSION } from './model';
import type { AnalyzeOptions, NormalizedOptions } from './options';
import { normalizeOptions } from './normalize';
import { discover } from './discover/discover';
import { createResolver } from './resolve/resolve';
import { parseModule, readModule } from './bind/module';
import type { ModuleUnit } from './bind/module';
import { PackIndex } from './bind/binding';
import { ProgramBinder } from './bind/bind';
import { detectModule } from './detect/detect';
import type { ParamBindings } from './detect/detect';
import type { ModuleFacts } from './detect/facts';
import { buildGraph, transitiveDependents, cycles } from './graph/graph';
import { readChurn } from './churn/churn';
import { buildResult } from './report';
import { builtinRulePacks, loadUserRulePacks, mergeRulePacks } from '../rules/loadRulePacks';
import { readPrismaModels } from './detect/prismaSchema';

export { SCHEMA_VERSION };
export type { AnalysisResult, AnalyzeOptions };

const MAX_DETECT_ROUNDS = 6;

export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  return analyzeSync(normalizeOptions(options));
}

export function analyzeSync(opts: NormalizedOptions): AnalysisResult {
  const problems: Problem[] = [];
  const progress = opts.onProgress;

  // discover
  progress({ stage: 'discover', done: 0, total: 1 });
  const discovery = discover(opts);
  problems.push(...discovery.problems);
  const packsRaw = builtinRulePacks();
  const user = opts.rulePackDir ? loadUserRulePacks(opts.rulePackDir) : { packs: [], problems: [] };
  // Messages name the pack file; keep them relative so output does not depend on where the workspace lives.
  for (const p of user.problems) problems.push({ ...p, file: p.file ? relTo(opts.root, p.file) : p.file, message: p.file ? p.message.split(p.file).join(relTo(opts.root, p.file)) : p.message });
  const packs = new PackIndex(mergeRulePacks(packsRaw, user.packs), opts.concerns);

  // extract
  const resolver = createResolver(opts.root, discovery, problems);
  const units = new Map<string, ModuleUnit>();
  const total = discovery.files.length;
  discovery.files.forEach((f, i) => {
    const sf = parseModule(f.path, f.text);
    const unit = readModule(f.path, sf, resolver);
    units.set(f.path, unit);
    if (unit.syntaxErrors.length) {
      const e = unit.syntaxErrors[0];
      problems.push({ severity: 'warning', code: 'syntax-error', message: `${e.message}${unit.syntaxErrors.length > 1 ? ` (and ${unit.syntaxErrors.length - 1} more)` : ''}; the rest of the file is analysed as parsed`, file: f.path, line: e.line, column: e.column });
    }
    if (i % 200 === 199) progress({ stage: 'extract', done: i + 1, total });
  });
  progress({ stage: 'extract', done: total, total });

  // bind
  const binder = new ProgramBinder(units, packs);
  binder.run();
  progress({ stage: 'bind', done: 1, total: 1 });

  // detect, in rounds: calls found in one module bind the parameters of functions in others
  const facts = detectAll(units, binder, progress);

  // graph
  const edges = new Map<string, string[]>();
  for (const [file, f] of facts) edges.set(file, f.dependencies.map((d) => d.file));
  const graph = buildGraph([...units.keys()], edges);
  const dependents = transitiveDependents(graph);
  progress({ stage: 'graph', done: 1, total: 1 });

  // churn
  const churn = readChurn(opts.root, opts.churnDays, opts.now, problems);
  progress({ stage: 'churn', done: 1, total: 1 });

  const prisma = packs.byId.has('prisma') ? readPrismaModels(discovery.prismaSchemas, problems) : [];
  const result = buildResult({
    root: path.basename(opts.root),
    units,
    facts,
    graph,
    dependents,
    cycles: cycles(graph),
    churn,
    churnDays: opts.churnDays,
    packs,
    extraModels: prisma,
    problems,
  });
  progress({ stage: 'rank', done: 1, total: 1 });
  return result;
}

function detectAll(units: Map<string, ModuleUnit>, binder: ProgramBinder, progress: NormalizedOptions['onProgress']): Map<string, ModuleFacts> {
  const params: ParamBindings = new Map();
  const facts = new Map<string, ModuleFacts>();
  const fileOfFn = (key: string) => key.slice(0, key.lastIndexOf(':', key.lastIndexOf(':') - 1));
  let todo = [...units.keys()].sort();
  for (let round = 0; round < MAX_DETECT_ROUNDS && todo.length; round++) {
    const next = new Set<string>();
    todo.forEach((file, i) => {
      const f = detectModule(units.get(file)!, binder, params);
      facts.set(file, f);
      for (const pb of f.paramBindings) {
        let m = params.get(pb.fnKey);
        if (!m) params.set(pb.fnKey, (m = new Map()));
        if (m.has(pb.index)) continue;
        m.set(pb.index, pb.binding);
        next.add(fileOfFn(pb.fnKey));
      }
      if (round === 0 && i % 200 === 199) progress({ stage: 'detect', done: i + 1, total: todo.length });
    });
    todo = [...next].filter((f) => units.has(f)).sort();
  }
  progress({ stage: 'detect', done: units.size, total: units.size });
  return facts;
}

function relTo(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel.startsWith('..') ? file : rel.split(path.sep).join('/');
}

export type { ModuleReport };
