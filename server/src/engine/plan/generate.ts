/**
 * Drafts a migration plan from an analysis: observe first, then seams per concern and unit, consumers moved
 * behind them, route groups behind a façade, implementations switched, and the old frameworks retired — every
 * step with a `why` that quotes its numbers and at least one check the engine can verify.
 */
import type { AnalysisResult } from '../model';
import { CONCERNS, queueCount, unreachedRoutes } from '../model';
import type { MoveClause, OrderStrategy, Phase, PlanFile, Step } from '../../planfile/ast';
import { builtinRulePacks } from '../../rules/loadRulePacks';
import type { RulePack } from '../../rules/rulePack';
import { MODULE_STATE } from '../detect/moduleState';
import { declares, type Workspace } from '../verify/workspace';
import { concernSteps, retireStep } from './concernSteps';
import { adapterDir, nameOf, namesOf, sitesOf, sourceGlobOf, type PlanContext } from './context';
import { HintPicker } from './hints';
import { combineMoves, defaultMoves, frameworkPackages, moveKind, type Move } from './moves';
import { comment, dependency, list, none, phase, plural, step } from './planNodes';
import { routeSteps } from './routeSteps';
import { UnitIndex } from './units';

export interface GeneratePlanOptions {
  /** Framework swaps; when absent, the defaults for the frameworks found (see `DEFAULT_TARGETS`). */
  moves?: Move[];
  order?: OrderStrategy;
  /** The workspace's package.json files: which tracing package is there, which legacy packages to remove. */
  workspace?: Workspace;
  /** Rule packs for hints and package names; the built-in ones by default. */
  packs?: readonly RulePack[];
}

export const PHASES = {
  observe: 'Observe before cutting',
  seams: 'Seams',
  consumers: 'Move consumers behind the seams',
  routes: 'Route groups behind a façade',
  switch: 'Switch implementations',
  retire: 'Retire',
} as const;

/** Packages whose presence means the service is traced or measured; the first found is the one checked. */
const OBSERVABILITY_PACKAGES = ['@opentelemetry/api', '@opentelemetry/sdk-node', 'prom-client', 'dd-trace', 'newrelic', 'elastic-apm-node', '@sentry/node'];

export function generatePlan(result: AnalysisResult, options: GeneratePlanOptions = {}): PlanFile {
  const packs = options.packs ?? builtinRulePacks();
  const strategy = options.order ?? 'pain-first';
  const defaults = defaultMoves(result.summary.frameworks, packs, result);
  const moves = sortMoves(options.moves ? combineMoves([], options.moves) : defaults.moves);
  const ctx: PlanContext = { result, packs, units: new UnitIndex(result), strategy, hints: new HintPicker(packs), workspace: options.workspace, sourceGlob: sourceGlobOf(result) };

  const replace = moves.filter((move) => moveKind(move, packs) === 'replace');
  const concerns = orderedConcerns(ctx, replace.filter((move) => move.concern !== 'routing'));
  const byConcern = concerns.map((concern) => concernSteps(ctx, concern, replace.filter((move) => move.concern === concern)));
  const routingMoves = replace.filter((move) => move.concern === 'routing');
  const routing = routeSteps(ctx, routingMoves);
  const stateSteps = moves.filter((move) => moveKind(move, packs) !== 'replace').map((move) => stateStep(ctx, move, routing.facade.length > 0));
  // Retire steps follow the strategy by their ratchet, today's count of legacy sites.
  const today = (candidate: Step) => candidate.checks.find((check) => check.rule === 'ratchet')?.limit ?? 0;
  const retire = [...byConcern.flatMap((steps) => steps.retire), ...routingMoves.map((move) => retireStep(ctx, move, sitesOf(ctx, new Set([move.from])), true))].sort((a, b) =>
    strategy === 'quick-wins' ? today(a) - today(b) : today(b) - today(a),
  );

  const phases: Phase[] = [
    phase(PHASES.observe, [observeStep(ctx)]),
    phase(PHASES.seams, [...byConcern.flatMap((steps) => steps.seams), ...stateSteps]),
    phase(PHASES.consumers, byConcern.flatMap((steps) => steps.consumers)),
    phase(PHASES.routes, [...routing.facade, ...routing.groups]),
    phase(PHASES.switch, byConcern.flatMap((steps) => steps.switches)),
    phase(PHASES.retire, retire),
  ].filter((candidate) => candidate.steps.length > 0);

  const coupled = result.modules.filter((module) => module.sites.length > 0).length;
  const routers = [...new Set(result.routes.map((route) => route.framework))].sort().map((id) => nameOf(ctx, id));
  const unreached = unreachedRoutes(result.problems);
  const seamConcerns = concerns.filter((_, i) => byConcern[i].seams.length > 0);
  const headerComments = [
    `Migration plan for ${result.root}, drafted by \`strangler plan\` from ${plural(result.summary.sites, 'coupling site')} in ${coupled} of ${plural(result.modules.length, 'module')}.`,
    'Edit freely: running `strangler plan` again keeps statuses, your own steps, comments and order, and adds what is new.',
    ...(seamConcerns.length
      ? [`Seams: a port in each unit, with the framework code behind it in ${list(seamConcerns.map((concern) => `<unit>/${adapterDir(concern)}/ (${concern})`), 4)};`, 'the checks count any coupling outside those folders as still to move.']
      : []),
    ...defaults.untargeted
      .filter((use) => !moves.some((move) => move.from === use.id))
      .map((use) => `No default target for ${use.name}: add a line like \`move ${use.concern} from ${use.id} to <framework>\` and run strangler plan again.`),
    ...(options.moves ? [] : defaults.platforms).map((use) => `${use.name} serves no route of its own here (${list(routers)} ${routers.length === 1 ? 'serves' : 'serve'} them): no move.`),
    ...(moves.some((move) => move.concern === 'routing') && unreached.files.length
      ? [`${plural(unreached.calls, 'route registration')} in ${list(unreached.files, 2)} ${unreached.calls === 1 ? 'is' : 'are'} not listed (no code the analysis follows hands ${unreached.files.length === 1 ? 'its module' : 'their modules'} an app): no route step is drafted for ${unreached.calls === 1 ? 'it' : 'them'}; add them by hand.`]
      : []),
    ...(options.moves ? [] : defaults.external).map((use) => `${use.name} keeps its sessions in an external store already (${list(result.sessions.filter((session) => session.framework === use.id).map((session) => `${session.file}:${session.line}`), 2)}): no move.`),
  ];
  const moveClauses: MoveClause[] = moves.map((move) => ({ kind: 'move', concern: move.concern, from: move.from, to: move.to }));
  return {
    kind: 'planFile',
    header: {
      kind: 'plan',
      title: planTitle(ctx, moves),
      leadingTrivia: headerComments.map(comment),
      order: { kind: 'order', strategy },
      moves: moveClauses,
    },
    phases,
    trailingTrivia: [],
    eol: '\n',
    bom: false,
    indentUnit: '  ',
  };
}

