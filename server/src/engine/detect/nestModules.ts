/**
 * NestJS's module graph, as the pack's `routes.appModules` describes it: the classes a module class lists in
 * `@Module({ imports, controllers })`, and the root module an app is made from (`NestFactory.create(AppModule)`).
 * An app's global prefix and versioning apply only to the controllers its root module reaches (compose/routes.ts),
 * so a monorepo with several apps (an API, a worker, a websocket gateway) gives each its own.
 *
 * The lists are read as they are written in real modules: array literals with spreads, conditionals and
 * `a.concat(b)`, a constant holding the list (here or imported) and what the module `push`es onto it at its top
 * level, `X.forRoot(…)` / `X.register(…)` (the module class `X`), and `forwardRef(() => X)`.
 */
import { ts } from 'ts-morph';
import type { FrameworkBinding } from '../bind/binding';
import { objectProperty, skipWrappers } from '../bind/binding';
import type { EvalContext, Scope } from '../bind/evaluate';
import { evaluate } from '../bind/evaluate';
import type { ModuleUnit } from '../bind/module';
import { decoratorRule, decoratorsOf } from '../bind/annotations';
import type { DetectorHost } from './chain';
import { objectLiteralIn, packOf } from './chain';
import type { ModuleEdges } from './facts';
import { joinPath, shownPath } from './paths';

const MAX_DEPTH = 6;
const LIST_METHODS = new Set(['push', 'unshift']);

/** Where an expression is evaluated: the module that wrote it. */
interface Where {
  unit: ModuleUnit;
  ctx: EvalContext;
  scope: Scope;
}

/** `@Module({ imports: […], controllers: […] })` on a class (`cls` is its binding): an edge to each class listed. */
export function readModuleClass(d: DetectorHost, node: ts.ClassLikeDeclaration, cls: FrameworkBinding): void {
  for (const dec of decoratorsOf(node)) {
    const r = decoratorRule(dec, d.scope, d.ctx);
    const rule = r ? d.binder.packs.byId.get(r.binding.pack)?.routes?.appModules : undefined;
    if (!r || !rule || r.binding.path.join('.') !== rule.decorator || !r.args?.[0]) continue;
    const children = new Set<string>();
    const controllers = new Set<string>();
    for (const { object, at } of optionObjects(d, here(d), r.args[0], 0)) {
      for (const field of rule.fields) {
        const list = objectProperty(object, field);
        if (list) classesIn(d, at, list, field === rule.controllers ? controllers : children, 0);
      }
    }
    for (const c of controllers) children.add(c);
    children.delete(cls.key);
    controllers.delete(cls.key);
    if (!children.size) return;
    const edges: ModuleEdges = { parent: cls.key, children: [...children].sort() };
    if (controllers.size) edges.controllers = [...controllers].sort();
    d.facts.moduleEdges.push(edges);
  }
}

/**
 * `RouterModule.register(routes)`: the path each module class of the route tree is given (see the pack's
 * `appModules.routerModule`). The tree is read as written: array literals (spreads too), constants holding them
 * here or imported, and each node's `path` (a string, a constant, or shown in braces when not readable).
 */
export function readRouterModule(d: DetectorHost, owner: FrameworkBinding, member: string, args: readonly ts.Expression[]): void {
  const rule = packOf(d, owner)?.routes?.appModules?.routerModule;
  if (!rule || owner.role !== 'module' || owner.path.length !== 1 || owner.path[0] !== rule.export || !rule.members.includes(member) || !args[0]) return;
  const moduleKey = (w: Where, e: ts.Expression | undefined): string | undefined => {
    const b = e ? evaluate(skipWrappers(e), w.scope, w.ctx) : undefined;
    return b?.kind === 'framework' && b.isClass ? b.key : undefined;
  };
  const nodes = (w: Where, expr: ts.Expression, parent: string, depth: number): void => {
    const x = skipWrappers(expr);
    if (depth > MAX_DEPTH) return;
    if (ts.isArrayLiteralExpression(x)) {
      for (const el of x.elements) nodes(w, ts.isSpreadElement(el) ? el.expression : el, parent, depth);
      return;
    }
    const object = objectLiteralIn(w.unit, x);
    if (!object) {
      const decl = ts.isIdentifier(x) ? d.binder.declarationOf(w.unit, x.text) : undefined;
      if (decl) nodes(whereOf(d, decl.unit), decl.expr, parent, depth + 1);
      // A bare module class among a node's children takes the node's path.
      else if (depth > 0) {
        const key = moduleKey(w, x);
        if (key) d.facts.modulePaths.push({ module: key, path: parent });
      }
      return;
    }
    const pathExpr = objectProperty(object, rule.path);
    const own = pathExpr ? shownPath(w.ctx, pathExpr, (n) => w.unit.text.slice(n.getStart(w.unit.sf), n.end)) : '';
    const path = joinPath(parent, own);
    const key = moduleKey(w, objectProperty(object, rule.module));
    if (key && own) d.facts.modulePaths.push({ module: key, path });
    const children = objectProperty(object, rule.children);
    if (children) nodes(w, children, path, depth + 1);
  };
  nodes(here(d), args[0], '', 0);
}

