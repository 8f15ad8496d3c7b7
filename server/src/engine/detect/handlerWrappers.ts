/** Route handlers the framework reaches through a project wrapper that forwards its parameters to them. */
import { ts } from 'ts-morph';
import { returnedExpression, skipWrappers } from '../bind/binding';
import { evaluate, positionKey } from '../bind/evaluate';
import type { ModuleUnit } from '../bind/module';
import type { DetectorHost } from './chain';

/**
 * A handler written inside a project wrapper that hands it its own parameters: `catchAsync(async (req, res) =>
 * { … })` with `const catchAsync = (fn) => (req, res, next) => { Promise.resolve(fn(req, res, next)).catch(next) }`,
 * registered in place or through the name it is kept under (`authController.register`, in another module).
 * `arity` is the wrapper's function's, which the framework sees.
 */
export function wrappedHandler(d: DetectorHost, h: ts.Expression): { key: string; params: number; arity: number } | undefined {
  const decl = handlerDeclaration(d, h);
  const call = decl ? skipWrappers(decl.expr) : undefined;
  if (!decl || !call || !ts.isCallExpression(call)) return undefined;
  const here = decl.unit === d.unit;
  const ctx = here ? d.ctx : d.binder.context(decl.unit);
  const wrapper = evaluate(call.expression, here ? d.scope : (n) => decl.unit.locals.get(n), ctx);
  if (wrapper?.kind !== 'function') return undefined;
  const forwarded = forwardingParam(wrapper.node);
  const inner = forwarded ? call.arguments[forwarded.index] : undefined;
  const fn = inner ? skipWrappers(inner) : undefined;
  if (!forwarded || !fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  d.binder.reads?.add(wrapper.file);
  return { key: positionKey(ctx, fn), params: Math.min(fn.parameters.length, forwarded.passes), arity: forwarded.arity };
}

/**
 * A handler made by a project factory that takes nothing of it: `server.ext('onRequest', util.onRequest())` with
 * `const onRequest = () => (req, reply) => { … }` in another module. The function the factory returns is the handler.
 */
export function madeHandler(d: DetectorHost, h: ts.Expression): { key: string; params: number; arity: number } | undefined {
  const call = skipWrappers(h);
  if (!ts.isCallExpression(call)) return undefined;
  const factory = evaluate(call.expression, d.scope, d.ctx);
  const unit = factory?.kind === 'function' ? d.binder.units.get(factory.file) : undefined;
  const fn = factory?.kind === 'function' ? returnedFunction(factory.node) : undefined;
  if (!unit || !fn) return undefined;
  d.binder.reads?.add(unit.path);
  return { key: positionKey(unit === d.unit ? d.ctx : d.binder.context(unit), fn), params: fn.parameters.length, arity: fn.parameters.length };
}

/**
 * The methods named `names` of the object a project factory returns (`module.exports = (server) => ({ async
 * authenticate(request, h) {…} })`, in any module), by the key detection gives functions.
 */
export function returnedMethods(d: DetectorHost, h: ts.Expression, names: readonly string[]): { key: string; params: number }[] {
  const factory = evaluate(h, d.scope, d.ctx);
  const unit = factory?.kind === 'function' ? d.binder.units.get(factory.file) : undefined;
  if (!unit || factory?.kind !== 'function') return [];
  const obj = returnedExpression(factory.node);
  if (!obj || !ts.isObjectLiteralExpression(obj)) return [];
  d.binder.reads?.add(unit.path);
  const ctx = unit === d.unit ? d.ctx : d.binder.context(unit);
  const out: { key: string; params: number }[] = [];
  for (const p of obj.properties) {
    const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (name === undefined || !names.includes(name)) continue;
    const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) ? skipWrappers(p.initializer) : undefined;
    if (fn && (ts.isMethodDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) out.push({ key: positionKey(ctx, fn), params: fn.parameters.length });
  }
  return out;
}

/** The function a function returns, written in its body: `() => (req, res) => …`, or a `return function (…) {…}`. */
function returnedFunction(f: ts.FunctionLikeDeclaration): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const inner = returnedExpression(f);
  return inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) ? inner : undefined;
}


/** The expression a handler argument stands for: itself when it is a call, or the declaration of the name it is kept under. */
function handlerDeclaration(d: DetectorHost, h: ts.Expression): { unit: ModuleUnit; expr: ts.Expression } | undefined {
  const x = skipWrappers(h);
  if (ts.isCallExpression(x)) return { unit: d.unit, expr: x };
  if (ts.isIdentifier(x)) return d.isShadowed(x.text) ? undefined : d.binder.declarationOf(d.unit, x.text);
  if (!ts.isPropertyAccessExpression(x)) return undefined;
  const ns = evaluate(x.expression, d.scope, d.ctx);
  const target = ns?.kind === 'namespace' ? d.binder.units.get(ns.file) : undefined;
  const src = target && ns?.kind === 'namespace' ? target.exportSources.get((ns.prefix ?? '') + x.name.text) : undefined;
  if (!target || !src) return undefined;
  d.binder.reads?.add(target.path);
  if (src.kind === 'expr') return { unit: target, expr: src.expr };
  return src.kind === 'local' ? d.binder.declarationOf(target, src.local) : undefined;
}

/**
 * `(fn) => (req, res, next) => { … fn(req, res, next) … }`: a wrapper returning a function that calls one of the
 * wrapper's parameters with its own parameters, in order. The parameter's index, how many of the returned
 * function's parameters it passes on, and the returned function's arity.
 */
function forwardingParam(wrapper: ts.FunctionLikeDeclaration): { index: number; passes: number; arity: number } | undefined {
  const inner = returnedFunction(wrapper);
  if (!inner) return undefined;
  const outer = wrapper.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  const own = inner.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  let found: { index: number; passes: number; arity: number } | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
      const index = outer.indexOf(n.expression.text);
      let passes = 0;
      while (passes < n.arguments.length && own[passes] !== undefined && ts.isIdentifier(n.arguments[passes]) && (n.arguments[passes] as ts.Identifier).text === own[passes]) passes++;
      if (index >= 0 && passes > 0) found = { index, passes, arity: inner.parameters.length };
    }
    ts.forEachChild(n, visit);
  };
  visit(inner.body);
  return found;
}
