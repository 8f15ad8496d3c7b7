/**
 * The module dependency graph: fan-in, fan-out, transitive dependents (the blast radius of a change) and
 * strongly connected components (import cycles), by Tarjan's algorithm.
 */

export interface DependencyGraph {
  nodes: string[];
  /** Sorted, de-duplicated runtime and type edges from a module to the project modules it imports. */
  out: Map<string, string[]>;
  in: Map<string, string[]>;
}

export function buildGraph(nodes: string[], edges: Map<string, Iterable<string>>): DependencyGraph {
  const out = new Map<string, string[]>();
  const inn = new Map<string, string[]>();
  for (const n of nodes) inn.set(n, []);
  for (const n of nodes) {
    const targets = [...new Set(edges.get(n) ?? [])].filter((t) => inn.has(t)).sort();
    out.set(n, targets);
    for (const t of targets) inn.get(t)!.push(n);
  }
  for (const list of inn.values()) list.sort();
  return { nodes: [...nodes].sort(), out, in: inn };
}

/**
 * How many modules depend on each module, directly or transitively; only those `counts` accepts are counted
 * (the analysis leaves out test code), though the walk goes through all.
 *
 * Every module of an import cycle depends on every other, so the walk runs over the cycles taken as one node
 * each: on a backend whose core is one large cycle, that is a few hundred steps per module, not thousands.
 */
export function transitiveDependents(g: DependencyGraph, counts: (node: string) => boolean = () => true): Map<string, number> {
  const comps = components(g);
  const compOf = new Map<string, number>();
  comps.forEach((c, i) => c.forEach((n) => compOf.set(n, i)));
  const counted = comps.map((c) => c.filter((n) => counts(n)).length);
  // Importers of each component, as components.
  const importers = comps.map((c, i) => {
    const set = new Set<number>();
    for (const n of c) for (const d of g.in.get(n) ?? []) if (compOf.get(d) !== i) set.add(compOf.get(d)!);
    return [...set];
  });
  const upstream = comps.map((_, i) => {
    const seen = new Set<number>([i]);
    const stack = [i];
    let total = 0;
    while (stack.length) {
      for (const d of importers[stack.pop()!]) {
        if (seen.has(d)) continue;
        seen.add(d);
        stack.push(d);
        total += counted[d];
      }
    }
    return total;
  });
  const result = new Map<string, number>();
  for (const n of g.nodes) {
    const i = compOf.get(n)!;
    result.set(n, upstream[i] + counted[i] - (counts(n) ? 1 : 0));
  }
  return result;
}

/** Strongly connected components with more than one module, or a module importing itself. */
export function cycles(g: DependencyGraph): string[][] {
  const result = components(g).filter((c) => c.length > 1 || (g.out.get(c[0]) ?? []).includes(c[0]));
  return result.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** Every strongly connected component (a module outside any cycle is one of its own), members sorted. */
function components(g: DependencyGraph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  // Iterative Tarjan: deep import chains in real code overflow a recursive one.
  for (const start of g.nodes) {
    if (idx.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    idx.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const succ = g.out.get(frame.node) ?? [];
      if (frame.i < succ.length) {
        const w = succ[frame.i++];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === idx.get(frame.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== frame.node);
        result.push(comp.sort());
      }
    }
  }
  return result;
}
