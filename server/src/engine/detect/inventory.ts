/**
 * Reads the inventories a migration needs off framework-bound chains, classes and decorators: route
 * registrations and mounts, queue definitions/producers/consumers/schedules, data models and session stores.
 * Driven entirely by the rule packs' route, queue and session rules.
 */
import { ts } from 'ts-morph';
import type { SiteKind, QueueRole } from '../model';
import type { Binding, FrameworkBinding } from '../bind/binding';
import { literalText, objectProperty, skipWrappers, propName } from '../bind/binding';
import { evaluate, positionKey, stringArg } from '../bind/evaluate';
import { decoratorsOf, decoratorRule } from '../bind/bind';
import type { RulePack, DecoratorRule } from '../../rules/rulePack';
import type { ModuleFacts } from './facts';

export type ChainLink =
  | { kind: 'property'; name: string; node: ts.Expression }
  | { kind: 'call' | 'new' | 'element'; args: readonly ts.Expression[]; node: ts.Expression };

/** Splits `a.b(x).c` into its root `a` and links [.b, (x), .c]. */
export function chainOf(top: ts.Expression): { root: ts.Expression; links: ChainLink[] } {
  const links: ChainLink[] = [];
  let e: ts.Expression = top;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e)) {
      links.unshift({ kind: 'call', args: e.arguments, node: e });
      e = e.expression;
    } else if (ts.isNewExpression(e)) {
      links.unshift({ kind: 'new', args: e.arguments ?? [], node: e });
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e)) {
      links.unshift({ kind: 'property', name: e.name.text, node: e });
      e = e.expression;
    } else if (ts.isElementAccessExpression(e)) {
      links.unshift({ kind: 'element', args: [e.argumentExpression], node: e });
      e = e.expression;
    } else break;
  }
  return { root: e, links };
}

/** The parts of the module detector the inventory reader uses. */
export interface DetectorHost {
  readonly facts: ModuleFacts;
  readonly ctx: import('../bind/evaluate').EvalContext;
  readonly scope: import('../bind/evaluate').Scope;
  readonly binder: import('../bind/bind').ProgramBinder;
  readonly unit: import('../bind/module').ModuleUnit;
  line(node: ts.Node): number;
  text(node: ts.Node): string;
}

const QUEUE_OWNER_ROLES = new Set(['queue', 'scheduler', 'worker', 'module']);

export class InventoryReader {
  constructor(private readonly d: DetectorHost) {}

  private pack(b: FrameworkBinding): RulePack | undefined {
    return this.d.binder.packs.byId.get(b.pack);
  }

  private effectiveRole(b: FrameworkBinding): string {
    if (b.role === 'module' && b.path.length === 0) return this.pack(b)?.moduleRole ?? 'module';
    return b.role;
  }

