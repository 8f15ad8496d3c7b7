/**
 * The entry the extension host loads as `extensionTestsPath`: runs the in-host suite with mocha and writes its
 * spec report to the marks folder, where the driver prints it (the host's console is not the terminal's).
 */
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import * as util from 'util';

export function run(): Promise<void> {
  const report: string[] = [];
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    report.push(util.format(...args));
    consoleLog(...args);
  };
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 90_000 });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      Mocha.reporters.Base.consoleLog = consoleLog;
      const marks = process.env.STRANGLER_E2E_MARKS;
      if (marks) fs.writeFileSync(path.join(marks, 'in-host-report.txt'), report.join('\n'));
      if (failures > 0) reject(new Error(`${failures} in-host tests failed`));
      else resolve();
    });
  });
}
