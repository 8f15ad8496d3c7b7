/**
 * Which NestJS apps serve a controller, and with which global prefix and URI versioning: the apps whose root
 * module reaches the controller's class through `@Module({ imports, controllers })` (detect/nestModules.ts).
 * Once some app listens, only the apps that listen serve: scripts make apps too (a migration's
 * `NestFactory.create(AppModule)` to reach its services), and serve nothing.
 *
 * A setting (`app.setGlobalPrefix('api')`) belongs to the app it is called on; when that value is not the one a
 * factory made (`let app: INestApplication; app = await NestFactory.create(…)`), to the apps made in the same
 * module; failing that, to every app. A controller no app reaches (its module list was built in a way not
 * read) gets what every app would give it when they all agree, and no prefix when they do not: an unknown
 * prefix is not guessed.
 */
import type { AppSetting, ModuleEdges, NestApp, RawRoute } from '../detect/facts';
import { joinPath } from '../detect/paths';

export interface NestInputs {
  apps: NestApp[];
  listens: AppSetting[];
  moduleEdges: ModuleEdges[];
  modulePaths: { module: string; path: string }[];
  globalPrefixes: (AppSetting & { prefix: string; exclude?: string[] })[];
  uriVersioning: (AppSetting & { prefix: string; defaultVersions: string[] })[];
}

export interface AppConfig {
  prefix?: { prefix: string; exclude: Set<string> };
  versioning?: { prefix: string; defaultVersions: string[] };
}

/** Stands for every app of a pack when the workspace makes none (a library of controllers). */
const ANY_APP = '\0any';

/**
 * The paths `RouterModule.register(…)` puts before a controller's own: those of each module class declaring it
 * (`['']` when none has one). A module given no path adds nothing.
 */
export function modulePathsOf(n: NestInputs): (controller: string | undefined) => string[] {
  const paths = new Map<string, Set<string>>();
  for (const p of n.modulePaths) (paths.get(p.module) ?? paths.set(p.module, new Set()).get(p.module)!).add(p.path);
  const declaring = new Map<string, string[]>();
  for (const e of n.moduleEdges) for (const c of e.controllers ?? []) declaring.set(c, [...(declaring.get(c) ?? []), e.parent]);
  return (controller) => {
    const out = new Set<string>();
    for (const m of (controller !== undefined && declaring.get(controller)) || []) for (const p of paths.get(m) ?? ['']) out.add(p);
    return out.size ? [...out].sort() : [''];
  };
}

export function nestServing(n: NestInputs): (route: RawRoute) => AppConfig[] {
  const madeBy = new Map<string, NestApp[]>();
  for (const a of n.apps) madeBy.set(a.pack, [...(madeBy.get(a.pack) ?? []), a]);
  const targets = (s: AppSetting): string[] => {
    const apps = madeBy.get(s.pack) ?? [];
    if (!apps.length) return [`${s.pack}${ANY_APP}`];
    const own = apps.filter((a) => a.key === s.app);
    const sameFile = own.length ? own : apps.filter((a) => a.file === s.file);
    return (sameFile.length ? sameFile : apps).map((a) => a.key);
  };
  const listening = new Set(n.listens.flatMap(targets));
  const appsOf = new Map<string, NestApp[]>();
  for (const [pack, apps] of madeBy) appsOf.set(pack, apps.some((a) => listening.has(a.key)) ? apps.filter((a) => listening.has(a.key)) : apps);
  const configs = new Map<string, AppConfig>();
  const config = (key: string) => configs.get(key) ?? configs.set(key, {}).get(key)!;
  for (const g of n.globalPrefixes) for (const k of targets(g)) config(k).prefix = { prefix: g.prefix, exclude: new Set((g.exclude ?? []).map((e) => joinPath(e))) };
  for (const v of n.uriVersioning) for (const k of targets(v)) config(k).versioning = { prefix: v.prefix, defaultVersions: v.defaultVersions };

  const children = new Map<string, string[]>();
  for (const e of n.moduleEdges) children.set(e.parent, [...(children.get(e.parent) ?? []), ...e.children]);
  const reached = new Map<string, Set<string>>();
  const reach = (app: NestApp): Set<string> => {
    let seen = reached.get(app.key);
    if (seen) return seen;
    seen = new Set(app.roots);
    const todo = [...app.roots];
    while (todo.length) for (const c of children.get(todo.pop()!) ?? []) if (!seen.has(c) && seen.add(c)) todo.push(c);
    reached.set(app.key, seen);
    return seen;
  };

  return (route) => {
    const apps = appsOf.get(route.pack) ?? [];
    if (!apps.length) return [configs.get(`${route.pack}${ANY_APP}`) ?? {}];
    const serving = route.controller === undefined ? [] : apps.filter((a) => reach(a).has(route.controller!));
    const all = (serving.length ? serving : apps).map((a) => configs.get(a.key) ?? {});
    const distinct = new Map(all.map((c) => [signature(c), c]));
    if (serving.length || distinct.size === 1) return [...distinct.values()];
    return [{}];
  };
}

function signature(c: AppConfig): string {
  return JSON.stringify([c.prefix?.prefix, [...(c.prefix?.exclude ?? [])].sort(), c.versioning?.prefix, c.versioning?.defaultVersions]);
}
