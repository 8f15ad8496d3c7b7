/**
 * Where an exported name comes from: the modules it passes through (re-exports, `export *`) and the declaration,
 * package import or namespace it ends at. It is a matter of syntax alone, so it is remembered until modules are
 * read again (`clear`): barrels of barrels (a monorepo's `export * from` dozens of modules) would otherwise be
 * searched again for every imported name in every binding round. As TypeScript resolves `export *`, the first
 * module that exports the name wins, whatever its binding; what the name is bound to is the binder's to say.
 */
import type { PackIndex } from './binding';
import type { ExportSource, ImportFact, ModuleUnit } from './module';

/** Where an exported name comes from (see `ExportRoutes`). */
export interface ExportRoute {
  /** The module asked first, then each module the name was re-exported from. */
  files: string[];
  end:
    | { kind: 'declared'; unit: ModuleUnit; src: Exclude<ExportSource, { kind: 'from' }>; name: string }
    | { kind: 'package'; fact: ImportFact; imported: string }
    | { kind: 'namespace'; file: string }
    | { kind: 'registry'; unit: ModuleUnit; name: string };
  /** Some re-export on the way was `export type`. */
  typeOnly: boolean;
}

export class ExportRoutes {
  /** Routes by `file\0name`; null when the name is not exported. */
  private readonly routes = new Map<string, ExportRoute | null>();
  /** Set when a search met a cycle of re-exports (see `route`). */
  private cut = false;

  constructor(
    private readonly units: Map<string, ModuleUnit>,
    private readonly packs: PackIndex,
  ) {}

  /** The route of `name` as `file` exports it, or undefined when it does not. */
  of(file: string, name: string): ExportRoute | undefined {
    return this.route(file, name, new Set());
  }

  clear(): void {
    this.routes.clear();
  }

  private route(file: string, name: string, visiting: Set<string>): ExportRoute | undefined {
    const key = `${file}\0${name}`;
    const known = this.routes.get(key);
    if (known !== undefined) return known ?? undefined;
    if (visiting.has(key)) {
      // A cycle of re-exports: what is found inside it depends on where the search entered, so is not remembered.
      this.cut = true;
      return undefined;
    }
    const unit = this.units.get(file);
    if (!unit) return undefined;
    visiting.add(key);
    const cutOutside = this.cut;
    this.cut = false;
    const route = this.find(unit, name, visiting);
    visiting.delete(key);
    if (!this.cut) this.routes.set(key, route ?? null);
    this.cut ||= cutOutside;
    return route;
  }

  private find(unit: ModuleUnit, name: string, visiting: Set<string>): ExportRoute | undefined {
    const here = (end: ExportRoute['end']): ExportRoute => ({ files: [unit.path], end, typeOnly: false });
    const src = unit.exportSources.get(name);
    if (src) return src.kind === 'from' ? this.through(unit, src.from, src.imported, visiting) : here({ kind: 'declared', unit, src, name });
    if (name === '*') return here({ kind: 'namespace', file: unit.path });
    if (name !== 'default') {
      for (const star of unit.starExports) {
        const route = this.through(unit, star, name, visiting);
        if (route) return route;
      }
    }
    return unit.registry && name !== 'default' ? here({ kind: 'registry', unit, name }) : undefined;
  }

  /** The route of a name a module re-exports from `fact`'s module. */
  private through(unit: ModuleUnit, fact: ImportFact, imported: string, visiting: Set<string>): ExportRoute | undefined {
    const r = fact.resolution;
    if (r.kind === 'package') {
      const known = this.packs.middlewarePackages.has(fact.specifier) || this.packs.packForSpecifier(fact.specifier);
      return known ? { files: [unit.path], end: { kind: 'package', fact, imported }, typeOnly: false } : undefined;
    }
    const inner = r.kind === 'project' ? this.route(r.file, imported, visiting) : undefined;
    return inner && { files: [unit.path, ...inner.files], end: inner.end, typeOnly: fact.typeOnly || inner.typeOnly };
  }
}
