/**
 * Reads the inventories a migration needs off framework-bound chains, classes and decorators: route
 * registrations and mounts, queue definitions/producers/consumers/schedules, data models and session stores.
 * Driven entirely by the rule packs' route, queue and session rules.
 */
import { ts } from 'ts-morph';
import { posix } from 'path';
import type { QueueEntry, QueueRole, SiteKind } from '../model';
import type { Binding, FrameworkBinding } from '../bind/binding';
import { ELEMENT_CALLBACKS, hereRelative, literalText, objectProperty, skipWrappers, propName, tableName } from '../bind/binding';
import { evaluate, positionKey, stringArg } from '../bind/evaluate';
import { decoratorsOf, decoratorRule } from '../bind/annotations';
import { ancestorsOf } from '../bind/ancestry';
import type { DecoratorRule, ValueRole } from '../../rules/rulePack';
import type { ChainLink, DetectorHost } from './chain';
import type { TableUse } from './facts';
import { objectLiteralIn, handlerName, packOf, effectiveRole } from './chain';
import { RouteReader } from './routeReader';
import { joinPath, shownPath } from './paths';
import { enclosingParam } from './wrapperSeeds';
import { readAppMade, readModuleClass, readRouterModule } from './nestModules';
import { schemaModelKey } from './hostedFunctions';

const QUEUE_OWNER_ROLES = new Set(['queue', 'scheduler', 'worker', 'module']);

export class InventoryReader {
  private readonly routes: RouteReader;

  constructor(private readonly d: DetectorHost) {
    this.routes = new RouteReader(d);
  }

  /**
   * Subqueries named (`with('ranked', …)`) in each outermost function, by its body (undefined: the top level),
   * and the table uses waiting for the end of the module: a name one of them gives is no table anywhere in that
   * function, also in a chain written inside another's arguments or callbacks.
   */
  private readonly subqueries = new Map<ts.Node | undefined, Set<string>>();
  private readonly pendingTables: { use: TableUse; scope: ts.Node | undefined }[] = [];

  /** Adds the table uses of the module, once every subquery it names is known. */
  flushTables(): void {
    for (const { use, scope } of this.pendingTables) if (!this.subqueries.get(scope)?.has(use.table)) this.d.facts.tables.push(use);
    this.pendingTables.length = 0;
  }

