/**
 * The CLI's commands by name (a registry, so `main` reads as a dispatch): each takes parsed arguments and
 * returns an exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../engine';
import type { AnalysisResult } from '../engine/model';
import type { Concern } from '../engine/model';
import { CONCERNS } from '../engine/model';
import type { ParsedArgs } from './args';
import { intFlag, UsageError } from './args';
import { formatAnalysis } from './format';
import { progressReporter } from './progress';
import { bundledExample } from './main';
import { planCommands } from './planCommands';
import { exportCommands } from './exportCommand';

export type Command = (args: ParsedArgs) => Promise<number>;

export const commands: Record<string, Command> = {
  analyze: guard(analyzeCommand),
  ...planCommands,
  ...exportCommands,
};

function guard(cmd: Command): Command {
  return async (args) => {
    try {
      return await cmd(args);
    } catch (e) {
      if (e instanceof UsageError) {
        process.stderr.write(`strangler: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  };
}

/** The folder a command works on: the positional path, or the bundled example. */
export function targetFolder(args: ParsedArgs): string {
  const given = args.positional[0];
  const folder = given ? path.resolve(given) : bundledExample();
  if (!fs.existsSync(folder)) throw new UsageError(`no such folder: ${given ?? folder}`);
  if (!fs.statSync(folder).isDirectory()) throw new UsageError(`not a folder: ${given ?? folder}`);
  return folder;
}

export async function runAnalysis(args: ParsedArgs): Promise<AnalysisResult> {
  const root = targetFolder(args);
  const concernsFlag = args.flags.concerns;
  let concerns: Concern[] | undefined;
  if (typeof concernsFlag === 'string') {
    concerns = concernsFlag.split(',').map((c) => c.trim()) as Concern[];
    const bad = concerns.filter((c) => !CONCERNS.includes(c));
    if (bad.length) throw new UsageError(`unknown concern ${bad.map((b) => `'${b}'`).join(', ')}; expected ${CONCERNS.join(', ')}`);
  }
  const progress = args.flags.quiet ? undefined : progressReporter(process.stderr);
  const result = await analyze({
    root,
    concerns,
    include: args.lists.include,
    exclude: args.lists.exclude,
    churnDays: intFlag(args, 'churn-days', 180),
    rulePackDir: typeof args.flags.rules === 'string' ? path.resolve(args.flags.rules) : undefined,
    onProgress: progress?.report,
  });
  progress?.done();
  return result;
}

async function analyzeCommand(args: ParsedArgs): Promise<number> {
  const result = await runAnalysis(args);
  if (args.flags.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(formatAnalysis(result, { top: intFlag(args, 'top', 15) }));
  for (const p of result.problems) {
    if (p.severity === 'info' || !args.flags.json) continue;
    process.stderr.write(`${p.severity}: ${p.file ?? ''}${p.line ? `:${p.line}` : ''}${p.column ? `:${p.column}` : ''} ${p.message} [${p.code}]\n`);
  }
  return 0;
}
