/**
 * Precision and recall of the analysis against hand labels (LABELLING.md): the label files' format, and the
 * comparison of labelled (file, line, concern) triples with the lines where the analysis reports a site.
 */
import { createHash } from 'crypto';
import type { AnalysisResult, Concern } from '../../server/src/engine/model';
import { CONCERNS } from '../../server/src/engine/model';

export interface LabelledFile {
  path: string;
  sha256: string;
  lines: Record<Concern, number[]>;
  notes: Record<string, string>;
}

export interface LabelSet {
  repo: string;
  commit: string;
  labelledBy: string;
  files: LabelledFile[];
}

/** Reads one label file; a malformed one throws a message naming the field and what was expected. */
export function parseLabels(text: string, source: string): LabelSet {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not JSON (${(e as Error).message})`);
  }
  const fail = (where: string, expected: string): never => {
    throw new Error(`${source}: ${where}: expected ${expected}`);
  };
  const obj = (v: unknown, where: string): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(where, 'an object'));
  const str = (v: unknown, where: string): string => (typeof v === 'string' && v.length > 0 ? v : fail(where, 'a non-empty string'));
  const top = obj(raw, 'the file');
  const repo = str(top.repo, 'repo');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) fail('repo', '"owner/name"');
  const files = Array.isArray(top.files) ? top.files : fail('files', 'an array');
  const out: LabelSet = { repo, commit: str(top.commit, 'commit'), labelledBy: str(top.labelledBy, 'labelledBy'), files: [] };
  const seen = new Set<string>();
  files.forEach((f, i) => {
    const at = `files[${i}]`;
    const o = obj(f, at);
    const path = str(o.path, `${at}.path`);
    if (path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) fail(`${at}.path`, 'a relative path with forward slashes');
    if (seen.has(path)) fail(`${at}.path`, `a path not labelled twice (${path})`);
    seen.add(path);
    const sha256 = str(o.sha256, `${at}.sha256`);
    if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`${at}.sha256`, '64 lowercase hex digits');
    const lines = {} as Record<Concern, number[]>;
    for (const c of CONCERNS) {
      const list = Array.isArray(o[c]) ? (o[c] as unknown[]) : fail(`${at}.${c}`, 'an array of line numbers (empty when there is none)');
      list.forEach((n, k) => {
        if (!Number.isInteger(n) || (n as number) < 1) fail(`${at}.${c}[${k}]`, 'a line number ≥ 1');
        if (k > 0 && (n as number) <= (list[k - 1] as number)) fail(`${at}.${c}[${k}]`, 'ascending line numbers without repeats');
      });
      lines[c] = list as number[];
    }
    const notes = o.notes === undefined ? {} : obj(o.notes, `${at}.notes`);
    for (const [k, v] of Object.entries(notes)) {
      if (!/^\d+$/.test(k)) fail(`${at}.notes`, `keys that are line numbers (got "${k}")`);
      str(v, `${at}.notes.${k}`);
    }
    for (const k of Object.keys(o)) if (!['path', 'sha256', 'notes', ...CONCERNS].includes(k)) fail(`${at}.${k}`, 'no such field (path, sha256, orm, routing, queue, session, notes)');
    out.files.push({ path, sha256, lines, notes: notes as Record<string, string> });
  });
  return out;
}

export function sha256(text: Buffer | string): string {
  return createHash('sha256').update(text).digest('hex');
}

export interface Disagreement {
  file: string;
  line: number;
  concern: Concern;
  /** Reported without a label (a false positive), or labelled and not reported (a miss). */
  kind: 'false-positive' | 'miss';
  /** What the analysis reported there (site kinds and texts), for false positives. */
  reported?: string;
  note?: string;
}

export interface Tally {
  labelled: number;
  reported: number;
  agreed: number;
}

export interface RepoScore {
  repo: string;
  files: number;
  skipped: { path: string; why: string }[];
  byConcern: Record<Concern, Tally>;
  total: Tally;
  disagreements: Disagreement[];
}

export const precision = (t: Tally): number => (t.reported === 0 ? 1 : t.agreed / t.reported);
export const recall = (t: Tally): number => (t.labelled === 0 ? 1 : t.agreed / t.labelled);

/**
 * Compares the labelled files of one repository with an analysis of the whole repository. `readFile` gives
 * a labelled file's bytes in the checkout (undefined when it is missing); files whose bytes differ from the
 * ones labelled are skipped, never scored.
 */
export function scoreRepo(labels: LabelSet, result: AnalysisResult, readFile: (path: string) => Buffer | undefined): RepoScore {
  const empty = (): Tally => ({ labelled: 0, reported: 0, agreed: 0 });
  const score: RepoScore = { repo: labels.repo, files: 0, skipped: [], byConcern: { orm: empty(), routing: empty(), queue: empty(), session: empty() }, total: empty(), disagreements: [] };
  const modules = new Map(result.modules.map((m) => [m.path, m]));
  for (const f of labels.files) {
    const bytes = readFile(f.path);
    if (!bytes) {
      score.skipped.push({ path: f.path, why: 'not in the checkout' });
      continue;
    }
    if (sha256(bytes) !== f.sha256) {
      score.skipped.push({ path: f.path, why: 'its text differs from the labelled one (another commit?)' });
      continue;
    }
    const mod = modules.get(f.path);
    if (!mod) {
      score.skipped.push({ path: f.path, why: 'not analysed (excluded, or not a source file)' });
      continue;
    }
    score.files++;
    for (const c of CONCERNS) {
      const reported = new Map<number, string[]>();
      for (const s of mod.sites) if (s.concern === c) reported.set(s.line, [...(reported.get(s.line) ?? []), `${s.kind} ${s.text}`]);
      const labelled = new Set(f.lines[c]);
      const t = score.byConcern[c];
      t.labelled += labelled.size;
      t.reported += reported.size;
      for (const line of labelled) {
        if (reported.has(line)) t.agreed++;
        else score.disagreements.push({ file: f.path, line, concern: c, kind: 'miss', note: f.notes[String(line)] });
      }
      for (const [line, what] of reported) {
        if (!labelled.has(line)) score.disagreements.push({ file: f.path, line, concern: c, kind: 'false-positive', reported: what.join('; '), note: f.notes[String(line)] });
      }
    }
  }
  for (const c of CONCERNS) {
    score.total.labelled += score.byConcern[c].labelled;
    score.total.reported += score.byConcern[c].reported;
    score.total.agreed += score.byConcern[c].agreed;
  }
  score.disagreements.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.concern.localeCompare(b.concern));
  return score;
}
