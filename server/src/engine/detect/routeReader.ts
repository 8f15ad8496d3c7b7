/**
 * Reads routes off framework chains and controller classes: registrations (`router.get('/x', h)`, route
 * objects, NestJS method decorators), mounts under prefixes (`app.use('/api', api)`, `register(plugin, { prefix })`)
 * and prefixes owners give themselves. Full paths are composed later, across modules, by compose/routes.ts.
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import type { FrameworkBinding, RowBinding } from '../bind/binding';
import type { MountRule, TerminalHandlerRule } from '../../rules/rulePack';
import { siteWeight } from '../../rules/rulePack';
import { literalText, objectProperty, skipWrappers } from '../bind/binding';
import { evaluate, stringArg } from '../bind/evaluate';
import type { EvalContext } from '../bind/evaluate';
import { SETTING } from '../bind/bind';
import { decoratorsOf, decoratorRule } from '../bind/annotations';
import type { DetectorHost } from './chain';
import { objectLiteralIn, handlerName, packOf, packageExport, effectiveRole, siteAt } from './chain';
import { isTestFile } from '../discover/testFiles';
import { rowField, rowRead, rowsOf, tableRead, valueInRow } from './rows';
import { madeHandler, returnedMethods, wrappedHandler } from './handlerWrappers';
import { joinPath, shownPath } from './paths';
import { newInstanceRouter, paramRef, thisRouter } from './wrapperSeeds';
import { folderOf, listedMount, requiredFolder } from './mountSources';
import type { ParamRef } from './facts';


/** The parameter (and property) part of a `paramRef`. */
function pathRef(r: ParamRef): ParamRef {
  return { param: r.param, ...(r.prop !== undefined ? { prop: r.prop } : {}) };
}


export class RouteReader {
  constructor(private readonly d: DetectorHost) {}

