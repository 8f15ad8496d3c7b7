/**
 * Mounts of routers handed to a class in a list: `new App([new UsersController(), new PostsController()])` with
 * `constructor(controllers: Controller[]) { controllers.forEach((c) => this.app.use('/api', c.router)) }`. Each
 * element made with `new` of a project class whose field (`router`) holds a router is mounted under the prefix,
 * as if the class had mounted it by name. Elements of other shapes are left unread.
 */
import { ts } from 'ts-morph';
import type { MountSeed, RawMount } from '../detect/facts';
import type { ModuleUnit } from '../bind/module';
import type { ProgramBinder } from '../bind/bind';
import { skipWrappers } from '../bind/binding';
import { isTestFile } from '../discover/testFiles';
import { ClassIndex, seededClasses } from './queueWrappers';

export function listedMounts(seeds: readonly MountSeed[], units: ReadonlyMap<string, ModuleUnit>, binder: ProgramBinder): RawMount[] {
  if (seeds.length === 0) return [];
  const index = new ClassIndex(units);
  const out: RawMount[] = [];
  for (const { s, unit, node } of seededClasses(index, units, seeds)) {
    for (const call of index.callsOf({ unit, node }, s.member)) {
      if (isTestFile(call.unit.path) && !isTestFile(s.file)) continue;
      const list = call.args[s.param] ? skipWrappers(call.args[s.param]) : undefined;
      if (!list || !ts.isArrayLiteralExpression(list)) continue;
      for (const el of list.elements) {
        const made = skipWrappers(el);
        if (!ts.isNewExpression(made) || !ts.isIdentifier(made.expression)) continue;
        const cls = index.classNamed(call.unit, made.expression.text);
        const field = cls ? binder.classBinding(cls.unit, cls.node)?.members?.get(s.field) : undefined;
        if (field) out.push({ parent: s.parent, child: field.key, prefix: s.prefix, file: s.file, line: s.line });
      }
    }
  }
  return out;
}
