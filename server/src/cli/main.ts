/**
 * The `strangler` command line: parses arguments and dispatches to the commands, each of which calls the
 * engine directly. Exit codes: 0 success, 1 a failed check, 2 bad input or usage.
 */
import * as path from 'path';
import * as fs from 'fs';
import { commands } from './commands';
import { parseArgs, UsageError } from './args';

export const USAGE = `strangler — find framework coupling and plan a strangler-fig migration

Usage:
  strangler analyze [path] [--json] [options]   rank framework-coupled hotspots (default path: the bundled example)
  strangler help                                 this text

Options:
  --json                 print the full result as JSON (schema: docs/analysis.schema.json)
  --concerns a,b         only these concerns (orm, routing, queue, session)
  --include glob         files to analyse (repeatable; default: all JS/TS files)
  --exclude glob         files to leave out (repeatable; node_modules, dist, build are always left out)
  --churn-days N         git history window for churn (default 180; 0 turns churn off)
  --rules dir            folder of extra rule packs (default: <path>/.strangler/rules when present)
  --top N                hotspots to list in the human summary (default 15)
  --quiet                no progress on stderr
`;

/** The sample legacy backend shipped with the product: the default target of every command. */
export function bundledExample(): string {
  const candidates = [path.join(__dirname, '..', 'examples', 'legacy-shop'), path.join(__dirname, '..', '..', '..', 'examples', 'legacy-shop')];
  return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`strangler: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (parsed.command === 'help' || parsed.flags.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const cmd = commands[parsed.command];
  if (!cmd) {
    process.stderr.write(`strangler: unknown command '${parsed.command}'\n\n${USAGE}`);
    return 2;
  }
  return cmd(parsed);
}

if (require.main === module || process.argv[1]?.endsWith('strangler.js') || process.argv[1]?.endsWith('cli.js')) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`strangler: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
