/**
 * Where a route or mount written inside a project class takes its path, method or child from the parameters of
 * the method it sits in (the class wraps the router: Unleash's `Controller.route(options)`), and the keys that
 * stand for the router of each class's instances.
 */
import { ts } from 'ts-morph';
import { classRouterKey, propName, skipWrappers } from '../bind/binding';
import { ancestorsOf } from '../bind/ancestry';
import { declarationNamed } from '../bind/declarations';
import type { ModuleUnit } from '../bind/module';
import type { DetectorHost } from './chain';
import type { ParamRef } from './facts';

/**
 * The innermost function among `up` (a node's ancestors, outermost first; searched from `from` down) that has a
 * parameter `name`: its index, the function's position in `up`, and, when the function is a method or constructor,
 * its class and member name.
 */
export function enclosingParam(up: readonly ts.Node[], name: string, from = up.length - 1): { param: number; cls?: ts.ClassLikeDeclaration; member?: string } | undefined {
  for (let i = from; i >= 1; i--) {
    const fn = up[i];
    if (!ts.isFunctionLike(fn)) continue;
    const param = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (param < 0) continue;
    const cls = up[i - 1];
    const member = ts.isConstructorDeclaration(fn) ? 'constructor' : ts.isMethodDeclaration(fn) ? propName(fn.name) : undefined;
    return ts.isClassLike(cls) && member !== undefined ? { param, cls, member } : { param };
  }
  return undefined;
}

/** `path` or `options.path`, a parameter of the class method or constructor the expression is written in. */
export function paramRef(sf: ts.SourceFile, e: ts.Expression | undefined): (ParamRef & { classPos: number; member: string }) | undefined {
  const x = e ? skipWrappers(e) : undefined;
  if (!x) return undefined;
  const id = ts.isIdentifier(x) ? x : ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression) ? x.expression : undefined;
  if (!id) return undefined;
  const found = enclosingParam(ancestorsOf(sf, x), id.text);
  if (!found?.cls || found.member === undefined) return undefined;
  return { param: found.param, ...(ts.isPropertyAccessExpression(x) ? { prop: x.name.text } : {}), classPos: found.cls.pos, member: found.member };
}

/** `new AdminApi(…).router` written in `unit`: the router of the instances of that project class. */
export function newInstanceRouter(units: ReadonlyMap<string, ModuleUnit>, unit: ModuleUnit, e: ts.Expression, reads?: Set<string>): string | undefined {
  const x = skipWrappers(e);
  if (!ts.isPropertyAccessExpression(x)) return undefined;
  const made = skipWrappers(x.expression);
  if (!ts.isNewExpression(made) || !ts.isIdentifier(made.expression)) return undefined;
  const found = declarationNamed(units, unit, made.expression.text, reads);
  return found && ts.isClassDeclaration(found.node) ? classRouterKey(found.unit.path, found.node.pos) : undefined;
}

/** `this.app.use(…)` written in a class: the router of the instances of that class (the call's member name is `at`). */
export function thisRouter(d: DetectorHost, at: ts.Node): string | undefined {
  const up = ancestorsOf(d.sf, at);
  const access = up[up.length - 1];
  if (!access || !ts.isPropertyAccessExpression(access)) return undefined;
  const recv = skipWrappers(access.expression);
  if (!ts.isPropertyAccessExpression(recv) || recv.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  for (let i = up.length - 1; i >= 0; i--) {
    const n = up[i];
    if (ts.isClassLike(n)) return classRouterKey(d.unit.path, n.pos);
    // `this` in a function expression is not the class's.
    if (ts.isFunctionExpression(n) || ts.isFunctionDeclaration(n)) return undefined;
  }
  return undefined;
}
