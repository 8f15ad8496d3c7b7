/**
 * `strangler export`: the roadmap (Markdown, HTML, JSON, CSV, SARIF) or the façade routing table (JSON, nginx) of a
 * workspace's plan as verified against its code, printed or written atomically to `--out`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from '../engine/atomicFile';
import { EXPORT_FORMATS, EXPORT_MAX_VIOLATIONS, exportRoadmap, isExportFormat, type ExportFormat } from '../engine/export';
import { UpstreamNameError } from '../engine/export/facade';
import type { ParsedArgs } from './args';
import { intFlag, UsageError } from './args';
import { shown, usageGuard, verifyPlan } from './planCommands';

export const exportCommands = {
  export: usageGuard(exportCommand),
};

async function exportCommand(args: ParsedArgs): Promise<number> {
  const format = formatFlag(args);
  const upstreams = { legacy: stringFlag(args, 'upstream-legacy'), modern: stringFlag(args, 'upstream-modern') };
  const top = intFlag(args, 'top', 10);
  const verified = await verifyPlan(args, { draftWhenMissing: true, maxViolations: EXPORT_MAX_VIOLATIONS });
  if (typeof verified === 'number') return verified;
  const { root, file, plan, drafted, result, evaluation } = verified;
  let text: string;
  try {
    const planFile = drafted ? undefined : path.relative(root, file).split(path.sep).join('/');
    text = exportRoadmap(format, { result, plan, evaluation, workspace: result.root, planFile }, { top, upstreams: withoutUnset(upstreams) });
  } catch (e) {
    if (e instanceof UpstreamNameError) throw new UsageError(`--upstream-*: ${e.message}`);
    throw e;
  }
  const out = stringFlag(args, 'out');
  if (out === undefined) {
    process.stdout.write(text);
    return 0;
  }
  const target = path.resolve(out);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    writeFileAtomic(target, text);
  } catch (e) {
    process.stderr.write(`strangler: cannot write ${shown(target)}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const { counts } = evaluation;
  process.stderr.write(`wrote ${shown(target)} (${format}): ${counts.verified} of ${evaluation.steps.length} steps verified, ${counts.regressed} regressed\n`);
  return 0;
}

function formatFlag(args: ParsedArgs): ExportFormat {
  const value = args.flags.format ?? 'markdown';
  if (typeof value !== 'string' || !isExportFormat(value)) throw new UsageError(`--format expects one of ${EXPORT_FORMATS.join(', ')}, got '${String(value)}'`);
  return value;
}

function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return value;
}

function withoutUnset<T extends Record<string, string | undefined>>(record: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<Record<keyof T, string>>;
}
