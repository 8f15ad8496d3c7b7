/**
 * The roadmap as one self-contained HTML page: the content of the Markdown roadmap with sortable tables and inline
 * SVG charts, its style and script inline and named by hash in a Content-Security-Policy that allows nothing else,
 * so it works from disk, offline, and cannot load or run anything a name from the code smuggles in.
 */
import { createHash } from 'crypto';
import type { Roadmap, RoadmapCheck, RoadmapStep } from './roadmap';
import { couplingChart, progressChart } from './htmlCharts';
import { SCRIPT, STYLE } from './htmlAssets';
import { analysisText, checkCount, inventoryText, percent, progressText, source } from './wording';

const SHOWN_VIOLATIONS = 3;

export function renderHtml(roadmap: Roadmap): string {
  const { summary, plan } = roadmap;
  const csp = `default-src 'none'; style-src '${sha256(STYLE)}'; script-src '${sha256(SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `Migration roadmap: ${roadmap.workspace}`;
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    plan.title ? `<p class="plan-title">${escapeHtml(plan.title)}</p>` : '',
    `<p class="meta">${plan.file ? `Plan <code>${escapeHtml(plan.file)}</code>` : 'The plan <code>strangler plan</code> drafts (no plan file yet)'}, verified against the code by strangler ${escapeHtml(roadmap.tool.version)}: ${escapeHtml(analysisText(summary))}.</p>`,
    '<h2 id="summary">Summary</h2>',
    `<p class="progress">Progress: ${escapeHtml(progressText(summary.progress))}</p>`,
    `<div class="charts"><figure><figcaption>Progress per phase</figcaption>${progressChart(roadmap, escapeHtml)}</figure><figure><figcaption>Coupling per concern</figcaption>${couplingChart(roadmap, escapeHtml)}</figure></div>`,
    table(
      'concerns',
      ['Concern', 'Frameworks', '#Modules', '#Sites', '#Weight', 'Move'],
      summary.concerns.map((c) => [
        escapeHtml(c.concern),
        escapeHtml(c.frameworks.map((use) => use.name).join(', ') || '-'),
        num(c.modules),
        num(c.sites),
        num(c.weight),
        escapeHtml(c.moves.map((move) => `${move.fromName} → ${move.toName}`).join(', ') || '-'),
      ]),
    ),
    `<p>${escapeHtml(inventoryText(roadmap))}</p>`,
    '<h2 id="phases">Phases and steps</h2>',
    table(
      'phases',
      ['Phase', '#Steps', '#Verified', '#Regressed', '#Ready', '#Pending', 'Done'],
      roadmap.phases.map((phase) => [
        escapeHtml(phase.title),
        num(phase.steps.length),
        num(phase.counts.verified),
        num(phase.counts.regressed),
        num(phase.counts.ready),
        num(phase.counts.pending),
        escapeHtml(percent(phase.counts.verified, phase.steps.length)),
      ]),
    ),
    table(
      'steps',
      ['#Order', 'Phase', 'Step', 'State', 'Status', 'Checks'],
      roadmap.phases.flatMap((phase) => phase.steps).map((step, i) => [num(i + 1), escapeHtml(step.phase), stepCell(step), stateBadge(step.state), escapeHtml(statusText(step)), checksCell(step.checks)]),
    ),
    '<h2 id="units">Migration units</h2>',
    '<p class="muted">Each unit migrates as a whole; it is coloured by the state of the steps about it alone. “Reaches through”: the units whose framework-bound values it uses, whose seams come first.</p>',
    table(
      'units',
      ['Unit', 'State', '#Score', '#Sites', '#Modules', 'Concerns', 'Reaches through', 'Steps'],
      roadmap.units.map((unit) => [
        `<code>${escapeHtml(unit.label)}</code>`,
        stateBadge(unit.state),
        num(unit.score),
        num(unit.sites),
        num(unit.modules),
        escapeHtml(unit.concerns.join(', ')),
        escapeHtml(
          roadmap.dependencies
            .filter((edge) => edge.from === unit.id)
            .map((edge) => `${roadmap.units.find((other) => other.id === edge.to)?.label ?? edge.to} (${edge.concerns.join(', ')})`)
            .join('; ') || '-',
        ),
        escapeHtml(unit.steps.join(', ') || '-'),
      ]),
    ),
    `<h2 id="hotspots">Hotspots (top ${roadmap.hotspots.top.length} of ${roadmap.hotspots.total})</h2>`,
    '<p class="muted">score = coupling × (1 + log2(1 + churn)) × (1 + log2(1 + dependents)) × (1 + 0.25 × leaks)</p>',
    table(
      'hotspots',
      ['#Rank', 'Module', '#Score', '#Coupling', '#Churn', '#Dependents', '#Leaks', 'Sites by concern'],
      roadmap.hotspots.top.map((h) => [
        num(h.rank),
        `<code title="${escapeHtml(h.formula)}">${escapeHtml(h.path)}</code>`,
        num(h.score),
        num(h.coupling),
        num(h.churn),
        num(h.dependents),
        num(h.leaks),
        escapeHtml(Object.entries(h.sites).map(([concern, n]) => `${concern} ${n}`).join(', ')),
      ]),
    ),
    `<h2 id="routes">Routes (${roadmap.facade.routes.length})</h2>`,
    table(
      'routes',
      ['Method', 'Path', 'Framework', 'Served by', 'Why', 'Source'],
      roadmap.facade.routes.map((route) => [
        escapeHtml(route.method),
        `<code>${escapeHtml(route.path)}</code>`,
        escapeHtml(route.framework),
        `<span class="served-${route.servedBy}">${route.servedBy}</span>`,
        escapeHtml(route.reason),
        `<code>${escapeHtml(source(route))}</code>`,
      ]),
    ),
    `<h2 id="queues">Queues (${roadmap.queues.length})</h2>`,
    table(
      'queues',
      ['Queue', 'Role', 'Framework', 'Source', 'Schedule'],
      roadmap.queues.map((queue) => [`<code>${escapeHtml(queue.name)}</code>`, escapeHtml(queue.role), escapeHtml(queue.framework), `<code>${escapeHtml(source(queue))}</code>${queue.via ? ` via <code>${escapeHtml(queue.via)}</code>` : ''}`, queue.schedule ? `<code>${escapeHtml(queue.schedule)}</code>` : '-']),
    ),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body.filter(Boolean),
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A sortable table; a heading that starts with `#` is a numeric column (the `#` is not shown). */
function table(id: string, headings: string[], rows: string[][]): string {
  const numeric = headings.map((heading) => heading.startsWith('#'));
  const head = headings.map((heading, i) => `<th${numeric[i] ? ' class="num"' : ''} scope="col">${escapeHtml(numeric[i] ? heading.slice(1) : heading)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => (numeric[i] ? cell : `<td>${cell}</td>`)).join('')}</tr>`).join('\n');
  return `<table class="sortable" id="table-${id}">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function num(n: number): string {
  return `<td class="num" data-sort="${n}">${n}</td>`;
}

function stateBadge(state: string): string {
  return `<span class="state state-${state}">${state}</span>`;
}

function stepCell(step: RoadmapStep): string {
  return `<code>${escapeHtml(step.id)}</code> ${escapeHtml(step.title)}${step.why ? `<div class="why">${escapeHtml(step.why)}</div>` : ''}`;
}

function statusText(step: RoadmapStep): string {
  return [step.status === 'done' ? `done ${step.date}` : step.status, step.manual ? 'manual' : ''].filter(Boolean).join(', ');
}

function checksCell(checks: RoadmapCheck[]): string {
  const items = checks.map((check) => {
    const shown = check.ok ? [] : check.violations.slice(0, SHOWN_VIOLATIONS).map((v) => `<code>${escapeHtml(source(v))}</code>`);
    const more = check.ok ? 0 : check.count - shown.length;
    const where = shown.length ? ` — ${shown.join(', ')}${more > 0 ? `, ${more} more` : ''}` : '';
    return `<li class="${check.ok ? 'pass' : 'fail'}"><code>${escapeHtml(check.text)}</code>: ${escapeHtml(checkCount(check))}${where}</li>`;
  });
  return `<ul class="checks">${items.join('')}</ul>`;
}

/** Text for an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
