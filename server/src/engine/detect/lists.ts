/**
 * Lists as the detector sees them: arrays of entities or jobs a query or a queue handed back (`ListBinding`).
 * Handling the array is the project's; each element is the framework's, wherever the code takes one out: a
 * `for … of` loop, an array method's callback, `find()`, `[0]`, array destructuring, and the results of
 * `await Promise.all([…])` taken apart.
 */
import { ts } from 'ts-morph';
import type { Binding, FrameworkBinding, RowBinding } from '../bind/binding';
import { ELEMENT_CALLBACKS, listMethodResult, skipWrappers } from '../bind/binding';
import { awaited, evaluate, positionKey } from '../bind/evaluate';
import type { LocalParams } from './detect';
import type { ChainLink, DetectorHost } from './chain';
import { bindRow, tableOf } from './rows';

/** The detector's side that list reading needs. */
export interface ListHost extends DetectorHost {
  walk(node: ts.Node | undefined): void;
  /** Pushes a scope of names for the walk of `body`. */
  walkScoped(names: Map<string, Binding | null>, body: ts.Node): void;
  /** Parameter bindings of this module's own functions, read when the walk reaches them. */
  readonly localParams: LocalParams;
}

export class ListReader {
  constructor(private readonly d: ListHost) {}

  /**
   * `const [first] = users` (an element of a list); `const [jobs, failed] = await Promise.all([queue.getJobs(),
   * queue.getFailed()])`: each name is what awaiting its element gives.
   */
  destructured(pattern: ts.ArrayBindingPattern, initializer: ts.Expression, base: Binding | undefined, scope: Map<string, Binding | null>): void {
    const init = skipWrappers(initializer);
    const all = ts.isAwaitExpression(init) ? skipWrappers(init.expression) : undefined;
    const parts = all && ts.isCallExpression(all) && this.d.text(all.expression) === 'Promise.all' && all.arguments.length === 1 && ts.isArrayLiteralExpression(all.arguments[0]) ? all.arguments[0].elements : undefined;
    pattern.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el) || !ts.isIdentifier(el.name) || el.dotDotDotToken) return;
      const part = parts?.[i];
      const b = part && !ts.isSpreadElement(part) ? awaited(part, this.d.scope, this.d.ctx) : base?.kind === 'list' && base.method === undefined ? base.element : undefined;
      scope.set(el.name.text, b ?? null);
    });
  }

  /** `for (const user of users)`: over a list, the loop's variable is each element. */
  walkForOf(st: ts.ForOfStatement): void {
    this.d.walk(st.expression);
    const list = evaluate(st.expression, this.d.scope, this.d.ctx);
    const decl = ts.isVariableDeclarationList(st.initializer) && st.initializer.declarations.length === 1 ? st.initializer.declarations[0] : undefined;
    const table = !list && decl ? this.table(st.expression) : undefined;
    if (table && decl) {
      const names = new Map<string, Binding | null>();
      bindRow(table, decl.name, names);
      return this.d.walkScoped(names, st.statement);
    }
    if (list?.kind !== 'list' || list.method !== undefined || !decl || !ts.isIdentifier(decl.name)) {
      this.d.walk(st.initializer);
      return this.d.walk(st.statement);
    }
    this.d.walkScoped(new Map([[decl.name.text, list.element]]), st.statement);
  }

  /**
   * The callbacks of a chain's array methods on a list, handed its elements: `users.filter((u) => u.active).map((u)
   * => u.save())`, also on a list written in place (`[...a, ...b].map((job) => …)`). `root` is the chain's root
   * binding, when it has one.
   */
  chain(root: ts.Expression, rootBinding: Binding | undefined, links: ChainLink[]): void {
    const first = links[0];
    // `routes.forEach((r) => router.use(r.path, r.route))` over a table the project wrote: the callback takes its rows.
    const table = !rootBinding && first?.kind === 'property' && links[1]?.kind === 'call' && ELEMENT_CALLBACKS.get(first.name) === 0 ? this.table(root) : undefined;
    const callback = table && links[1].kind === 'call' && links[1].args[0] ? skipWrappers(links[1].args[0]) : undefined;
    if (table && callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) this.d.localParams.set(positionKey(this.d.ctx, callback), new Map([[0, table]]));
    const inPlace = !rootBinding && first?.kind === 'property' && links[1]?.kind === 'call' && ELEMENT_CALLBACKS.has(first.name) ? evaluate(root, this.d.scope, this.d.ctx) : undefined;
    let cur: Binding | undefined = rootBinding ?? inPlace;
    for (let i = 0; i + 1 < links.length && cur?.kind === 'list'; i += 2) {
      const [member, call] = [links[i], links[i + 1]];
      if (member.kind !== 'property' || call.kind !== 'call') return;
      const index = ELEMENT_CALLBACKS.get(member.name);
      const fn = call.args[0] ? skipWrappers(call.args[0]) : undefined;
      if (index !== undefined && fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && !returnsOnlyItsParameter(fn)) {
        this.d.localParams.set(positionKey(this.d.ctx, fn), new Map([[index, cur.element]]));
      }
      cur = listMethodResult(cur, member.name);
    }
  }

  /** The table a name of the module stands for (see rows.ts), unless a local of the same name hides it. */
  private table(e: ts.Expression): RowBinding | undefined {
    const x = skipWrappers(e);
    return ts.isIdentifier(x) && !this.d.isShadowed(x.text) ? tableOf(this.d.binder, this.d.unit, x.text) : undefined;
  }

  /** `users.find((u) => u.admin).save()`, `users[0].save()`: where a chain on a list reaches an element, and the element. */
  elementIn(links: ChainLink[]): { at: number; binding: FrameworkBinding } | undefined {
    for (let i = 0; i < links.length - 1; i++) {
      if (links[i].kind === 'property') continue;
      const v = evaluate(links[i].node, this.d.scope, this.d.ctx);
      if (v?.kind === 'framework' && !v.typeOnly && !v.memberOnly) return { at: i, binding: v };
      if (v?.kind !== 'list') return undefined;
    }
    return undefined;
  }
}

/** `(job) => job`, `(job) => { return job; }`: a predicate that only tests each element's presence uses nothing of the framework. */
function returnsOnlyItsParameter(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  const p = fn.parameters[0];
  if (!p || !ts.isIdentifier(p.name)) return false;
  const body = fn.body;
  const only = ts.isBlock(body) ? (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) ? body.statements[0].expression : undefined) : body;
  const id = only ? skipWrappers(only) : undefined;
  return !!id && ts.isIdentifier(id) && id.text === p.name.text;
}
