/**
 * Progress on stderr for long runs: silent for the first second (short runs print nothing), then one line
 * per stage change, at most twice a second.
 */
import type { ProgressEvent } from '../engine/options';

export function progressReporter(out: NodeJS.WritableStream, quietMs = 1000) {
  const start = Date.now();
  let last = 0;
  let lastStage = '';
  let printed = false;
  return {
    report(e: ProgressEvent): void {
      const now = Date.now();
      if (now - start < quietMs) return;
      if (e.stage === lastStage && now - last < 500) return;
      last = now;
      lastStage = e.stage;
      printed = true;
      out.write(`strangler: ${e.stage} ${e.done}/${e.total}${e.message ? ` ${e.message}` : ''} (${((now - start) / 1000).toFixed(1)}s)\n`);
    },
    done(): void {
      if (printed) out.write(`strangler: done in ${((Date.now() - start) / 1000).toFixed(1)}s\n`);
    },
  };
}
