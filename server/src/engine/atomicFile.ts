/**
 * Writes a file so that a reader sees the old content or the new, never half of either: the text goes to a
 * temporary file in the same folder, which is renamed over the target (atomic on one file system).
 */
import * as fs from 'fs';
import * as path from 'path';

export type WriteOutcome = { written: true } | { written: false; reason: string };

/**
 * Writes `text` to `file` atomically. `stillWanted`, when given, runs before the temporary file is written and
 * again right before the rename; a reason it returns cancels the write, and the target is left as it was.
 */
export function writeFileAtomic(file: string, text: string, stillWanted: () => string | undefined = () => undefined): WriteOutcome {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const before = stillWanted();
  if (before) return { written: false, reason: before };
  fs.writeFileSync(temp, text, 'utf8');
  try {
    const reason = stillWanted();
    if (reason) return { written: false, reason };
    fs.renameSync(temp, file);
    return { written: true };
  } finally {
    if (fs.existsSync(temp)) fs.rmSync(temp, { force: true });
  }
}
