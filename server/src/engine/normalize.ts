/**
 * Turns the options a caller gives into the options the engine works with: absolute root, defaults for
 * globs, concerns and limits, and the user rule pack folder when the workspace has one.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { AnalyzeOptions, NormalizedOptions } from './options';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE, DEFAULT_TREE_BUDGET_CHARS, CONCERNS } from './options';

export const DEFAULT_CHURN_DAYS = 180;
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
export const USER_RULES_DIR = '.strangler/rules';

export function normalizeOptions(o: AnalyzeOptions): NormalizedOptions {
  const root = path.resolve(o.root);
  const defaultRules = path.join(root, USER_RULES_DIR);
  return {
    root,
    include: o.include?.length ? o.include : DEFAULT_INCLUDE,
    exclude: [...DEFAULT_EXCLUDE, ...(o.exclude ?? [])],
    concerns: o.concerns?.length ? o.concerns.filter((c) => CONCERNS.includes(c)) : [...CONCERNS],
    churnDays: o.churnDays ?? DEFAULT_CHURN_DAYS,
    rulePackDir: o.rulePackDir ? path.resolve(root, o.rulePackDir) : fs.existsSync(defaultRules) ? defaultRules : undefined,
    maxFileBytes: o.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    onProgress: o.onProgress ?? (() => undefined),
    now: o.now,
    walkEveryModule: o.walkEveryModule ?? false,
    treeBudgetChars: Math.max(0, o.treeBudgetChars ?? DEFAULT_TREE_BUDGET_CHARS),
  };
}