  /** Route registrations, mounts and prefixes on an owner. */
  routeCall(owner: FrameworkBinding, m: string, args: readonly ts.Expression[], node: ts.Node, pendingPath: string | undefined): 'route' | 'mount' | 'route-builder' | undefined {
    const rules = packOf(this.d, owner)?.routes;
    if (!rules) return undefined;
    const role = effectiveRole(this.d, owner);
    if (!rules.owners.includes(role as never) && owner.role !== 'value') return undefined;
    const facts = this.d.facts;
    const file = this.d.unit.path;
    const line = this.d.line(node);
    if (rules.decorateMethod === m && args.length >= 2) {
      const name = stringArg(this.d.ctx, args[0]);
      const value = evaluate(args[1], this.d.scope, this.d.ctx);
      const framework = value?.kind === 'framework' && !value.typeOnly && !value.memberOnly;
      if (name !== undefined) facts.decorations.push({ pack: owner.pack, name, ...(framework ? { binding: { ...value, via: value.via ?? file } } : {}) });
      return undefined;
    }
    // `app.set('db', sequelize)`: the value every `app.get('db')` / `req.app.get('db')` reads back.
    if (rules.settings?.set === m && args.length === 2 && owner.role === 'app') {
      const name = stringArg(this.d.ctx, args[0]);
      const value = evaluate(args[1], this.d.scope, this.d.ctx);
      if (name !== undefined && value?.kind === 'framework' && !value.typeOnly && !value.memberOnly) facts.decorations.push({ pack: owner.pack, name: `${SETTING}${name}`, binding: { ...value, via: value.via ?? file } });
      return undefined;
    }
    const method = rules.methods[m];
    if (method && pendingPath !== undefined && args.length >= 1) {
      this.addRoute(owner, method, pendingPath, args, 0, node);
      return 'route';
    }
    if (method && args.length >= 2) {
      // koa-router: router.get('user', '/users/:id', handler) names the route first.
      const named = rules.namedRoutes && args.length >= 3 && literalText(args[0]) !== undefined && literalText(args[1]) !== undefined;
      // `fileupload(path, h) { this.app.post(path, …) }`: the class wraps the router; its calls register the routes.
      const ref = named ? undefined : paramRef(this.d.sf, args[0]);
      if (ref) {
        facts.routeSeeds.push({ pack: owner.pack, file, line, classPos: ref.classPos, member: ref.member, method, path: pathRef(ref) });
        for (const h of args.slice(1)) this.bindHandler(owner, h);
        return 'route';
      }
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
      const objects = ts.isArrayLiteralExpression(arg) ? arg.elements.map((e) => (where === this.d.unit ? objectLiteralIn(this.d.unit, e) : ts.isObjectLiteralExpression(skipWrappers(e)) ? (skipWrappers(e) as ts.ObjectLiteralExpression) : undefined)) : [ts.isObjectLiteralExpression(arg) ? arg : objectLiteralIn(this.d.unit, arg)];
      const placed = objects.map((o) => (o ? { object: o, unit: where } : undefined));
      // `routes.forEach((r) => server.route(r))`: each row of the table is a route object.
      const read = rowRead(this.d, args[0]);
      if (read && read.field === undefined) placed.splice(0, placed.length, ...rowsOf(this.d.binder, read.row, read.row.file === file ? this.d.sf : undefined));
      let any = false;
      for (const r of placed) {
        if (!r) continue;
        const o = r.object;
        where = r.unit;
        const ro = rules.routeObject;
        const pathNode = ro.pathFields.map((f) => rowField(r, f)).find((x) => x !== undefined);
        const methodNode = rowField(r, ro.methodField);
        const methods = methodNode && ts.isArrayLiteralExpression(skipWrappers(methodNode)) ? (skipWrappers(methodNode) as ts.ArrayLiteralExpression).elements.map((e) => literalText(e)) : [literalText(methodNode)];
        const ctx = where === this.d.unit ? this.d.ctx : this.d.binder.context(where);
        const p = pathNode ? shownPath(ctx, pathNode, (n) => n.getText(where.sf)) : '?';
        // A route object's line is the line of its `method:` (the object may open a line earlier).
        const anchor = methodNode ?? o;
        const line = where.sf.getLineAndCharacterOfPosition(anchor.getStart(where.sf)).line + 1;
        // A row written in another module is a route registration there, as `server.route({ … })` is here.
        if (where !== this.d.unit) {
          const pack = this.d.binder.packs.byId.get(owner.pack)!;
          facts.foreignSites.push(siteAt(where.sf, where.path, o, pack.concern, pack.id, 'route', siteWeight(pack, 'route'), o.getText(where.sf)));
        }
        for (const mm of methods) {
          const handler = rowField(r, 'handler');
          facts.routes.push({ owner: owner.key, pack: owner.pack, method: (mm ?? '?').toUpperCase() === '*' ? 'ALL' : (mm ?? '?').toUpperCase(), path: p, file: where.path, line, ...(handler && where === this.d.unit ? { handler: handlerName(this.d, handler) } : {}) });
          if (handler && where === this.d.unit) this.bindHandler(owner, handler);
          else if (handler) {
            // A row written in another module (`handler: require('./handlers/get-feed')`): its handler, as that module binds it.
            const b = evaluate(handler, (n) => where.locals.get(n), ctx);
            if (b?.kind === 'function') this.bindParams(owner, b.key, b.node.parameters.length, 0);
          }
          any = true;
        }
      }
      return any ? 'route' : undefined;
    }
    const ph = rules.paramHandlers?.find((x) => x.method === m);
    if (ph) {
      for (const a of args) {
        this.bindHandler(owner, a, ph.firstParam);
        for (const m of ph.returnedMethods ? returnedMethods(this.d, a, ph.returnedMethods) : []) this.bindParams(owner, m.key, m.params, 0);
      }
      return undefined;
    }
    const mount = rules.mounts?.find((mr) => mr.method === m);
    const table = mount ? tableRead(this.d, args) : undefined;
    if (mount && table) {
      this.rowMounts(owner, mount, table, args, line);
      return 'mount';
    }
    if (mount) {
      let base = '';
      let first = 0;
      // `use(path, router) { this.app.use(path, router) }`: the prefix is the wrapper's parameter.
      const prefixParam = mount.prefixArg !== undefined && args.length > mount.prefixArg + 1 ? paramRef(this.d.sf, args[mount.prefixArg]) : undefined;
      if (prefixParam) first = mount.prefixArg! + 1;
      else if (mount.prefixArg !== undefined) {
        const p = this.mountPrefix(args[mount.prefixArg], this.d.ctx, args.length);
        if (p !== undefined) {
          base = p;
          first = mount.prefixArg + 1;
        }
      }
      for (const a of args) {
        const o = objectLiteralIn(this.d.unit, a);
        if (!o) continue;
        if (mount.prefixOption) base = this.prefixText(objectProperty(o, mount.prefixOption)) ?? base;
        if (mount.prefixOptionPath) {
          let x: ts.Expression | undefined = o;
          for (const k of mount.prefixOptionPath) x = objectProperty(x, k);
          base = this.prefixText(x) ?? base;
        }
      }
      for (let i = first; i < args.length; i++) {
        let childNode: ts.Expression | undefined = args[i];
        const o = objectLiteralIn(this.d.unit, childNode);
        if (o && mount.childProperty) childNode = objectProperty(o, mount.childProperty);
        else if (o) continue;
        if (!childNode) continue;
        let prefix = base;
        const wrapped = this.mountWrapped(rules.mountWrappers, childNode);
        if (wrapped) {
          childNode = wrapped.child;
          prefix = joinPath(base, wrapped.prefix);
        }
        // `new AdminApi(…).router`: the router of that class's instances (see routeWrappers.ts).
        const instance = newInstanceRouter(this.d.binder.units, this.d.unit, childNode, this.d.binder.reads);
        if (instance) facts.mounts.push({ parent: this.ownerKey(owner, node), child: instance, prefix, file, line });
        const childParam = paramRef(this.d.sf, childNode);
        if (childParam && (prefixParam || mount.prefixArg === undefined || first > 0)) {
          facts.wrapperMountSeeds.push({ file, line, classPos: childParam.classPos, member: childParam.member, prefix: prefixParam ? pathRef(prefixParam) : prefix, child: pathRef(childParam) });
          continue;
        }
        // `app.use('/graphql', expressMiddleware(server))`: a handler answering everything under the prefix.
        const terminal = this.terminalHandler(rules.terminalHandlers, childNode);
        const options = terminal ? args.map((a) => objectLiteralIn(this.d.unit, a)).find((x) => x !== undefined) : undefined;
        const off = terminal?.offOption ? objectProperty(options, terminal.offOption) : undefined;
        if (terminal && !(off && off.kind === ts.SyntaxKind.FalseKeyword)) {
          // mercurius serves `/graphql` (its `path` option) under the prefix; static files, everything under it.
          const own = terminal.path ? (stringArg(this.d.ctx, objectProperty(options, terminal.path.option)) ?? terminal.path.default) : '/*';
          facts.routes.push({ owner: this.ownerKey(owner, node), pack: owner.pack, method: terminal.method, path: joinPath(prefix, own), file, line, handler: handlerName(this.d, childNode) });
          continue;
        }
        const child = this.mountedChild(childNode);
        // `app.use(requestLogger('api'))`: middleware a project factory makes.
        if (!child && mount.handlers && this.bindHandler(owner, childNode)) continue;
        if (!child && requiredFolder(this.d, owner, childNode, prefix, line)) continue;
        if (!child && listedMount(this.d, owner, childNode, prefix, line)) continue;
        if (!child) {
          this.autoload(owner, childNode, args, line);
          continue;
        }
        if (child.kind === 'function' && mount.handlers) {
          this.bindHandler(owner, childNode);
          continue;
        }
        if (child.kind === 'framework') facts.mounts.push({ parent: this.ownerKey(owner, node), child: child.key, prefix, file, line });
        else this.mountPlugin(owner, child.key, prefix, line);
      }
      return 'mount';
    }
    if (rules.prefixMethod === m && args.length === 1) {
      const p = this.prefixText(args[0]);
      if (p !== undefined) facts.ownPrefixes.push({ owner: owner.key, prefix: p });
      return 'mount';
    }
    const v = rules.versioning;
    if (v?.method === m && args.length >= 1) {
      const o = objectLiteralIn(this.d.unit, args[0]);
      const typeNode = objectProperty(o, v.typeOption);
      const type = typeNode ? skipWrappers(typeNode) : undefined;
      if (type && ts.isPropertyAccessExpression(type) && type.name.text === v.uriType) {
        const pre = objectProperty(o, v.prefixOption);
        const prefix = pre === undefined ? v.defaultPrefix : pre.kind === ts.SyntaxKind.FalseKeyword ? '' : this.shown(pre);
        const def = objectProperty(o, v.defaultVersionOption);
        facts.uriVersioning.push({ pack: owner.pack, app: owner.key, file, prefix, defaultVersions: def ? (this.versionsOf(def, v.neutral).versions ?? []) : [] });
      }
      return 'mount';
    }
    if (rules.appModules?.listen === m) {
      facts.listens.push({ pack: owner.pack, app: owner.key, file });
      return undefined;
    }
    if (rules.globalPrefixMethod === m && args.length >= 1) {
      // A prefix that is not a readable string still prefixes every route: shown as the expression in braces.
      const p = this.shown(args[0]);
      // setGlobalPrefix('api', { exclude: ['health'] }) leaves the excluded paths at the root.
      const ex = objectProperty(objectLiteralIn(this.d.unit, args[1] ?? node as ts.Expression), 'exclude');
      const exclude = ex && ts.isArrayLiteralExpression(skipWrappers(ex)) ? (skipWrappers(ex) as ts.ArrayLiteralExpression).elements.map((e) => stringArg(this.d.ctx, e)).filter((x): x is string => x !== undefined) : [];
      facts.globalPrefixes.push({ pack: owner.pack, app: owner.key, file, prefix: p, ...(exclude.length ? { exclude } : {}) });
      return 'mount';
    }
    return undefined;
  }

