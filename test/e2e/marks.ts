/**
 * Waiting for the marks the extension writes when STRANGLER_E2E_MARKS is set (see client/src/testMarks.ts):
 * a test waits until a mark says what it needs, polling the file, never sleeping a fixed time.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { StatusParams } from '../../server/src/shared/protocol';
import type { StatusSummary } from '../../client/src/statusSummary';

export interface Mark {
  sequence: number;
  at: number;
}
export type StatusMark = Mark & StatusParams & { summary: StatusSummary };

export function readMark<T extends Mark>(folder: string, name: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(folder, `${name}.json`), 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Resolves with the first version of the mark that satisfies `until`; on timeout, says what it saw last. */
export function waitForMark<T extends Mark>(folder: string, name: string, until: (mark: T) => boolean, timeoutMs = 60_000): Promise<T> {
  let last: T | undefined;
  return waitUntil(
    () => `mark '${name}'; last: ${JSON.stringify(last)?.slice(0, 600)}`,
    () => {
      last = readMark<T>(folder, name);
      return last && until(last) ? last : undefined;
    },
    timeoutMs,
  );
}

/** Every folder has finished its first analysis. */
export const allReady = (status: StatusMark): boolean => status.folders.length > 0 && status.folders.every((folder) => folder.state === 'ready');

/** Polls a condition until it holds; the same rule as marks: no fixed sleeps. */
export async function waitUntil<T>(what: string | (() => string), probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
