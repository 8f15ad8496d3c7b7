/**
 * What a declaration's annotations say about a value: framework decorators (`@Entity('users')`,
 * `@InjectRepository(User)`) and type annotations (`Repository<User>`, `express.Request`, `typeof User`), for
 * class members, parameters and signatures. Used by the binder for top-level classes and by detection inside
 * functions.
 */
import { ts } from 'ts-morph';
import type { Binding, FrameworkBinding } from './binding';
import { deriveBinding } from './binding';
import type { EvalContext, Scope } from './evaluate';
import { evaluate, positionKey, stringArg, withModel } from './evaluate';

export function decoratorsOf(node: ts.Node): readonly ts.Decorator[] {
  return (ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined) ?? [];
}

/** The rule of a framework decorator (`@Entity('users')`, `@InjectRepository(User)`), with its binding. */
export function decoratorRule(dec: ts.Decorator, scope: Scope, ctx: EvalContext) {
  const callee = ts.isCallExpression(dec.expression) ? dec.expression.expression : dec.expression;
  const b = evaluate(callee, scope, ctx);
  if (b?.kind !== 'framework') return undefined;
  const pack = ctx.packs.byId.get(b.pack);
  const rule = pack ? ctx.packs.decorator(pack, b.path) : undefined;
  if (!rule) return undefined;
  const args = ts.isCallExpression(dec.expression) ? dec.expression.arguments : undefined;
  return { rule, binding: b, args };
}

/** Utility types whose values are values of their first type argument. */
const SAME_VALUE_TYPES = new Set(['Pick', 'Omit', 'Partial', 'Required', 'Readonly', 'NonNullable']);

/** `Pick<X, K>` and the like, unless the project declares a type of that name. */
export function isSameValueType(type: ts.TypeReferenceNode, scope: Scope): boolean {
  return ts.isIdentifier(type.typeName) && SAME_VALUE_TYPES.has(type.typeName.text) && !scope(type.typeName.text);
}

/** The binding a type annotation gives a value: `Repository<User>`, `express.Request`, `Queue`. */
export function typeBinding(type: ts.TypeNode | undefined, scope: Scope, ctx: EvalContext): FrameworkBinding | undefined {
  if (!type) return undefined;
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
    for (const t of type.types) {
      const b = typeBinding(t, scope, ctx);
      if (b) return b;
    }
    return undefined;
  }
  if (ts.isTypeQueryNode(type)) return typeQueryBinding(type, scope);
  if (!ts.isTypeReferenceNode(type)) return undefined;
  const returned = returnTypeBinding(type, scope, ctx);
  if (returned !== null) return returned;
  // `Pick<PrismaService, 'user'>`, `Readonly<Knex>`: TypeScript's utility types keep the value what it was.
  if (isSameValueType(type, scope)) {
    // Of a type reference only: `Partial<typeof users.$inferInsert>` shapes data.
    const arg = type.typeArguments?.[0];
    return arg && ts.isTypeReferenceNode(arg) ? typeBinding(arg, scope, ctx) : undefined;
  }
  const { root, names } = entityBinding(type.typeName, scope);
  if (root?.kind !== 'framework') return undefined;
  const path = [...root.path, ...names];
  // An instance of a project class that only holds framework values (a service, a repository wrapper) is the
  // project's seam: only the framework values it holds in its fields are the framework's (`repo.model.post`).
  if (root.isClass && root.memberOnly) return root.members?.size ? deriveBinding(root, { isClass: false, typeOnly: false, members: root.members, instance: true }) : undefined;
  // A value typed with a model class is an instance of it (an entity): its fields are data (isEntityData).
  if (root.isClass) return deriveBinding(root, { isClass: false, typeOnly: false, members: root.members, ...(root.role === 'model' ? { instance: true, model: root.key } : {}) });
  const pack = ctx.packs.byId.get(root.pack);
  if (!pack) return undefined;
  // A framework type names the role of the value it types: `Queue` is a queue, `PrismaClient` a client.
  const factory = root.role === 'module' ? ctx.packs.factory(pack, path, true) ?? ctx.packs.factory(pack, path, false) : undefined;
  const baseRole = ctx.packs.baseClass(pack, path)?.role;
  const role = factory?.role ?? baseRole ?? pack.typeRoles?.[path.join('.')] ?? 'value';
  const typed: FrameworkBinding = { kind: 'framework', pack: pack.id, role, path: [], key: `${pack.id}:type:${path.join('.')}` };
  // `logger: Logger`: the annotation names the framework, the value it types is the project's (see plainExports).
  if (pack.plainExports?.includes(path.join('.'))) typed.typeOnly = true;
  // `org: Organization` of Prisma's generated model types: a plain object.
  const named = factory !== undefined || baseRole !== undefined || pack.typeRoles?.[path.join('.')] !== undefined || pack.types?.includes(path.join('.'));
  if (pack.plainOtherTypes && !named) typed.typeOnly = true;
  // `profile: Profile` of passport, `file: Multer.File`: a middleware package's types shape the data it hands over.
  if (root.middleware === 'package') typed.typeOnly = true;
  // `Repository<User>`, Mongoose's `Model<UserDocument>`: the type argument names the model.
  const arg = type.typeArguments?.[0];
  if ((role === 'repository' || role === 'model') && arg && ts.isTypeReferenceNode(arg)) {
    const m = entityBinding(arg.typeName, scope).root;
    if (m?.kind === 'framework' && m.role === 'model' && m.isClass && entityNames(arg.typeName) === 0) typed.model = m.key;
  }
  return typed;
}

