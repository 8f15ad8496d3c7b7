/**
 * Command-line argument parsing: a command, positional arguments, and `--flag value` / `--flag=value` /
 * boolean flags, with repeatable flags collected into lists.
 */

export class UsageError extends Error {}

export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Record<string, string | boolean>;
  lists: Record<string, string[]>;
}

const BOOLEAN = new Set(['json', 'quiet', 'help', 'update-ratchets', 'dry-run', 'force']);
const REPEATABLE = new Set(['include', 'exclude', 'move']);

export function parseArgs(argv: string[]): ParsedArgs {
  const out: ParsedArgs = { command: 'analyze', positional: [], flags: {}, lists: {} };
  let commandSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      out.flags.help = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      let value: string | boolean;
      if (BOOLEAN.has(name)) value = eq > 0 ? a.slice(eq + 1) !== 'false' : true;
      else if (eq > 0) value = a.slice(eq + 1);
      else {
        if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
        value = argv[++i];
      }
      if (REPEATABLE.has(name)) (out.lists[name] ??= []).push(String(value));
      else out.flags[name] = value;
      continue;
    }
    if (!commandSeen) {
      out.command = a;
      commandSeen = true;
    } else out.positional.push(a);
  }
  return out;
}

export function intFlag(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} expects a whole number, got '${String(v)}'`);
  return n;
}
