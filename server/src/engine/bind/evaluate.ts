/**
 * Evaluates an expression to the framework-bound value it yields, if any: `express()`, `new PrismaClient()`,
 * `dataSource.getRepository(User)`, `prisma.user`, a class extending a framework base. This is the one place
 * where "what does this value come from" is decided, for top-level bindings and function bodies alike.
 */
import { ts } from 'ts-morph';
import type { Binding, FrameworkBinding, FunctionBinding, ListBinding, PackIndex } from './binding';
import { accessorKey, skipWrappers, literalText, objectProperty, deriveBinding, withMember, listMethodResult, joinedString } from './binding';
import { nodeAt, topStatementOf } from './ancestry';

export type Scope = (name: string) => Binding | undefined;

/** A call of a project function, as `returnOf` sees it: where it is, and the string constant an argument is (read on demand). */
export interface CallSite {
  key(): string;
  constant(index: number): string | undefined;
}

export interface EvalContext {
  packs: PackIndex;
  file: string;
  sf: ts.SourceFile;
  /**
   * The module's tree as the store gives it later: function bindings find their node in it again rather than
   * hold a subtree of `sf` (every top-level function of every module would otherwise stay in memory).
   */
  tree?: () => ts.SourceFile;
  /** Resolves a top-level string constant of this module (for `const PREFIX = '/users'`). */
  constant?: (name: string) => string | undefined;
  /** A string field of the class being walked that nothing reassigns (`public path = '/users'`, read as `this.path`). */
  thisConstant?: (member: string) => string | undefined;
  /** A string property of an object constant, own or imported (`config.apiPath` with `module.exports = { apiPath: '/api' }`). */
  memberConstant?: (object: string, member: string, rest?: readonly string[]) => string | undefined;
  /** An export of a project module, followed through re-exports. */
  exportOf?: (file: string, name: string) => Binding | undefined;
  /** A field of a model class holding the framework's own object (see `ProgramBinder.entityField`). */
  entityField?: (modelKey: string, name: string) => FrameworkBinding | undefined;
  /**
   * Whether `name` is a function the project declares on a model (a class's static method, or one assigned to a
   * model a factory made: `Note.decodeTitle = function …`): calling it is the model's API, what it returns the project's.
   */
  projectStatic?: (model: FrameworkBinding, name: string) => boolean;
  /** What awaiting a call of a project function gives when it hands back an entity or a list of them (see `ProgramBinder.awaitedReturn`). */
  awaitedReturn?: (fn: FunctionBinding, args?: readonly (Binding | undefined)[]) => FrameworkBinding | ListBinding | undefined;
  /** A static method a project class (by key) or one of its project base classes declares. */
  ownStatic?: (classKey: string, name: string) => FunctionBinding | undefined;
  /** What `require('x')` / `import('x')` at this node binds (the whole module). */
  requireOf?: (call: ts.CallExpression) => Binding | undefined;
  /** True when the callee is a plugin wrapper imported from a package like fastify-plugin. */
  isPluginWrapper?: (callee: ts.Expression) => boolean;
  /** A member the program decorated every instance of the framework with (`fastify.knex` after `decorate('knex', …)`). */
  decorated?: (base: FrameworkBinding, member: string) => FrameworkBinding | null | undefined;
  /** A value an app setting holds (`app.get('db')` after `app.set('db', sequelize)`). */
  setting?: (pack: string, name: string) => FrameworkBinding | undefined;
  /**
   * What a project function returns, when that is a framework value (`createApp()` → the Express app). `call`
   * is the call site: its key, and the string constants its arguments are (`createQueue('mail')`).
   */
  returnOf?: (fn: FunctionBinding, args?: readonly (Binding | undefined)[], call?: CallSite) => Binding | undefined;
}

/**
 * A key for a node that survives edits elsewhere in its file: the named top-level declaration it sits in
 * (`src/db.ts\0AppDataSource#1+42`) and its offset from the start of that declaration. An edit above a
 * declaration moves it but keeps its keys, so other modules that hold them (an app's routes, a function's
 * parameter bindings) need not be detected again. Nodes outside named declarations are keyed by position.
 */
