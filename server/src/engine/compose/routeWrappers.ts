/**
 * Routes registered through the project's own classes. A class that wraps a router (Unleash's `Controller`:
 * `route(options) { this.app[options.method](options.path, …) }`, `get(path, handler) { this.route({ method:
 * 'get', path, handler }) }`, `use(path, router) { this.app.use(path, router) }`) registers one route per call,
 * on the router of the instance it is called on: where the call writes the method and path
 * (`this.route({ method: 'post', path: '/validate', … })` in `SegmentsController`), the route is that class's.
 * Each class's instances have their own router (`wrapper:` keys); `this.use('/segments', new
 * SegmentsController().router)` and `app.use('/api/admin', new AdminApi().router)` mount them, so the paths compose
 * as Express composes them. A method or path that reaches no literal is shown in braces.
 *
 * Calls are found as for queue wrappers (queueWrappers.ts): `this.m()`, `super.m()`, typed receivers, `new`.
 */
import { ts } from 'ts-morph';
import type { ParamRef, RawMount, RawRoute, RouteSeed, WrapperMountSeed } from '../detect/facts';
import type { ModuleUnit } from '../bind/module';
import type { ProgramBinder } from '../bind/bind';
import { classRouterKey, objectProperty, skipWrappers } from '../bind/binding';
import { stringArg } from '../bind/evaluate';
import { shownPath } from '../detect/paths';
import { newInstanceRouter } from '../detect/wrapperSeeds';
import { isTestFile } from '../discover/testFiles';
import type { Call, ClassRef } from './queueWrappers';
import { callerOf, ClassIndex, seededClasses, worklist } from './queueWrappers';

/** How far a method or path is followed back through callers. */
const MAX_HOPS = 6;

interface Target {
  cls: ClassRef;
  member: string;
  method: Spec;
  path: Spec;
  pack: string;
  hops: number;
}

/** Known already (a string), or still a parameter of the member. */
type Spec = { text: string; known: boolean } | ParamRef;

export function wrapperRoutes(seeds: readonly RouteSeed[], mountSeeds: readonly WrapperMountSeed[], units: ReadonlyMap<string, ModuleUnit>, binder: ProgramBinder): { routes: RawRoute[]; mounts: RawMount[] } {
  const routes: RawRoute[] = [];
  const mounts: RawMount[] = [];
  if (seeds.length === 0 && mountSeeds.length === 0) return { routes, mounts };
  const index = new ClassIndex(units);
  const { queue, push } = worklist<Target>((t) => `${t.cls.unit.path}:${t.cls.node.pos}|${t.member}|${JSON.stringify(t.method)}|${JSON.stringify(t.path)}`);
  for (const { s, unit, node } of seededClasses(index, units, seeds)) {
    push({ cls: { unit, node }, member: s.member, method: typeof s.method === 'string' ? { text: s.method, known: true } : s.method, path: s.path, pack: s.pack, hops: 0 });
  }
  while (queue.length) {
    const t = queue.shift()!;
    const methods = binder.packs.byId.get(t.pack)?.routes?.methods ?? {};
    for (const call of callsOf(index, t.cls, t.member)) {
      const method = read(binder, call, t.method);
      const path = read(binder, call, t.path);
      const at = callerOf(call);
      if (('param' in method || 'param' in path) && at && t.hops < MAX_HOPS) {
        push({ cls: { unit: call.unit, node: at.cls }, member: at.member, method, path, pack: t.pack, hops: t.hops + 1 });
        continue;
      }
      const cls = call.classes[call.classes.length - 1];
      if (!cls) continue;
      const m = 'text' in method && method.known ? (methods[method.text.toLowerCase()] ?? method.text.toUpperCase()) : '?';
      const p = 'text' in path ? path.text : '?';
      routes.push({ owner: classRouterKey(call.unit.path, cls.pos), pack: t.pack, method: m, path: p, file: call.unit.path, line: lineOf(call.unit, call.node) });
    }
  }
  for (const { s, unit, node } of seededClasses(index, units, mountSeeds)) {
    for (const call of callsOf(index, { unit, node }, s.member)) {
      const cls = call.classes[call.classes.length - 1];
      const childArg = call.args[s.child.param];
      const child = childArg ? newInstanceRouter(units, call.unit, childArg) : undefined;
      if (!cls || !child) continue;
      const prefix = typeof s.prefix === 'string' ? s.prefix : read(binder, call, s.prefix);
      const text = typeof prefix === 'string' ? prefix : 'text' in prefix ? prefix.text : '';
      mounts.push({ parent: classRouterKey(call.unit.path, cls.pos), child, prefix: text, file: call.unit.path, line: lineOf(call.unit, call.node) });
    }
  }
  return { routes, mounts };
}

/** The member's calls outside test code. */
function callsOf(index: ClassIndex, cls: ClassRef, member: string): Call[] {
  return index.callsOf(cls, member).filter((c) => !isTestFile(c.unit.path));
}

/** What a call gives for a parameter (or a property of one): a string, the expression's text, or a parameter of the caller's own member. */
function read(binder: ProgramBinder, call: Call, spec: Spec): Spec {
  if (!('param' in spec)) return spec;
  let arg: ts.Expression | undefined = call.args[spec.param];
  if (arg && spec.prop !== undefined) arg = objectProperty(skipWrappers(arg), spec.prop);
  if (!arg) return { text: '?', known: false };
  const ctx = binder.context(call.unit);
  const s = stringArg(ctx, arg);
  if (s !== undefined) return { text: s, known: true };
  const x = skipWrappers(arg);
  const fn = call.fns[call.fns.length - 1];
  if (fn && (ts.isIdentifier(x) || (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression)))) {
    const id = ts.isIdentifier(x) ? x : (x.expression as ts.Identifier);
    const param = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
    if (param >= 0) return { param, ...(ts.isPropertyAccessExpression(x) ? { prop: x.name.text } : {}) };
  }
  // Shown with its unreadable parts in braces (`{PREFIX}/users`).
  return { text: shownPath(ctx, arg), known: false };
}



function lineOf(unit: ModuleUnit, node: ts.Node): number {
  return unit.sf.getLineAndCharacterOfPosition(node.getStart(unit.sf)).line + 1;
}
