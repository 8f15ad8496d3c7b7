/**
 * Reads and writes plan files safely: a write goes to a temporary file in the same folder and is renamed over
 * the plan, and never happens when the file changed on disk since it was read (someone, or an editor, saved it).
 */
import * as fs from 'fs';
import { writeFileAtomic, type WriteOutcome } from '../atomicFile';

export type { WriteOutcome };

export interface PlanFileSnapshot {
  file: string;
  /** The text as read; null when the file did not exist. */
  text: string | null;
}

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
  // Checked before writing and again right before the rename: the window in which an edit could be lost is as small as it gets.
  return writeFileAtomic(snapshot.file, text, () => (unchanged(snapshot) ? undefined : `${snapshot.file} changed on disk since it was read; not overwriting it`));
}

function unchanged(snapshot: PlanFileSnapshot): boolean {
  return readPlanFile(snapshot.file).text === snapshot.text;
}
