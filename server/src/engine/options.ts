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
  /**
   * Characters of source whose syntax trees are kept between stages (about 25 bytes of heap each); other
   * trees are parsed again when needed. Default 40 million: every tree of a 2,000-file backend, about a
   * fifth of a 30,000-file one.
   */
  treeBudgetChars?: number;
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
  treeBudgetChars: number;
}

export const DEFAULT_TREE_BUDGET_CHARS = 40_000_000;

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