  /**
   * `routes.forEach((r) => router.use(r.path, r.route))` over a table the project wrote: one mount per row, its
   * prefix and child read off the row where the row was written. A row whose prefix is no readable string
   * mounts its child at the owner's own path, as an unreadable prefix argument does.
   */
  private rowMounts(owner: FrameworkBinding, mount: MountRule, table: RowBinding, args: readonly ts.Expression[], line: number): void {
    const file = this.d.unit.path;
    for (const row of rowsOf(this.d.binder, table, table.file === file ? this.d.sf : undefined)) {
      const values = args.map((a) => valueInRow(this.d, a, table, row));
      let base = '';
      let first = 0;
      const pre = mount.prefixArg !== undefined ? values[mount.prefixArg] : undefined;
      const p = pre ? this.mountPrefix(pre.expr, pre.ctx, values.length) : undefined;
      if (p !== undefined) {
        base = p;
        first = mount.prefixArg! + 1;
      }
      for (let i = first; i < values.length; i++) {
        const v = values[i];
        const child = v ? this.mountedChild(v.expr, v.scope, v.ctx) : undefined;
        if (child?.kind === 'framework') this.d.facts.mounts.push({ parent: owner.key, child: child.key, prefix: base, file, line });
        else if (child && !mount.handlers) this.mountPlugin(owner, child.key, base, line);
      }
    }
  }

