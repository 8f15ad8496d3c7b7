/**
 * The steps of one concern other than routing (orm, queue, session), following branch by abstraction: a seam (a
 * port and an adapter) per unit that owns framework code, the remaining callers moved behind those seams, the
 * adapters switched to the target, and the old package retired under a ratchet.
 */
import type { Step } from '../../planfile/ast';
import type { CouplingSite } from '../model';
import { queueCount } from '../model';
import { adapterDir, nameOf, sitesOf, type PlanContext } from './context';
import { frameworkPackages, type Move } from './moves';
import { orderUnits } from './order';
import { dependency, list, none, num, plural, ratchet, step } from './planNodes';
import { couplingByUnit, type UnitCoupling } from './units';
import { declares } from '../verify/workspace';

export interface ConcernSteps {
  seams: Step[];
  consumers: Step[];
  /** Each move's switch, then its schema history step when the framework has migrations. */
  switches: Step[];
  retire: Step[];
}

/** Words that make titles read naturally per concern. */
const WORDING: Record<string, { port: string; owns: string; pace: string }> = {
  orm: { port: 'repository port', owns: 'models', pace: 'one unit at a time' },
  queue: { port: 'job port', owns: 'queues', pace: 'one queue at a time' },
  session: { port: 'store port', owns: 'stores', pace: 'one unit at a time' },
};