/**
 * What a type alias stands for, as a name: `type Db = Knex | Knex.Transaction` names `Knex`, so a value typed
 * `Db` is bound as one typed `Knex`. Of a union or intersection, the first member that is bound; utility types
 * keep their argument (`Readonly<Knex>`). Type arguments are not kept (`type Repo = Repository<User>` names
 * `Repository`).
 */
export function aliasBinding(type: ts.TypeNode, scope: Scope): Binding | undefined {
  if (ts.isParenthesizedTypeNode(type)) return aliasBinding(type.type, scope);
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
    for (const t of type.types) {
      const b = aliasBinding(t, scope);
      if (b) return b;
    }
    return undefined;
  }
  if (!ts.isTypeReferenceNode(type)) return undefined;
  if (isSameValueType(type, scope)) {
    const arg = type.typeArguments?.[0];
    return arg ? aliasBinding(arg, scope) : undefined;
  }
  const { root, names } = entityBinding(type.typeName, scope);
  if (root?.kind !== 'framework') return undefined;
  if (!names.length) return deriveBinding(root, { alias: true, members: root.members });
  // `Knex.Transaction`; a member of a project class's namespace is not followed.
  return root.isClass ? undefined : deriveBinding(root, { path: [...root.path, ...names], alias: true });
}

/**
 * `ReturnType<typeof createQueue>`: what the project function returns, when that is a framework value (Outline's
 * `let cached: ReturnType<typeof createQueue>` holds a Bull queue). Null when the type is no `ReturnType` of a name.
 */
export function returnTypeBinding(type: ts.TypeReferenceNode, scope: Scope, ctx: EvalContext): FrameworkBinding | undefined | null {
  const arg = type.typeArguments?.length === 1 ? type.typeArguments[0] : undefined;
  if (!ts.isIdentifier(type.typeName) || type.typeName.text !== 'ReturnType' || scope('ReturnType') || !arg || !ts.isTypeQueryNode(arg)) return null;
  const { root, names } = entityBinding(arg.exprName, scope);
  const made = root?.kind === 'function' && names.length === 0 ? ctx.returnOf?.(root) : undefined;
  return made?.kind === 'framework' && !made.typeOnly ? made : undefined;
}

/**
 * `typeof User` types a value as the bound value itself: a model class injected into a service
 * (`constructor(private readonly userModel: typeof User)`) holds the class, with its static queries. The value
 * exists at run time even when the name was imported with `import type`.
 */
function typeQueryBinding(type: ts.TypeQueryNode, scope: Scope): FrameworkBinding | undefined {
  const { root, names } = entityBinding(type.exprName, scope);
  if (root?.kind !== 'framework' || root.memberOnly) return undefined;
  if (names.length === 0) return deriveBinding(root, { typeOnly: false, members: root.members });
  return deriveBinding(root, { typeOnly: false, isClass: false, path: [...root.path, ...names] });
}

/** How many names are read off the root of `a.b.C` (2). */
function entityNames(name: ts.EntityName): number {
  let n = 0;
  for (let x = name; ts.isQualifiedName(x); x = x.left) n++;
  return n;
}

/** `express.Request` → the binding of `express` and the names read off it, ['Request']. */
function entityBinding(name: ts.EntityName, scope: Scope): { root: Binding | undefined; names: string[] } {
  const names: string[] = [];
  let n = name;
  while (ts.isQualifiedName(n)) {
    names.unshift(n.right.text);
    n = n.left;
  }
  return { root: scope(n.text), names };
}

/** A class property or parameter property bound by its decorator, its type or its initializer. */
export function memberBinding(m: ts.PropertyDeclaration | ts.ParameterDeclaration, scope: Scope, ctx: EvalContext): FrameworkBinding | undefined {
  for (const dec of decoratorsOf(m)) {
    const d = decoratorRule(dec, scope, ctx);
    // A decorator that gives the member no role (`@Column()`, `@Prop()`, `@Inject('CONFIG')`) describes data or
    // an injected project value: the member is the framework's only by its type.
    if (!d || (!d.rule.role && d.rule.queueArg === undefined)) continue;
    const made: FrameworkBinding = { kind: 'framework', pack: d.binding.pack, role: d.rule.role ?? 'value', path: [], key: positionKey(ctx, m) };
    if (d.rule.queueArg !== undefined) made.name = stringArg(ctx, d.args?.[d.rule.queueArg]);
    const typed = typeBinding(m.type, scope, ctx);
    if (typed && !d.rule.role) made.role = typed.role;
    withModel(made, d.args?.[0], scope, ctx);
    if (made.model === undefined && typed?.model !== undefined) made.model = typed.model;
    return made;
  }
  const typed = typeBinding(m.type, scope, ctx);
  if (typed) return typed;
  const init = m.initializer ? evaluate(m.initializer, scope, ctx) : undefined;
  return init?.kind === 'framework' ? init : undefined;
}

/** A framework type in a method or accessor signature of the class (`handle(job: Job)`). */
export function signatureTypeBinding(node: ts.ClassLikeDeclaration, scope: Scope, ctx: EvalContext): FrameworkBinding | undefined {
  for (const m of node.members) {
    if (!ts.isMethodDeclaration(m) && !ts.isGetAccessorDeclaration(m) && !ts.isSetAccessorDeclaration(m)) continue;
    for (const p of m.parameters) {
      const b = typeBinding(p.type, scope, ctx);
      if (b) return b;
    }
    const r = typeBinding(m.type, scope, ctx);
    if (r) return r;
  }
  return undefined;
}