  /**
   * The prefix a mount's prefix argument gives: its string, or, when it is no readable string but is written as
   * one (`process.env.API_PREFIX || '/api'`, `` `${base}/v1` ``, `base + '/v1'`) and something is mounted after
   * it, the expression in braces. Anything else may be middleware (`app.use(limiter, router)`): no prefix.
   */
  private mountPrefix(e: ts.Expression | undefined, ctx: EvalContext, argCount: number): string | undefined {
    const p = stringArg(ctx, e);
    if (p !== undefined || !e || argCount < 2) return p;
    const x = skipWrappers(e);
    const op = ts.isBinaryExpression(x) ? x.operatorToken.kind : undefined;
    const stringy = (y: ts.Expression) => literalText(y) !== undefined || ts.isTemplateExpression(skipWrappers(y));
    const shaped = ts.isTemplateExpression(x) || (ts.isBinaryExpression(x) && (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) && (stringy(x.left) || stringy(x.right)));
    return shaped ? shownPath(ctx, x) : undefined;
  }

  /** A plugin function mounted under a prefix: the app its first parameter is, keyed by the plugin. */
  private mountPlugin(owner: FrameworkBinding, fnKey: string, prefix: string, line: number): void {
    const key = `plugin:${fnKey}`;
    this.d.facts.mounts.push({ parent: owner.key, child: key, prefix, file: this.d.unit.path, line });
    this.d.facts.paramBindings.push({ fnKey, index: 0, binding: { kind: 'framework', pack: owner.pack, role: 'app', path: [], key } });
  }

