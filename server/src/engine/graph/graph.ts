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
 */
export function transitiveDependents(g: DependencyGraph, counts: (node: string) => boolean = () => true): Map<string, number> {
  const result = new Map<string, number>();
  for (const n of g.nodes) {
    const seen = new Set<string>([n]);
    const stack = [n];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const d of g.in.get(cur) ?? []) {
        if (!seen.has(d)) {
          seen.add(d);
          stack.push(d);
        }
      }
    }
    let counted = 0;
    for (const d of seen) if (d !== n && counts(d)) counted++;
    result.set(n, counted);
  }
  return result;
}

/** Strongly connected components with more than one module, or a module importing itself. */
export function cycles(g: DependencyGraph): string[][] {
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
        const selfLoop = comp.length === 1 && (g.out.get(comp[0]) ?? []).includes(comp[0]);
        if (comp.length > 1 || selfLoop) result.push(comp.sort());
      }
    }
  }
  return result.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}
