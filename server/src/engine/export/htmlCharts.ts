/**
 * The HTML roadmap's charts as inline SVG (no script, no network): progress per phase as stacked bars of step
 * states, and coupling per concern as bars of sites. All text is escaped by the caller's `escapeHtml`.
 */
import type { StepState } from '../verify/evaluate';
import type { Roadmap } from './roadmap';
import { STEP_STATES } from './roadmap';
import { plural } from './wording';

export const STATE_COLOURS: Record<StepState, string> = { verified: '#2e7d32', regressed: '#c62828', ready: '#1565c0', pending: '#90a4ae' };
const LABEL_WIDTH = 230;
const BAR_WIDTH = 330;
const ROW = 28;

export function progressChart(roadmap: Roadmap, escape: (text: string) => string): string {
  const rows = roadmap.phases.map((phase, i) => {
    const y = 24 + i * ROW;
    let x = LABEL_WIDTH;
    const segments = STEP_STATES.filter((state) => phase.counts[state] > 0).map((state) => {
      const width = (phase.counts[state] / phase.steps.length) * BAR_WIDTH;
      const rect = `<rect x="${fixed(x)}" y="${y}" width="${fixed(width)}" height="18" fill="${STATE_COLOURS[state]}"><title>${escape(`${phase.title}: ${phase.counts[state]} ${state}`)}</title></rect>`;
      x += width;
      return rect;
    });
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" text-anchor="end">${escape(shorten(phase.title, 30))}</text>`,
      ...segments,
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 13}">${phase.counts.verified}/${phase.steps.length}</text>`,
    ].join('');
  });
  const legend = STEP_STATES.map((state, i) => `<rect x="${LABEL_WIDTH + i * 92}" y="4" width="10" height="10" fill="${STATE_COLOURS[state]}"/><text x="${LABEL_WIDTH + 14 + i * 92}" y="13">${state}</text>`).join('');
  const height = 30 + roadmap.phases.length * ROW;
  return svg(LABEL_WIDTH + BAR_WIDTH + 50, height, 'Progress per phase: steps by state', legend + rows.join(''));
}

export function couplingChart(roadmap: Roadmap, escape: (text: string) => string): string {
  const concerns = roadmap.summary.concerns;
  const most = Math.max(1, ...concerns.map((concern) => concern.sites));
  const rows = concerns.map((concern, i) => {
    const y = 8 + i * ROW;
    const width = (concern.sites / most) * BAR_WIDTH;
    const names = concern.frameworks.map((use) => use.name).join(', ');
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" text-anchor="end">${escape(shorten(`${concern.concern}${names ? ` (${names})` : ''}`, 30))}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${fixed(width)}" height="18" fill="#546e7a"><title>${escape(`${concern.concern}: ${plural(concern.sites, 'site')} in ${plural(concern.modules, 'module')}, weight ${concern.weight}`)}</title></rect>`,
      `<text x="${fixed(LABEL_WIDTH + width + 6)}" y="${y + 13}">${concern.sites}</text>`,
    ].join('');
  });
  return svg(LABEL_WIDTH + BAR_WIDTH + 60, 16 + concerns.length * ROW, 'Coupling per concern: sites', rows.join(''));
}

function svg(width: number, height: number, label: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${label}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="12" font-family="system-ui, sans-serif" fill="#1f2933">${body}</svg>`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fixed(n: number): string {
  return String(Math.round(n * 10) / 10);
}