  /**
   * `app.register(autoload, { dir: path.join(__dirname, 'routes'), options: { prefix } })` mounts every plugin
   * module of the folder under its sub-folder's path (a folder with an index file loads only that file and
   * its sub-folders; hook files register no routes; a module's `autoPrefix` export replaces its folder's
   * prefix), as @fastify/autoload does.
   */
  private autoload(owner: FrameworkBinding, callee: ts.Expression, args: readonly ts.Expression[], line: number): void {
    const rule = packOf(this.d, owner)?.routes?.autoload;
    const id = skipWrappers(callee);
    if (!rule || !ts.isIdentifier(id)) return;
    const loader = this.d.unit.imports.some((f) => f.resolution.kind === 'package' && rule.packages.includes(f.specifier) && f.names.some((n) => n.local === id.text));
    if (!loader) return;
    const opts = args.map((a) => objectLiteralIn(this.d.unit, a)).find((o) => objectProperty(o, rule.dirOption) !== undefined);
    const dir = opts ? folderOf(this.d, objectProperty(opts, rule.dirOption)!) : undefined;
    if (dir === undefined) return;
    const optsNode = rule.optionsOption ? objectProperty(opts, rule.optionsOption) : undefined;
    const pluginOpts = optsNode ? objectLiteralIn(this.d.unit, optsNode) : undefined;
    const base = (pluginOpts && rule.prefixOption ? stringArg(this.d.ctx, objectProperty(pluginOpts, rule.prefixOption)) : undefined) ?? '';
    const files = [...this.d.binder.units.keys()].filter((f) => dir === '.' || f.startsWith(`${dir}/`)).sort();
    const stem = (f: string) => posix.basename(f).replace(/\.[^.]+$/, '');
    const indexed = new Set(files.filter((f) => stem(f) === 'index').map((f) => posix.dirname(f)));
    for (const f of files) {
      const folder = posix.dirname(f);
      // Test files in the folder are left out, as a loader's `ignorePattern` does in practice.
      if (stem(f) === rule.hooksFile || (indexed.has(folder) && stem(f) !== 'index') || isTestFile(f)) continue;
      this.d.binder.reads?.add(f);
      const unit = this.d.binder.units.get(f)!;
      const own = rule.autoPrefixExport ? unit.exportSources.get(rule.autoPrefixExport) : undefined;
      const autoPrefix = own?.kind === 'local' ? unit.constants.get(own.local) : own?.kind === 'expr' ? literalText(own.expr) : undefined;
      const prefix = `${base}${autoPrefix ?? (folder === dir ? '' : `/${folder.slice(dir === '.' ? 0 : dir.length + 1)}`)}`.replace(/\/{2,}/g, '/');
      const child = this.d.binder.exportOf(f, 'default');
      if (child?.kind === 'function') this.mountPlugin(owner, child.key, prefix, line);
      else if (child?.kind === 'framework' && packOf(this.d, child)?.concern === 'routing') {
        this.d.facts.mounts.push({ parent: owner.key, child: child.key, prefix, file: this.d.unit.path, line });
      }
    }
  }





