/**
 * Reads and writes plan files safely: a write goes to a temporary file in the same folder and is renamed over
 * the plan, and never happens when the file changed on disk since it was read (someone, or an editor, saved it).
 */
import * as fs from 'fs';
import * as path from 'path';

export interface PlanFileSnapshot {
  file: string;
  /** The text as read; null when the file did not exist. */
  text: string | null;
}

export type WriteOutcome = { written: true } | { written: false; reason: string };

export function readPlanFile(file: string): PlanFileSnapshot {
  try {
    return { file, text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { file, text: null };
    throw e;
  }
}

/**
 * Replaces the file with `text` if it still holds what `snapshot` read. The rename is atomic on one file system,
 * so a reader sees the old plan or the new one, never half of it.
 */
export function writePlanFile(snapshot: PlanFileSnapshot, text: string): WriteOutcome {
  const dir = path.dirname(snapshot.file);
  const temp = path.join(dir, `.${path.basename(snapshot.file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  if (!unchanged(snapshot)) return { written: false, reason: `${snapshot.file} changed on disk since it was read; not overwriting it` };
  fs.writeFileSync(temp, text, 'utf8');
  try {
    // Checked again right before the rename: the window in which an edit could be lost is as small as it gets.
    if (!unchanged(snapshot)) return { written: false, reason: `${snapshot.file} changed on disk since it was read; not overwriting it` };
    fs.renameSync(temp, snapshot.file);
    return { written: true };
  } finally {
    if (fs.existsSync(temp)) fs.rmSync(temp, { force: true });
  }
}

function unchanged(snapshot: PlanFileSnapshot): boolean {
  return readPlanFile(snapshot.file).text === snapshot.text;
}