/** Phase 0: the service must be traced or measured before anything changes, so every cut can be compared. */
function observeStep(ctx: PlanContext): Step {
  const found = ctx.workspace ? OBSERVABILITY_PACKAGES.find((pkg) => declares(ctx.workspace!, pkg)) : undefined;
  const queues = queueCount(ctx.result.queues);
  const traffic = [plural(ctx.result.routes.length, 'route'), plural(queues, 'queue'), plural(ctx.result.models.length, 'model')];
  return step({
    id: 'observe',
    title: 'Trace and measure the legacy service before cutting',
    manual: 'a human judges whether the dashboards cover the traffic',
    why: found
      ? `${found} is a dependency; check that its dashboards cover the ${list(traffic)} that change hands below`
      : `no tracing or metrics package found; ${list(traffic)} change hands below: record how they behave first`,
    checks: [dependency(found ?? OBSERVABILITY_PACKAGES[0], 'present')],
  });
}

/**
 * A move that keeps the framework but takes its state out of the process (an external session store, module
 * state to a shared store). It sits among the seams: once the façade splits traffic, two processes serve users.
 */
function stateStep(ctx: PlanContext, move: Move, facade: boolean): Step {
  const from = nameOf(ctx, move.from);
  const when = facade ? 'before the façade splits traffic, or each process sees its own' : 'once a second process serves traffic, each sees its own';
  const sessions = ctx.result.sessions.filter((session) => session.framework === move.from && session.store === 'memory');
  if (move.from === MODULE_STATE) {
    const names = sessions.map((session) => /module-level (\S+)/.exec(session.detail ?? '')?.[1]).filter((name): name is string => !!name);
    const units = [...new Set(sessions.map((session) => ctx.units.unitOf(session.file)?.label).filter((label): label is string => !!label))].sort();
    return step({
      id: `${move.from}-to-${move.to}`,
      title: `Move in-process state to an external store (${move.to})`,
      why: `${plural(sessions.length, 'module-level value')} in ${list(units)} ${sessions.length === 1 ? 'holds' : 'hold'} state in memory${names.length ? ` (${list(names)})` : ''}; move ${sessions.length === 1 ? 'it' : 'them'} ${when}`,
      checks: [none(move.from, ctx.sourceGlob)],
    });
  }
  const sites = sitesOf(ctx, new Set([move.from]));
  return step({
    id: `${move.from}-to-${move.to}`,
    title: `Keep ${from} sessions in an external store (${move.to})`,
    manual: 'the checks cannot see which store is wired in',
    why: `${sessions.length ? `${from} keeps sessions in process memory at ${list(sessions.map((session) => `${session.file}:${session.line}`), 2)}` : `${plural(sites.length, `${from} site`)}`}; move them ${when}`,
    checks: [dependency(frameworkPackages(move.to, ctx.packs)[0], 'present')],
    hints: [ctx.hints.summary(move), ...ctx.hints.forSites(move, sites, 1)].filter((text): text is string => !!text),
  });
}

/** Concerns in the order of the strategy: the most coupling first (pain-first) or the least (quick-wins). */
function orderedConcerns(ctx: PlanContext, moves: readonly Move[]): string[] {
  const weight = (concern: string) => sitesOf(ctx, new Set(moves.filter((move) => move.concern === concern).map((move) => move.from))).reduce((sum, site) => sum + site.weight, 0);
  const concerns = [...new Set(moves.map((move) => move.concern))];
  return concerns.sort((a, b) => (ctx.strategy === 'quick-wins' ? weight(a) - weight(b) : weight(b) - weight(a)) || (a < b ? -1 : 1));
}

/** Moves in the order of the concerns (orm, routing, queue, session), the order of their lines in the header. */
function sortMoves(moves: Move[]): Move[] {
  const rank = (move: Move) => (CONCERNS as readonly string[]).indexOf(move.concern) >>> 0;
  return moves.map((move, index) => ({ move, index })).sort((a, b) => rank(a.move) - rank(b.move) || a.index - b.index).map((entry) => entry.move);
}

function planTitle(ctx: PlanContext, moves: readonly Move[]): string {
  const replaced = moves.filter((move) => moveKind(move, ctx.packs) === 'replace');
  const state = moves.length > replaced.length ? 'keep state out of process memory' : '';
  if (replaced.length === 0) return state ? state[0].toUpperCase() + state.slice(1) : `Strangle ${ctx.result.root}`;
  return `Leave ${namesOf(ctx, replaced)}${state ? `; ${state}` : ''}`;
}