export function positionKey(ctx: EvalContext, node: ts.Node): string {
  const sf = ctx.sf;
  const top = topStatementOf(sf, node);
  const label = top ? statementLabels(sf).get(top) : undefined;
  // Offsets (`pos`, which needs no scanning) relative to the declaration: stable when the text above moves.
  return label ? `${ctx.file}${KEY_SEPARATOR}${label}+${node.pos - top!.pos}` : `${ctx.file}${KEY_SEPARATOR}@${node.pos}`;
}

/** A project function we follow, holding where it is rather than its syntax (see `EvalContext.tree`). */
export function functionBinding(ctx: EvalContext, node: ts.FunctionLikeDeclaration): FunctionBinding {
  const key = positionKey(ctx, node);
  const tree = ctx.tree;
  if (!tree) return { kind: 'function', key, file: ctx.file, node };
  const { pos, end, kind } = node;
  const file = ctx.file;
  return {
    kind: 'function',
    key,
    file,
    get node() {
      const found = nodeAt(tree(), pos, end, kind);
      if (!found) throw new Error(`internal: the function at ${file}:${pos} is not in its module's syntax tree`);
      return found as ts.FunctionLikeDeclaration;
    },
  };
}

/** Where the node a key names starts (its `pos`) in the module's tree, or undefined when the tree has no such place. */
export function posOfKey(sf: ts.SourceFile, key: string): number | undefined {
  const rest = key.slice(key.indexOf(KEY_SEPARATOR) + 1);
  if (rest.startsWith('@')) return Number(rest.slice(1));
  const plus = rest.lastIndexOf('+');
  const label = rest.slice(0, plus);
  for (const [st, l] of statementLabels(sf)) if (l === label) return st.pos + Number(rest.slice(plus + 1));
  return undefined;
}

/** Between the file and the rest of a key; never in a path. */
export const KEY_SEPARATOR = '\0';

/** The file a key was made in. */
export function fileOfKey(key: string): string {
  const i = key.indexOf(KEY_SEPARATOR);
  return i < 0 ? key : key.slice(0, i);
}

const labels = new WeakMap<ts.SourceFile, Map<ts.Statement, string>>();

/** Top-level statements by name and occurrence (`x#1`, `x#2` for a name declared twice); unnamed ones are absent. */
function statementLabels(sf: ts.SourceFile): Map<ts.Statement, string> {
  let map = labels.get(sf);
  if (map) return map;
  map = new Map();
  const seen = new Map<string, number>();
  for (const st of sf.statements) {
    let name: string | undefined;
    if (ts.isVariableStatement(st)) {
      const first = st.declarationList.declarations[0]?.name;
      name = first && ts.isIdentifier(first) ? first.text : undefined;
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) name = st.name.text;
    else if (ts.isExportAssignment(st)) name = 'default';
    else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // CommonJS: `exports.x = …`, `module.exports.x = …`, `module.exports = …`
      const left = st.expression.left;
      if (ts.isPropertyAccessExpression(left)) name = left.getText(sf).replace(/\s+/g, '');
    }
    if (!name) continue;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    map.set(st, `${name}#${n}`);
  }
  labels.set(sf, map);
  return map;
}

/**
 * A member read off a member of a plain framework value is data: `req.body.email`, `ctx.request.body`,
 * `res.locals.user`. The chain `req.body.email` is one coupling site where it is written, but `const email =
 * req.body.email` (or `const { email } = req.body`) holds a string, and its uses are not coupling.
 */
export function isDataRead(base: FrameworkBinding): boolean {
  return base.role === 'value' && base.path.length >= 1 && !base.isClass && !base.members;
}

/** An entity: an instance of a model class the project declared (typed, made with `new`, or a query's result). */
export function isEntityInstance(b: FrameworkBinding): boolean {
  return b.role === 'model' && !!b.instance && !b.isClass && b.path.length === 0 && b.model !== undefined;
}

/**
 * An entity (an instance of a model class, typed or made with `new`) used as data: `raw.email`,
 * `entity.email = dto.email`, `return entity`, `entity.tags.push(t)`. Only a method called on the entity itself
 * (`user.save()`, `article.setTags(tags)`) is the framework's API; its fields are the project's data.
 */
export function isEntityData(b: FrameworkBinding, links: readonly { kind: string }[]): boolean {
  return b.role === 'model' && !!b.instance && !b.isClass && b.path.length === 0 && !(links[0]?.kind === 'property' && links[1]?.kind === 'call');
}

/**
 * A string argument: a literal, a constant of this module or an imported one, a string property of an object
 * constant, or a template or `+` joining such strings.
 */
