/**
 * Test helper: runs the `strangler` CLI in-process (its `main`) with stdout and stderr captured, churn off and
 * progress quiet, so that CLI tests read as "these arguments in, this exit code and output out".
 */
import { main } from '../../../server/src/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const [write, writeErr] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await main([...argv, '--quiet', '--churn-days', '0']);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    [process.stdout.write, process.stderr.write] = [write, writeErr];
  }
}
