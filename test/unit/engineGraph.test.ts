/**
 * The dependency graph's numbers against a plain reference: transitive dependents by a walk from every module
 * over importers (what a reader does by hand), and cycles checked by reachability both ways, on hand-made
 * graphs and on seeded random ones with cycles, self-imports and modules the count leaves out.
 */
import * as assert from 'assert';
import { buildGraph, cycles, transitiveDependents } from '../../server/src/engine/graph/graph';
import type { DependencyGraph } from '../../server/src/engine/graph/graph';

function graphOf(edges: Record<string, string[]>): DependencyGraph {
  const nodes = [...new Set([...Object.keys(edges), ...Object.values(edges).flat()])];
  return buildGraph(nodes, new Map(Object.entries(edges)));
}

/** The modules that reach `n` by imports, `n` left out. */
function importersOf(g: DependencyGraph, n: string): Set<string> {
  const seen = new Set([n]);
  const stack = [n];
  while (stack.length) for (const d of g.in.get(stack.pop()!) ?? []) if (!seen.has(d)) stack.push((seen.add(d), d));
  seen.delete(n);
  return seen;
}

function referenceDependents(g: DependencyGraph, counts: (n: string) => boolean): Map<string, number> {
  return new Map(g.nodes.map((n) => [n, [...importersOf(g, n)].filter(counts).length]));
}

function randomGraph(seed: number, size: number, edgesPer: number): DependencyGraph {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const names = Array.from({ length: size }, (_, i) => `src/m${i}.ts`);
  const edges: Record<string, string[]> = {};
  for (const n of names) edges[n] = Array.from({ length: Math.floor(next() * edgesPer) }, () => names[Math.floor(next() * size)]);
  return graphOf(edges);
}

describe('dependency graph', () => {
  it('counts the dependents of a chain, a cycle and what imports the cycle', () => {
    const g = graphOf({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['b.ts', 'd.ts'], 'd.ts': [], 'e.ts': ['a.ts'] });
    const deps = transitiveDependents(g);
    assert.deepStrictEqual(Object.fromEntries(deps), { 'a.ts': 1, 'b.ts': 3, 'c.ts': 3, 'd.ts': 4, 'e.ts': 0 });
    assert.deepStrictEqual(cycles(g), [['b.ts', 'c.ts']]);
  });

  it('leaves out the modules the count rejects, but walks through them', () => {
    const g = graphOf({ 'a.test.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': [], 'x.test.ts': ['x.test.ts'] });
    const deps = transitiveDependents(g, (n) => !n.includes('.test.'));
    assert.deepStrictEqual(Object.fromEntries(deps), { 'a.test.ts': 0, 'b.ts': 0, 'c.ts': 1, 'x.test.ts': 0 });
    assert.deepStrictEqual(cycles(g), [['x.test.ts']], 'a module importing itself is a cycle');
  });

  it('agrees with a walk from every module on random graphs with cycles', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const g = randomGraph(seed, 20 + (seed % 5) * 15, 1 + (seed % 4));
      const counts = (n: string) => Number(n.slice(5, -3)) % 3 !== 0;
      assert.deepStrictEqual(transitiveDependents(g, counts), referenceDependents(g, counts), `seed ${seed}`);
      // Each cycle: members reach one another; nobody outside reaches a member and is reached back.
      const found = cycles(g);
      const inCycle = new Set(found.flat());
      for (const c of found) {
        for (const m of c) for (const o of c) if (m !== o) assert.ok(importersOf(g, m).has(o), `seed ${seed}: ${o} imports ${m}`);
      }
      for (const n of g.nodes) {
        const mutual = [...importersOf(g, n)].filter((d) => importersOf(g, d).has(n));
        assert.strictEqual(inCycle.has(n), mutual.length > 0 || (g.out.get(n) ?? []).includes(n), `seed ${seed}: ${n}`);
      }
    }
  });
});
