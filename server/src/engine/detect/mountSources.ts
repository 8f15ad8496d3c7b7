/**
 * Mounts whose child is not a value the binder knows: routers required from a folder at run time, and routers
 * that are a field of each element of a list a class is given (a seed for compose/mountLists.ts). Also where a
 * folder written with `__dirname` points.
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import type { FrameworkBinding } from '../bind/binding';
import { hereRelative, skipWrappers } from '../bind/binding';
import { stringArg } from '../bind/evaluate';
import { ancestorsOf } from '../bind/ancestry';
import type { DetectorHost } from './chain';
import { packOf } from './chain';
import { enclosingParam } from './wrapperSeeds';
import { requiredFiles } from './folderLoads';

/**
 * A folder given as `path.join(__dirname, 'routes')`, `join(import.meta.dirname, 'a', 'b')`, `path.resolve(…)`
 * or `${__dirname}/routes`: the workspace-relative folder, or undefined when it is not written out so.
 */
export function folderOf(d: DetectorHost, e: ts.Expression, dropLast = false): string | undefined {
  const rel = hereRelative(e, (x) => stringArg(d.ctx, x), dropLast);
  if (rel === undefined) return undefined;
  const folder = posix.normalize(posix.join(posix.dirname(d.unit.path), rel)).replace(/\/$/, '');
  return folder.startsWith('..') || posix.isAbsolute(folder) ? undefined : folder;
}

/**
 * `readdirSync(join(__dirname, 'api')).forEach((r) => { const route = require(join(__dirname, 'api', r));
 * app.use('/api', route.default || route) })`: each module of the folder the require names at run time is mounted
 * (its default export, when that is a router). The names are followed through the function's own constants.
 */
export function requiredFolder(d: DetectorHost, owner: FrameworkBinding, node: ts.Expression, prefix: string, line: number): boolean {
  let e = skipWrappers(node);
  for (let hops = 0; hops < 4; hops++) {
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) e = skipWrappers(e.right);
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'default') e = skipWrappers(e.expression);
    if (!ts.isIdentifier(e)) break;
    const init = d.localInitializer(e.text);
    if (!init) return false;
    e = skipWrappers(init);
  }
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require' || e.arguments.length !== 1) return false;
  const files = requiredFiles(d, e.arguments[0]);
  if (!files) return false;
  let any = false;
  for (const f of files) {
    d.binder.reads?.add(f);
    d.loads(f);
    const child = d.binder.exportOf(f, 'default');
    if (child?.kind !== 'framework' || packOf(d, child)?.concern !== 'routing') continue;
    d.facts.mounts.push({ parent: owner.key, child: child.key, prefix, file: d.unit.path, line });
    any = true;
  }
  return any;
}

/**
 * `controllers.forEach((controller) => this.app.use('/api', controller.router))` in a constructor or method
 * taking `controllers`: a seed for the composition, which reads the list where the class is made or called.
 */
export function listedMount(d: DetectorHost, owner: FrameworkBinding, node: ts.Expression, prefix: string, line: number): boolean {
  const x = skipWrappers(node);
  if (!ts.isPropertyAccessExpression(x) || !ts.isIdentifier(x.expression)) return false;
  const item = x.expression.text;
  const up = ancestorsOf(d.sf, x);
  for (let i = up.length - 1; i >= 2; i--) {
    const fn = up[i];
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) continue;
    if (!fn.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === item)) continue;
    // The callback of `list.forEach(…)` (or `for … of` is not a callback: left alone).
    const call = up[i - 1];
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'forEach') return false;
    const list = skipWrappers(call.expression.expression);
    if (!ts.isIdentifier(list)) return false;
    const outer = enclosingParam(up, list.text, i - 2);
    if (!outer?.cls || outer.member === undefined) return false;
    d.facts.mountSeeds.push({ parent: owner.key, prefix, file: d.unit.path, line, classPos: outer.cls.pos, member: outer.member, param: outer.param, field: x.name.text });
    return true;
  }
  return false;
}