/** An app a factory made here (`NestFactory.create(AppModule, …)`): its key and its root module's. */
export function readAppMade(d: DetectorHost, app: FrameworkBinding, args: readonly ts.Expression[]): void {
  const routes = packOf(d, app)?.routes;
  const rule = routes?.appModules;
  const root = rule ? args[rule.rootArg] : undefined;
  const roots = new Set<string>();
  if (root) classesIn(d, here(d), root, roots, 0);
  else if (routes?.appOptions) {
    // `createExpressServer({ controllers: [UserController], routePrefix: '/api' })`, `useExpressServer(app, {…})`.
    const o = args.map((a) => objectLiteralIn(d.unit, a)).find((x) => x !== undefined);
    const list = objectProperty(o, routes.appOptions.controllers);
    if (list) classesIn(d, here(d), list, roots, 0);
    const prefix = routes.appOptions.prefix ? objectProperty(o, routes.appOptions.prefix) : undefined;
    // A prefix that is no readable string (`env.app.routePrefix`) still prefixes every route: shown in braces.
    if (prefix) d.facts.globalPrefixes.push({ pack: app.pack, app: app.key, file: d.unit.path, prefix: shownPath(d.ctx, prefix, (n) => d.text(n)) });
  } else return;
  d.facts.apps.push({ pack: app.pack, key: app.key, file: d.unit.path, roots: [...roots].sort() });
}

/**
 * The object literals module options can be: written in place or as a constant, or returned by a project
 * function (`@Module(getModuleConfig())`, each of its `return`s, as far as `MAX_DEPTH` calls).
 */
function optionObjects(d: DetectorHost, w: Where, expr: ts.Expression, depth: number): { object: ts.ObjectLiteralExpression; at: Where }[] {
  const x = skipWrappers(expr);
  if (ts.isConditionalExpression(x)) return [...optionObjects(d, w, x.whenTrue, depth), ...optionObjects(d, w, x.whenFalse, depth)];
  if (ts.isCallExpression(x)) return depth < MAX_DEPTH ? returnsOf(d, w, x).flatMap((r) => optionObjects(d, r.at, r.expr, depth + 1)) : [];
  const object = objectLiteralIn(w.unit, x);
  return object ? [{ object, at: w }] : [];
}

/** What a call of a project function may return: the expressions of its `return`s (not those of nested functions). */
function returnsOf(d: DetectorHost, w: Where, call: ts.CallExpression): { expr: ts.Expression; at: Where }[] {
  const fn = evaluate(call.expression, w.scope, w.ctx);
  const unit = fn?.kind === 'function' ? d.binder.units.get(fn.file) : undefined;
  if (fn?.kind !== 'function' || !unit) return [];
  d.binder.reads?.add(unit.path);
  const node = fn.node;
  const at = whereOf(d, unit);
  if (!node.body) return [];
  if (!ts.isBlock(node.body)) return [{ expr: node.body, at }];
  const out: { expr: ts.Expression; at: Where }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push({ expr: n.expression, at });
    else ts.forEachChild(n, visit);
  };
  ts.forEachChild(node.body, visit);
  return out;
}

function here(d: DetectorHost): Where {
  return { unit: d.unit, ctx: d.ctx, scope: d.scope };
}

function whereOf(d: DetectorHost, unit: ModuleUnit): Where {
  // A list is written at the top level of its module: its names are that module's top-level bindings.
  return unit === d.unit ? here(d) : { unit, ctx: d.binder.context(unit), scope: (n) => unit.locals.get(n) };
}

