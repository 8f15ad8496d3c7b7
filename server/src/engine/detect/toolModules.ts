/**
 * Modules a framework's own tooling loads and calls, found through its config file (the pack's `toolModules`):
 * the Knex CLI runs each module of the migration folders its knexfile names (`migrations: { directory:
 * './db/migrations' }`, or `migrations` beside the knexfile when it names none) and calls their `up` and `down`
 * with a Knex client, and the seed folders' `seed` likewise. Detecting the config file hands those functions the
 * value, as a caller would: `exports.up = (knex) => knex.schema.createTable('users', …)` is Knex code, and defines
 * the table.
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import { hereRelative, objectProperty, propName, skipWrappers } from '../bind/binding';
import { stringArg } from '../bind/evaluate';
import type { DetectorHost } from './chain';

export function toolModuleParams(d: DetectorHost): void {
  const name = posix.basename(d.unit.path);
  for (const pack of d.binder.packs.byId.values()) {
    const rule = pack.toolModules;
    if (!rule?.configFiles.includes(name)) continue;
    const dir = posix.dirname(d.unit.path);
    const units = [...d.binder.units.keys()].sort();
    for (const folder of rule.folders) {
      const named = namedFolders(d, folder.option, folder.field);
      const folders = new Set((named.length ? named : [folder.default]).map((f) => posix.normalize(posix.join(dir, f)).replace(/\/$/, '')));
      for (const file of units) {
        if (!folders.has(posix.dirname(file))) continue;
        d.binder.reads?.add(file);
        for (const exported of folder.exports) {
          const fn = d.binder.exportOf(file, exported);
          if (fn?.kind !== 'function') continue;
          d.facts.paramBindings.push({ fnKey: fn.key, index: 0, binding: { kind: 'framework', pack: pack.id, role: rule.role, path: [], key: `${pack.id}:${d.unit.path}:${folder.option}` } });
        }
      }
    }
  }
}

/**
 * The folders the config file names under `option.field` (`migrations: { directory: 'db/migrations' }`, in any
 * environment's object; a list of folders too), relative to the config file's folder, as the tool resolves them.
 */
function namedFolders(d: DetectorHost, option: string, field: string): string[] {
  const out: string[] = [];
  const str = (x: ts.Expression) => stringArg(d.ctx, x);
  const folder = (x: ts.Expression) => hereRelative(x, str) ?? str(x);
  const visit = (n: ts.Node): void => {
    if (ts.isPropertyAssignment(n) && propName(n.name) === option && ts.isObjectLiteralExpression(skipWrappers(n.initializer))) {
      const value = objectProperty(skipWrappers(n.initializer) as ts.ObjectLiteralExpression, field);
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
