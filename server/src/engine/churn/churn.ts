/**
 * Change frequency from git history: how many commits touched each file within the window. The window ends
 * at HEAD's commit time (not the clock), so the same repository gives the same numbers on any day.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { Problem } from '../model';

export interface Churn {
  available: boolean;
  commits: Map<string, number>;
}

export function readChurn(root: string, windowDays: number, now: number | undefined, problems: Problem[]): Churn {
  const none: Churn = { available: false, commits: new Map() };
  if (windowDays <= 0) return none;
  const git = (args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  let top: string;
  let head: number;
  try {
    top = git(['rev-parse', '--show-toplevel']).trim();
    head = now ?? Number(git(['log', '-1', '--format=%ct']).trim());
  } catch {
    return none; // not a git repository, or one without commits: churn is simply unknown
  }
  const since = head - windowDays * 86400;
  let log: string;
  try {
    log = git(['log', `--since=${since}`, `--until=${head}`, '--no-renames', '--name-only', '--format=%x00%H', '--', '.']);
  } catch (e) {
    problems.push({ severity: 'info', code: 'no-churn', message: `git log failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    return none;
  }
  // git prints paths relative to the repository top; the analysed root may be a sub-folder of it.
  const prefix = path.relative(top, root).split(path.sep).join('/');
  const commits = new Map<string, number>();
  for (const chunk of log.split('\0')) {
    const lines = chunk.split('\n').slice(1);
    const files = new Set<string>();
    for (const l of lines) {
      const f = l.trim();
      if (!f) continue;
      const rel = prefix ? (f.startsWith(prefix + '/') ? f.slice(prefix.length + 1) : undefined) : f;
      if (rel) files.add(rel);
    }
    for (const f of files) commits.set(f, (commits.get(f) ?? 0) + 1);
  }
  return { available: true, commits };
}