  /**
   * `mount('/api', api)` or `mount(api)` of a mount-wrapper package (koa-mount): the child it serves and the
   * prefix it adds. A prefix that is no readable string shows as the expression in braces.
   */
  private mountWrapped(packages: string[] | undefined, node: ts.Expression): { child: ts.Expression; prefix: string } | undefined {
    const call = skipWrappers(node);
    if (!packages?.length || !ts.isCallExpression(call) || call.arguments.length === 0 || !ts.isIdentifier(call.expression)) return undefined;
    const local = call.expression.text;
    // By its import (`import mount from 'koa-mount'`, `const mount = require('koa-mount')`); a local of the
    // same name declared inside a function would shadow it, which wrappers of this kind are not in practice.
    const imported = this.d.unit.imports.some((f) => packages.includes(f.specifier) && f.names.some((n) => n.local === local && (n.imported === 'default' || n.imported === '*')));
    if (!imported) return undefined;
    const args = call.arguments;
    const child = args[args.length - 1];
    const prefix = args.length >= 2 ? this.shown(args[0]) : '';
    return { child, prefix };
  }

  /** The rule of a package export whose middleware answers requests, when `node` calls one (see `terminalHandlers`). */
  private terminalHandler(rules: readonly TerminalHandlerRule[] | undefined, node: ts.Expression): TerminalHandlerRule | undefined {
    const x = skipWrappers(node);
    // `express.static(dir)` is called where it is mounted; `app.register(fastifyStatic, opts)` is handed the export.
    const called = ts.isCallExpression(x);
    const exp = rules ? packageExport(this.d, called ? x.expression : x) : undefined;
    return exp && rules!.find((r) => r.package === exp.specifier && r.export === exp.name && !!r.registered === !called);
  }

  private mountedChild(node: ts.Expression, scope = this.d.scope, ctx = this.d.ctx): FrameworkBinding | { kind: 'function'; key: string } | undefined {
    let b = evaluate(node, scope, ctx);
    if (b?.kind === 'namespace') b = b.prefix ? undefined : this.d.binder.exportOf(b.file, 'default');
    if (!b) return undefined;
    if (b.kind === 'function') return { kind: 'function', key: b.key };
    if (b.kind === 'framework' && packOf(this.d, b)?.concern === 'routing') return b;
    return undefined;
  }

  private paths(arg: ts.Expression): string[] {
    const e = skipWrappers(arg);
    if (ts.isArrayLiteralExpression(e)) return e.elements.map((x) => this.shown(x));
    return [this.shown(arg)];
  }

  private addRoute(owner: FrameworkBinding, method: string, path: string, args: readonly ts.Expression[], firstHandler: number, node: ts.Node): void {
    const rest = args.slice(firstHandler);
    const handler = rest[rest.length - 1];
    const middleware = rest.slice(0, -1).map((a) => handlerName(this.d, a));
    this.d.facts.routes.push({
      owner: this.ownerKey(owner, node),
      pack: owner.pack,
      method,
      path,
      file: this.d.unit.path,
      line: this.d.line(node),
      ...(handler ? { handler: handlerName(this.d, handler) } : {}),
      ...(middleware.length ? { middleware } : {}),
    });
    for (const h of rest) this.bindHandler(owner, h);
  }

