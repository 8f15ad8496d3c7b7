/**
 * Route paths as the inventories show them: joined as routers join them, and written out where they do not read
 * as strings.
 */
import { ts } from 'ts-morph';
import { skipWrappers } from '../bind/binding';
import { stringArg } from '../bind/evaluate';
import type { EvalContext } from '../bind/evaluate';

/**
 * A path or prefix as the inventory shows it: its string when it reads as one; a template or a `+` join whose
 * parts do not all read keeps the parts that do and shows the others in braces (`${CONTEXT_PATH}v` →
 * `{CONTEXT_PATH}v`); anything else is the whole expression in braces.
 */
export function shownPath(ctx: EvalContext, e: ts.Expression, text: (n: ts.Node) => string = (n) => n.getText(ctx.sf)): string {
  const s = stringArg(ctx, e);
  if (s !== undefined) return s;
  const x = skipWrappers(e);
  if (ts.isTemplateExpression(x)) return x.head.text + x.templateSpans.map((span) => shownPath(ctx, span.expression, text) + span.literal.text).join('');
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) return shownPath(ctx, x.left, text) + shownPath(ctx, x.right, text);
  return `{${text(e)}}`;
}

export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  const clean = ('/' + joined).replace(/\/{2,}/g, '/');
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

/**
 * The string fields of a class (`public path = '/users'`, `readonly base = API + '/users'`), not static, that no
 * `this.path = …` in the class writes again: what `this.path` reads in a route path. Added to `into` in order.
 */
export function stringFields(node: ts.ClassLikeDeclaration, ctx: EvalContext, into: Map<string, string>): void {
  for (const m of node.members) {
    if (!ts.isPropertyDeclaration(m) || !m.initializer || !ts.isIdentifier(m.name) || ts.getModifiers(m)?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
    const v = stringArg(ctx, m.initializer);
    if (v !== undefined) into.set(m.name.text, v);
  }
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword) into.delete(n.left.name.text);
    ts.forEachChild(n, visit);
  };
  if (into.size) for (const m of node.members) if (!ts.isPropertyDeclaration(m)) visit(m);
}
