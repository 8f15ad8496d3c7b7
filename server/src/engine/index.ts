/**
 * The analysis pipeline, top to bottom: discover → extract (parse, read imports/exports) → bind (framework
 * values across files, to a fixed point) → detect (sites and inventories) → graph → churn → rank.
 * Pure of VS Code and LSP; the CLI calls `analyze`, the language server keeps an `AnalysisSession` per
 * workspace folder (session.ts) to re-analyse edits incrementally.
 */
import type { AnalysisResult, ModuleReport } from './model';
import { SCHEMA_VERSION } from './model';
import type { AnalyzeOptions, NormalizedOptions } from './options';
import { normalizeOptions } from './normalize';
import { AnalysisSession } from './session';

export { SCHEMA_VERSION, AnalysisSession };
export type { AnalysisResult, AnalyzeOptions, ModuleReport };

export async function analyze(options: AnalyzeOptions): Promise<AnalysisResult> {
  return analyzeSync(normalizeOptions(options));
}

export function analyzeSync(opts: NormalizedOptions): AnalysisResult {
  return new AnalysisSession(opts).analyse();
}
