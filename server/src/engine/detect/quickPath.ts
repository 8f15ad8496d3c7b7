/**
 * Detection's quick path: whether a module can be left unwalked because no framework value can reach it.
 * The test of it (engineQuickPath) compares every fixture and a generated backend with and without it.
 */
import type { ModuleUnit } from '../bind/module';
import type { ProgramBinder } from '../bind/bind';
import { fileOfKey } from '../bind/evaluate';
import type { ParamBindings } from './detect';
import type { ModuleStateTracker } from './moduleState';

/**
 * A module no framework value can reach: every name the walk could look up is unbound or a function that
 * returns no framework value, nothing is required or imported lazily, no caller passes framework values to its
 * functions, no framework package is imported by name, and it holds no module-level state. Walking it finds
 * nothing but its imports, so it is not walked (about a third of the modules of a typical backend).
 */
export function isInert(unit: ModuleUnit, binder: ProgramBinder, params: ParamBindings, state: ModuleStateTracker): boolean {
  if (state.tracking) return false;
  for (const b of unit.locals.values()) {
    if (b.kind !== 'function') return false;
    if (b.file !== unit.path && binder.returnOf(b)) return false;
  }
  for (const fact of unit.imports) {
    // A lazy or unassigned require/import() is evaluated where it stands (`app.use(require('./routes'))`).
    if (fact.nested || fact.form === 'dynamic' || (fact.form === 'require' && fact.names.length === 0)) return false;
    if (fact.resolution.kind === 'package' && fact.names.length > 0 && (binder.packs.packForSpecifier(fact.specifier) || binder.packs.adjacentPackages.has(fact.specifier))) return false;
  }
  return !filesWithParams(params).has(unit.path);
}

const paramFiles = new WeakMap<ParamBindings, { size: number; files: Set<string> }>();

/** The files whose functions have parameter bindings (recomputed when more are added). */
function filesWithParams(params: ParamBindings): Set<string> {
  const known = paramFiles.get(params);
  if (known && known.size === params.size) return known.files;
  const files = new Set<string>();
  for (const key of params.keys()) files.add(fileOfKey(key));
  paramFiles.set(params, { size: params.size, files });
  return files;
}
