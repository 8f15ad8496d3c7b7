/**
 * Modules a framework's own tooling loads and calls, found through its config file (the pack's `toolModules`):
 * the Knex CLI runs each module of the migration folders its knexfile names (`migrations: { directory:
 * './db/migrations' }`, or `migrations` beside the knexfile when it names none) and calls their `up` and `down`
 * with a Knex client, and the seed folders' `seed` likewise; sequelize-cli runs the folders `.sequelizerc` names
 * (`'migrations-path': path.resolve('db', 'migrations')`) and hands `up` and `down` a QueryInterface and the
 * Sequelize module. Detecting the config file hands those functions the values, as a caller would:
 * `exports.up = (knex) => knex.schema.createTable('users', …)` is Knex code, and defines the table.
 *
 * A CLI that needs no config file (`manifestPackages`) runs its default folders beside the package.json that
 * declares it; each module there hands its own functions the values.
 *
 * The CLIs run from the config file's folder, so folders written as plain relative paths (`'db/migrations'`,
 * `path.resolve('db', 'migrations')`) are relative to it, as `path.join(__dirname, …)` is. Only the folder's
 * own modules run, not those of its subfolders (an `archives` folder of old migrations).
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import { hereRelative, objectProperty, propName, skipWrappers } from '../bind/binding';
import type { PackIndex } from '../bind/binding';
import { stringArg } from '../bind/evaluate';
import type { RulePack, ToolModulesRule } from '../../rules/rulePack';
import type { PackageManifest } from '../discover/discover';
import type { DetectorHost } from './chain';

type ToolFolder = ToolModulesRule['folders'][number];

/** Folders a CLI runs by default (no config file beside the package.json declaring it), by folder path. */
export type DefaultToolFolders = Map<string, { pack: RulePack; folder: ToolFolder }>;

export function toolModuleParams(d: DetectorHost): void {
  const name = posix.basename(d.unit.path);
  const here = posix.dirname(d.unit.path);
  for (const pack of d.binder.packs.byId.values()) {
    const rule = pack.toolModules;
    if (!rule?.configFiles.includes(name)) continue;
    const units = [...d.binder.units.keys()].sort();
    for (const folder of rule.folders) {
      const named = namedFolders(d, folder);
      const folders = new Set((named.length ? named : [folder.default]).map((f) => posix.normalize(posix.join(here, f)).replace(/\/$/, '')));
      for (const file of units) {
        if (!folders.has(posix.dirname(file))) continue;
        d.binder.reads?.add(file);
        handParams(d, file, pack, folder);
      }
    }
  }
  const byDefault = d.binder.defaultToolFolders.get(here);
  if (byDefault) handParams(d, d.unit.path, byDefault.pack, byDefault.folder);
}

/** Hands the tool's values to the functions `file` exports under the folder's export names; notes the migrations. */
function handParams(d: DetectorHost, file: string, pack: RulePack, folder: ToolFolder): void {
  const rule = pack.toolModules!;
  if (folder.kind === 'migrations') d.facts.migrations.push({ file, framework: pack.id });
  for (const exported of folder.exports) {
    const fn = d.binder.exportOf(file, exported);
    if (fn?.kind !== 'function') continue;
    rule.params.forEach((role, index) => {
      d.facts.paramBindings.push({ fnKey: fn.key, index, binding: { kind: 'framework', pack: pack.id, role, path: [], key: `${pack.id}:${file}:${folder.option}:${index}` } });
    });
  }
}

/**
 * The default folders of the CLIs the workspace's packages declare (`manifestPackages`), for each package.json
 * with no config file of the tool in its folder. A folder that is also the default of another package keeps
 * the first (manifests are in path order).
 */
export function defaultToolFolders(manifests: readonly PackageManifest[], packs: PackIndex, files: ReadonlySet<string>): DefaultToolFolders {
  const out: DefaultToolFolders = new Map();
  for (const pack of packs.byId.values()) {
    const rule = pack.toolModules;
    if (!rule?.manifestPackages) continue;
    for (const m of manifests) {
      if (!rule.manifestPackages.some((p) => m.dependencies.includes(p))) continue;
      if (rule.configFiles.some((c) => files.has(m.dir ? `${m.dir}/${c}` : c))) continue;
      for (const folder of rule.folders) {
        const dir = posix.normalize(posix.join(m.dir || '.', folder.default)).replace(/\/$/, '');
        if (!out.has(dir)) out.set(dir, { pack, folder });
      }
    }
  }
  return out;
}

/**
 * The folders the config file names under the folder's option (`migrations: { directory: 'db/migrations' }` in any
 * environment's object, a list of folders too; `'migrations-path': path.resolve('db', 'migrations')`), relative
 * to the config file's folder, as the tool resolves them.
 */
function namedFolders(d: DetectorHost, rule: ToolFolder): string[] {
  const out: string[] = [];
  const str = (x: ts.Expression) => stringArg(d.ctx, x);
  const folder = (x: ts.Expression) => hereRelative(x, str) ?? str(x) ?? fromWorkingFolder(x, str);
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && propName(n.name) === rule.option) {
      const init = skipWrappers(n.initializer);
      const value = rule.field === undefined ? init : ts.isObjectLiteralExpression(init) ? objectProperty(init, rule.field) : undefined;
      const v = value && skipWrappers(value);
      for (const e of v && ts.isArrayLiteralExpression(v) ? v.elements : v ? [v] : []) {
        const f = folder(e);
        if (f !== undefined) out.push(f);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(d.sf);
  return [...new Set(out)].sort();
}

/** `path.resolve('db', 'migrations')`, `path.join('db', 'migrations')` of relative strings: from the CLI's working folder. */
function fromWorkingFolder(x: ts.Expression, str: (x: ts.Expression) => string | undefined): string | undefined {
  const call = skipWrappers(x);
  if (!ts.isCallExpression(call)) return undefined;
  const callee = call.expression;
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (name !== 'resolve' && name !== 'join') return undefined;
  const parts = call.arguments.map((a) => str(a));
  if (!parts.length || parts.some((p) => p === undefined || p.startsWith('/'))) return undefined;
  return posix.join('.', ...(parts as string[]));
}
