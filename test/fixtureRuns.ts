/**
 * The fixture projects and how each is analysed for its golden file: copied to a temporary folder of the
 * same name (so generated inputs such as the huge file of `bad-input` never live in the repository), with
 * churn off so the golden output does not depend on git history.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeSync } from '../server/src/engine';
import { normalizeOptions } from '../server/src/engine/normalize';
import type { AnalysisResult } from '../server/src/engine/model';
import type { AnalyzeOptions } from '../server/src/engine/options';
import { generatePlan } from '../server/src/engine/plan/generate';
import { readWorkspace } from '../server/src/engine/verify/workspace';
import { printPlan } from '../server/src/planfile/print';

export const REPO = path.resolve(__dirname, '..');
export const GOLDEN_DIR = path.join(REPO, 'test', 'golden');

export interface FixtureProject {
  name: string;
  dir: string;
}

export function fixtureProjects(): FixtureProject[] {
  const out: FixtureProject[] = [{ name: 'legacy-shop', dir: path.join(REPO, 'examples', 'legacy-shop') }];
  const base = path.join(REPO, 'test', 'fixtures');
  for (const name of fs.readdirSync(base).sort()) {
    if (fs.statSync(path.join(base, name)).isDirectory()) out.push({ name, dir: path.join(base, name) });
  }
  return out;
}

/** Extra inputs a fixture needs that must not be committed. */
function prepare(name: string, copy: string): void {
  if (name === 'bad-input') {
    // 2 MiB of valid JavaScript: over the 1 MiB limit, so it must be skipped with a problem.
    const line = 'module.exports.x = 1;\n';
    fs.writeFileSync(path.join(copy, 'src', 'huge.js'), line.repeat(Math.ceil((2 * 1024 * 1024) / line.length)));
  }
}

export function analyzeFixture(p: FixtureProject, extra: Partial<AnalyzeOptions> = {}): AnalysisResult {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-fixture-'));
  const copy = path.join(tmp, p.name);
  try {
    fs.cpSync(p.dir, copy, { recursive: true, verbatimSymlinks: true });
    prepare(p.name, copy);
    return analyzeSync(normalizeOptions({ root: copy, churnDays: 0, ...extra }));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export function goldenPath(p: FixtureProject): string {
  return path.join(GOLDEN_DIR, `${p.name}.analysis.json`);
}

export function serialize(r: AnalysisResult): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/** The golden plan: what `strangler plan` drafts for the bundled example (churn off). */
export const GOLDEN_PLAN = path.join(GOLDEN_DIR, 'legacy-shop.plan.strangler');

export function bundledExamplePlanText(analysis?: AnalysisResult): string {
  const shop = fixtureProjects()[0];
  return printPlan(generatePlan(analysis ?? analyzeFixture(shop), { workspace: readWorkspace(shop.dir) }));
}
