/**
 * Finds module-level mutable state used as an in-process cache or session store: a top-level `Map`, `Set`,
 * object or array that functions of the module mutate. Such state breaks as soon as a second process serves
 * traffic, so a migration must move it out (concern `session`, framework `module-state`).
 */
import { ts } from 'ts-morph';
import type { ModuleUnit } from '../bind/module';
import type { SessionEntry } from '../model';
import type { ChainLink } from './chain';
import { isUnset, skipWrappers } from '../bind/binding';
import { ancestorsOf } from '../bind/ancestry';
import { DEFAULT_WEIGHTS } from '../../rules/rulePack';
import { isTestFile } from '../discover/testFiles';

export const MODULE_STATE = 'module-state';
const MUTATORS = new Set(['set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice']);
const CONTAINERS = new Set(['Map', 'Set', 'WeakMap']);

interface Candidate {
  name: string;
  decl: ts.VariableDeclaration;
  reassignable: boolean;
  /** Starts as a Map, Set, {} or []: writes into it are state. Anything else counts only when reassigned. */
  container: boolean;
  mutated: boolean;
  /** Assigned what the framework gave back (`server = app.listen()`): a handle, not state. */
  handle?: boolean;
  /** Its uses inside functions, by the position of the name: the widest expression seen there, and whether it calls. */
  uses: Map<number, { node: ts.Node; call: boolean }>;
}

/** The detector's side that the tracker needs. */
export interface StateHost {
  readonly inFunction: boolean;
  isShadowed(name: string): boolean;
  addRawSite(node: ts.Node, concern: 'session', framework: string, kind: 'state' | 'call' | 'member', weight: number, text: string): void;
  readonly facts: { sessions: SessionEntry[] };
  line(node: ts.Node): number;
  /** Whether a value comes from the framework: made by it, or given by a call on one of its values (`app.listen()`). */
  fromFramework(e: ts.Expression): boolean;
}

export class ModuleStateTracker {
  private readonly candidates = new Map<string, Candidate>();

