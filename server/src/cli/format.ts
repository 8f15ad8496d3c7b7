/**
 * The human summary of an analysis: frameworks in use, the ranked hotspots with their score breakdown,
 * the route/queue/model/session inventories, cycles and problems — plain text that reads well in a terminal
 * and in a CI log.
 */
import type { AnalysisResult, ModuleReport } from '../engine/model';
import { CONCERNS, unreachedRoutes } from '../engine/model';

export function formatAnalysis(r: AnalysisResult, opts: { top: number }): string {
  const out: string[] = [];
  const s = r.summary;
  out.push(`Strangler analysis of ${r.root}: ${s.modules} modules, ${s.coupledModules} coupled to a framework, ${s.sites} coupling sites`);
  out.push(`churn: ${s.churn.available ? `git history, last ${s.churn.windowDays} days` : 'no git history (churn counts as 0)'}`);
  out.push('');
  out.push('Frameworks');
  for (const c of CONCERNS) {
    const fws = s.frameworks.filter((f) => f.concern === c);
    const bc = s.byConcern[c];
    out.push(`  ${pad(c, 8)} ${pad(`${bc.modules} modules`, 11)} ${pad(`${bc.sites} sites`, 10)} ${fws.map((f) => `${f.id} (${f.modules} modules, weight ${f.weight})`).join(', ') || '-'}`);
  }
  out.push('');
  const ranked = r.modules.filter((m) => m.rank !== null).sort((a, b) => a.rank! - b.rank!);
  out.push(`Hotspots (top ${Math.min(opts.top, ranked.length)} of ${ranked.length}; score = coupling × churn × dependents × leaks factors)`);
  out.push(`  ${pad('#', 3)} ${pad('score', 8, true)}  ${pad('coupling', 8, true)} ${pad('churn', 5, true)} ${pad('deps', 4, true)} ${pad('leaks', 5, true)}  module — sites by concern`);
  for (const m of ranked.slice(0, opts.top)) {
    const b = m.breakdown;
    out.push(`  ${pad(String(m.rank), 3)} ${pad(fmt(m.score), 8, true)}  ${pad(fmt(b.coupling), 8, true)} ${pad(String(b.churn), 5, true)} ${pad(String(b.dependents), 4, true)} ${pad(String(b.leaks), 5, true)}  ${m.path} — ${concernText(m)}`);
  }
  if (ranked[0]) out.push(`  e.g. #1: ${ranked[0].breakdown.formula}`);
  const tests = r.modules.filter((m) => m.test && m.sites.length > 0).sort((a, b) => b.breakdown.coupling - a.breakdown.coupling || (a.path < b.path ? -1 : 1));
  if (tests.length) {
    out.push('');
    out.push(`Test code (${tests.length} of ${s.tests.modules} test modules coupled, ${s.tests.sites} sites; not ranked, not counted as dependents)`);
    for (const m of tests.slice(0, opts.top)) out.push(`  ${pad(fmt(m.breakdown.coupling), 8, true)}  ${m.path} — ${concernText(m)}`);
    if (tests.length > opts.top) out.push(`  … ${tests.length - opts.top} more (--json for all)`);
  }
  out.push('');
  out.push(`Routes (${r.routes.length})`);
  const routes = r.routes.slice(0, 40);
  const pathWidth = width(routes.map((x) => x.path), 34);
  for (const route of routes) out.push(`  ${pad(route.method, 7)} ${pad(route.path, pathWidth)} ${route.framework}  ${route.file}:${route.line}`);
  if (r.routes.length > 40) out.push(`  … ${r.routes.length - 40} more (--json for all)`);
  const unreached = unreachedRoutes(r.problems);
  if (unreached.files.length) {
    const { calls, files } = unreached;
    out.push(`  not listed: ${calls} route registration${calls === 1 ? '' : 's'} in ${files.length} module${files.length === 1 ? '' : 's'} no followed code hands an app (${files.slice(0, 2).join(', ')}${files.length > 2 ? ', …' : ''}; notes in --json)`);
  }
  out.push('');
  out.push(`Queues (${r.queues.length})`);
  const queues = r.queues.slice(0, 30);
  const queueWidth = width(queues.map((q) => q.name), 18);
  for (const q of queues) out.push(`  ${pad(q.name, queueWidth)} ${pad(q.role, 10)} ${pad(q.framework, 10)} ${q.file}:${q.line}${q.schedule ? `  schedule ${q.schedule}` : ''}${q.handler ? `  runs ${q.handler}` : ''}${q.via ? `  via ${q.via}` : ''}`);
  if (r.queues.length > 30) out.push(`  … ${r.queues.length - 30} more`);
  out.push('');
  out.push(`Models (${r.models.length})`);
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  // Test code's reads and writes are listed too (it changes with the ORM), but counted apart: MEAN.js's User has
  // 2 writes in the app and 101 in tests.
  const testFiles = new Set(r.modules.filter((m) => m.test).map((m) => m.path));
  const inTests = (places: readonly string[] | undefined) => (places ?? []).filter((p) => testFiles.has(p.slice(0, p.lastIndexOf(':')))).length;
  const models = r.models.slice(0, 30);
  const [nameWidth, tableWidth] = [width(models.map((m) => m.name), 18), width(models.map((m) => m.table ?? '-'), 18)];
  for (const m of models) {
    const [tr, tw] = [inTests(m.readers), inTests(m.writers)];
    const testPart = tr + tw ? ` (+${plural(tr, 'read')}, ${plural(tw, 'write')} in tests)` : '';
    const access = m.readers ? `  ${plural(m.readers.length - tr, 'read')}, ${plural((m.writers?.length ?? 0) - tw, 'write')}${testPart}` : '';
    out.push(`  ${pad(m.name, nameWidth)} ${pad(m.table ?? '-', tableWidth)} ${pad(m.framework, 10)} ${m.file}:${m.line}${access}`);
  }
  if (r.models.length > 30) out.push(`  … ${r.models.length - 30} more`);
  // The migrations rank like other code, but the plan retires them in one step rather than porting them.
  const history = new Map<string, { modules: number; coupled: number; sites: number; folders: Set<string> }>();
  for (const m of r.modules) {
    if (!m.migration) continue;
    const h = history.get(m.migration) ?? history.set(m.migration, { modules: 0, coupled: 0, sites: 0, folders: new Set() }).get(m.migration)!;
    const sites = m.sites.filter((x) => x.framework === m.migration).length;
    h.modules++;
    if (sites) h.coupled++;
    h.sites += sites;
    h.folders.add(m.path.slice(0, m.path.lastIndexOf('/') + 1) || '.');
  }
  for (const [framework, h] of [...history].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const folders = [...h.folders].sort();
    const count = h.coupled === h.modules ? plural(h.modules, `${framework} migration`) : `${h.modules} ${framework} migrations, ${h.coupled} with sites`;
    out.push(`  migrations: ${count} (${plural(h.sites, 'site')}) in ${folders.slice(0, 3).join(', ')}${folders.length > 3 ? `, +${folders.length - 3} more folders` : ''}; the plan retires ${h.modules === 1 ? 'it' : 'them'} in one step`);
  }
  out.push('');
  out.push(`Session state (${r.sessions.length})`);
  for (const x of r.sessions) out.push(`  ${pad(x.framework, 16)} ${pad(x.store, 9)} ${x.file}:${x.line}${x.detail ? `  ${x.detail}` : ''}`);
  if (r.graph.cycles.length) {
    out.push('');
    out.push(`Import cycles (${r.graph.cycles.length})`);
    // Largest first: a cycle holding half the backend matters more than a pair of components.
    const cycles = [...r.graph.cycles].sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const c of cycles.slice(0, 10)) out.push(c.length > 6 ? `  ${c.length} modules: ${c.slice(0, 4).join(' ↔ ')} ↔ … (--json for all)` : `  ${c.join(' ↔ ')}`);
    if (cycles.length > 10) out.push(`  … ${cycles.length - 10} more (--json for all)`);
  }
  const problems = r.problems.filter((p) => p.severity !== 'info');
  const infos = r.problems.length - problems.length;
  if (r.problems.length) {
    out.push('');
    out.push(`Problems (${problems.length}${infos ? `, and ${infos} notes in --json` : ''})`);
    for (const p of problems.slice(0, 20)) out.push(`  ${p.severity}: ${p.file ?? ''}${p.line ? `:${p.line}` : ''} ${p.message} [${p.code}]`);
  }
  return out.join('\n') + '\n';
}

function concernText(m: ModuleReport): string {
  return CONCERNS.filter((c) => m.concerns[c].sites > 0)
    .map((c) => `${c} ${m.concerns[c].sites} (${m.concerns[c].frameworks.join(', ')})`)
    .join('; ');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** A column's width: its longest entry, at least `min`, at most 60 (longer entries overflow). */
function width(values: readonly string[], min: number): number {
  return Math.min(60, Math.max(min, ...values.map((v) => v.length)));
}

function pad(s: string, n: number, right = false): string {
  if (s.length >= n) return s;
  return right ? ' '.repeat(n - s.length) + s : s + ' '.repeat(n - s.length);
}
