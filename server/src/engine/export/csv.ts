/**
 * The roadmap as CSV for a tracker's import: one row per step (id, title, phase, live state, plan status, checks,
 * an empty owner column to fill in, and the files to look at). RFC 4180: CRLF line ends, fields quoted when they
 * hold a comma, quote or line break; a field that a spreadsheet would run as a formula is prefixed with `'`.
 */
import type { Roadmap, RoadmapStep } from './roadmap';
import { checkCount, source } from './wording';

/** Violation files listed per step, besides the plan line. */
const MAX_LINKS = 10;

export const CSV_COLUMNS = ['ID', 'Title', 'Phase', 'State', 'Plan status', 'Checks', 'Owner', 'Links'];

export function renderCsv(roadmap: Roadmap): string {
  const rows = [CSV_COLUMNS, ...roadmap.phases.flatMap((phase) => phase.steps.map((step) => stepRow(step, roadmap.plan.file)))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function stepRow(step: RoadmapStep, planFile: string | null): string[] {
  const passing = step.checks.filter((check) => check.ok).length;
  const checks = [`${passing} of ${step.checks.length} pass`, ...step.checks.map((check) => `${check.ok ? '✓' : '✗'} ${check.text}: ${checkCount(check)}`)];
  const files = [...new Set(step.checks.filter((check) => !check.ok).flatMap((check) => check.violations.map((v) => v.file)))].sort();
  const links = [...(planFile && step.planLine ? [source({ file: planFile, line: step.planLine })] : []), ...files.slice(0, MAX_LINKS), ...(files.length > MAX_LINKS ? [`… ${files.length - MAX_LINKS} more files`] : [])];
  const status = step.status === 'done' ? `done ${step.date}` : step.status;
  return [step.id, step.title, step.phase, step.state, status, checks.join('\n'), '', links.join('\n')];
}

/**
 * One field: a leading `=`, `+`, `-`, `@`, tab or carriage return would make a spreadsheet evaluate the cell, so
 * such a field starts with an apostrophe (OWASP's advice); then it is quoted when RFC 4180 needs it.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
