/**
 * The order of a phase's units: a unit that others reach the framework through gets its seam before them, and
 * among the units whose turn it is, the strategy decides (most painful first, or fewest sites first).
 */
import type { OrderStrategy } from '../../planfile/ast';

export interface Orderable {
  id: string;
  score: number;
  sites: number;
  /** Ids of the units this one reaches the framework through: they go first. */
  providers: ReadonlySet<string>;
  /** Ids of the units that reach the framework through this one. */
  dependents: ReadonlySet<string>;
}

/** Compares two units by the strategy alone; ties go by id so the order never depends on input order. */
export function byStrategy(strategy: OrderStrategy): (a: Orderable, b: Orderable) => number {
  return strategy === 'quick-wins'
    ? (a, b) => a.sites - b.sites || a.score - b.score || compareIds(a, b)
    : (a, b) => b.score - a.score || b.sites - a.sites || compareIds(a, b);
}

/**
 * A topological order over the providers with the strategy breaking ties. The unit graph often has cycles (a
 * models barrel imports every entity, and every service imports the barrel); in a cycle, the unit that most
 * others depend on goes first, since it is the one whose seam unblocks the most.
 */
export function orderUnits<T extends Orderable>(units: readonly T[], strategy: OrderStrategy): T[] {
  const compare = byStrategy(strategy);
  const ids = new Set(units.map((unit) => unit.id));
  const placed = new Set<string>();
  const remaining = [...units];
  const out: T[] = [];
  while (remaining.length > 0) {
    const ready = remaining.filter((unit) => [...unit.providers].every((id) => placed.has(id) || !ids.has(id) || id === unit.id));
    const next = ready.length > 0 ? ready.sort(compare)[0] : [...remaining].sort((a, b) => b.dependents.size - a.dependents.size || compare(a, b))[0];
    out.push(next);
    placed.add(next.id);
    remaining.splice(remaining.indexOf(next), 1);
  }
  return out;
}

function compareIds(a: Orderable, b: Orderable): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
