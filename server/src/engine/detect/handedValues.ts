/**
 * Values handed from one piece of the project to another, as the detector follows them: an argument that is an
 * object of framework values or a module's exports handed on whole, the parameters a `new` of a project class
 * fills, the fields its constructor keeps them in, and the fields read through a seam's instance.
 */
import { ts } from 'ts-morph';
import type { Binding, FrameworkBinding, FunctionBinding } from '../bind/binding';
import { accessorKey, literalText, propName, skipWrappers } from '../bind/binding';
import { assignedMembers } from '../bind/annotations';
import { declarationNamed } from '../bind/declarations';
import { evaluate, isDataRead, positionKey } from '../bind/evaluate';
import type { ChainLink, DetectorHost } from './chain';

/** The detector's side that following handed values needs. */
export interface HandedHost extends DetectorHost {
  /** Records what a call passes as the bindings of the callee's parameters. */
  bindArgs(callee: FunctionBinding, args: readonly (Binding | undefined)[]): void;
  /** What callers give the parameters of the function at `fnKey`, from other modules or this one. */
  givenParams(fnKey: string): ReadonlyMap<number, Binding> | undefined;
}

/**
 * What an argument passes: its value; for an object written in place (`expressLoader({ app: expressApp,
 * agenda })`, as loaders and dependency injection hand their parts on), or a module's exports handed on whole,
 * the framework values its fields hold, as a seam's instance holds them: the callee's `({ app }) => …`
 * destructures them, `opts.app.get(…)` reads one.
 */
export function argumentValue(d: DetectorHost, a: ts.Expression): Binding | undefined {
  const o = skipWrappers(a);
  const members = new Map<string, FrameworkBinding>();
  const held = (name: string | undefined, v: Binding | undefined) => {
    if (name !== undefined && v?.kind === 'framework' && !v.typeOnly && !v.memberOnly && v.path.length === 0 && !isDataRead(v)) members.set(name, v);
  };
  if (ts.isObjectLiteralExpression(o)) {
    for (const p of o.properties) {
      const name = p.name && !ts.isComputedPropertyName(p.name) ? propName(p.name) : undefined;
      const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
      held(name, value ? evaluate(value, d.scope, d.ctx) : undefined);
    }
  } else {
    const v = evaluate(a, d.scope, d.ctx);
    if (v?.kind !== 'namespace' || v.prefix) return v;
    // A module's exports handed on whole (`new UserService(db)` with `const db = require('./db')`): its framework values.
    for (const name of [...(d.binder.units.get(v.file)?.exportSources.keys() ?? [])].sort()) if (!name.includes('.')) held(name, d.binder.exportOf(v.file, name));
    if (!members.size) return v;
  }
  const first = [...members.values()][0];
  if (!first) return undefined;
  return { kind: 'framework', pack: first.pack, role: 'value', path: [], key: positionKey(d.ctx, o), memberOnly: true, instance: true, members };
}

/**
 * `new JobQueue(db, logger, Queue, Worker)`: the framework values a `new` of a project class passes bind its
 * constructor's parameters, as a call's bind a function's (the classes a service is handed to make its queues).
 */
export function constructorCall(d: HandedHost, name: ts.Identifier, made: ChainLink): void {
  if (made.kind !== 'new' || !made.args.length || d.isShadowed(name.text)) return;
  const found = declarationNamed(d.binder.units, d.unit, name.text, d.binder.reads);
  const ctor = found && ts.isClassDeclaration(found.node) ? found.node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body) : undefined;
  if (!found || !ctor?.body) return;
  const ctx = found.unit === d.unit ? d.ctx : d.binder.context(found.unit);
  d.bindArgs({ kind: 'function', key: positionKey(ctx, ctor), file: found.unit.path, node: ctor }, made.args.map((a) => argumentValue(d, a)));
}

/**
 * `this` in the class's methods: its binding, plus the fields its constructor fills with what callers hand it
 * (`constructor(db) { this.db = db }` with `new UserService(models)` somewhere): `this.db.User.findAll()` is the
 * framework's then. A class coupled by nothing else is a seam holding those fields.
 */
export function withHandedFields(d: HandedHost, node: ts.ClassLikeDeclaration, cls: FrameworkBinding | undefined): FrameworkBinding | undefined {
  const self = cls ? { ...cls, isClass: false } : undefined;
  const ctor = node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
  const given = ctor ? d.givenParams(positionKey(d.ctx, ctor)) : undefined;
  if (!given?.size) return self;
  const members = new Map(self?.members ?? []);
  for (const [name, { value }] of assignedMembers(node, d.scope, d.ctx, given)) if (!members.has(name)) members.set(name, value);
  if (members.size === (self?.members?.size ?? 0)) return self;
  const first = [...members.values()][0];
  return self ? { ...self, members } : { kind: 'framework', pack: first.pack, role: 'value', path: [], memberOnly: true, decoratedOnly: true, members, key: positionKey(d.ctx, node), declaredIn: d.unit.path };
}

/** The field of a seam's instance that `links[at]` (and a call after it, for a method handing out a field) reads. */
export function seamMember(b: FrameworkBinding, links: readonly ChainLink[], at: number): { held: FrameworkBinding; links: number } | undefined {
  const next = links[at];
  if (next?.kind === 'property') {
    const call = links[at + 1];
    const handed = call?.kind === 'call' && call.args.length === 0 ? b.members?.get(accessorKey(next.name)) : undefined;
    if (handed) return { held: handed, links: 2 };
    const held = b.members?.get(next.name);
    return held ? { held, links: 1 } : undefined;
  }
  const key = next?.kind === 'element' && next.args.length === 1 ? literalText(next.args[0]) : undefined;
  const held = key !== undefined ? b.members?.get(key) : undefined;
  return held ? { held, links: 1 } : undefined;
}