  /**
   * The router a registration on `this.app` in a class is made on: the router of that class's instances when the
   * field is only typed (`app: IRouter`, shared by every value of that type), else the value's own key.
   */
  private ownerKey(owner: FrameworkBinding, at: ts.Node): string {
    return owner.key.includes(':type:') ? (thisRouter(this.d, at) ?? owner.key) : owner.key;
  }

  /**
   * `apollo.applyMiddleware({ app, path: '/api/graphql' })`: a server attaching itself to a framework's app is a
   * route on that app (see `attachedHandlers`); `call` is the call, on a value that is not the framework's.
   */
  attachedHandler(method: string, call: ts.CallExpression): boolean {
    const rules = this.d.binder.packs.attachedHandlers.get(method);
    if (!rules) return false;
    for (const a of call.arguments) {
      const o = objectLiteralIn(this.d.unit, a);
      if (!o) continue;
      for (const { pack, rule } of rules) {
        const app = evaluate(objectProperty(o, rule.appOption), this.d.scope, this.d.ctx);
        if (app?.kind !== 'framework' || app.pack !== pack.id || app.typeOnly || app.path.length) continue;
        const path = stringArg(this.d.ctx, objectProperty(o, rule.path.option)) ?? rule.path.default;
        this.d.facts.routes.push({ owner: this.ownerKey(app, call), pack: pack.id, method: rule.route, path: joinPath(path), file: this.d.unit.path, line: this.d.line(call.expression), handler: this.d.text(call.expression) });
        return true;
      }
    }
    return false;
  }

  /** `this.app[options.method](options.path, …)` in a class method taking `options`: the calls register the routes. */
  elementRoute(owner: FrameworkBinding, element: ts.Expression, args: readonly ts.Expression[]): boolean {
    const rules = packOf(this.d, owner)?.routes;
    const e = skipWrappers(element);
    if (!rules || !ts.isElementAccessExpression(e) || Object.keys(rules.methods).length === 0) return false;
    const m = paramRef(this.d.sf, e.argumentExpression);
    const path = paramRef(this.d.sf, args[0]);
    if (!m || !path || m.classPos !== path.classPos || m.member !== path.member) return false;
    this.d.facts.routeSeeds.push({ pack: owner.pack, file: this.d.unit.path, line: this.d.line(e), classPos: m.classPos, member: m.member, method: pathRef(m), path: pathRef(path) });
    for (const h of args.slice(1)) this.bindHandler(owner, h);
    return true;
  }

  /** Handler parameters (req, res, ctx, reply) are the framework's objects: uses of them are coupling. */
  private bindHandler(owner: FrameworkBinding, h: ts.Expression, firstParam = 0): boolean {
    const b = evaluate(h, this.d.scope, this.d.ctx);
    const handler = b?.kind === 'function' ? { key: b.key, params: b.node.parameters.length, arity: b.node.parameters.length } : wrappedHandler(this.d, h) ?? madeHandler(this.d, h);
    if (!handler) return false;
    // `(err, req, res, next) => …`: Express tells error handlers by their arity; the error is not the framework's.
    if (handler.arity === packOf(this.d, owner)?.routes?.errorHandlerArity) firstParam++;
    this.bindParams(owner, handler.key, handler.params, firstParam);
    return true;
  }

  /** Up to three parameters of a function the framework calls, from `firstParam` on, are its objects. */
  private bindParams(owner: FrameworkBinding, fnKey: string, params: number, firstParam: number): void {
    for (let i = firstParam; i < Math.min(params, firstParam + 3); i++) {
      this.d.facts.paramBindings.push({ fnKey, index: i, binding: { kind: 'framework', pack: owner.pack, role: 'value', path: [], key: `${owner.pack}:handler` } });
    }
  }

