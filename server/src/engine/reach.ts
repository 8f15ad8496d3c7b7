/**
 * What an edit reaches, for the incremental session: what a module shows its importers, who imports whom
 * (through barrels too), and the parameter bindings modules give each other's functions.
 */
import { isTestFile } from './discover/testFiles';
import type { ParamBindings } from './detect/detect';
import type { ModuleFacts } from './detect/facts';
import type { FrameworkBinding } from './bind/binding';
import type { ModuleUnit } from './bind/module';
import { bindingSignature } from './bind/module';
import { fileOfKey } from './bind/evaluate';

/** What importers see of a module: its top-level bindings, and what it exports under which names. */
export function surfaceOf(unit: ModuleUnit): string {
  let s = '';
  for (const [k, v] of unit.locals) s += `${k}=${bindingSignature(v)};`;
  for (const [name, src] of [...unit.exportSources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    s += `|${name}:${src.kind}:${src.kind === 'local' ? src.local : src.kind === 'from' ? `${src.from.specifier}#${src.imported}` : ''}`;
  }
  for (const star of unit.starExports) s += `|*${star.specifier}`;
  return s;
}

/** Parameter bindings from every module's facts, the preferred one winning (see `preferredParam`). */
export function paramsOf(facts: Map<string, ModuleFacts>): ParamBindings {
  const params: ParamBindings = new Map();
  for (const file of [...facts.keys()].sort()) {
    for (const pb of facts.get(file)!.paramBindings) {
      if (!given(file, pb.fnKey)) continue;
      let m = params.get(pb.fnKey);
      if (!m) params.set(pb.fnKey, (m = new Map()));
      const had = m.get(pb.index);
      if (!had || preferredParam(pb.binding, had)) m.set(pb.index, pb.binding);
    }
  }
  return params;
}

/**
 * Whether a parameter binding offered later should replace the one a parameter has: a value a caller made
 * (`createDb(url)` handed on) wins over one known only by a caller's type annotation (`db: Db`); otherwise the
 * first, in path order, stays. The same rule in the full run and the incremental one keeps them equal whatever
 * order the callers are detected in.
 */
export function preferredParam(offered: FrameworkBinding, had: FrameworkBinding): boolean {
  return had.key.includes(':type:') && !offered.key.includes(':type:');
}

/**
 * Whether what `from` passes a function binds its parameters: test code calling the application's functions
 * with framework values (`errorConverter(new mongoose.Error())`) does not make the application's code coupled.
 */
export function given(from: string, fnKey: string): boolean {
  return !isTestFile(from) || isTestFile(fileOfKey(fnKey));
}

/** Per file, a signature of the parameter bindings other modules give its functions. */
export function incomingParams(facts: Map<string, ModuleFacts>): Map<string, string> {
  const byFile = new Map<string, string[]>();
  for (const [from, f] of facts) {
    for (const pb of f.paramBindings) {
      if (!given(from, pb.fnKey)) continue;
      const file = fileOfKey(pb.fnKey);
      let list = byFile.get(file);
      if (!list) byFile.set(file, (list = []));
      list.push(`${from}>${pb.fnKey}#${pb.index}=${pb.binding.pack}|${pb.binding.role}|${pb.binding.key}`);
    }
  }
  return new Map([...byFile].map(([file, list]) => [file, list.sort().join(';')]));
}

/** Who imports each module (any form, type-only included). */
export function importersOf(units: Map<string, ModuleUnit>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const unit of units.values()) {
    for (const fact of [...unit.imports, ...unit.starExports]) {
      if (fact.resolution.kind !== 'project') continue;
      let set = out.get(fact.resolution.file);
      if (!set) out.set(fact.resolution.file, (set = new Set()));
      set.add(unit.path);
    }
  }
  return out;
}

/**
 * The modules that may see a change of `file`'s exports: its importers, and through barrels (modules that
 * re-export it) their importers too.
 */
export function reexportClosure(file: string, importers: Map<string, Set<string>>, units: Map<string, ModuleUnit>): Set<string> {
  const out = new Set<string>();
  const stack = [file];
  const barrels = new Set<string>([file]);
  while (stack.length) {
    const f = stack.pop()!;
    for (const importer of importers.get(f) ?? []) {
      out.add(importer);
      if (barrels.has(importer)) continue;
      const unit = units.get(importer);
      const reexports = unit && [...unit.imports, ...unit.starExports].some((x) => x.resolution.kind === 'project' && x.resolution.file === f && (x.form === 'reexport' || unit.starExports.includes(x)));
      if (reexports) {
        barrels.add(importer);
        stack.push(importer);
      }
    }
  }
  return out;
}