export function stringArg(ctx: EvalContext, e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  // `${BASE}/users`, `PREFIX + '/users'` with BASE and PREFIX module constants.
  return joinedString(e, (x) => {
    if (ts.isIdentifier(x)) return ctx.constant?.(x.text);
    if (ts.isPropertyAccessExpression(x) && x.expression.kind === ts.SyntaxKind.ThisKeyword) return ctx.thisConstant?.(x.name.text);
    // `config.api.prefix`: a string nested in an object constant.
    const names: string[] = [];
    let at: ts.Expression = x;
    for (; ts.isPropertyAccessExpression(at); at = skipWrappers(at.expression)) names.unshift(at.name.text);
    if (names.length && ts.isIdentifier(at)) return ctx.memberConstant?.(at.text, names[0], names.slice(1));
    return undefined;
  });
}

/** An instance of a project class coupled only through the framework values it holds (a service, a wrapper). */
export function isSeamInstance(b: FrameworkBinding): boolean {
  return !!b.memberOnly && !b.isClass && !!b.instance;
}

/** A class the project declares, coupled to a framework by its base class or decorators, that is not a model. */
export function isOwnClass(b: FrameworkBinding): boolean {
  return !!b.isClass && b.declaredIn !== undefined && b.path.length === 0 && b.role !== 'model';
}

export function evaluate(expr: ts.Expression | undefined, scope: Scope, ctx: EvalContext): Binding | undefined {
  if (!expr) return undefined;
  const e = skipWrappers(expr);
  if (ts.isIdentifier(e)) return scope(e.text);
  if (ts.isPropertyAccessExpression(e)) return memberOf(evaluate(e.expression, scope, ctx), e, ctx);
  if (e.kind === ts.SyntaxKind.ThisKeyword) return scope('this');
  if (ts.isElementAccessExpression(e)) {
    const base = evaluate(e.expression, scope, ctx);
    if (base?.kind === 'list' && base.method === undefined) return base.element; // `users[0]`
    if (base?.kind === 'framework' && base.dictionary) return elementOf(base); // `this.queues[type]`
    const key = literalText(e.argumentExpression);
    // `service['repo']` on a seam's instance: only the framework values its fields hold.
    if (base?.kind === 'framework' && isSeamInstance(base)) return key !== undefined ? base.members?.get(key) : undefined;
    return base && base.kind === 'framework' && key !== undefined && !isDataRead(base) ? withMember(base, key) : undefined;
  }
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) return evaluateCall(e, scope, ctx);
  if (ts.isAwaitExpression(e)) return awaited(e, scope, ctx);
  if (ts.isArrayLiteralExpression(e)) return spreadList(e, scope, ctx);
  if (ts.isConditionalExpression(e)) return evaluate(e.whenTrue, scope, ctx) ?? evaluate(e.whenFalse, scope, ctx);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return evaluate(e.left, scope, ctx) ?? evaluate(e.right, scope, ctx);
    }
    if (op === ts.SyntaxKind.EqualsToken) return evaluate(e.right, scope, ctx);
    return undefined;
  }
  if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return functionBinding(ctx, e);
  return undefined;
}

/** An element of a dictionary field (see `FrameworkBinding.dictionary`). */
function elementOf(dictionary: FrameworkBinding): FrameworkBinding {
  const element: FrameworkBinding = { ...dictionary };
  delete element.dictionary;
  return element;
}

