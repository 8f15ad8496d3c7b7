/**
 * The roadmap as GitHub-flavoured Markdown: the summary, the phases with each step's live state and checks
 * (a ticked box only for a verified step), the Mermaid Gantt and unit map, the top hotspots and the route and
 * queue inventories. Text from code and from the plan is escaped, so no name can open a link, a table cell or HTML.
 */
import type { Roadmap, RoadmapCheck, RoadmapStep } from './roadmap';
import { ganttChart, unitFlowchart } from './mermaid';
import { analysisText, checkCount, inventoryText, percent, progressText, source } from './wording';

/** Failing checks show this many of their violations. */
const SHOWN_VIOLATIONS = 3;

export function renderMarkdown(roadmap: Roadmap): string {
  const out: string[] = [];
  const { summary, plan } = roadmap;
  out.push(`# Migration roadmap: ${text(roadmap.workspace)}`, '');
  if (plan.title) out.push(`**${text(plan.title)}**`, '');
  out.push(
    `${plan.file ? `Plan ${code(plan.file)}` : 'The plan `strangler plan` drafts (no plan file yet)'}, verified against the code by strangler ${text(roadmap.tool.version)}: ${analysisText(summary)}.`,
    '',
  );

  out.push('## Summary', '', `**Progress: ${progressText(summary.progress)}**`, '');
  out.push('| Concern | Frameworks | Modules | Sites | Weight | Move |', '|---|---|--:|--:|--:|---|');
  for (const concern of summary.concerns) {
    const frameworks = concern.frameworks.map((use) => text(use.name)).join(', ') || '-';
    const moves = concern.moves.map((move) => `${text(move.fromName)} → ${text(move.toName)}`).join(', ') || '-';
    out.push(`| ${concern.concern} | ${frameworks} | ${concern.modules} | ${concern.sites} | ${concern.weight} | ${moves} |`);
  }
  out.push('', inventoryText(roadmap), '');

  out.push('## Phases', '', '```mermaid', ganttChart(roadmap), '```', '');
  out.push('| Phase | Steps | Verified | Regressed | Ready | Pending |', '|---|--:|--:|--:|--:|--:|');
  for (const phase of roadmap.phases) {
    const c = phase.counts;
    out.push(`| ${text(phase.title)} | ${phase.steps.length} | ${c.verified} | ${c.regressed} | ${c.ready} | ${c.pending} |`);
  }
  for (const phase of roadmap.phases) {
    out.push('', `### ${text(phase.title)}`, '', `${percent(phase.counts.verified, phase.steps.length)} verified.`, '');
    for (const step of phase.steps) out.push(...stepLines(step));
  }

  out.push('', '## Migration units', '');
  if (roadmap.units.length) {
    out.push(
      'Each unit migrates as a whole, coloured by the state of its steps (green verified, yellow started, grey pending, red regressed, dashed: no step of its own). An arrow A → B: A reaches a framework through B, so B’s seam comes first.',
      '',
      '```mermaid',
      unitFlowchart(roadmap),
      '```',
    );
  } else out.push('No module is coupled to a framework.');

  const { hotspots } = roadmap;
  out.push('', `## Hotspots (top ${hotspots.top.length} of ${hotspots.total})`, '', 'score = coupling × (1 + log2(1 + churn)) × (1 + log2(1 + dependents)) × (1 + 0.25 × leaks)', '');
  out.push('| # | Module | Score | Coupling | Churn | Dependents | Leaks | Sites by concern |', '|--:|---|--:|--:|--:|--:|--:|---|');
  for (const h of hotspots.top) {
    const sites = Object.entries(h.sites).map(([concern, n]) => `${concern} ${n}`).join(', ');
    out.push(`| ${h.rank} | ${cellCode(h.path)} | ${h.score} | ${h.coupling} | ${h.churn} | ${h.dependents} | ${h.leaks} | ${sites} |`);
  }
  if (hotspots.top[0]) out.push('', `#1: ${code(hotspots.top[0].formula)}`);

  out.push('', `## Routes (${roadmap.facade.routes.length})`, '');
  out.push('| Method | Path | Framework | Served by | Why | Source |', '|---|---|---|---|---|---|');
  for (const route of roadmap.facade.routes) {
    out.push(`| ${text(route.method)} | ${cellCode(route.path)} | ${text(route.framework)} | ${route.servedBy} | ${text(route.reason)} | ${cellCode(source(route))} |`);
  }
  out.push('', `## Queues (${roadmap.queues.length})`, '');
  out.push('| Queue | Role | Framework | Source | Schedule |', '|---|---|---|---|---|');
  for (const queue of roadmap.queues) {
    out.push(`| ${cellCode(queue.name)} | ${queue.role} | ${text(queue.framework)} | ${cellCode(source(queue))}${queue.via ? ` via ${cellCode(queue.via)}` : ''} | ${queue.schedule ? cellCode(queue.schedule) : '-'} |`);
  }
  return out.join('\n') + '\n';
}

function stepLines(step: RoadmapStep): string[] {
  const notes = [step.status === 'done' ? `done ${step.date}` : step.status === 'doing' ? 'doing' : '', step.manual ? 'manual' : ''].filter(Boolean);
  const lines = [`- [${step.state === 'verified' ? 'x' : ' '}] **${step.state}** ${code(step.id)} ${text(step.title)}${notes.length ? ` (${notes.join(', ')})` : ''}`];
  if (step.why) lines.push(`  - why: ${text(step.why)}`);
  for (const check of step.checks) lines.push(`  - ${check.ok ? '✓' : '✗'} ${code(check.text)}: ${checkCount(check)}${violations(check)}`);
  return lines;
}

function violations(check: RoadmapCheck): string {
  if (check.ok || check.violations.length === 0) return '';
  const shown = check.violations.slice(0, SHOWN_VIOLATIONS).map((v) => code(`${v.file}:${v.line}`));
  const more = check.count - shown.length;
  return ` — ${shown.join(', ')}${more > 0 ? `, ${more} more` : ''}`;
}

/**
 * Plain text: one line, with Markdown's punctuation backslash-escaped and HTML's special characters as entities,
 * so that names with `|`, `*`, `[`, `<script>` or newlines read as written.
 */
export function text(value: string): string {
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]{}|~#!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An inline code span that holds any text: its fence is longer than any run of backticks inside. */
export function code(value: string): string {
  const flat = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[`\s]|[`\s]$/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A code span inside a table cell: a `|` would end the cell even there, so it is escaped for the table. */
export function cellCode(value: string): string {
  return code(value).replace(/\|/g, '\\|');
}
