/**
 * Migration units: the groups of modules that migrate together — the first folder under a source root (a feature
 * folder such as `src/users`), the files directly in a source root, or, in a flat source root, clusters of the
 * import graph — and how units reach a framework through one another.
 */
import type { AnalysisResult, CouplingSite, ModuleReport } from '../model';

export interface MigrationUnit {
  /** Used in step ids: `users`, `src`, `api-routes` when two packages have a `routes` folder. */
  id: string;
  /** How the plan names it: `src/users`, `src/*` (the files right in `src`), `src/{a.ts,b.ts}` (a cluster). */
  label: string;
  /** The glob of its files: `src/users/**`, `src/*`, `src/{a.ts,b.ts}`. */
  glob: string;
  modules: ModuleReport[];
}

/** Folder names that hold source code; the first one in a path is its source root (`src` wins over the others). */
const SOURCE_DIRS = ['src', 'lib', 'app', 'server', 'source'];
/** Monorepo folders whose children are packages: each package is its own source root when it has no `src`. */
const PACKAGE_DIRS = new Set(['packages', 'apps', 'services', 'libs', 'modules']);
/** A flat source root with at least this many modules is split along its import graph instead of kept whole. */
const MIN_MODULES_TO_CLUSTER = 6;
/**
 * A unit folder with more modules than this, most of them in subfolders of its own, is a container (`src/lib`,
 * `src/lib/features`): its subfolders are the units, and the files right in it one more.
 */
const MAX_CONTAINER_MODULES = 40;

/** The source root of a workspace-relative path: `src`, `packages/api/src`, `app`, or '' (the project root). */
export function sourceRootOf(file: string): string {
  const parts = file.split('/').slice(0, -1);
  const src = parts.indexOf('src');
  if (src >= 0) return parts.slice(0, src + 1).join('/');
  const other = parts.findIndex((part) => SOURCE_DIRS.includes(part));
  if (other >= 0) return parts.slice(0, other + 1).join('/');
  if (parts.length >= 2 && PACKAGE_DIRS.has(parts[0])) return parts.slice(0, 2).join('/');
  return '';
}

/**
 * The migration units of an analysis, keyed by every module path they hold. Test code belongs to no unit: it
 * gets no seam or consumer step of its own, and follows the switch (the ratchets and `none` checks over the
 * whole source still count its sites). Nor do the framework's migrations, which get a schema history step.
 */
export class UnitIndex {
  readonly units: MigrationUnit[];
  private readonly byFile = new Map<string, MigrationUnit>();

  constructor(result: AnalysisResult) {
    const groups = new Map<string, { label: string; glob: string; modules: ModuleReport[]; flatRoot?: string }>();
    for (const module of result.modules) {
      if (module.test || module.migration) continue;
      const root = sourceRootOf(module.path);
      const rest = (root ? module.path.slice(root.length + 1) : module.path).split('/');
      const key = rest.length >= 2 ? join(root, rest[0]) : `${root}/*`;
      let group = groups.get(key);
      if (!group) {
        group = rest.length >= 2 ? { label: key, glob: `${key}/**`, modules: [] } : { label: join(root, '*'), glob: join(root, '*'), modules: [], flatRoot: root };
        groups.set(key, group);
      }
      group.modules.push(module);
    }
    const units: Omit<MigrationUnit, 'id'>[] = [];
    for (const group of groups.values()) {
      const hasFolders = [...groups.values()].some((other) => other !== group && sourceRootOf(other.modules[0].path) === group.flatRoot);
      if (group.flatRoot !== undefined && !hasFolders && group.modules.length >= MIN_MODULES_TO_CLUSTER) units.push(...clusters(group.flatRoot, group.modules));
      else if (group.flatRoot !== undefined) units.push({ label: group.label, glob: group.glob, modules: group.modules });
      else units.push(...folderUnits(group.label, group.modules));
    }
    units.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    this.units = withIds(units);
    for (const unit of this.units) for (const module of unit.modules) this.byFile.set(module.path, unit);
  }

  unitOf(file: string): MigrationUnit | undefined {
    return this.byFile.get(file);
  }
}

/** Sites of some frameworks in a unit, with the numbers a `why` line quotes. */
export interface UnitCoupling {
  unit: MigrationUnit;
  sites: CouplingSite[];
  /** Modules of the unit with at least one such site. */
  modules: ModuleReport[];
  /** The summed hotspot score of those modules. */
  score: number;
  /** Units (other than this one) that reach the framework through this unit's values, by id. */
  dependents: Set<string>;
  /** Units this one reaches the framework through. */
  providers: Set<string>;
}

