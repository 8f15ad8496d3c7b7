/**
 * Rewrites the golden analysis files of every fixture project on purpose (`npm run fixtures:regenerate`).
 * Review the diff like code: every changed number must be explainable.
 */
import * as fs from 'fs';
import { fixtureProjects, analyzeFixture, goldenPath, serialize, GOLDEN_DIR } from './fixtureRuns';

fs.mkdirSync(GOLDEN_DIR, { recursive: true });
for (const p of fixtureProjects()) {
  const text = serialize(analyzeFixture(p));
  const file = goldenPath(p);
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  fs.writeFileSync(file, text);
  console.log(`${before === text ? 'unchanged' : 'written  '} ${file}`);
}
