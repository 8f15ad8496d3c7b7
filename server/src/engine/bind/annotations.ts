/**
 * What a declaration's annotations say about a value: framework decorators (`@Entity('users')`,
 * `@InjectRepository(User)`) and type annotations (`Repository<User>`, `express.Request`, `typeof User`), for
 * class members, parameters and signatures. Used by the binder for top-level classes and by detection inside
 * functions.
 */
import { ts } from 'ts-morph';
import type { Binding, FrameworkBinding } from './binding';
import { accessorKey, deriveBinding, skipWrappers } from './binding';
import { bindingNames } from './module';
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
  const factory = root.role === 'module' ? ctx.packs.factory(pack, path, true, root.package) ?? ctx.packs.factory(pack, path, false, root.package) : undefined;
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
  const init = m.initializer ? evaluate(m.initializer, scope, ctx) : undefined;
  // `router: Router = Router()`: the value made here, not any value of that type (two classes' routers are two).
  if (init?.kind === 'framework' && !init.typeOnly && (!typed || typed.pack === init.pack)) return init;
  return typed;
}

/**
 * `constructor(ctrl) { this.router = Router(); this.ctrl = ctrl }`: what the constructor assigns to a field at
 * its top level, by field name. A parameter stands for what callers hand it (`given`, by index: known while
 * modules are detected), else for nothing; it and the constructor's locals shadow the module's names; a local
 * `const` is read at the assignment (`const r = Router(); this.router = r`).
 */
export function assignedMembers(node: ts.ClassLikeDeclaration, scope: Scope, ctx: EvalContext, given?: ReadonlyMap<number, Binding>): Map<string, { value: FrameworkBinding; expr: ts.Expression }> {
  const out = new Map<string, { value: FrameworkBinding; expr: ts.Expression }>();
  const ctor = node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
  if (!ctor?.body) return out;
  const own = new Map<string, Binding | undefined>();
  ctor.parameters.forEach((p, i) => {
    for (const n of bindingNames(p.name)) own.set(n, ts.isIdentifier(p.name) ? given?.get(i) : undefined);
  });
  const inner: Scope = (n) => (own.has(n) ? own.get(n) : scope(n));
  for (const st of ctor.body.statements) {
    if (ts.isVariableStatement(st)) {
      const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of st.declarationList.declarations) {
        const names = bindingNames(d.name);
        const v = isConst && ts.isIdentifier(d.name) ? evaluate(d.initializer, inner, ctx) : undefined;
        for (const n of names) own.set(n, v);
      }
      continue;
    }
    for (const k of keyedAssignments(st)) {
      // `this.queues[name] = new Queue(name)`, in a loop over names: what the callback's parameter is, is not known.
      const v = evaluate(k.value, (n) => (k.locals.has(n) ? undefined : inner(n)), ctx);
      if (v?.kind === 'framework' && !v.typeOnly && !v.dictionary) out.set(k.field, { value: { ...v, dictionary: true }, expr: k.value });
    }
    if (!ts.isExpressionStatement(st)) continue;
    const e = skipWrappers(st.expression);
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = skipWrappers(e.left);
    if (!ts.isPropertyAccessExpression(left) || left.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const v = evaluate(e.right, inner, ctx);
    if (v?.kind === 'framework' && !v.typeOnly) out.set(left.name.text, { value: v, expr: e.right });
    else out.delete(left.name.text);
  }
  return out;
}

/**
 * `this.queues[key] = value` written in a constructor statement: right there, or in the callback of a loop over a
 * list (`NAMES.forEach((name) => { this.queues[name] = new Queue(name) })`, `for (const name of NAMES) {…}`),
 * with the names that loop declares.
 */
function keyedAssignments(st: ts.Statement): { field: string; value: ts.Expression; locals: Set<string> }[] {
  const out: { field: string; value: ts.Expression; locals: Set<string> }[] = [];
  const assignment = (x: ts.Node, locals: Set<string>): void => {
    const b = ts.isExpressionStatement(x) ? skipWrappers(x.expression) : ts.isExpression(x) ? skipWrappers(x) : undefined;
    if (!b || !ts.isBinaryExpression(b) || b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const left = skipWrappers(b.left);
    if (!ts.isElementAccessExpression(left)) return;
    const target = skipWrappers(left.expression);
    if (ts.isPropertyAccessExpression(target) && target.expression.kind === ts.SyntaxKind.ThisKeyword) out.push({ field: target.name.text, value: b.right, locals });
  };
  if (ts.isForOfStatement(st) && ts.isVariableDeclarationList(st.initializer)) {
    const locals = new Set(st.initializer.declarations.flatMap((d) => bindingNames(d.name)));
    for (const inner of ts.isBlock(st.statement) ? st.statement.statements : [st.statement]) assignment(inner, locals);
    return out;
  }
  if (!ts.isExpressionStatement(st)) return out;
  assignment(st, new Set());
  const x = skipWrappers(st.expression);
  if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'forEach') {
    const fn = x.arguments[0] && skipWrappers(x.arguments[0]);
    if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) {
      const locals = new Set(fn.parameters.flatMap((p) => bindingNames(p.name)));
      if (ts.isBlock(fn.body)) for (const st of fn.body.statements) assignment(st, locals);
      else assignment(fn.body, locals);
    }
  }
  return out;
}

/**
 * Members that hand out a field: `getRouter() { return this.router }` (under `getRouter()`, what a call gives)
 * and `get router() { return this._router }` (under `router`), for the fields `members` binds.
 */
export function accessorMembers(node: ts.ClassLikeDeclaration, members: ReadonlyMap<string, FrameworkBinding>): Map<string, FrameworkBinding> {
  const out = new Map<string, FrameworkBinding>();
  for (const m of node.members) {
    const isMethod = ts.isMethodDeclaration(m);
    if ((!isMethod && !ts.isGetAccessorDeclaration(m)) || !m.body || m.parameters.length || !ts.isIdentifier(m.name)) continue;
    if (m.body.statements.length !== 1) continue;
    const st = m.body.statements[0];
    const r = ts.isReturnStatement(st) && st.expression ? skipWrappers(st.expression) : undefined;
    if (!r || !ts.isPropertyAccessExpression(r) || r.expression.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const held = members.get(r.name.text);
    if (held) out.set(isMethod ? accessorKey(m.name.text) : m.name.text, held);
  }
  return out;
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
