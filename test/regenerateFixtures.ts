/**
 * Rewrites the golden files on purpose — the analysis of every fixture project and the plan of the bundled example (`npm run fixtures:regenerate`).
 * Review the diff like code: every changed number must be explainable.
 */
import * as fs from 'fs';
import { fixtureProjects, analyzeFixture, goldenPath, serialize, GOLDEN_DIR, GOLDEN_PLAN, bundledExamplePlanText } from './fixtureRuns';

fs.mkdirSync(GOLDEN_DIR, { recursive: true });
function write(file: string, text: string): void {
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  fs.writeFileSync(file, text);
  console.log(`${before === text ? 'unchanged' : 'written  '} ${file}`);
}

for (const p of fixtureProjects()) write(goldenPath(p), serialize(analyzeFixture(p)));
write(GOLDEN_PLAN, bundledExamplePlanText());