/** What `e` (`base.name`) gives, `base` being what its object evaluates to. */
function memberOf(base: Binding | undefined, e: ts.PropertyAccessExpression, ctx: EvalContext): Binding | undefined {
  if (base?.kind === 'namespace') return ctx.exportOf?.(base.file, (base.prefix ?? '') + e.name.text);
  // `users.filter`: a method of the array, resolved when called; any other member (`users.length`) is data.
  if (base?.kind === 'list') return base.method === undefined ? { kind: 'list', element: base.element, method: e.name.text } : undefined;
  if (!base || base.kind !== 'framework') return undefined;
  if (base.dictionary) return elementOf(base); // `this.queues.mail`
  if (base.members && e.expression.kind === ts.SyntaxKind.ThisKeyword) return base.members.get(e.name.text);
  // A seam's instance (see typeBinding): only the framework values its fields hold.
  if (isSeamInstance(base)) return base.members?.get(e.name.text);
  // `req.app`: the application the request came through.
  const requestApp = base.role === 'value' && base.path.length === 0 && !base.isClass ? ctx.packs.byId.get(base.pack)?.routes?.settings?.requestApp : undefined;
  if (requestApp === e.name.text) return { kind: 'framework', pack: base.pack, role: 'app', path: [], key: `${base.pack}:request-app` };
  // `user.tokens`, `user.save` on an entity: its fields are data, and what its methods return is not followed.
  // …except a field holding the framework's own object (`article.comments`, a MikroORM Collection).
  if (isEntityInstance(base)) {
    const held = ctx.entityField?.(base.model!, e.name.text);
    if (held) return held;
  }
  if (isDataRead(base) || isEntityData(base, [])) return undefined;
  // `PrismaService.parseUrl(…)`: a static method the project declares on its class is its own function (a
  // call gives what it returns: `Db.instance()` may hand out the framework's client). Not on a model class,
  // whose static methods are its data-access API (`User.findByEmail(…)`, an overridden `findByPk`).
  const own = isOwnClass(base) ? ctx.ownStatic?.(base.key, e.name.text) : undefined;
  if (own) return own;
  // A member the program decorated the instance with: its value, or nothing bound when it is the project's own.
  const decorated = ctx.decorated?.(base, e.name.text);
  if (decorated !== undefined) return decorated ?? undefined;
  // A member that is itself a bound value of another role: dataSource.manager, orm.em.
  const pack = base.path.length === 0 ? ctx.packs.byId.get(base.pack) : undefined;
  const prop = pack ? ctx.packs.memberFactory(pack, base.role, e.name.text) : undefined;
  if (prop?.property) return { kind: 'framework', pack: base.pack, role: prop.role, path: [], key: positionKey(ctx, e), via: base.via };
  return withMember(base, e.name.text);
}

/**
 * What `await x` gives (`e` is the await expression, or what stands for one: an element of `await
 * Promise.all([…])`): one entity or job, a list of them, the value a factory made, or (undefined) data.
 */
export function awaited(e: ts.AwaitExpression | ts.Expression, scope: Scope, ctx: EvalContext): Binding | undefined {
  const inner = skipWrappers(ts.isAwaitExpression(e) ? e.expression : e);
  const one = awaitedInstance(inner, scope, ctx);
  if (one) return one;
  // `await getUserById(id)` of a project function handing back a finder's result: the entity.
  if (ts.isCallExpression(inner) && ctx.awaitedReturn) {
    const callee = evaluate(inner.expression, scope, ctx);
    const got = callee?.kind === 'function' ? ctx.awaitedReturn(callee, inner.arguments.map((a) => evaluate(a, scope, ctx))) : undefined;
    if (got) return got;
  }
  const v = evaluate(inner, scope, ctx);
  if (v?.kind === 'namespace') return v; // await import('./db')
  // Awaiting a query yields plain data (also `await knex('users')`, a table handle); awaiting a factory
  // (NestFactory.create, createConnection) yields the made value.
  if (v && v.kind === 'framework' && (ts.isCallExpression(inner) || ts.isNewExpression(inner)) && v.role !== 'value' && v.role !== 'repository' && v.role !== 'model') return v;
  // …except a query builder that is not a promise: awaiting it yields the builder.
  if (v && v.kind === 'framework' && ts.isCallExpression(inner) && isBuilderChain(inner, ctx.packs.byId.get(v.pack)?.builders)) return v;
  // …and a queue's job (`await queue.getJob(id)`): its methods and fields are the queue framework's; so is each
  // job of `await queue.getJobs(['failed'])`.
  const method = ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) ? inner.expression.name.text : undefined;
  const queues = v?.kind === 'framework' && method !== undefined ? ctx.packs.byId.get(v.pack)?.queues : undefined;
  if (!queues || v?.kind !== 'framework') return undefined;
  const single = queues.jobResults?.includes(method!);
  if (!single && !queues.jobListResults?.includes(method!)) return undefined;
  const job: FrameworkBinding = { kind: 'framework', pack: v.pack, role: 'value', path: [], key: positionKey(ctx, e), via: v.via };
  return single ? job : { kind: 'list', element: job };
}