/** Adds the keys of the classes an expression lists (see the module comment). */
function classesIn(d: DetectorHost, w: Where, expr: ts.Expression, out: Set<string>, depth: number): void {
  const x = skipWrappers(expr);
  if (ts.isAwaitExpression(x) || ts.isSpreadElement(x)) return classesIn(d, w, x.expression, out, depth);
  if (ts.isArrayLiteralExpression(x)) {
    for (const el of x.elements) classesIn(d, w, ts.isSpreadElement(el) ? el.expression : el, out, depth);
    return;
  }
  if (ts.isConditionalExpression(x)) {
    classesIn(d, w, x.whenTrue, out, depth);
    classesIn(d, w, x.whenFalse, out, depth);
    return;
  }
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) classesIn(d, w, x.left, out, depth);
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) classesIn(d, w, x.right, out, depth);
    return;
  }
  if (ts.isCallExpression(x)) {
    const fn = x.arguments.length === 1 ? skipWrappers(x.arguments[0]) : undefined;
    // `forwardRef(() => UsersModule)`
    if (fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return classesIn(d, w, fn.body, out, depth);
    if (ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'concat') {
      classesIn(d, w, x.expression.expression, out, depth);
      for (const a of x.arguments) classesIn(d, w, a, out, depth);
      return;
    }
    // `ConfigModule.forRoot(…)`, `BullModule.registerQueue(…)`: the module class the call configures.
    const owner = ts.isPropertyAccessExpression(x.expression) ? evaluate(x.expression.expression, w.scope, w.ctx) : undefined;
    if (owner?.kind === 'framework' && owner.isClass) out.add(owner.key);
    // `controllers: [...getControllers()]`: what the project function returns.
    else if (depth < MAX_DEPTH) for (const r of returnsOf(d, w, x)) classesIn(d, r.at, r.expr, out, depth + 1);
    return;
  }
  const b = evaluate(x, w.scope, w.ctx);
  if (b?.kind === 'framework' && b.isClass) {
    out.add(b.key);
    return;
  }
  if (!ts.isIdentifier(x) || depth >= MAX_DEPTH) return;
  const sf = w.unit === d.unit ? d.sf : w.unit.sf;
  const inBlock = blockDeclaration(sf.statements, x.text);
  const decl = d.binder.declarationOf(w.unit, x.text) ?? (inBlock ? { unit: w.unit, expr: inBlock } : undefined);
  if (!decl) return;
  const at = whereOf(d, decl.unit);
  classesIn(d, at, decl.expr, out, depth + 1);
  // `modules.push(AnalyticsModule)` where the module declares the list.
  if (decl.unit === w.unit) for (const args of pushedOnto(sf.statements, x.text)) for (const a of args) classesIn(d, at, a, out, depth + 1);
}

/** The initialiser of `const name = …` declared in a top-level block (`if (…) { const extra = [A]; list.push(...extra) }`). */
function blockDeclaration(statements: readonly ts.Statement[], name: string, top = true): ts.Expression | undefined {
  for (const st of statements) {
    if (!top && ts.isVariableStatement(st)) {
      for (const decl of st.declarationList.declarations) if (ts.isIdentifier(decl.name) && decl.name.text === name && decl.initializer) return decl.initializer;
    }
    const inner = ts.isIfStatement(st) ? [st.thenStatement, ...(st.elseStatement ? [st.elseStatement] : [])] : ts.isBlock(st) ? st.statements : [];
    const hit = blockDeclaration(inner, name, false);
    if (hit) return hit;
  }
  return undefined;
}

/** The arguments of every `name.push(…)` / `name.unshift(…)` among top-level statements (inside `if` blocks too). */
function pushedOnto(statements: readonly ts.Statement[], name: string): ts.NodeArray<ts.Expression>[] {
  const out: ts.NodeArray<ts.Expression>[] = [];
  const visit = (st: ts.Statement | undefined): void => {
    if (!st) return;
    if (ts.isBlock(st)) st.statements.forEach(visit);
    else if (ts.isIfStatement(st)) {
      visit(st.thenStatement);
      visit(st.elseStatement);
    } else if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression)) {
      const callee = st.expression.expression;
      if (ts.isPropertyAccessExpression(callee) && LIST_METHODS.has(callee.name.text) && ts.isIdentifier(callee.expression) && callee.expression.text === name) out.push(st.expression.arguments);
    }
  };
  statements.forEach(visit);
  return out;
}
