/**
 * Options of one analysis: what the caller may give (`AnalyzeOptions`) and what the engine works with after
 * defaults are applied (`NormalizedOptions`).
 */
import type { Concern } from './model';
import { CONCERNS } from './model';

export interface ProgressEvent {
  stage: 'discover' | 'extract' | 'bind' | 'detect' | 'graph' | 'churn' | 'rank';
  done: number;
  total: number;
  message?: string;
}

export interface AnalyzeOptions {
  /** The folder to analyse (absolute or relative to the process's cwd). */
  root: string;
  /** Globs (relative to root) of files to analyse; default: every .ts/.tsx/.js/.jsx/.mjs/.cjs/.mts/.cts file. */
  include?: string[];
  /** Globs to leave out, added to the defaults (node_modules, dist, build, coverage, .git, *.d.ts). */
  exclude?: string[];
  /** Concerns to report; default: all. */
  concerns?: Concern[];
  /** Churn window in days (commits touching each file since then); 0 turns churn off. Default 180. */
  churnDays?: number;
  /** Extra folder of user rule packs (*.json, *.yaml); default `<root>/.strangler/rules` when present. */
  rulePackDir?: string;
  /** Files bigger than this many bytes are skipped with a problem; default 1 MiB. */
  maxFileBytes?: number;
  /** Called as the analysis proceeds; used for stderr progress and LSP `$/progress`. */
  onProgress?: (event: ProgressEvent) => void;
  /** A fixed "now" for churn (seconds since epoch), for reproducible output; default: HEAD's commit time. */
  now?: number;
  /** Walk every module, also those no framework value can reach (slower; the test of the quick path compares). */
  walkEveryModule?: boolean;
}

export interface NormalizedOptions {
  root: string;
  include: string[];
  exclude: string[];
  concerns: Concern[];
  churnDays: number;
  rulePackDir: string | undefined;
  maxFileBytes: number;
  onProgress: (event: ProgressEvent) => void;
  now: number | undefined;
  walkEveryModule: boolean;
}

export const DEFAULT_INCLUDE = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
export const DEFAULT_EXCLUDE = [
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/.git/**',
  '**/*.d.ts',
  '**/*.min.js',
];
export { CONCERNS };