  controller(node: ts.ClassLikeDeclaration, cls: FrameworkBinding | undefined): void {
    let prefix: string | undefined;
    let pack: string | undefined;
    let versions: { versions?: string[]; neutral?: boolean } | undefined;
    for (const dec of decoratorsOf(node)) {
      const d = decoratorRule(dec, this.d.scope, this.d.ctx);
      if (d && d.rule.pathArg !== undefined && !d.rule.httpMethod) {
        const a = d.args?.[d.rule.pathArg];
        prefix = stringArg(this.d.ctx, a) ?? stringArg(this.d.ctx, objectProperty(a, d.rule.pathOption ?? 'path')) ?? '';
        pack = d.binding.pack;
        // `@Controller({ path: 'auth', version: '1' })`
        const rule = this.d.binder.packs.byId.get(d.binding.pack)?.routes?.versioning;
        const vx = rule ? objectProperty(a, rule.controllerOption) : undefined;
        if (rule && vx) versions = this.versionsOf(vx, rule.neutral);
      }
    }
    if (prefix === undefined || !pack) return;
    const versioning = this.d.binder.packs.byId.get(pack)?.routes?.versioning;
    for (const m of node.members) {
      if (!ts.isMethodDeclaration(m)) continue;
      // `@Version('2')` on the method replaces the controller's versions.
      let own = versions;
      for (const dec of decoratorsOf(m)) {
        const d = decoratorRule(dec, this.d.scope, this.d.ctx);
        if (d && versioning && d.binding.path.join('.') === versioning.decorator && d.args?.[0]) own = this.versionsOf(d.args[0], versioning.neutral);
      }
      for (const dec of decoratorsOf(m)) {
        const d = decoratorRule(dec, this.d.scope, this.d.ctx);
        if (!d?.rule.httpMethod) continue;
        const a = d.rule.pathArg !== undefined ? d.args?.[d.rule.pathArg] : undefined;
        const p = a ? this.shown(a) : '';
        const handler = `${node.name?.text ?? 'default'}.${m.name.getText(this.d.sf)}`;
        this.d.facts.routes.push({
          owner: `${pack}:controllers`,
          pack,
          method: d.rule.httpMethod,
          path: joinPath(prefix, p),
          file: this.d.unit.path,
          line: this.d.line(dec),
          handler,
          global: true,
          ...(cls ? { controller: cls.key } : {}),
          ...(own?.versions ? { versions: own.versions } : {}),
          ...(own?.neutral ? { versionNeutral: true } : {}),
        });
      }
    }
  }

  /** A path or prefix in this module, as the inventory shows it (see `shownPath`). */
  private shown(e: ts.Expression): string {
    return shownPath(this.d.ctx, e, (n) => this.d.text(n));
  }

  /** A prefix given as an option or to a prefix method: its string, or the expression in braces when it is not one. */
  private prefixText(e: ts.Expression | undefined): string | undefined {
    return e ? this.shown(e) : undefined;
  }

  /** A version option: `'1'`, `['1', '2']`, a constant, `VERSION_NEUTRAL` (no version); otherwise the expression in braces. */
  private versionsOf(e: ts.Expression, neutral: string): { versions?: string[]; neutral?: boolean } {
    const one = (x: ts.Expression): string | null => {
      const inner = skipWrappers(x);
      if (((ts.isIdentifier(inner) && inner.text === neutral) || (ts.isPropertyAccessExpression(inner) && inner.name.text === neutral))) return null;
      return stringArg(this.d.ctx, inner) ?? `{${this.d.text(inner)}}`;
    };
    const inner = skipWrappers(e);
    const list = ts.isArrayLiteralExpression(inner) ? inner.elements.map(one) : [one(inner)];
    const versions = list.filter((x): x is string => x !== null);
    return { ...(versions.length ? { versions } : {}), ...(list.includes(null) ? { neutral: true } : {}) };
  }
}