/** `[...admins, ...users]`: an array of lists of the same framework's values is one such list. */
function spreadList(e: ts.ArrayLiteralExpression, scope: Scope, ctx: EvalContext): ListBinding | undefined {
  let list: ListBinding | undefined;
  for (const el of e.elements) {
    const v = ts.isSpreadElement(el) ? evaluate(el.expression, scope, ctx) : undefined;
    if (v?.kind !== 'list' || v.method !== undefined || (list && list.element.pack !== v.element.pack)) return undefined;
    list ??= { kind: 'list', element: v.element };
  }
  return list;
}

function evaluateCall(e: ts.CallExpression | ts.NewExpression, scope: Scope, ctx: EvalContext): Binding | undefined {
  const isNew = ts.isNewExpression(e);
  if (!isNew && (e.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(e.expression) && e.expression.text === 'require'))) {
    return ctx.requireOf?.(e);
  }
  // fp(async (app) => { … }) is the plugin itself, as far as routes and sessions are concerned.
  if (!isNew && e.arguments.length >= 1 && ctx.isPluginWrapper?.(e.expression)) return evaluate(e.arguments[0], scope, ctx);
  // `routes.getRouter()`: a method of the class handing out one of its fields (see accessorMembers).
  let callee: Binding | undefined;
  const access = skipWrappers(e.expression);
  if (!isNew && ts.isPropertyAccessExpression(access)) {
    const base = evaluate(access.expression, scope, ctx);
    const held = e.arguments.length === 0 && base?.kind === 'framework' && (isSeamInstance(base) || access.expression.kind === ts.SyntaxKind.ThisKeyword) ? base.members?.get(accessorKey(access.name.text)) : undefined;
    if (held) return held;
    callee = memberOf(base, access, ctx);
  } else callee = evaluate(e.expression, scope, ctx);
  if (!callee) return undefined;
  if (callee.kind === 'list') return isNew || callee.method === undefined ? undefined : listMethodResult(callee, callee.method);
  // The arguments of this call bind the function's parameters for its `return` (`require('./user')(sequelize)`).
  if (callee.kind === 'function') {
    if (isNew || !ctx.returnOf) return undefined;
    return ctx.returnOf(callee, e.arguments.map((a) => evaluate(a, scope, ctx)), callSite(ctx, e));
  }
  if (callee.kind !== 'framework') return undefined;
  const args = e.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const pack = ctx.packs.byId.get(callee.pack);
  if (!pack) return undefined;
  // `Note.decodeTitle(title)`: the project's function on its model; what it returns is not the framework's.
  if (!isNew && callee.role === 'model' && callee.path.length === 1 && !callee.instance && ctx.projectStatic?.(callee, callee.path[0])) return undefined;
  // `new Logger('Bootstrap')`: the instance is the project's plain value (the call itself is still a site).
  if (callee.role === 'module' && callee.path.length === 1 && pack.plainExports?.includes(callee.path[0])) return undefined;
  const key = positionKey(ctx, e);
  if (callee.isClass && isNew) {
    // An instance of a coupled class keeps the class's role and members; an entity remembers its model.
    // …and of a project class that only holds framework values, a seam (see isSeamInstance).
    if (callee.memberOnly) return callee.members?.size ? deriveBinding(callee, { isClass: false, typeOnly: false, key, members: callee.members, instance: true }) : undefined;
    return deriveBinding(callee, { isClass: false, key, members: callee.members, instance: true, ...(callee.role === 'model' ? { model: callee.key } : {}) });
  }
  if (isNew && callee.role === 'model' && callee.path.length === 0 && !callee.instance && !callee.typeOnly) {
    // `new User({ … })` of a model a factory made (`mongoose.model('User', schema)`): a document of that model.
    return { kind: 'framework', pack: pack.id, role: 'model', path: [], key, instance: true, model: callee.model ?? callee.key, via: callee.via };
  }
  if (callee.role === 'module') {
    const f = ctx.packs.factory(pack, callee.path, isNew, callee.package);
    const found = f ? lookedUp(ctx, pack.id, f, args) : undefined;
    if (found) return found;
    if (f) {
      const made: FrameworkBinding = { kind: 'framework', pack: pack.id, role: f.role, path: [], key };
      made.name = nameOf(ctx, args, f);
      if (f.prefixOption) made.prefix = prefixOf(ctx, objectProperty(args[0], f.prefixOption));
      made.table = tableOf(ctx, args, f);
      if (f.schedule) made.schedule = scheduleOf(ctx, args, f.schedule);
      return withModel(made, args[0], scope, ctx);
    }
  }
  // `app.get('db')`, one argument: the value of an app setting, when some module set it to a framework value.
  const settings = pack.routes?.settings;
  if (settings && !isNew && callee.role === 'app' && callee.path.length === 1 && callee.path[0] === settings.get && args.length === 1) {
    const name = stringArg(ctx, args[0]);
    const v = name !== undefined ? ctx.setting?.(pack.id, name) : undefined;
    if (v) return v;
  }
  // `knex('users')`: calling a value itself is the member '()'.
  const member = callee.path.length === 1 ? callee.path[0] : callee.path.length === 0 && callee.role !== 'module' ? '()' : undefined;
  // `const server = app.listen(3000)`: Node's server, not the framework's.
  if (!isNew && member !== undefined && callee.role !== 'module' && pack.plainResults?.includes(member)) return undefined;
  if (member !== undefined) {
    const mf = ctx.packs.memberFactory(pack, callee.role, member);
    const found = mf && !mf.property ? lookedUp(ctx, pack.id, mf, args) : undefined;
    if (found) return found;
    if (mf && !mf.property) {
      // `User.scope('active')`, `User.unscoped()`, `Person.bindKnex(trx)`: the same model, seen another way.
      if (mf.role === 'model' && callee.role === 'model' && mf.nameArg === undefined && mf.tableArg === undefined && !mf.tableOption) return deriveBinding(callee, { path: [] });
      const made: FrameworkBinding = { kind: 'framework', pack: pack.id, role: mf.role, path: [], key };
      made.name = nameOf(ctx, args, mf);
      if (mf.prefixOption) made.prefix = prefixOf(ctx, objectProperty(args[0], mf.prefixOption));
      made.table = tableOf(ctx, args, mf);
      return withModel(made, args[0], scope, ctx);
    }
  }
  // Any other call on a bound value yields a value still bound to the framework (query builders, chained
  // router calls), keeping the identity of what it was called on so that `router.route('/x').get()` stays
  // on the same router.
  const made: FrameworkBinding = { kind: 'framework', pack: pack.id, role: 'value', path: [], key: callee.key, name: callee.name, via: callee.via };
  if (callee.middleware) made.middleware = 'made';
  return made;
}