  constructor(
    private readonly unit: ModuleUnit,
    private readonly sf: ts.SourceFile,
  ) {
    // State in a test file lives for one test run; it is not state a deployment shares.
    if (isTestFile(unit.path)) return;
    for (const st of sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of st.declarationList.declarations) {
        // Containers (Map, Set, {}, []) mutated by functions, and `let` bindings reassigned by functions.
        if (!ts.isIdentifier(d.name) || (isConst && (!d.initializer || !isContainer(d.initializer)))) continue;
        const container = !!d.initializer && isContainer(d.initializer);
        if (!container && this.holdsHandle(d)) continue;
        this.candidates.set(d.name.text, { name: d.name.text, decl: d, reassignable: !isConst, container, mutated: false, uses: new Map() });
      }
    }
  }

  /**
   * `let queue: Queue | null = null`, `let db = drizzle(pool)`, `let pool: Pool`, `let requests = new
   * Prometheus.Counter({ … })`: a binding that holds a framework value or a library's object (typed with a type
   * a package exports, or made with `new` of a package's class) is a handle on a connection, client or metric that
   * the process opens and closes, not state about users or requests.
   */
  private holdsHandle(d: ts.VariableDeclaration): boolean {
    const b = this.unit.locals.get((d.name as ts.Identifier).text);
    if (b?.kind === 'framework' && !b.typeOnly) return true;
    const made = d.initializer ? skipWrappers(d.initializer) : undefined;
    if (made && ts.isNewExpression(made)) {
      let root: ts.Expression = made.expression;
      while (ts.isPropertyAccessExpression(root)) root = root.expression;
      if (ts.isIdentifier(root) && this.fromPackage(root.text)) return true;
    }
    const names: string[] = [];
    const visit = (t: ts.Node): void => {
      if (ts.isTypeReferenceNode(t)) {
        let n: ts.EntityName = t.typeName;
        while (ts.isQualifiedName(n)) n = n.left;
        names.push(n.text);
      }
      ts.forEachChild(t, visit);
    };
    if (d.type) visit(d.type);
    return names.some((n) => this.fromPackage(n));
  }

  private fromPackage(local: string): boolean {
    return this.unit.imports.some((f) => f.resolution.kind === 'package' && f.names.some((x) => x.local === local));
  }

  private candidate(root: ts.Expression, host: StateHost): Candidate | undefined {
    if (!host.inFunction || !ts.isIdentifier(root)) return undefined;
    const c = this.candidates.get(root.text);
    // A local of the same name shadows the module-level one.
    if (!c || host.isShadowed(root.text)) return undefined;
    return c;
  }

  /** Whether the module has module-level state to watch (the walk must then see its mutations). */
  get tracking(): boolean {
    return this.candidates.size > 0;
  }

  /** `cache.set(k, v)`, `list.push(x)`, `cache.get(k)` (a use) inside a function; `top` is the whole chain. */
  chain(root: ts.Expression, links: ChainLink[], host: StateHost, top: ts.Node = root): void {
    if (this.candidates.size === 0) return;
    const c = this.candidate(root, host);
    if (!c) return;
    const first = links[0];
    if (c.container && first?.kind === 'property' && MUTATORS.has(first.name) && links[1]?.kind === 'call') this.mutate(c, root);
    const seen = c.uses.get(root.pos);
    if (!seen || seen.node.end - seen.node.pos < top.end - top.pos) c.uses.set(root.pos, { node: top, call: links.some((l) => l.kind === 'call') });
  }

  /** `cache[k] = v`, `state.count += 1`, `counter = 0` inside a function. */
  assignment(b: ts.BinaryExpression, host: StateHost): void {
    if (this.candidates.size === 0) return;
    const op = b.operatorToken.kind;
    if (op < ts.SyntaxKind.FirstAssignment || op > ts.SyntaxKind.LastAssignment) return;
    const left = skipWrappers(b.left);
    if (ts.isIdentifier(left)) {
      const c = this.candidate(left, host);
      if (!c) return;
      // `server = app.listen(port)`: what the framework gives back is a handle, however the variable is declared;
      // so is a timer (`loop = setInterval(update, 5000)`).
      if (op === ts.SyntaxKind.EqualsToken && (host.fromFramework(b.right) || isTimer(b.right))) c.handle = true;
      if (c.reassignable && !c.mutated && !isOnceOnly(this.sf, b, left.text) && !resets(this.sf, b, c.decl)) this.mutate(c, b);
      return;
    }
    this.mutationTarget(left, host);
  }

  /** The target of an assignment or `delete`: a member of a module-level container. */
  mutationTarget(target: ts.Expression, host: StateHost): void {
    if (this.candidates.size === 0) return;
    let e = skipWrappers(target);
    if (!ts.isElementAccessExpression(e) && !ts.isPropertyAccessExpression(e)) return;
    while (ts.isElementAccessExpression(e) || ts.isPropertyAccessExpression(e)) e = skipWrappers(e.expression);
    const c = this.candidate(e, host);
    if (c?.container) this.mutate(c, e);
  }

  /**
   * Marks a candidate written by `at`, unless the write is made right in the body of a function the module runs
   * once as it starts (`startupFunctions`): `closables.push(app)` in `bootstrap()` sets the process up; it is no
   * state that another process serving traffic would miss.
   */
  private mutate(c: Candidate, at: ts.Node): void {
    if (c.mutated) return;
    // Trees have no parent pointers: the chain from the file down to `at` (its last function, and that one's parent).
    const up = ancestorsOf(this.sf, at);
    let i = up.length - 1;
    while (i >= 0 && !ts.isFunctionLike(up[i])) i--;
    const name = i >= 0 ? functionName(up[i], up[i - 1]) : undefined;
    if (name !== undefined && this.startupFunctions().has(name)) return;
    c.mutated = true;
  }

  private startup: Set<string> | undefined;

  /**
   * The module's top-level functions that run once per process: declared here, not exported, and named only where
   * the module's top level calls them (`bootstrap()`, `main().catch(…)`), never inside a function or handed on.
   */
  private startupFunctions(): Set<string> {
    if (this.startup) return this.startup;
    const declared = new Map<string, ts.Node>();
    for (const st of this.sf.statements) {
      const exported = ts.getModifiers(st as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      if (exported) continue;
      if (ts.isFunctionDeclaration(st) && st.name && st.body) declared.set(st.name.text, st.name);
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer && skipWrappers(d.initializer);
          if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) declared.set(d.name.text, d.name);
        }
      }
    }
    for (const name of this.unit.exportSources.keys()) declared.delete(name);
    for (const src of this.unit.exportSources.values()) if (src.kind === 'local') declared.delete(src.local);
    const called = new Set<string>();
    const visit = (n: ts.Node, parent: ts.Node, inFunction: boolean): void => {
      if (ts.isIdentifier(n) && declared.has(n.text) && declared.get(n.text) !== n) {
        const isCallee = ts.isCallExpression(parent) && parent.expression === n;
        if (inFunction || !isCallee) declared.delete(n.text);
        else called.add(n.text);
      }
      ts.forEachChild(n, (child) => visit(child, n, inFunction || ts.isFunctionLike(n)));
    };
    visit(this.sf, this.sf, false);
    this.startup = new Set([...declared.keys()].filter((n) => called.has(n)));
    return this.startup;
  }

  report(host: StateHost): void {
    for (const c of [...this.candidates.values()].sort((a, b) => a.decl.pos - b.decl.pos)) {
      if (!c.mutated || c.handle) continue;
      const init = c.decl.initializer ? c.decl.initializer.getText(this.sf).replace(/\s+/g, ' ') : '';
      host.addRawSite(c.decl, 'session', MODULE_STATE, 'state', DEFAULT_WEIGHTS.state, `${c.name} = ${init.length > 40 ? init.slice(0, 37) + '...' : init}`);
      host.facts.sessions.push({ framework: MODULE_STATE, store: 'memory', file: this.unit.path, line: host.line(c.decl), detail: `module-level ${c.name} mutated by functions` });
      // Each read and write of it in a function changes when the state moves out of the process.
      for (const u of [...c.uses.values()].sort((a, b) => a.node.pos - b.node.pos)) {
        const kind = u.call ? 'call' : 'member';
        host.addRawSite(u.node, 'session', MODULE_STATE, kind, DEFAULT_WEIGHTS[kind], u.node.getText(this.sf).replace(/\s+/g, ' '));
      }
    }
  }
}

