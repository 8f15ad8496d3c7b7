/**
 * Test helper: writes a small project (file name → source) into a fresh temporary folder and analyses it,
 * so engine tests read as "these sources in, these facts out".
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeSync } from '../../../server/src/engine';
import { normalizeOptions } from '../../../server/src/engine/normalize';
import type { AnalysisResult, CouplingSite } from '../../../server/src/engine/model';
import type { AnalyzeOptions } from '../../../server/src/engine/options';

export function writeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-test-'));
  for (const [name, text] of Object.entries(files)) {
    const abs = path.join(dir, name);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return dir;
}

export function analyzeFiles(files: Record<string, string>, options: Partial<AnalyzeOptions> = {}): AnalysisResult {
  const root = writeProject(files);
  try {
    return analyzeSync(normalizeOptions({ churnDays: 0, ...options, root }));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The 1-based line of a snippet that occurs exactly once in a source. */
export function lineOf(src: string, needle: string): number {
  const i = src.indexOf(needle);
  if (i < 0) throw new Error(`needle not found: ${needle}`);
  if (src.indexOf(needle, i + 1) >= 0) throw new Error(`needle is ambiguous: ${needle}`);
  return src.slice(0, i).split('\n').length;
}

/** Sites of one module as compact strings: `line kind framework text`. */
export function sitesOf(r: AnalysisResult, file: string): string[] {
  const m = r.modules.find((x) => x.path === file);
  if (!m) throw new Error(`no module ${file}; have ${r.modules.map((x) => x.path).join(', ')}`);
  return m.sites.map(siteText);
}

export function siteText(s: CouplingSite): string {
  return `${s.line} ${s.kind} ${s.framework} ${s.text}`;
}

/** The frameworks a module is coupled to, `orm:typeorm` style, excluding type-only sites when asked. */
export function couplingOf(r: AnalysisResult, file: string, runtimeOnly = false): string[] {
  const m = r.modules.find((x) => x.path === file);
  if (!m) throw new Error(`no module ${file}`);
  const set = new Set<string>();
  for (const s of m.sites) {
    if (runtimeOnly && (s.kind === 'type-import' || s.kind === 'type-ref')) continue;
    set.add(`${s.concern}:${s.framework}`);
  }
  return [...set].sort();
}
