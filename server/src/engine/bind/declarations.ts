/**
 * Classes and enums found by name, syntactically, across the project's modules: declared in the module, or
 * imported from another one (named or default, through re-exports, `export { X }` lists and `export *`
 * barrels, as `exportOf` follows bindings). For what binding does not give: a class that is not coupled to
 * any framework (a project wrapper's type), an enum's string member (`JobTopicNameEnum.STANDARD`).
 */
import { ts } from 'ts-morph';
import type { ModuleUnit } from './module';

export type NamedDeclaration = ts.ClassDeclaration | ts.EnumDeclaration;

export interface FoundDeclaration {
  unit: ModuleUnit;
  node: NamedDeclaration;
}

const MAX_DEPTH = 10;

/** The class or enum `name` stands for in `unit`; `reads` collects the other modules looked into. */
export function declarationNamed(units: ReadonlyMap<string, ModuleUnit>, unit: ModuleUnit, name: string, reads?: Set<string>, depth = 0): FoundDeclaration | undefined {
  if (depth > MAX_DEPTH) return undefined;
  for (const st of unit.sf.statements) {
    if ((ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name?.text === name) return { unit, node: st };
  }
  for (const fact of unit.imports) {
    if (fact.resolution.kind !== 'project') continue;
    const n = fact.names.find((x) => x.local === name);
    if (!n) continue;
    const target = units.get(fact.resolution.file);
    return target ? exportedDeclaration(units, target, n.imported, reads, depth + 1) : undefined;
  }
  return undefined;
}

/** The class or enum a module exports as `name`. */
export function exportedDeclaration(units: ReadonlyMap<string, ModuleUnit>, unit: ModuleUnit, name: string, reads?: Set<string>, depth = 0): FoundDeclaration | undefined {
  if (depth > MAX_DEPTH) return undefined;
  reads?.add(unit.path);
  const src = unit.exportSources.get(name);
  if (src) {
    switch (src.kind) {
      case 'local':
        return declarationNamed(units, unit, src.local, reads, depth + 1);
      case 'from': {
        const target = src.from.resolution.kind === 'project' ? units.get(src.from.resolution.file) : undefined;
        return target ? exportedDeclaration(units, target, src.imported, reads, depth + 1) : undefined;
      }
      case 'node':
        return ts.isClassDeclaration(src.node) ? { unit, node: src.node } : undefined;
      case 'expr':
        return ts.isIdentifier(src.expr) ? declarationNamed(units, unit, src.expr.text, reads, depth + 1) : undefined;
    }
  }
  if (name === 'default') return undefined;
  for (const star of unit.starExports) {
    const target = star.resolution.kind === 'project' ? units.get(star.resolution.file) : undefined;
    const hit = target ? exportedDeclaration(units, target, name, reads, depth + 1) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/** The string value of an enum member (`enum Topic { MAIL = 'mail' }`): only members initialised with a string. */
export function enumString(node: ts.EnumDeclaration, member: string): string | undefined {
  for (const m of node.members) {
    const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : undefined;
    if (name !== member) continue;
    const init = m.initializer;
    return init && (ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init)) ? init.text : undefined;
  }
  return undefined;
}
