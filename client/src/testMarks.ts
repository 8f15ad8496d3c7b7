/**
 * Marks for the editor end-to-end tests: when `STRANGLER_E2E_MARKS` names a folder, the client writes a JSON
 * file there at each point a test waits for (a status notification handled, a plan edit saved), so that the
 * tests wait for states instead of sleeping. Without the variable nothing is written.
 */
import * as fs from 'fs';
import * as path from 'path';

let sequence = 0;

export function writeMark(name: string, data: object): void {
  const folder = process.env.STRANGLER_E2E_MARKS;
  if (!folder) return;
  try {
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${name}.json`);
    // Written whole then renamed, so a reader never sees half a file.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ sequence: ++sequence, at: Date.now(), ...data }, null, 2));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // A test mark must never disturb the extension.
  }
}