  /** Reads a framework chain (`top` is its outermost node); returns 'route' when it registers a route. */
  chain(start: FrameworkBinding, links: ChainLink[], top: ts.Expression): SiteKind | undefined {
    // values[i + 1] is what the chain evaluates to after link i; values[0] is its root.
    const values: (Binding | undefined)[] = [start];
    const tables: NamedTable[] = [];
    let chainOwner: FrameworkBinding | undefined;
    let pendingPath: string | undefined;
    let registered = false;
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      const value = evaluate(link.node, this.d.scope, this.d.ctx);
      values.push(value);
      if (link.kind !== 'call' && link.kind !== 'new') continue;
      // The value the member before this call was read from: `queue` in `queue.add(…)`.
      const calledOn = values[i - 1];
      const made = value?.kind === 'framework' && value.key === positionKey(this.d.ctx, link.node) && value.role !== 'value' && !value.instance ? value : undefined;
      if (made && calledOn?.kind === 'framework' && calledOn.isClass && calledOn.role === 'model') {
        // Model.init(attributes, { tableName }) completes a model class; it does not make another model.
        if (made.table !== undefined) this.d.facts.modelTables.push({ key: calledOn.key, table: made.table });
      } else if (made) {
        this.made(link.node, made, link.args);
        if (made.table !== undefined && made.role !== 'model') tables.push(namedTable(made, links, values, i));
      }
      const member = links[i - 1];
      // `this.app[options.method](options.path, …)`
      if (link.kind === 'call' && member?.kind === 'element' && calledOn?.kind === 'framework' && this.routes.elementRoute(calledOn, member.node, link.args)) {
        registered = true;
        continue;
      }
      if (link.kind !== 'call' || member?.kind !== 'property' || calledOn?.kind !== 'framework') continue;
      // Chained registrations (`app.get(…).post(…)`) stay on the owner the chain started on.
      const owner = calledOn.role === 'value' && chainOwner ? chainOwner : calledOn;
      // Lines of registrations are the lines of their method names (`.get(` in a chain spanning lines).
      const at = ts.isPropertyAccessExpression(member.node) ? member.node.name : link.node;
      const r = this.routes.routeCall(owner, member.name, link.args, at, pendingPath);
      if (r === 'route-builder') {
        pendingPath = link.args[0] ? shownPath(this.d.ctx, link.args[0], (n) => this.d.text(n)) : `{${this.d.text(link.node)}}`;
        chainOwner = owner;
      } else if (r) {
        registered = registered || r === 'route';
        chainOwner = owner;
      }
      this.queueCall(owner, member.name, link.args, at);
      this.moduleEndpoint(owner, member.name, link.args, at);
      readRouterModule(this.d, owner, member.name, link.args);
      this.callbacks(owner, member.name, link.args);
      this.registeredSession(member.name, link.args, at);
    }
    this.tableUses(start, links, top, tables);
    this.modelUse(start, links, values);
    return registered ? 'route' : undefined;
  }

  /**
   * `User.findAll(…)`, `User.query().insert(…)` on a model, `this.users.save(…)` on a repository of one,
   * `prisma.user.create(…)` on the property standing for one, `manager.find(User, …)` on a client: a read or a
   * write of that model's data, by the pack's `modelAccess` (the chain writes when any of its
   * methods writes, reads when its first method reads; anything else, such as `User.init`, is neither).
   */
  private modelUse(start: FrameworkBinding, links: ChainLink[], values: (Binding | undefined)[]): void {
    const pack = packOf(this.d, start);
    const rule = pack?.modelAccess;
    if (!pack || !rule) return;
    let first = -1;
    let instance = false;
    let model: { key: string } | { delegate: string } | { name: string } | { member: string } | undefined;
    // The first value of the chain that stands for one model: the model, or a repository of it (`this.users.find()`).
    for (let j = 0; j < links.length && !model; j++) {
      const v = values[j];
      if (v?.kind !== 'framework' || v.pack !== pack.id || v.path.length) continue;
      // A generic base class's `Repository<T>`: whichever models its subclasses name.
      if (v.modelParam !== undefined) model = { member: v.key };
      // An injected model typed `Model<User>` stands for the model its type argument names.
      else if (v.role === 'model' && !v.instance) model = { key: v.model ?? v.key };
      // An entity (`const user = await User.findById(id)`, `new User()`, `user: User`): its own methods only.
      else if (v.role === 'model' && v.instance && v.model !== undefined && j === 0) {
        model = { key: v.model };
        instance = true;
      }
      else if (v.role === 'repository' && v.model !== undefined) model = { key: v.model };
      if (model) first = j;
    }
    const props = pack.modelProperties;
    const name = links[0]?.kind === 'property' ? links[0].name : undefined;
    if (!model && props && start.role === props.on && start.path.length === 0 && name && !(props.ignorePrefix && name.startsWith(props.ignorePrefix))) {
      model = { delegate: name };
      first = 1;
    }
    // `sequelize.models.User.findAll()`: the client's registry of models, by name.
    const registry = pack.modelRegistry;
    if (!model && registry && start.role === 'client' && start.path.length === 0 && links[0]?.kind === 'property' && links[0].name === registry && links[1]?.kind === 'property') {
      model = { name: links[1].name };
      first = 2;
    }
    // `manager.find(User, …)`, `em.count(User)`: a client's call naming the model class first.
    const call = links[1];
    if (!model && start.role === 'client' && links[0]?.kind === 'property' && call?.kind === 'call' && call.args.length) {
      const m = evaluate(call.args[0], this.d.scope, this.d.ctx);
      if (m?.kind === 'framework' && m.role === 'model' && m.isClass && m.pack === pack.id) {
        model = { key: m.key };
        first = 0;
      }
    }
    // `User.unscoped().scope('active').findOne()`: a scope is the same model; the access is the method after it.
    const held = values[first];
    while (held?.kind === 'framework' && links[first]?.kind === 'property' && links[first + 1]?.kind === 'call') {
      const after = values[first + 2];
      if (after?.kind !== 'framework' || after.role !== held.role || after.path.length || after.key !== held.key) break;
      first += 2;
    }
    const method = links[first];
    if (!model || method?.kind !== 'property' || links[first + 1]?.kind !== 'call') return;
    // On an entity only its own method counts (`user.save()`); elsewhere any write in the chain makes it a write.
    const writes = instance ? (rule.instanceWrites ?? []) : rule.writes;
    const reads = instance ? (rule.instanceReads ?? []) : rule.reads;
    const writing = instance ? [method] : links.slice(first);
    const access = writing.some((l) => l.kind === 'property' && writes.includes(l.name)) ? 'write' : reads.includes(method.name) ? 'read' : undefined;
    if (!access) return;
    const at = ts.isPropertyAccessExpression(method.node) ? method.node.name : method.node;
    this.d.facts.modelUses.push({ framework: pack.id, ...model, file: this.d.unit.path, line: this.d.line(at), access });
  }

  /**
   * Tables a query builder names (`db('orders').where(…)`) or reaches through a handle held in a variable
   * (`orders.insert(…)`): written when the chain calls one of the pack's `tableWrites` or the naming call changes
   * the table (`schema.createTable`), read otherwise. A handle only stored (`const q = db('users')`) is neither:
   * its uses count where they happen.
   */
  private tableUses(start: FrameworkBinding, links: ChainLink[], top: ts.Expression, named: NamedTable[]): void {
    const pack = packOf(this.d, start);
    const writes = pack?.tableWrites;
    if (!pack || !writes) return;
    const writesIn = (except?: ChainLink) => links.some((l) => l !== except && l.kind === 'property' && writes.includes(l.name));
    const scope = this.d.outermostBody();
    const add = (table: string, at: ts.Node, names: boolean, access: 'read' | 'write' | undefined, creates = false) =>
      this.pendingTables.push({ scope, use: { framework: pack.id, table: tableName(table), file: this.d.unit.path, line: this.d.line(at), names, ...(access ? { access } : {}), ...(creates ? { creates } : {}) } });
    const subqueryMembers = pack.subqueryMembers ?? [];
    for (let i = 0; i + 1 < links.length; i++) {
      const l = links[i];
      const call = links[i + 1];
      if (l.kind !== 'property' || !subqueryMembers.includes(l.name) || call.kind !== 'call') continue;
      const name = stringArg(this.d.ctx, call.args[0]);
      if (name === undefined) continue;
      const names = this.subqueries.get(scope) ?? new Set<string>();
      names.add(tableName(name));
      this.subqueries.set(scope, names);
    }
    if (start.table !== undefined && start.role !== 'model') add(start.table, top, false, writesIn() ? 'write' : 'read');
    for (const t of named) {
      const rule = this.d.binder.packs.memberFactory(pack, t.calledOn, t.member?.kind === 'property' ? t.member.name : '()');
      const held = t.last && isStored(this.d.sf, top);
      const access = rule?.writesTable || writesIn(t.member) ? 'write' : held ? undefined : 'read';
      add(t.value.table!, t.member && ts.isPropertyAccessExpression(t.member.node) ? t.member.node.name : t.call, true, access, !!rule?.createsTable);
    }
  }

  /** A call on a value that is not the framework's, which may attach a server to an app (see `attachedHandlers`). */
  otherCall(links: readonly ChainLink[]): void {
    const call = links[links.length - 1];
    const member = links[links.length - 2];
    if (call?.kind === 'call' && member?.kind === 'property' && ts.isCallExpression(call.node)) this.routes.attachedHandler(member.name, call.node);
  }

  /** `GraphQLModule.forRoot({ path: '/api/graphql' })`: the endpoint the module serves (see `moduleEndpoints`). */
  private moduleEndpoint(owner: FrameworkBinding, m: string, args: readonly ts.Expression[], at: ts.Node): void {
    if (owner.role !== 'module' || owner.path.length !== 1) return;
    const pack = packOf(this.d, owner);
    const rule = pack?.routes?.moduleEndpoints?.find((r) => r.export === owner.path[0] && r.members.includes(m));
    if (!pack || !rule) return;
    const options = args.map((a) => objectLiteralIn(this.d.unit, a)).find((o) => o !== undefined);
    const given = rule.path.arg !== undefined ? args[rule.path.arg] : rule.path.option ? objectProperty(options, rule.path.option) : undefined;
    // A path that does not read (`SwaggerModule.setup(config.docsPath, …)`) is shown in braces, as mount prefixes are.
    const path = joinPath(given ? shownPath(this.d.ctx, given, (n) => this.d.text(n)) : rule.path.default);
    for (const suffix of rule.suffixes ?? ['']) {
      this.d.facts.routes.push({ owner: `${pack.id}:${rule.export}`, pack: pack.id, method: rule.method, path: suffix.startsWith('/') ? joinPath(path, suffix) : path + suffix, file: this.d.unit.path, line: this.d.line(at), handler: `${rule.export}.${m}` });
    }
  }

  /** `prisma.$transaction(async (tx) => …)`: the callback's first parameter is a framework value too. */
  private callbacks(owner: FrameworkBinding, m: string, args: readonly ts.Expression[]): void {
    const pack = packOf(this.d, owner);
    const mf = pack ? this.d.binder.packs.memberFactory(pack, owner.role, m) : undefined;
    if (mf?.callbackRole) this.bindFirstParams(owner, mf.callbackRole, args);
  }

  /**
   * A consumer's processor (`queue.process(async (job) => …)`, `agenda.define('x', async (job) => …)`,
   * `new Worker('mail', async (job) => …)`): the job it is handed is the framework's (`job.data`,
   * `job.progress(50)`, `job.attrs`). A sandboxed processor is a file the queue runs in a child process
   * (`queue.process(5, path.join(__dirname, 'visit.js'))`, `new Worker('mail', `${__dirname}/mail.js`)`): the
   * function it exports is handed the job; returns that file.
   */
  private processors(owner: FrameworkBinding, args: readonly ts.Expression[]): string | undefined {
    this.bindFirstParams(owner, 'value', args);
    for (const a of args) {
      const rel = hereRelative(a, (x) => stringArg(this.d.ctx, x));
      if (rel === undefined) continue;
      const at = posix.normalize(posix.join(posix.dirname(this.d.unit.path), rel));
      const file = [at, ...['.js', '.ts', '.cjs', '.mjs'].map((ext) => at + ext)].find((f) => this.d.binder.units.has(f));
      if (!file) continue;
      this.d.binder.reads?.add(file);
      const fn = this.d.binder.exportOf(file, 'default');
      if (fn?.kind === 'function') this.d.facts.paramBindings.push({ fnKey: fn.key, index: 0, binding: { kind: 'framework', pack: owner.pack, role: 'value', path: [], key: fn.key } });
      return file;
    }
    return undefined;
  }

  /**
   * The first parameter of each function among `args` is a value of `owner`'s framework, in this role; also of a
   * function handed through a wrapper (`queue.process(trace({ name })(async (job) => …))`).
   */
  private bindFirstParams(owner: FrameworkBinding, role: ValueRole, args: readonly ts.Expression[], depth = 0): void {
    for (const a of args) {
      const fn = evaluate(a, this.d.scope, this.d.ctx);
      if (fn?.kind === 'function') this.d.facts.paramBindings.push({ fnKey: fn.key, index: 0, binding: { kind: 'framework', pack: owner.pack, role, path: [], key: fn.key } });
      const inner = skipWrappers(a);
      if (!fn && depth < 2 && ts.isCallExpression(inner)) this.bindFirstParams(owner, role, inner.arguments, depth + 1);
    }
  }

  /** Fastify: `app.register(fastifySession, opts)` installs the session plugin instead of calling a factory. */
  private registeredSession(m: string, args: readonly ts.Expression[], at: ts.Node): void {
    for (const a of args) {
      const b = evaluate(a, this.d.scope, this.d.ctx);
      if (b?.kind !== 'framework' || packOf(this.d, b)?.sessions?.registeredWith !== m) continue;
      this.session(at, b, args);
    }
  }

  /** A value made by a factory at this node: queues, workers, models, session middleware, prefixed routers. */
  private made(node: ts.Expression, v: FrameworkBinding, args: readonly ts.Expression[]): void {
    const file = this.d.unit.path;
    const line = this.d.line(node);
    // `new Queue(name)` in `function createQueue(name)`: the queues are the calls' (see `madeByCall`); in a
    // method or constructor of a class, the calls are found when the program is composed (queueWrappers.ts).
    if ((v.role === 'queue' || v.role === 'worker') && v.name === undefined) {
      // `QUEUE_NAMES.forEach((name) => { this.queues[name] = new Queue(name) })` over a constant list: one each.
      const listed = this.namedByList(node, args);
      if (listed) {
        for (const name of listed) this.d.facts.queues.push({ name, role: v.role === 'queue' ? 'definition' : 'consumer', framework: v.pack, file, line });
        return;
      }
      const by = this.namedByParameter(node, args);
      if (by?.member !== undefined) this.d.facts.queueSeeds.push({ role: v.role === 'queue' ? 'definition' : 'consumer', framework: v.pack, file, line, classPos: by.cls!.pos, member: by.member, param: by.index });
      if (by) return;
    }
    if (v.role === 'queue') this.d.facts.queues.push({ name: v.name ?? '?', role: 'definition', framework: v.pack, file, line });
    else if (v.schedule !== undefined) this.d.facts.queues.push({ name: v.name ?? declaredName(this.d.sf, node) ?? '?', role: 'schedule', framework: v.pack, file, line, schedule: v.schedule });
    else if (v.role === 'worker') {
      const processorFile = this.processors(v, args);
      this.d.facts.queues.push({ name: v.name ?? '?', role: 'consumer', framework: v.pack, file, line, ...(processorFile ? { handler: processorFile } : {}) });
    }
    else if (v.role === 'model') {
      const name = v.name ?? declaredName(this.d.sf, node) ?? '?';
      const entry = { name, framework: v.pack, file, line, ...(v.table !== undefined ? { table: v.table } : {}) };
      // `mongoose.model('User', UserSchema)`: what the schema's statics and methods do with `this` is this model's.
      const schema = args.map((a) => evaluate(a, this.d.scope, this.d.ctx)).find((b): b is FrameworkBinding => b?.kind === 'framework' && b.pack === v.pack && b.role === 'value' && !b.path.length && !b.isClass && !b.typeOnly);
      this.d.facts.models.push({ key: v.key, entry, ...(schema ? { also: [schemaModelKey(schema.key)] } : {}) });
    } else if (v.role === 'session') this.session(node, v, args);
    else if (v.role === 'app') readAppMade(this.d, v, args);
    if (v.prefix !== undefined) this.d.facts.ownPrefixes.push({ owner: v.key, prefix: v.prefix });
  }

  /**
   * A call of a project function that makes a new queue or worker each time, named by the call
   * (`createQueue('mail')`): the definition is here, not in the function.
   */
  madeByCall(call: ts.CallExpression, v: Binding | undefined): void {
    if (v?.kind === 'framework' && (v.role === 'queue' || v.role === 'worker') && v.key === positionKey(this.d.ctx, call)) this.made(call, v, []);
  }

  /**
   * The names a factory's name argument takes when it is the element of a constant list of strings the enclosing
   * callback iterates (`QUEUE_NAMES.forEach((name) => new Queue(name))`, the list written in place, in this module
   * or imported).
   */
  private namedByList(node: ts.Expression, args: readonly ts.Expression[]): string[] | undefined {
    const id = this.nameArgument(node, args);
    if (!id) return undefined;
    const up = ancestorsOf(this.d.sf, node);
    for (let i = up.length - 1; i >= 1; i--) {
      const fn = up[i];
      if (!ts.isFunctionLike(fn)) continue;
      if (fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text) !== 0) return undefined;
      const call = up[i - 1];
      if (!ts.isCallExpression(call) || call.arguments[0] !== fn || !ts.isPropertyAccessExpression(call.expression) || ELEMENT_CALLBACKS.get(call.expression.name.text) !== 0) return undefined;
      let list: ts.Expression = skipWrappers(call.expression.expression);
      let ctx = this.d.ctx;
      if (ts.isIdentifier(list)) {
        const decl = this.d.binder.declarationOf(this.d.unit, list.text);
        if (!decl) return undefined;
        list = skipWrappers(decl.expr);
        if (decl.unit !== this.d.unit) ctx = this.d.binder.context(decl.unit);
      }
      if (!ts.isArrayLiteralExpression(list) || !list.elements.length) return undefined;
      const names = list.elements.map((el) => stringArg(ctx, el));
      return names.every((n): n is string => n !== undefined) ? names : undefined;
    }
    return undefined;
  }

  /** The identifier a factory call passes as the name of what it makes, when it is one. */
  private nameArgument(node: ts.Expression, args: readonly ts.Expression[]): ts.Identifier | undefined {
    if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return undefined;
    const callee = evaluate(node.expression, this.d.scope, this.d.ctx);
    const pack = callee?.kind === 'framework' ? packOf(this.d, callee) : undefined;
    if (!pack || callee?.kind !== 'framework') return undefined;
    const packs = this.d.binder.packs;
    const rule = callee.role === 'module' ? packs.factory(pack, callee.path, ts.isNewExpression(node), callee.package) : callee.path.length === 1 ? packs.memberFactory(pack, callee.role, callee.path[0]) : undefined;
    const arg = rule?.nameArg !== undefined ? args[rule.nameArg] : undefined;
    const id = arg ? skipWrappers(arg) : undefined;
    return id && ts.isIdentifier(id) ? id : undefined;
  }

  /**
   * The parameter of an enclosing function that names what a factory makes here, when it is one; with the
   * class and member name when that function is a method or constructor of a class.
   */
  private namedByParameter(node: ts.Expression, args: readonly ts.Expression[]): { index: number; member?: string; cls?: ts.ClassLikeDeclaration } | undefined {
    const id = this.nameArgument(node, args);
    if (!id) return undefined;
    const found = enclosingParam(ancestorsOf(this.d.sf, node), id.text);
    if (!found) return undefined;
    return found.cls && found.member !== undefined ? { index: found.param, member: found.member, cls: found.cls } : { index: found.param };
  }

  private session(node: ts.Node, v: FrameworkBinding, args: readonly ts.Expression[]): void {
    const rules = packOf(this.d, v)?.sessions;
    if (!rules) return;
    let store: 'memory' | 'external' | 'cookie' | 'unknown' = rules.defaultStore;
    let detail: string | undefined;
    let index = rules.optionsArg;
    // koa-session takes session(app, opts) as well as session(opts, app).
    if (index !== undefined && rules.optionsArgAfterApp !== undefined && args[index] && this.isBoundApp(args[index])) index = rules.optionsArgAfterApp;
    const candidates = index !== undefined ? [args[index]] : [...args];
    const objects = candidates.map((a) => (a ? objectLiteralIn(this.d.unit, a) : undefined));
    const opts = objects.find((o) => o !== undefined);
    if (opts) {
      const s = rules.storeOption ? objectProperty(opts, rules.storeOption) : undefined;
      if (s) {
        const text = this.d.text(s);
        const memory = ['MemoryStore', ...(rules.memoryStores ?? [])].some((m) => new RegExp(`\\b${m}\\b`).test(text));
        store = memory ? 'memory' : 'external';
        detail = `store: ${text.replace(/\s+/g, ' ').slice(0, 60)}`;
      }
    } else if (candidates.some((a) => a && !this.isBoundApp(a))) {
      store = 'unknown';
      detail = 'options are not an object literal in this module';
    }
    this.d.facts.sessions.push({ framework: v.pack, store, file: this.d.unit.path, line: this.d.line(node), ...(detail ? { detail } : {}) });
  }

  private isBoundApp(a: ts.Expression): boolean {
    const b = evaluate(a, this.d.scope, this.d.ctx);
    return b?.kind === 'framework' && b.role === 'app';
  }

  /** Enqueue, consume and schedule calls on queue values. */
  private queueCall(owner: FrameworkBinding, m: string, args: readonly ts.Expression[], node: ts.Node): void {
    const rules = packOf(this.d, owner)?.queues;
    if (!rules || !QUEUE_OWNER_ROLES.has(effectiveRole(this.d, owner))) return;
    // BullMQ flows: flow.add({ name, queueName, data }) names the queue in the job object.
    const fieldName = rules.queueField ? stringArg(this.d.ctx, objectProperty(objectLiteralIn(this.d.unit, args[0] ?? node), rules.queueField)) : undefined;
    const add = (role: QueueRole, name: string | undefined, schedule?: string, handler?: string) =>
      this.d.facts.queues.push({ name: name ?? fieldName ?? owner.name ?? '?', role, framework: owner.pack, file: this.d.unit.path, line: this.d.line(node), ...(schedule !== undefined ? { schedule } : {}), ...(handler ? { handler } : {}) });
    if (rules.producers?.includes(m)) {
      // A producer with a repeat option is a schedule, not a one-off enqueue.
      const ro = rules.repeatOption;
      const repeats = ro ? args.some((a) => objectProperty(objectLiteralIn(this.d.unit, a), ro.property) !== undefined) : false;
      if (!repeats) add('producer', undefined);
      for (const a of ro ? args : []) {
        const repeat = objectProperty(objectLiteralIn(this.d.unit, a), ro!.property);
        if (!repeat) continue;
        const expr = ro!.scheduleFields.map((k) => objectProperty(repeat, k)).find((x) => x !== undefined);
        add('schedule', undefined, expr ? stringArg(this.d.ctx, expr) ?? this.d.text(expr) : this.d.text(repeat));
      }
    }
    for (const np of rules.namedProducers ?? []) if (np.method === m) add('producer', stringArg(this.d.ctx, args[np.nameArg]) ?? '?');
    // `queue.on('failed', (job, err) => …)`: the listener is handed the job.
    const events = rules.jobEvents;
    if (events?.method === m && events.events.includes(stringArg(this.d.ctx, args[0]) ?? '')) this.bindFirstParams(owner, 'value', args.slice(1));
    for (const c of rules.consumers ?? []) {
      if (c.method !== m) continue;
      const processorFile = this.processors(owner, args);
      add('consumer', c.nameArg !== undefined ? stringArg(this.d.ctx, args[c.nameArg]) ?? '?' : undefined, undefined, processorFile);
    }
    for (const s of rules.schedules ?? []) {
      if (s.method !== m) continue;
      const named = s.nameFirst && s.scheduleArg !== undefined && args.length > s.scheduleArg + 2;
      const at = s.scheduleArg !== undefined ? s.scheduleArg + (named ? 1 : 0) : undefined;
      const nameAt = named ? 0 : s.nameArg;
      const schedArg = at !== undefined ? args[at] : undefined;
      const schedObj = schedArg ? objectLiteralIn(this.d.unit, schedArg) : undefined;
      const schedField = schedObj ? rules.repeatOption?.scheduleFields.map((k) => objectProperty(schedObj, k)).find((x) => x !== undefined) : undefined;
      const sched = schedField ? stringArg(this.d.ctx, schedField) ?? this.d.text(schedField) : schedArg ? stringArg(this.d.ctx, schedArg) ?? this.d.text(schedArg) : undefined;
      const name = nameAt !== undefined ? stringArg(this.d.ctx, args[nameAt]) ?? '?' : owner.name ?? '?';
      // A queue's schedule (`queue.upsertJobScheduler(id, { every }, job)`) runs on its workers: no callback here.
      const runs = nameAt === undefined && !owner.name && effectiveRole(this.d, owner) !== 'queue';
      add('schedule', name, sched, runs ? this.handlerTarget(args, at) : undefined);
    }
  }

  private handlerTarget(args: readonly ts.Expression[], skip: number | undefined): string {
    const h = args.find((_, i) => i !== skip && args[i] !== undefined && !ts.isObjectLiteralExpression(skipWrappers(args[i])));
    return h ? handlerName(this.d, h) : '?';
  }

  /** Decorators that declare queue consumers (@Processor('mail')). */
  decorator(dec: ts.Decorator, d: { rule: DecoratorRule; binding: FrameworkBinding; args: ts.NodeArray<ts.Expression> | undefined }): void {
    const r = d.rule;
    if (!r.queueRole || r.queueRole === 'producer') return; // producers are the calls on the injected queue
    const [cls, decorated] = ancestorsOf(this.d.sf, dec).slice(-2);
    if (!decorated || ts.isParameter(decorated)) return;
    if (ts.isMethodDeclaration(decorated) && r.queueRole === 'consumer' && classHasQueueDecorator(cls, this.d)) return;
    const args = d.args ?? [];
    // @Interval('cleanup', 5000): the job's name comes first.
    const named = r.nameFirst && r.scheduleArg !== undefined && args.length > r.scheduleArg + 1;
    const arg = named ? args[0] : r.queueArg !== undefined ? args[r.queueArg] : undefined;
    const name = arg ? stringArg(this.d.ctx, arg) ?? stringArg(this.d.ctx, objectProperty(arg, r.queueOption ?? 'name')) : undefined;
    const entry: QueueEntry = { name: name ?? '?', role: r.queueRole, framework: d.binding.pack, file: this.d.unit.path, line: this.d.line(dec) };
    const scheduled = r.scheduleArg !== undefined ? args[r.scheduleArg + (named ? 1 : 0)] : undefined;
    if (scheduled) entry.schedule = stringArg(this.d.ctx, scheduled) ?? this.d.text(scheduled);
    // A scheduled method no name was given: the job is the method (`TasksService.cleanup`).
    if (r.queueRole === 'schedule' && name === undefined && ts.isMethodDeclaration(decorated) && ts.isClassLike(cls)) entry.handler = `${cls.name?.text ?? 'default'}.${decorated.name.getText(this.d.sf)}`;
    this.d.facts.queues.push(entry);
  }

  /** Models declared as classes, and NestJS controllers with their routes. */
  classDeclared(node: ts.ClassLikeDeclaration, cls: FrameworkBinding | undefined): void {
    if (cls?.role === 'model' && cls.pack) {
      let table: string | undefined;
      for (const dec of decoratorsOf(node)) {
        const d = decoratorRule(dec, this.d.scope, this.d.ctx);
        if (!d) continue;
        if (d.rule.tableArg !== undefined) table = stringArg(this.d.ctx, d.args?.[d.rule.tableArg]) ?? table;
        if (d.rule.tableOption) table = d.args?.map((a) => stringArg(this.d.ctx, objectProperty(a, d.rule.tableOption!))).find((t) => t !== undefined) ?? table;
      }
      table = table ?? staticTableName(node);
      const name = node.name?.text ?? declaredName(this.d.sf, node) ?? 'default';
      const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      const base = ext ? evaluate(ext.expression, this.d.scope, this.d.ctx) : undefined;
      this.d.facts.models.push({ ...(base?.kind === 'framework' && base.isClass ? { baseKey: base.key } : {}), key: cls.key, entry: { name, framework: cls.pack, file: this.d.unit.path, line: this.d.line(node.name ?? node), ...(table !== undefined ? { table } : {}) } });
    }
    this.routes.controller(node, cls);
    if (cls) readModuleClass(this.d, node, cls);
  }

}