/**
 * `pool = createPool()` with `let pool = createPool()`, or `queue = null`: setting the binding back to how the
 * module starts it (reconnecting, or closing on shutdown) is the life cycle of a handle, not state.
 */
function resets(sf: ts.SourceFile, b: ts.BinaryExpression, decl: ts.VariableDeclaration): boolean {
  if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  if (isUnset(b.right)) return true;
  return !!decl.initializer && skipWrappers(b.right).getText(sf) === skipWrappers(decl.initializer).getText(sf);
}

/** Test files: `*.test.*`, `*.spec.*`, and anything under a `test`, `tests` or `__tests__` folder. */
/**
 * A reassignment that happens once per process and then only reads: a lazy singleton
 * (`if (!agent) agent = create()`, `domain ||= compute()`) or a once-flag (`ready = true`). Each process computing its own copy is
 * not state that goes wrong when a second process serves traffic, so it is not reported.
 */
function isOnceOnly(sf: ts.SourceFile, b: ts.BinaryExpression, name: string): boolean {
  // `domain ||= compute()`, `agent ??= create()`: the lazy singleton in one expression.
  if (b.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken || b.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken) return true;
  if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  if (b.right.kind === ts.SyntaxKind.TrueKeyword) return true;
  const up = ancestorsOf(sf, b);
  for (let p = up.pop(); p && !ts.isFunctionLike(p); p = up.pop()) {
    if (ts.isIfStatement(p) && guards(p.expression, name)) return true;
  }
  return false;
}

/** `!x`, `x == null`, `x === undefined`, `!x || …`: a condition that holds only while `x` is unset. */
function guards(cond: ts.Expression, name: string): boolean {
  const e = skipWrappers(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return ts.isIdentifier(skipWrappers(e.operand)) && (skipWrappers(e.operand) as ts.Identifier).text === name;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return guards(e.left, name) || guards(e.right, name);
    if (op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsEqualsToken) {
      const sides = [skipWrappers(e.left), skipWrappers(e.right)];
      const isName = sides.some((x) => ts.isIdentifier(x) && x.text === name);
      return isName && sides.some(isUnset);
    }
  }
  return false;
}

function isContainer(init: ts.Expression): boolean {
  const e = skipWrappers(init);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) return CONTAINERS.has(e.expression.text);
  if (ts.isObjectLiteralExpression(e)) return e.properties.length === 0;
  if (ts.isArrayLiteralExpression(e)) return e.elements.length === 0;
  // Object.create(null), the classic dictionary.
  const callee = ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) ? e.expression : undefined;
  if (callee && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'create') return true;
  return false;
}

/** The name a function is declared under (`function main() {}`, `const main = async () => {}`), given its parent. */
function functionName(fn: ts.Node, parent: ts.Node | undefined): string | undefined {
  if (ts.isFunctionDeclaration(fn)) return fn.name?.text;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
}

/** `setInterval(…)`, `setTimeout(…)`, `setImmediate(…)`: Node's timers, whose result is a handle on the timer. */
function isTimer(e: ts.Expression): boolean {
  const x = skipWrappers(e);
  return ts.isCallExpression(x) && ts.isIdentifier(x.expression) && /^set(Interval|Timeout|Immediate)$/.test(x.expression.text);
}