/** Steps for the `replace` moves of one concern (several legacy frameworks of a concern share their seams). */
export function concernSteps(ctx: PlanContext, concern: string, moves: readonly Move[]): ConcernSteps {
  const wording = WORDING[concern] ?? { port: 'port', owns: 'definitions', pace: 'one unit at a time' };
  const frameworks = new Set(moves.map((move) => move.from));
  const fw = [...frameworks].map((id) => nameOf(ctx, id)).join('/');
  const coupling = couplingByUnit(ctx.units, frameworks);
  const owned = ownedDefinitions(ctx, frameworks);
  const all = [...coupling.values()];
  // With no unit owning definitions or passing the framework on (a client each service is injected, tables named
  // by constants the analysis did not see), each unit using the framework hides its own use: it is its own seam.
  const owners = all.some((entry) => entry.dependents.size > 0 || owned.has(entry.unit.id));
  const isSeam = (entry: UnitCoupling) => !owners || entry.dependents.size > 0 || owned.has(entry.unit.id);
  const orderable = (entry: UnitCoupling) => ({ entry, id: entry.unit.id, score: entry.score, sites: entry.sites.length, providers: entry.providers, dependents: entry.dependents });

  const seamUnits = orderUnits(all.filter(isSeam).map(orderable), ctx.strategy).map((item) => item.entry);
  const placed = new Set<string>();
  const seams = seamUnits.map((entry) => {
    const dir = adapterDir(concern);
    const folder = entry.unit.glob.endsWith('/**') ? entry.unit.glob.slice(0, -3) : undefined;
    const after = [...entry.providers].filter((id) => placed.has(id)).sort();
    placed.add(entry.unit.id);
    const why = [
      `score ${num(entry.score)}, ${plural(entry.sites.length, `${fw} site`)} in ${plural(entry.modules.length, 'module')}`,
      owned.get(entry.unit.id) ?? '',
      entry.dependents.size ? `${plural(entry.dependents.size, 'unit reaches', 'units reach')} ${fw} through it (${list([...entry.dependents].sort())})` : '',
      after.length ? `after ${list(after)}: it uses their ${fw} code` : '',
    ];
    return step({
      id: `${entry.unit.id}-${concern}-seam`,
      title: `Hide ${fw} in ${entry.unit.label} behind a ${wording.port}`,
      why: why.filter(Boolean).join('; '),
      checks: [none(concern, entry.unit.glob, folder ? [`${folder}/${dir}/**`] : [])],
    });
  });

  const consumerUnits = all.filter((entry) => !isSeam(entry)).sort((a, b) => (a.unit.label < b.unit.label ? -1 : 1));
  const consumers: Step[] = [];
  if (consumerUnits.length > 0) {
    const providers = [...new Set(consumerUnits.flatMap((entry) => [...entry.providers]))].sort();
    const counts = consumerUnits.map((entry) => `${entry.unit.id} ${entry.sites.length}`);
    consumers.push(
      step({
        id: `${concern}-consumers`,
        title: `Move the remaining ${fw} callers behind the ${wording.port}s`,
        why: `${plural(consumerUnits.length, 'unit uses', 'units use')} ${fw} without owning ${wording.owns} (${list(counts, 4)} sites)${providers.length ? `; ${consumerUnits.length === 1 ? 'it reaches' : 'they reach'} it through ${list(providers)}, whose ports ${consumerUnits.length === 1 ? 'it calls' : 'they call'} instead` : ''}`,
        checks: combinedGlobs(consumerUnits.map((entry) => entry.unit.glob)).map((glob) => none(concern, glob)),
      }),
    );
  }

  const switches = moves.flatMap((move) => {
    const to = nameOf(ctx, move.to);
    const from = nameOf(ctx, move.from);
    const history = historyOf(ctx, move.from);
    // The API hints are for the code that moves; the migrations retire.
    const sites = sitesOf(ctx, new Set([move.from])).filter((site) => !history?.files.has(site.file));
    const hints = [ctx.hints.summary(move), ...ctx.hints.forSites(move, sites, 2)].filter((text): text is string => !!text);
    const defined = definitionCount(ctx, move.from, concern);
    const switched = step({
      id: `${move.from}-to-${move.to}`,
      title: `Implement the ${wording.port}s on ${to} and switch ${wording.pace}`,
      why: `${plural(seams.length, wording.port)}${defined ? ` over ${plural(defined, `${from} ${wording.owns.replace(/s$/, '')}`)}` : ''}; each unit's ${from} adapter stays until its tests pass on ${to}${history ? `; the ${from} migrations stay until the next step` : ''}`,
      checks: [dependency(frameworkPackages(move.to, ctx.packs)[0], 'present'), none(move.from, ctx.sourceGlob, history?.globs ?? [])],
      hints,
    });
    if (!history) return [switched];
    const baseline = ctx.packs.find((pack) => pack.id === move.to)?.baseline;
    return [
      switched,
      step({
        id: `${move.from}-migrations`,
        title: `Start the schema history over on ${to} and retire the ${from} migrations`,
        why: `${plural(history.modules, `${from} migration`)} (${list(history.globs)}) ${history.modules === 1 ? 'holds' : 'hold'} ${plural(history.sites, `${from} site`)}; every database already has what ${history.modules === 1 ? 'it' : 'they'} did, so ${to}'s migrations start from today's schema and ${history.modules === 1 ? 'it goes' : 'these go'}`,
        checks: history.globs.map((glob) => none(move.from, glob)),
        hints: baseline ? [baseline] : [],
      }),
    ];
  });

  const retire = moves.map((move) => retireStep(ctx, move, sitesOf(ctx, new Set([move.from])), false));
  return { seams, consumers, switches, retire };
}

/**
 * The migrations a framework's tool runs (modules marked `migration`), as globs: a folder's direct files when
 * every module there using the framework is one of them (`db/migrations/*`), else the files themselves.
 */
function historyOf(ctx: PlanContext, framework: string): { globs: string[]; files: Set<string>; modules: number; sites: number } | undefined {
  const mine = ctx.result.modules.filter((module) => module.migration === framework && module.sites.some((site) => site.framework === framework));
  if (!mine.length) return undefined;
  const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
  const shared = new Set(ctx.result.modules.filter((other) => other.migration !== framework && other.sites.some((site) => site.framework === framework)).map((other) => folderOf(other.path)));
  const globs = new Set(mine.map((module) => (shared.has(folderOf(module.path)) ? module.path : `${folderOf(module.path)}*`)));
  const sites = mine.reduce((sum, module) => sum + module.sites.filter((site) => site.framework === framework).length, 0);
  return { globs: [...globs].sort(), files: new Set(mine.map((module) => module.path)), modules: mine.length, sites };
}

