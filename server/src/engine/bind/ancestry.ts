/**
 * Parents without parent pointers. The engine parses with `setParentNodes` off: filling `node.parent` on
 * every node of every retained tree cost about as much as a third of the parse again on the 2,000-file
 * benchmark (an extra walk, and pointers from older nodes to younger ones that every scavenge then has to
 * follow). The few questions that need a node's parent find it from positions instead: a node lies within
 * the `[pos, end)` of each of its ancestors.
 */
import { ts } from 'ts-morph';

/** The top-level statement a node sits in (the node itself when it is one), by binary search on positions. */
export function topStatementOf(sf: ts.SourceFile, node: ts.Node): ts.Statement | undefined {
  const sts = sf.statements;
  let lo = 0;
  let hi = sts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sts[mid].pos <= node.pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Zero-width statements (error recovery) can share a position with the next one: take the last that holds it.
  for (let i = found; i >= 0 && sts[i].pos === sts[found].pos; i--) if (node.end <= sts[i].end) return sts[i];
  return undefined;
}

/** The chain from the source file down to the node's parent (empty when the node is not in this file). */
export function ancestorsOf(sf: ts.SourceFile, node: ts.Node): ts.Node[] {
  const path: ts.Node[] = [];
  const search = (at: ts.Node): boolean => {
    path.push(at);
    const hit = ts.forEachChild(
      at,
      (c) => (c === node ? true : c.pos <= node.pos && node.end <= c.end && search(c) ? true : undefined),
      (arr) => {
        if (arr.pos > node.pos || node.end > arr.end) return undefined;
        for (const c of arr) if (c === node || (c.pos <= node.pos && node.end <= c.end && search(c))) return true;
        return undefined;
      },
    );
    if (hit) return true;
    path.pop();
    return false;
  };
  return node === sf || !search(sf) ? [] : path;
}

/** The node's parent, found from positions. */
export function parentOf(sf: ts.SourceFile, node: ts.Node): ts.Node | undefined {
  const chain = ancestorsOf(sf, node);
  return chain[chain.length - 1];
}

/**
 * The node of a tree with the given span and kind: the same node of another parse of the same text (a tree
 * the `AstStore` dropped and parsed again). A child never has both the span and the kind of its parent.
 */
export function nodeAt(sf: ts.SourceFile, pos: number, end: number, kind: ts.SyntaxKind): ts.Node | undefined {
  let at: ts.Node = sf;
  for (;;) {
    if (at.pos === pos && at.end === end && at.kind === kind) return at;
    const next: ts.Node | undefined = ts.forEachChild(
      at,
      (c) => (c.pos <= pos && end <= c.end ? c : undefined),
      (arr) => {
        if (arr.pos > pos || end > arr.end) return undefined;
        for (const c of arr) if (c.pos <= pos && end <= c.end) return c;
        return undefined;
      },
    );
    if (!next) return undefined;
    at = next;
  }
}
