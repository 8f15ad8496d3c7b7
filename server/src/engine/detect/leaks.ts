/**
 * Leakage: exported declarations whose signatures expose a framework type, so every consumer of the module
 * inherits the coupling (a factor of the hotspot score).
 */
import { ts } from 'ts-morph';
import type { EvalContext, Scope } from '../bind/evaluate';
import { typeBinding } from '../bind/bind';
import type { ModuleUnit } from '../bind/module';
import { hasModifier } from '../bind/module';

/** Exported declarations whose signatures expose a framework type: consumers inherit the coupling. */
export function countLeaks(unit: ModuleUnit, scope: Scope, ctx: EvalContext): number {
  let leaks = 0;
  const exposes = (t: ts.TypeNode | undefined): boolean => {
    if (!t) return false;
    if (typeBinding(t, scope, ctx)) return true;
    let found = false;
    ts.forEachChild(t, (c) => {
      if (!found && ts.isTypeNode(c) && exposes(c)) found = true;
    });
    return found;
  };
  const signatureExposes = (fn: ts.SignatureDeclarationBase) => fn.parameters.some((p) => exposes(p.type)) || exposes(fn.type);
  for (const st of unit.sf.statements) {
    if (!hasModifier(st, ts.SyntaxKind.ExportKeyword)) continue;
    let leak = false;
    if (ts.isFunctionDeclaration(st)) leak = signatureExposes(st);
    else if (ts.isClassDeclaration(st)) {
      leak = st.members.some((m) => {
        if (hasModifier(m, ts.SyntaxKind.PrivateKeyword) || hasModifier(m, ts.SyntaxKind.ProtectedKeyword)) return false;
        if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m)) return signatureExposes(m);
        if (ts.isPropertyDeclaration(m)) return exposes(m.type);
        return false;
      });
    } else if (ts.isInterfaceDeclaration(st)) {
      leak = st.members.some((m) => (ts.isPropertySignature(m) ? exposes(m.type) : ts.isMethodSignature(m) ? signatureExposes(m) : false));
    } else if (ts.isTypeAliasDeclaration(st)) leak = exposes(st.type);
    else if (ts.isVariableStatement(st)) leak = st.declarationList.declarations.some((d) => exposes(d.type));
    if (leak) leaks++;
  }
  return leaks;
}
