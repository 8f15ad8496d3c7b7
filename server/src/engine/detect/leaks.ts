/**
 * Leakage: exported declarations whose signatures expose a framework type, so every consumer of the module
 * inherits the coupling (a factor of the hotspot score).
 */
import { ts } from 'ts-morph';
import type { EvalContext, Scope } from '../bind/evaluate';
import { isSeamInstance } from '../bind/evaluate';
import { typeBinding } from '../bind/annotations';
import type { ModuleUnit } from '../bind/module';
import { hasModifier } from '../bind/module';

/** Exported declarations whose signatures expose a framework type: consumers inherit the coupling. */
export function countLeaks(unit: ModuleUnit, scope: Scope, ctx: EvalContext): number {
  let leaks = 0;
  const exposes = (t: ts.TypeNode | undefined): boolean => {
    if (!t) return false;
    const b = typeBinding(t, scope, ctx);
    // A project seam's type (an injected service) exposes the project's API, not the framework's.
    if (b && !isSeamInstance(b)) return true;
    let found = false;
    ts.forEachChild(t, (c) => {
      if (!found && ts.isTypeNode(c) && exposes(c)) found = true;
    });
    return found;
  };
  // `class Repo<T extends Model>`: every user of the declaration supplies, and gets back, a framework type.
  const constraintsExpose = (d: { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }) => (d.typeParameters ?? []).some((tp) => exposes(tp.constraint));
  const signatureExposes = (fn: ts.SignatureDeclarationBase) => constraintsExpose(fn) || fn.parameters.some((p) => exposes(p.type)) || exposes(fn.type);
  const declarationExposes = (st: ts.Statement): boolean => {
    if (ts.isFunctionDeclaration(st)) return signatureExposes(st);
    if (ts.isClassDeclaration(st)) {
      return constraintsExpose(st) || st.members.some((m) => {
        if (hasModifier(m, ts.SyntaxKind.PrivateKeyword) || hasModifier(m, ts.SyntaxKind.ProtectedKeyword)) return false;
        if (ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m)) return signatureExposes(m);
        if (ts.isPropertyDeclaration(m)) return exposes(m.type);
        return false;
      });
    }
    if (ts.isInterfaceDeclaration(st)) {
      return constraintsExpose(st) || st.members.some((m) => (ts.isPropertySignature(m) ? exposes(m.type) : ts.isMethodSignature(m) ? signatureExposes(m) : false));
    }
    if (ts.isTypeAliasDeclaration(st)) return constraintsExpose(st) || exposes(st.type);
    if (ts.isVariableStatement(st)) return st.declarationList.declarations.some((d) => exposes(d.type));
    return false;
  };
  for (const st of unit.sf.statements) if (hasModifier(st, ts.SyntaxKind.ExportKeyword) && declarationExposes(st)) leaks++;
  return leaks;
}