/**
 * `mongoose.model('User')`: a factory called with no more than its name looks up what a call with the rest made
 * under that name. The value is the model, keyed by name (see `lookupKey`), wherever it was defined.
 */
function lookedUp(ctx: EvalContext, pack: string, rule: { lookupArity?: number; nameArg?: number; role: FrameworkBinding['role'] }, args: ts.NodeArray<ts.Expression>): FrameworkBinding | undefined {
  if (rule.lookupArity === undefined || args.length > rule.lookupArity || rule.nameArg === undefined) return undefined;
  // `mongoose.model(modelName)` in a loop: some model defined elsewhere, not a new one.
  const name = stringArg(ctx, args[rule.nameArg]);
  return name === undefined ? { kind: 'framework', pack, role: rule.role, path: [], key: lookupKey(pack, '?') } : { kind: 'framework', pack, role: rule.role, path: [], key: lookupKey(pack, name), name };
}

/** The key of a value looked up by name (`mongoose.model('User')`): the same in every module. */
export function lookupKey(pack: string, name: string): string {
  return `${pack}:named:${name}`;
}

/** The call site `returnOf` is told of: its key and its string arguments, each worked out only when asked for. */
export function callSite(ctx: EvalContext, e: ts.CallExpression): CallSite {
  return { key: () => positionKey(ctx, e), constant: (i) => stringArg(ctx, e.arguments[i]) };
}

/** A chain through a builder's start method that does not end in one of its results (`createQueryBuilder('a').where(…)`). */
function isBuilderChain(call: ts.CallExpression, builders: { start: string[]; results: string[] } | undefined): boolean {
  if (!builders) return false;
  let e: ts.Expression = call;
  let outermost = true;
  while (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression)) {
    const name = e.expression.name.text;
    if (outermost && builders.results.includes(name)) return false;
    if (builders.start.includes(name)) return true;
    outermost = false;
    e = skipWrappers(e.expression.expression);
  }
  return false;
}

