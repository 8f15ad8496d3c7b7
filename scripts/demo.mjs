// The README's first command: analyse the bundled example, print the summary, and write the analysis JSON
// (and the migration plan, when the plan command is available) to out/demo/.
import { execFileSync } from 'child_process';
import * as fs from 'fs';

const cli = (args, opts = {}) => execFileSync(process.execPath, ['bin/strangler.js', ...args], { stdio: ['ignore', 'pipe', 'inherit'], ...opts }).toString();
fs.mkdirSync('out/demo', { recursive: true });
process.stdout.write(cli(['analyze', '--churn-days', '0']));
fs.writeFileSync('out/demo/analysis.json', cli(['analyze', '--json', '--quiet', '--churn-days', '0']));
console.log('\nwrote out/demo/analysis.json');
