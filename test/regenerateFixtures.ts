/**
 * Rewrites the golden files on purpose — the analysis of every fixture project, the plan of the bundled example and
 * its exports in every format (`npm run fixtures:regenerate`).
 * Review the diff like code: every changed number must be explainable.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fixtureProjects, analyzeFixture, goldenPath, serialize, GOLDEN_DIR, GOLDEN_PLAN, bundledExamplePlanText } from './fixtureRuns';
import { EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES, exampleExportInput, exportAll } from './exportRuns';

fs.mkdirSync(GOLDEN_DIR, { recursive: true });
function write(file: string, text: string): void {
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  fs.writeFileSync(file, text);
  console.log(`${before === text ? 'unchanged' : 'written  '} ${file}`);
}

for (const p of fixtureProjects()) write(goldenPath(p), serialize(analyzeFixture(p)));
write(GOLDEN_PLAN, bundledExamplePlanText());
fs.mkdirSync(EXPORT_GOLDEN_DIR, { recursive: true });
const exports = exportAll(exampleExportInput());
for (const [format, file] of Object.entries(EXPORT_GOLDEN_FILES)) write(path.join(EXPORT_GOLDEN_DIR, file), exports[format as keyof typeof exports]);