/**
 * `await User.findById(id)`, `await this.users.findOneBy({ … })`, `await User.findOne(…).exec()`: one entity of
 * the model, when the pack says the method returns one (`modelAccess.returnsOne`). Its fields are data; its own
 * methods (`user.save()`) are the framework's, and read or write the model.
 */
function awaitedInstance(e: ts.Expression, scope: Scope, ctx: EvalContext): FrameworkBinding | ListBinding | undefined {
  let call: ts.Expression = e;
  if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'exec' && call.arguments.length === 0) call = skipWrappers(call.expression.expression);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const target = evaluate(call.expression.expression, scope, ctx);
  if (target?.kind !== 'framework' || target.path.length || target.instance || target.typeOnly || target.memberOnly) return undefined;
  const model = target.role === 'model' ? (target.model ?? target.key) : target.role === 'repository' ? target.model : undefined;
  const access = ctx.packs.byId.get(target.pack)?.modelAccess;
  const method = call.expression.name.text;
  // `await User.findAll()`: an array of entities.
  const one = access?.returnsOne?.includes(method), many = access?.returnsMany?.includes(method);
  if (model === undefined || (!one && !many)) return undefined;
  const entity: FrameworkBinding = { kind: 'framework', pack: target.pack, role: 'model', path: [], key: positionKey(ctx, e), instance: true, model, via: target.via };
  return one ? entity : { kind: 'list', element: entity };
}

/** A prefix option (`new Router({ prefix })`): its string, or the expression in braces when it is not one. */
function prefixOf(ctx: EvalContext, e: ts.Expression | undefined): string | undefined {
  return e ? (stringArg(ctx, e) ?? `{${e.getText(ctx.sf)}}`) : undefined;
}

/** A repository made from a model (`getRepository(User)`) is a handle on that model's data: it keeps the model's key. */
export function withModel(made: FrameworkBinding, arg: ts.Expression | undefined, scope: Scope, ctx: EvalContext): FrameworkBinding {
  if (made.role !== 'repository' || !arg) return made;
  const m = evaluate(arg, scope, ctx);
  if (m?.kind === 'framework' && m.role === 'model' && m.isClass) made.model = m.key;
  return made;
}

function nameOf(ctx: EvalContext, args: ts.NodeArray<ts.Expression>, rule: { nameArg?: number; nameOption?: string }): string | undefined {
  if (rule.nameArg !== undefined) {
    const n = stringArg(ctx, args[rule.nameArg]);
    if (n !== undefined) return n;
  }
  if (rule.nameOption) {
    for (const a of args) {
      const v = stringArg(ctx, objectProperty(a, rule.nameOption));
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/** A job's schedule: a string constant, else the expression's text; '?' when the call gives none. */
function scheduleOf(ctx: EvalContext, args: ts.NodeArray<ts.Expression>, rule: { arg?: number; option?: string }): string {
  const at = rule.arg !== undefined ? args[rule.arg] : undefined;
  const candidates = [...(rule.option ? args.map((a) => objectProperty(a, rule.option!)) : []), at && !ts.isObjectLiteralExpression(skipWrappers(at)) ? at : undefined];
  const e = candidates.find((x) => x !== undefined);
  if (!e) return '?';
  return stringArg(ctx, e) ?? e.getText(ctx.sf).replace(/\s+/g, ' ');
}

function tableOf(ctx: EvalContext, args: ts.NodeArray<ts.Expression>, rule: { tableArg?: number; tableOption?: string }): string | undefined {
  if (rule.tableArg !== undefined) return stringArg(ctx, args[rule.tableArg]);
  if (rule.tableOption) {
    for (const a of args) {
      const v = stringArg(ctx, objectProperty(a, rule.tableOption));
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/**
 * The first framework value assigned to `name` in a function body (`db = new Sequelize(…)` in an if/else),
 * outside nested functions; with `intoFunctions`, inside them too (a module-level `let` a getter fills lazily).
 */
export function assignedIn(body: ts.Node, name: string, scope: Scope, ctx: EvalContext, intoFunctions = false): FrameworkBinding | undefined {
  const visit = (n: ts.Node): FrameworkBinding | undefined => {
    if (!intoFunctions && ts.isFunctionLike(n)) return undefined;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left) && n.left.text === name) {
      const b = evaluate(n.right, scope, ctx);
      if (b?.kind === 'framework' && !b.typeOnly) return b;
    }
    return ts.forEachChild(n, visit);
  };
  return ts.forEachChild(body, visit);
}
