// The README's first command: analyse the bundled example, print the summary, and write the analysis JSON
// and a first-draft migration plan to out/demo/.
import { execFileSync } from 'child_process';
import * as fs from 'fs';

const cli = (args, opts = {}) => execFileSync(process.execPath, ['bin/strangler.js', ...args], { stdio: ['ignore', 'pipe', 'inherit'], ...opts }).toString();
fs.mkdirSync('out/demo', { recursive: true });
process.stdout.write(cli(['analyze', '--churn-days', '0']));
fs.writeFileSync('out/demo/analysis.json', cli(['analyze', '--json', '--quiet', '--churn-days', '0']));
execFileSync(process.execPath, ['bin/strangler.js', 'plan', '--out', 'out/demo/migration.strangler', '--churn-days', '0', '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
console.log('\nwrote out/demo/analysis.json and out/demo/migration.strangler');
console.log('verify it with: node bin/strangler.js check --plan out/demo/migration.strangler');