  /** Reads a framework chain; returns 'route' when it registers a route. */
  chain(top: ts.Expression, start: FrameworkBinding, links: ChainLink[]): SiteKind | undefined {
    void top;
    let value: Binding | undefined = start;
    let chainOwner: FrameworkBinding | undefined;
    let pendingPath: string | undefined;
    let registered = false;
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      value = evaluate(link.node, this.d.scope, this.d.ctx);
      if (link.kind !== 'call' && link.kind !== 'new') continue;
      const made = value?.kind === 'framework' && value.key === positionKey(this.d.ctx, link.node) && value.role !== 'value' && !value.instance ? value : undefined;
      const calledOn = i >= 2 ? evaluate(links[i - 2].node, this.d.scope, this.d.ctx) : start;
      if (made && calledOn?.kind === 'framework' && calledOn.isClass && calledOn.role === 'model') {
        // Model.init(attributes, { tableName }) completes a model class; it does not make another model.
        if (made.table !== undefined) this.d.facts.modelTables.push({ key: calledOn.key, table: made.table });
      } else if (made) this.made(link.node, made, link.args);
      const member = links[i - 1];
      if (link.kind !== 'call' || member?.kind !== 'property') continue;
      const ownerValue: Binding | undefined = i >= 2 ? evaluate(links[i - 2].node, this.d.scope, this.d.ctx) : start;
      if (ownerValue?.kind !== 'framework') continue;
      let owner = ownerValue;
      if (owner.role === 'value' && chainOwner) owner = chainOwner;
      // Lines of registrations are the lines of their method names (`.get(` in a chain spanning lines).
      const at = ts.isPropertyAccessExpression(member.node) ? member.node.name : link.node;
      const r = this.routeCall(owner, member.name, link.args, at, pendingPath);
      if (r === 'route-builder') {
        pendingPath = stringArg(this.d.ctx, link.args[0]) ?? `{${this.d.text(link.args[0] ?? link.node)}}`;
        chainOwner = owner;
      } else if (r) {
        registered = registered || r === 'route';
        chainOwner = owner;
      }
      this.queueCall(owner, member.name, link.args, at);
      this.callbacks(owner, member.name, link.args);
      this.registeredSession(member.name, link.args, at);
      if (owner.isClass && owner.role === 'model' && member.name === 'init') {
        // Sequelize: Model.init(attributes, { sequelize, tableName }).
        const table = link.args.map((a) => stringArg(this.d.ctx, objectProperty(a, 'tableName'))).find((t) => t !== undefined);
        if (table) this.d.facts.modelTables.push({ key: owner.key, table });
      }
    }
    return registered ? 'route' : undefined;
  }

  /** `prisma.$transaction(async (tx) => …)`: the callback's first parameter is a framework value too. */
  private callbacks(owner: FrameworkBinding, m: string, args: readonly ts.Expression[]): void {
    const pack = this.pack(owner);
    const mf = pack ? this.d.binder.packs.memberFactory(pack, owner.role, m) : undefined;
    if (!mf?.callbackRole) return;
    for (const a of args) {
      const fn = evaluate(a, this.d.scope, this.d.ctx);
      if (fn?.kind === 'function') this.d.facts.paramBindings.push({ fnKey: fn.key, index: 0, binding: { kind: 'framework', pack: owner.pack, role: mf.callbackRole, path: [], key: fn.key } });
    }
  }

  /** Fastify: `app.register(fastifySession, opts)` installs the session plugin instead of calling a factory. */
  private registeredSession(m: string, args: readonly ts.Expression[], at: ts.Node): void {
    for (const a of args) {
      const b = evaluate(a, this.d.scope, this.d.ctx);
      if (b?.kind !== 'framework' || this.pack(b)?.sessions?.registeredWith !== m) continue;
      this.session(at, b, args);
    }
  }

  /** A value made by a factory at this node: queues, workers, models, session middleware, prefixed routers. */
  private made(node: ts.Expression, v: FrameworkBinding, args: readonly ts.Expression[]): void {
    const file = this.d.unit.path;
    const line = this.d.line(node);
    if (v.role === 'queue') this.d.facts.queues.push({ name: v.name ?? '?', role: 'definition', framework: v.pack, file, line });
    else if (v.role === 'worker') this.d.facts.queues.push({ name: v.name ?? '?', role: 'consumer', framework: v.pack, file, line });
    else if (v.role === 'model') {
      const name = v.name ?? declaredName(node) ?? '?';
      const entry = { name, framework: v.pack, file, line, ...(v.table !== undefined ? { table: v.table } : {}) };
      this.d.facts.models.push({ key: v.key, entry });
    } else if (v.role === 'session') this.session(node, v, args);
    if (v.prefix !== undefined) this.d.facts.ownPrefixes.push({ owner: v.key, prefix: v.prefix });
  }

  private session(node: ts.Node, v: FrameworkBinding, args: readonly ts.Expression[]): void {
    const rules = this.pack(v)?.sessions;
    if (!rules) return;
    let store: 'memory' | 'external' | 'cookie' | 'unknown' = rules.defaultStore;
    let detail: string | undefined;
    let index = rules.optionsArg;
    // koa-session takes session(app, opts) as well as session(opts, app).
    if (index !== undefined && rules.optionsArgAfterApp !== undefined && args[index] && this.isBoundApp(args[index])) index = rules.optionsArgAfterApp;
    const candidates = index !== undefined ? [args[index]] : [...args];
    const objects = candidates.map((a) => (a ? this.objectLiteral(a) : undefined));
    const opts = objects.find((o) => o !== undefined);
    if (opts) {
      const s = objectProperty(opts, rules.storeOption);
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

  /** An object literal argument, or a module constant holding one. */
  private objectLiteral(a: ts.Expression): ts.ObjectLiteralExpression | undefined {
    const e = skipWrappers(a);
    if (ts.isObjectLiteralExpression(e)) return e;
    if (!ts.isIdentifier(e)) return undefined;
    for (const st of this.d.unit.sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const decl of st.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.name.text === e.text && decl.initializer && ts.isObjectLiteralExpression(skipWrappers(decl.initializer))) {
          return skipWrappers(decl.initializer) as ts.ObjectLiteralExpression;
        }
      }
    }
    return undefined;
  }

  /** Route registrations, mounts and prefixes on an owner. */
  private routeCall(owner: FrameworkBinding, m: string, args: readonly ts.Expression[], node: ts.Node, pendingPath: string | undefined): 'route' | 'mount' | 'route-builder' | undefined {
    const rules = this.pack(owner)?.routes;
    if (!rules) return undefined;
    const role = this.effectiveRole(owner);
    if (!rules.owners.includes(role as never) && owner.role !== 'value') return undefined;
    const facts = this.d.facts;
    const file = this.d.unit.path;
    const line = this.d.line(node);
    const method = rules.methods[m];
    if (method && pendingPath !== undefined && args.length >= 1) {
      this.addRoute(owner, method, pendingPath, args, 0, node);
      return 'route';
    }
    if (method && args.length >= 2) {
      // koa-router: router.get('user', '/users/:id', handler) names the route first.
      const named = rules.namedRoutes && args.length >= 3 && literalText(args[0]) !== undefined && literalText(args[1]) !== undefined;
      const paths = this.paths(args[named ? 1 : 0]);
      for (const p of paths) this.addRoute(owner, method, p, args, named ? 2 : 1, node);
      return 'route';
    }
    if (rules.routeChain === m && args.length === 1 && !ts.isObjectLiteralExpression(skipWrappers(args[0])) && !ts.isArrayLiteralExpression(skipWrappers(args[0]))) return 'route-builder';
    if (rules.routeObject && m === rules.routeObject.call && args.length >= 1) {
      // The route table may live in another module: `server.route(authRoutes)`.
      let arg = skipWrappers(args[0]);
      let where = this.d.unit;
      if (ts.isIdentifier(arg)) {
        const decl = this.d.binder.declarationOf(this.d.unit, arg.text);
        if (decl) {
          arg = skipWrappers(decl.expr);
          where = decl.unit;
        }
      }
      const objects = ts.isArrayLiteralExpression(arg) ? arg.elements.map((e) => (where === this.d.unit ? this.objectLiteral(e) : ts.isObjectLiteralExpression(skipWrappers(e)) ? (skipWrappers(e) as ts.ObjectLiteralExpression) : undefined)) : [ts.isObjectLiteralExpression(arg) ? arg : this.objectLiteral(arg)];
      let any = false;
      for (const o of objects) {
        if (!o) continue;
        const ro = rules.routeObject;
        const pathNode = ro.pathFields.map((f) => objectProperty(o, f)).find((x) => x !== undefined);
        const methodNode = objectProperty(o, ro.methodField);
        const methods = methodNode && ts.isArrayLiteralExpression(skipWrappers(methodNode)) ? (skipWrappers(methodNode) as ts.ArrayLiteralExpression).elements.map((e) => literalText(e)) : [literalText(methodNode)];
        const ctx = where === this.d.unit ? this.d.ctx : this.d.binder.context(where);
        const p = stringArg(ctx, pathNode) ?? (pathNode ? `{${pathNode.getText(where.sf)}}` : '?');
        // A route object's line is the line of its `method:` (the object may open a line earlier).
        const anchor = methodNode ?? o;
        const line = where.sf.getLineAndCharacterOfPosition(anchor.getStart(where.sf)).line + 1;
        for (const mm of methods) {
          const handler = objectProperty(o, 'handler');
          facts.routes.push({ owner: owner.key, pack: owner.pack, method: (mm ?? '?').toUpperCase() === '*' ? 'ALL' : (mm ?? '?').toUpperCase(), path: p, file: where.path, line, ...(handler && where === this.d.unit ? { handler: this.handlerName(handler) } : {}) });
          if (handler && where === this.d.unit) this.bindHandler(owner, handler);
          any = true;
        }
      }
      return any ? 'route' : undefined;
    }
    const mount = rules.mounts?.find((mr) => mr.method === m);
    if (mount) {
      let prefix = '';
      let first = 0;
      if (mount.prefixArg !== undefined) {
        const p = stringArg(this.d.ctx, args[mount.prefixArg]);
        if (p !== undefined) {
          prefix = p;
          first = mount.prefixArg + 1;
        }
      }
      for (const a of args) {
        const o = this.objectLiteral(a);
        if (!o) continue;
        if (mount.prefixOption) prefix = stringArg(this.d.ctx, objectProperty(o, mount.prefixOption)) ?? prefix;
        if (mount.prefixOptionPath) {
          let x: ts.Expression | undefined = o;
          for (const k of mount.prefixOptionPath) x = objectProperty(x, k);
          prefix = stringArg(this.d.ctx, x) ?? prefix;
        }
      }
      for (let i = first; i < args.length; i++) {
        let childNode: ts.Expression | undefined = args[i];
        const o = this.objectLiteral(childNode);
        if (o && mount.childProperty) childNode = objectProperty(o, mount.childProperty);
        else if (o) continue;
        if (!childNode) continue;
        const child = this.mountedChild(childNode);
        if (!child) continue;
        if (child.kind === 'framework') facts.mounts.push({ parent: owner.key, child: child.key, prefix, file, line });
        else {
          const key = `plugin:${child.key}`;
          facts.mounts.push({ parent: owner.key, child: key, prefix, file, line });
          facts.paramBindings.push({ fnKey: child.key, index: 0, binding: { kind: 'framework', pack: owner.pack, role: 'app', path: [], key } });
        }
      }
      return 'mount';
    }
    if (rules.prefixMethod === m && args.length === 1) {
      const p = stringArg(this.d.ctx, args[0]);
      if (p !== undefined) facts.ownPrefixes.push({ owner: owner.key, prefix: p });
      return 'mount';
    }
    if (rules.globalPrefixMethod === m && args.length >= 1) {
      const p = stringArg(this.d.ctx, args[0]);
      // setGlobalPrefix('api', { exclude: ['health'] }) leaves the excluded paths at the root.
      const ex = objectProperty(this.objectLiteral(args[1] ?? node as ts.Expression), 'exclude');
      const exclude = ex && ts.isArrayLiteralExpression(skipWrappers(ex)) ? (skipWrappers(ex) as ts.ArrayLiteralExpression).elements.map((e) => stringArg(this.d.ctx, e)).filter((x): x is string => x !== undefined) : [];
      if (p !== undefined) facts.globalPrefixes.push({ pack: owner.pack, prefix: p, ...(exclude.length ? { exclude } : {}) });
      return 'mount';
    }
    return undefined;
  }

  private mountedChild(node: ts.Expression): FrameworkBinding | { kind: 'function'; key: string } | undefined {
    let b = evaluate(node, this.d.scope, this.d.ctx);
    if (b?.kind === 'namespace') b = this.d.binder.exportOf(b.file, 'default', new Set());
    if (!b) return undefined;
    if (b.kind === 'function') return { kind: 'function', key: b.key };
    if (b.kind === 'framework' && this.pack(b)?.concern === 'routing') return b;
    return undefined;
  }

  private paths(arg: ts.Expression): string[] {
    const e = skipWrappers(arg);
    if (ts.isArrayLiteralExpression(e)) return e.elements.map((x) => stringArg(this.d.ctx, x) ?? `{${this.d.text(x)}}`);
    return [stringArg(this.d.ctx, arg) ?? `{${this.d.text(arg)}}`];
  }

  private addRoute(owner: FrameworkBinding, method: string, path: string, args: readonly ts.Expression[], firstHandler: number, node: ts.Node): void {
    const rest = args.slice(firstHandler);
    const handler = rest[rest.length - 1];
    const middleware = rest.slice(0, -1).map((a) => this.handlerName(a));
    this.d.facts.routes.push({
      owner: owner.key,
      pack: owner.pack,
      method,
      path,
      file: this.d.unit.path,
      line: this.d.line(node),
      ...(handler ? { handler: this.handlerName(handler) } : {}),
      ...(middleware.length ? { middleware } : {}),
    });
    for (const h of rest) this.bindHandler(owner, h);
  }

  /** Handler parameters (req, res, ctx, reply) are the framework's objects: uses of them are coupling. */
  private bindHandler(owner: FrameworkBinding, h: ts.Expression): void {
    const b = evaluate(h, this.d.scope, this.d.ctx);
    if (b?.kind !== 'function') return;
    const params = b.node.parameters.length;
    for (let i = 0; i < Math.min(params, 3); i++) {
      this.d.facts.paramBindings.push({ fnKey: b.key, index: i, binding: { kind: 'framework', pack: owner.pack, role: 'value', path: [], key: `${owner.pack}:handler` } });
    }
  }

  private handlerName(h: ts.Expression): string {
    const e = skipWrappers(h);
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return this.d.text(e);
    if (ts.isCallExpression(e)) return `${this.d.text(e.expression)}(…)`;
    return `${this.d.unit.path}:${this.d.line(e)}`;
  }

  /** Enqueue, consume and schedule calls on queue values. */
  private queueCall(owner: FrameworkBinding, m: string, args: readonly ts.Expression[], node: ts.Node): void {
    const rules = this.pack(owner)?.queues;
    if (!rules || !QUEUE_OWNER_ROLES.has(this.effectiveRole(owner))) return;
    // BullMQ flows: flow.add({ name, queueName, data }) names the queue in the job object.
    const fieldName = rules.queueField ? stringArg(this.d.ctx, objectProperty(this.objectLiteral(args[0] ?? node), rules.queueField)) : undefined;
    const add = (role: QueueRole, name: string | undefined, schedule?: string, handler?: string) =>
      this.d.facts.queues.push({ name: name ?? fieldName ?? owner.name ?? '?', role, framework: owner.pack, file: this.d.unit.path, line: this.d.line(node), ...(schedule !== undefined ? { schedule } : {}), ...(handler ? { handler } : {}) });
    if (rules.producers?.includes(m)) {
      // A producer with a repeat option is a schedule, not a one-off enqueue.
      const ro = rules.repeatOption;
      const repeats = ro ? args.some((a) => objectProperty(this.objectLiteral(a), ro.property) !== undefined) : false;
      if (!repeats) add('producer', undefined);
      for (const a of ro ? args : []) {
        const repeat = objectProperty(this.objectLiteral(a), ro!.property);
        if (!repeat) continue;
        const expr = ro!.scheduleFields.map((k) => objectProperty(repeat, k)).find((x) => x !== undefined);
        add('schedule', undefined, expr ? stringArg(this.d.ctx, expr) ?? this.d.text(expr) : this.d.text(repeat));
      }
    }
    for (const np of rules.namedProducers ?? []) if (np.method === m) add('producer', stringArg(this.d.ctx, args[np.nameArg]) ?? '?');
    for (const c of rules.consumers ?? []) if (c.method === m) add('consumer', c.nameArg !== undefined ? stringArg(this.d.ctx, args[c.nameArg]) ?? '?' : undefined);
    for (const s of rules.schedules ?? []) {
      if (s.method !== m) continue;
      const schedArg = s.scheduleArg !== undefined ? args[s.scheduleArg] : undefined;
      const schedObj = schedArg ? this.objectLiteral(schedArg) : undefined;
      const schedField = schedObj ? rules.repeatOption?.scheduleFields.map((k) => objectProperty(schedObj, k)).find((x) => x !== undefined) : undefined;
      const sched = schedField ? stringArg(this.d.ctx, schedField) ?? this.d.text(schedField) : schedArg ? stringArg(this.d.ctx, schedArg) ?? this.d.text(schedArg) : undefined;
      const name = s.nameArg !== undefined ? stringArg(this.d.ctx, args[s.nameArg]) ?? '?' : owner.name ?? '?';
      add('schedule', name, sched, s.nameArg === undefined && !owner.name ? this.handlerTarget(args, s.scheduleArg) : undefined);
    }
  }

  private handlerTarget(args: readonly ts.Expression[], skip: number | undefined): string {
    const h = args.find((_, i) => i !== skip && args[i] !== undefined && !ts.isObjectLiteralExpression(skipWrappers(args[i])));
    return h ? this.handlerName(h) : '?';
  }

  /** Decorators that declare queue consumers (@Processor('mail')). */
  decorator(dec: ts.Decorator, d: { rule: DecoratorRule; binding: FrameworkBinding; args: ts.NodeArray<ts.Expression> | undefined }): void {
    const r = d.rule;
    if (!r.queueRole || ts.isParameter(dec.parent)) return;
    if (r.queueRole === 'producer') return; // producers are the calls on the injected queue
    if (ts.isMethodDeclaration(dec.parent) && r.queueRole === 'consumer' && classHasQueueDecorator(dec.parent.parent, this.d)) return;
    const arg = r.queueArg !== undefined ? d.args?.[r.queueArg] : undefined;
    const name = arg ? stringArg(this.d.ctx, arg) ?? stringArg(this.d.ctx, objectProperty(arg, r.queueOption ?? 'name')) : undefined;
    this.d.facts.queues.push({ name: name ?? '?', role: r.queueRole, framework: d.binding.pack, file: this.d.unit.path, line: this.d.line(dec) });
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
      const name = node.name?.text ?? declaredName(node) ?? 'default';
      const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      const base = ext ? evaluate(ext.expression, this.d.scope, this.d.ctx) : undefined;
      this.d.facts.models.push({ ...(base?.kind === 'framework' && base.isClass ? { baseKey: base.key } : {}), key: cls.key, entry: { name, framework: cls.pack, file: this.d.unit.path, line: this.d.line(node.name ?? node), ...(table !== undefined ? { table } : {}) } });
    }
    this.controller(node);
  }

  private controller(node: ts.ClassLikeDeclaration): void {
    let prefix: string | undefined;
    let pack: string | undefined;
    for (const dec of decoratorsOf(node)) {
      const d = decoratorRule(dec, this.d.scope, this.d.ctx);
      if (d && d.rule.pathArg !== undefined && !d.rule.httpMethod) {
        const a = d.args?.[d.rule.pathArg];
        prefix = stringArg(this.d.ctx, a) ?? stringArg(this.d.ctx, objectProperty(a, d.rule.pathOption ?? 'path')) ?? '';
        pack = d.binding.pack;
      }
    }
    if (prefix === undefined || !pack) return;
    for (const m of node.members) {
      if (!ts.isMethodDeclaration(m)) continue;
      for (const dec of decoratorsOf(m)) {
        const d = decoratorRule(dec, this.d.scope, this.d.ctx);
        if (!d?.rule.httpMethod) continue;
        const a = d.rule.pathArg !== undefined ? d.args?.[d.rule.pathArg] : undefined;
        const p = a ? stringArg(this.d.ctx, a) ?? `{${this.d.text(a)}}` : '';
        const handler = `${node.name?.text ?? 'default'}.${m.name.getText(this.d.unit.sf)}`;
        this.d.facts.routes.push({ owner: `${pack}:controllers`, pack, method: d.rule.httpMethod, path: joinPath(prefix, p), file: this.d.unit.path, line: this.d.line(dec), handler, global: true });
      }
    }
  }
}

export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  const clean = ('/' + joined).replace(/\/{2,}/g, '/');
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

function declaredName(node: ts.Node): string | undefined {
  let p: ts.Node | undefined = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p))) p = p.parent;
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
