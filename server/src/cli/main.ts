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
  strangler plan [path] [--out file] [--move concern:from:to] [--order pain-first|quick-wins]
                                                 draft the migration plan, or merge what is new into it
                                                 (default file: <path>/migration.strangler)
  strangler check [path] [--plan file] [--json] [--update-ratchets]
                                                 verify the plan against the code; exit 1 when a done step
                                                 regressed or a ratchet grew, 2 when the plan is malformed
  strangler export [path] [--format f] [--out file] [--plan file] [--upstream-legacy name] [--upstream-modern name]
                                                 the roadmap or the façade routing table, as verified against the
                                                 code: markdown (default), html, json, csv, sarif, routes-json, nginx;
                                                 the plan "strangler plan" would draft when there is no plan file
  strangler help                                 this text

Options:
  --json                 print the full result as JSON (schema: schemas/analysis.schema.json)
  --concerns a,b         only these concerns (orm, routing, queue, session)
  --include glob         files to analyse (repeatable; default: all JS/TS files)
  --exclude glob         files to leave out (repeatable; node_modules, dist, build are always left out)
  --churn-days N         git history window for churn (default 180; 0 turns churn off)
  --rules dir            folder of extra rule packs (default: <path>/.strangler/rules when present)
  --top N                hotspots to list in the human summary (default 15)
  --move c:from:to       a framework swap for the plan, e.g. orm:typeorm:prisma (repeatable; default: typeorm and
                         sequelize to prisma, express and koa to fastify, bull to bullmq, sessions kept in memory
                         to a Redis store)
  --order strategy       pain-first (highest hotspot score first, the default) or quick-wins (fewest sites first)
  --update-ratchets      with check: lower each ratchet whose count dropped to today's count, in place
  --format f             with export: markdown, html, json, csv, sarif, routes-json or nginx
  --out file             with export: write the file atomically instead of printing it
  --upstream-legacy n    with export: the nginx upstream of the legacy app (default legacy; also --upstream-modern,
                         default modern)
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