/** A table handle made in a chain, with the member that made it (none for `db('users')`) and the role it was called on. */
interface NamedTable {
  value: FrameworkBinding;
  member: ChainLink | undefined;
  call: ts.Node;
  calledOn: ValueRole;
  /** The chain ends with the call that made it. */
  last: boolean;
}

function namedTable(value: FrameworkBinding, links: ChainLink[], values: (Binding | undefined)[], i: number): NamedTable {
  const member = links[i - 1]?.kind === 'property' ? links[i - 1] : undefined;
  // `db.schema.createTable(…)` is called on what `.createTable` was read from; `db('users')` on `db` itself.
  const on = member ? values[i - 1] : values[i];
  return { value, member, call: links[i].node, calledOn: on?.kind === 'framework' ? on.role : 'value', last: i === links.length - 1 };
}

/** The value is kept for later: a variable's initializer, an assignment, a class field. */
function isStored(sf: ts.SourceFile, top: ts.Expression): boolean {
  const up = ancestorsOf(sf, top);
  let p = up.pop();
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p) || ts.isSatisfiesExpression(p))) p = up.pop();
  return !!p && (ts.isVariableDeclaration(p) || ts.isPropertyDeclaration(p) || (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken));
}

function declaredName(sf: ts.SourceFile, node: ts.Node): string | undefined {
  const up = ancestorsOf(sf, node);
  let p = up.pop();
  while (p && (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p))) p = up.pop();
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p)) return propName(p.name);
  if (p && ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

function staticTableName(node: ts.ClassLikeDeclaration): string | undefined {
  for (const m of node.members) {
    const isStatic = ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
    if (!isStatic || !m.name || propName(m.name) !== 'tableName') continue;
    if (ts.isPropertyDeclaration(m)) return literalText(m.initializer);
    if (ts.isGetAccessorDeclaration(m) && m.body) {
      const ret = m.body.statements.find(ts.isReturnStatement);
      return literalText(ret?.expression);
    }
  }
  return undefined;
}

function classHasQueueDecorator(cls: ts.Node, d: DetectorHost): boolean {
  return decoratorsOf(cls).some((dec) => decoratorRule(dec, d.scope, d.ctx)?.rule.queueRole === 'consumer');
}
