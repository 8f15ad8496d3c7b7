/**
 * The phrases the document exports share (Markdown, HTML, CSV), so that a number reads the same in each.
 */
import type { Roadmap, RoadmapCheck } from './roadmap';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function percent(part: number, whole: number): string {
  return `${whole ? Math.round((part / whole) * 100) : 0}%`;
}

/** `3 of 24 steps verified (13%); 1 regressed, 5 ready, 15 pending; 31 of 45 checks pass` */
export function progressText(p: Roadmap['summary']['progress']): string {
  return `${p.verified} of ${plural(p.steps, 'step')} verified (${p.percentVerified}%); ${p.regressed} regressed, ${p.ready} ready, ${p.pending} pending; ${p.passingChecks} of ${plural(p.checks, 'check')} pass`;
}

/** `30 routes (2 served by the modern app), 2 queues, 8 models and 5 in session state.` */
export function inventoryText(roadmap: Roadmap): string {
  const { summary } = roadmap;
  const modern = roadmap.facade.routes.filter((route) => route.servedBy === 'modern').length;
  return `Inventories: ${plural(summary.routes, 'route')} (${modern} served by the modern app), ${plural(summary.queues, 'queue')}, ${plural(summary.models, 'model')} and ${summary.sessions} in session state.`;
}

/** `49 modules, 41 coupled to a framework, 487 coupling sites` */
export function analysisText(summary: Roadmap['summary']): string {
  return `${plural(summary.modules, 'module')}, ${summary.coupledModules} coupled to a framework, ${plural(summary.sites, 'coupling site')}`;
}

/** What a check counted, against its limit: `12 sites of at most 4`, `not declared`, `declared in 1 package.json`. */
export function checkCount(check: Pick<RoadmapCheck, 'rule' | 'count' | 'limit'>): string {
  if (check.rule === 'dependency') return check.count === 0 ? 'not declared' : `declared in ${check.count} package.json`;
  const counted = plural(check.count, check.rule === 'routes' ? 'route' : 'site');
  return check.limit === 0 || check.limit === null ? counted : `${counted} of at most ${check.limit}`;
}

/** `src/users/users.router.ts:62` */
export function source(at: { file: string; line: number }): string {
  return `${at.file}:${at.line}`;
}
