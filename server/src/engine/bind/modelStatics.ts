/**
 * Functions the project assigns to a model a factory made: `Note.encodeNoteId = function (id) {…}` beside
 * `const Note = sequelize.define('Note', …)`, in the same function body or at the top level. Calling one is the
 * model's API (a site); what it returns is the project's value (see `EvalContext.projectStatic`).
 */
import { ts } from 'ts-morph';
import { skipWrappers } from './binding';
import { posOfKey } from './evaluate';
import { ancestorsOf } from './ancestry';
import type { ModuleUnit } from './module';

/** The names assigned functions on the model made at `modelKey` in `unit` (the model's module). */
export function assignedStatics(unit: ModuleUnit | undefined, modelKey: string): Set<string> {
  const names = new Set<string>();
  const sf = unit?.sf;
  const pos = sf ? posOfKey(sf, modelKey) : undefined;
  if (!sf || pos === undefined) return names;
  // The outermost call starting there: the factory call (`sequelize.define(…)`), the variable holding it above.
  let made: ts.Node | undefined;
  const find = (n: ts.Node): void => {
    if (made || n.pos > pos || n.end <= pos) return;
    if (n.pos === pos && (ts.isCallExpression(n) || ts.isNewExpression(n))) made = n;
    else ts.forEachChild(n, find);
  };
  find(sf);
  if (!made) return names;
  const up = ancestorsOf(sf, made);
  const at = up.findIndex((n) => ts.isVariableDeclaration(n) && n.initializer !== undefined && skipWrappers(n.initializer) === made);
  const decl = up[at] as ts.VariableDeclaration | undefined;
  if (!decl || !ts.isIdentifier(decl.name)) return names;
  const block = up.slice(0, at).reverse().find((n): n is ts.Block | ts.SourceFile => ts.isBlock(n) || ts.isSourceFile(n));
  for (const st of block?.statements ?? []) {
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const { left, right } = st.expression;
    const fn = skipWrappers(right);
    if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === decl.name.text && (ts.isFunctionExpression(fn) || ts.isArrowFunction(fn))) names.add(left.name.text);
  }
  return names;
}