/**
 * The last step of a move: the package leaves every package.json, and a ratchet records today's count of sites
 * so it can only go down until then. `withNone` adds the "no code left" check for moves without a switch step.
 */
export function retireStep(ctx: PlanContext, move: Move, sites: readonly CouplingSite[], withNone: boolean): Step {
  const name = nameOf(ctx, move.from);
  const packages = frameworkPackages(move.from, ctx.packs);
  const declared = ctx.workspace ? packages.filter((pkg) => declares(ctx.workspace!, pkg)) : packages.slice(0, 1);
  const modules = new Set(sites.map((site) => site.file)).size;
  return step({
    id: `retire-${move.from}`,
    title: `Remove ${name}`,
    why: `${plural(sites.length, `${name} site`)} in ${plural(modules, 'module')} today; the ratchet records that count and only goes down`,
    checks: [...declared.map((pkg) => dependency(pkg, 'absent')), ...(withNone ? [none(move.from, ctx.sourceGlob)] : []), ratchet(move.from, ctx.sourceGlob, sites.length)],
  });
}

/**
 * What each unit defines (by unit id), as a phrase for its `why`: `models Address, User`, `queues email`,
 * `workers for email, invoices`. Defining any of these makes a unit a seam rather than a mere consumer.
 */
function ownedDefinitions(ctx: PlanContext, frameworks: ReadonlySet<string>): Map<string, string> {
  const owned = new Map<string, Map<string, Set<string>>>();
  const add = (file: string, kind: string, name: string) => {
    const unit = ctx.units.unitOf(file);
    if (!unit) return;
    const kinds = owned.get(unit.id) ?? owned.set(unit.id, new Map()).get(unit.id)!;
    (kinds.get(kind) ?? kinds.set(kind, new Set()).get(kind)!).add(name);
  };
  for (const model of ctx.result.models) if (frameworks.has(model.framework)) add(model.file, 'models', model.name);
  for (const queue of ctx.result.queues) {
    if (!frameworks.has(queue.framework)) continue;
    if (queue.role === 'definition') add(queue.file, 'queues', queue.name);
    if (queue.role === 'consumer') add(queue.file, 'workers for', queue.name);
    // A schedule no name was given to is the function it runs when that has a name, else its schedule, else its place.
    const runs = queue.handler && !/:\d+$/.test(queue.handler) ? queue.handler : undefined;
    if (queue.role === 'schedule') add(queue.file, 'schedules', queue.name !== '?' ? queue.name : (runs ?? queue.schedule ?? `${queue.file}:${queue.line}`));
  }
  for (const session of ctx.result.sessions) if (frameworks.has(session.framework)) add(session.file, 'stores', session.store);
  return new Map([...owned].map(([id, kinds]) => [id, [...kinds].map(([kind, names]) => `${kind} ${list([...names].sort())}`).join(', ')]));
}

/** How many models (orm), queues (queue) or stores (session) of a framework the analysis found. */
function definitionCount(ctx: PlanContext, framework: string, concern: string): number {
  if (concern === 'orm') return ctx.result.models.filter((model) => model.framework === framework).length;
  if (concern === 'queue') return queueCount(ctx.result.queues.filter((queue) => queue.framework === framework));
  return ctx.result.sessions.filter((session) => session.framework === framework).length;
}

/** Folder globs with the same parent become one brace glob (`src/{orders,users}/**`); others stay as they are. */
export function combinedGlobs(globs: readonly string[]): string[] {
  const folders = new Map<string, string[]>();
  const rest: string[] = [];
  for (const glob of globs) {
    const match = /^(.*\/)?([^/{}*]+)\/\*\*$/.exec(glob);
    if (match) folders.set(match[1] ?? '', [...(folders.get(match[1] ?? '') ?? []), match[2]]);
    else rest.push(glob);
  }
  const combined = [...folders].map(([parent, names]) => (names.length === 1 ? `${parent}${names[0]}/**` : `${parent}{${names.sort().join(',')}}/**`));
  return [...combined, ...rest];
}
