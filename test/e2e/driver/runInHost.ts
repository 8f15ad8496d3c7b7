/**
 * Runs the in-host mocha suite inside code-server's real extension host, as @vscode/test-web does: the page opens
 * the workspace with `extensionDevelopmentPath` and `extensionTestsPath` in its payload, and the workbench reports
 * the exit code through `window.codeAutomationExit`. Prints the suite's report (mocha's spec output, which the
 * suite writes to the marks folder), or a failing count when the suite could not run at all.
 * Usage: node runInHost.js <port> <workspace> <extension folder> <tests index.js> <marks folder>
 */
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import { launchBrowser } from '../ui/browser';
import { waitUntil } from '../marks';

const [port, workspace, extension, tests, marks] = process.argv.slice(2);

async function main(): Promise<number> {
  const browser = await launchBrowser();
  const log: string[] = [];
  let exitCode: number | undefined;
  try {
    const page = await browser.newPage();
    // The extension host's console arrives here; kept for a failing run (the workbench's own noise included).
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => log.push(`[${type}] ${util.format(...(args ?? []))}`));
    await page.exposeFunction('codeAutomationExit', (code: number) => (exitCode = code));
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://remote${extension}`],
      ['extensionTestsPath', `vscode-remote://remote${tests}`],
    ]);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    await waitUntil('the extension host to finish the tests', () => exitCode, 240_000);
  } catch (error) {
    console.log(`[in-host] ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser.close();
  }
  const report = path.join(marks, 'in-host-report.txt');
  if (fs.existsSync(report)) console.log(fs.readFileSync(report, 'utf8'));
  else console.log(`  0 passing\n  1 failing\n\n  1) the in-host suite did not report (exit code ${exitCode})\n${log.slice(-40).join('\n')}`);
  if (exitCode !== 0) fs.writeFileSync(path.join(marks, 'in-host-console.log'), log.join('\n'));
  return exitCode === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