/** Per unit, its coupling to some frameworks; units without any site are left out. */
export function couplingByUnit(index: UnitIndex, frameworks: ReadonlySet<string>): Map<string, UnitCoupling> {
  const out = new Map<string, UnitCoupling>();
  const entry = (unit: MigrationUnit) => {
    let found = out.get(unit.id);
    if (!found) out.set(unit.id, (found = { unit, sites: [], modules: [], score: 0, dependents: new Set(), providers: new Set() }));
    return found;
  };
  for (const unit of index.units) {
    for (const module of unit.modules) {
      const sites = module.sites.filter((site) => frameworks.has(site.framework));
      if (sites.length === 0) continue;
      const coupling = entry(unit);
      coupling.sites.push(...sites);
      coupling.modules.push(module);
      coupling.score += module.score;
    }
  }
  for (const coupling of out.values()) {
    for (const site of coupling.sites) {
      const provider = site.via ? index.unitOf(site.via) : undefined;
      if (!provider || provider === coupling.unit) continue;
      coupling.providers.add(provider.id);
      entry(provider).dependents.add(coupling.unit.id);
    }
  }
  return out;
}

/**
 * Splits a flat folder along its import graph: modules that import each other end up together, while hubs
 * (imported by a third of the folder or more) stay on their own so that they do not glue everything into one unit.
 */
function clusters(root: string, modules: ModuleReport[]): Omit<MigrationUnit, 'id'>[] {
  const paths = new Set(modules.map((module) => module.path));
  const fanIn = new Map<string, number>();
  for (const module of modules) for (const imported of module.imports) if (paths.has(imported)) fanIn.set(imported, (fanIn.get(imported) ?? 0) + 1);
  const hub = (path: string) => (fanIn.get(path) ?? 0) >= Math.max(3, modules.length / 3);
  const parent = new Map<string, string>(modules.map((module) => [module.path, module.path]));
  const find = (path: string): string => {
    let node = path;
    while (parent.get(node) !== node) node = parent.get(node)!;
    return node;
  };
  for (const module of modules) {
    if (hub(module.path)) continue;
    for (const imported of module.imports) if (paths.has(imported) && !hub(imported)) parent.set(find(imported), find(module.path));
  }
  const groups = new Map<string, ModuleReport[]>();
  for (const module of modules) groups.set(find(module.path), [...(groups.get(find(module.path)) ?? []), module]);
  return [...groups.values()].map((members) => {
    const names = members.map((module) => module.path.slice(root ? root.length + 1 : 0)).sort();
    const glob = names.length === 1 ? join(root, names[0]) : join(root, `{${names.join(',')}}`);
    const main = [...members].sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1))[0];
    return { label: glob, glob, modules: members, clusterName: stem(main.path) } as Omit<MigrationUnit, 'id'>;
  });
}

/** A folder's unit, or, for a container folder (see `MAX_CONTAINER_MODULES`), its subfolders' and its own files'. */
function folderUnits(folder: string, modules: ModuleReport[]): Omit<MigrationUnit, 'id'>[] {
  const whole = [{ label: folder, glob: `${folder}/**`, modules }];
  if (modules.length <= MAX_CONTAINER_MODULES) return whole;
  const sub = new Map<string, ModuleReport[]>();
  const direct: ModuleReport[] = [];
  for (const m of modules) {
    const rest = m.path.slice(folder.length + 1).split('/');
    if (rest.length < 2) direct.push(m);
    else sub.set(rest[0], [...(sub.get(rest[0]) ?? []), m]);
  }
  if (sub.size < 2 || direct.length * 2 >= modules.length) return whole;
  const out: Omit<MigrationUnit, 'id'>[] = [];
  for (const [name, inner] of [...sub].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push(...folderUnits(`${folder}/${name}`, inner));
  if (direct.length) out.push({ label: `${folder}/*`, glob: `${folder}/*`, modules: direct });
  return out;
}

/** Gives each unit a step-id-safe name, from its last folder (or its cluster's main file), made unique. */
function withIds(units: Omit<MigrationUnit, 'id'>[]): MigrationUnit[] {
  const base = (unit: Omit<MigrationUnit, 'id'>, depth: number): string => {
    const named = (unit as { clusterName?: string }).clusterName;
    const parts = (named ? [...unit.label.split('/').slice(0, -1), named] : unit.label.split('/')).filter((p) => p !== '*' && p !== '.');
    return slug(parts.slice(-depth).join('-')) || 'root';
  };
  const out: MigrationUnit[] = [];
  const taken = new Set<string>();
  for (const unit of units) {
    let depth = 1;
    let id = base(unit, depth);
    while (units.some((other) => other !== unit && base(other, depth) === id) && depth < 4) id = base(unit, ++depth);
    while (taken.has(id)) id += '-x';
    taken.add(id);
    const { clusterName: _clusterName, ...rest } = unit as Omit<MigrationUnit, 'id'> & { clusterName?: string };
    out.push({ id, ...rest });
  }
  return out;
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function stem(file: string): string {
  return file.split('/').pop()!.replace(/\.[^.]*$/, '').split('.')[0];
}

function join(root: string, rest: string): string {
  return root ? `${root}/${rest}` : rest;
}
