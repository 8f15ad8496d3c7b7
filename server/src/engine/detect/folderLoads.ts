/**
 * Modules the program loads by a path it computes: the modules of a folder called with framework values
 * (`require('./routes/' + file)(app)`), a folder registry's models handed to the ORM's loader
 * (`sequelize.import(path.join(__dirname, file))`), and — where no followed code reaches them — exported
 * functions that register routes on a parameter, which the report names rather than leaving out silently.
 */
import { posix } from 'path';
import picomatch from 'picomatch';
import { ts } from 'ts-morph';
import type { Binding, FunctionBinding } from '../bind/binding';
import { hereRelative, literalText, objectProperty, skipWrappers } from '../bind/binding';
import { positionKey, stringArg } from '../bind/evaluate';
import { ancestorsOf } from '../bind/ancestry';
import { folderOf } from './mountSources';
import { isTestFile } from '../discover/testFiles';
import type { DetectorHost } from './chain';
import { packageExport } from './chain';
import type { ParamBindings } from './detect';

/** What a load hands the loaded function: the detector binds its parameters (see `ModuleDetector.bindArgs`). */
interface Loader extends DetectorHost {
  bindArgs(callee: FunctionBinding, args: readonly (Binding | undefined)[]): void;
}

/**
 * The modules `require(arg)` loads when `arg` names them at run time: those of a folder written from the module's
 * own (`path.join(__dirname, 'routes', file)`, `'./routes/' + file`), or those a glob lists when `arg` is an element
 * of it (`glob.sync(path.join(__dirname, 'routes/*.js')).forEach((file) => require(file)(app))`, `sync('../routes/**
 * /*.routes.js', { cwd: __dirname })`; a pattern relative to neither is read from the workspace root, where such
 * apps are started). The module itself and test files aside, in path order; undefined when `arg` is neither.
 */
export function requiredFiles(d: DetectorHost, arg: ts.Expression): string[] | undefined {
  const folder = folderOf(d, arg, true);
  const pattern = folder === undefined ? globbed(d, arg) : undefined;
  if (folder === undefined && pattern === undefined) return undefined;
  const match = pattern !== undefined ? picomatch(pattern) : undefined;
  return [...d.binder.units.keys()]
    .filter((f) => f !== d.unit.path && !isTestFile(f) && (match ? match(f) : posix.dirname(f) === folder))
    .sort();
}

/** The workspace-relative pattern of the glob `arg` is an element of, read as `requiredFiles` says. */
function globbed(d: DetectorHost, arg: ts.Expression): string | undefined {
  let x = skipWrappers(arg);
  // `require(path.resolve(file))`
  if (ts.isCallExpression(x) && x.arguments.length === 1 && ts.isPropertyAccessExpression(x.expression) && /^(resolve|join|normalize)$/.test(x.expression.name.text)) x = skipWrappers(x.arguments[0]);
  if (!ts.isIdentifier(x)) return undefined;
  const name = x.text;
  const up = ancestorsOf(d.sf, x);
  for (let i = up.length - 1; i >= 1; i--) {
    const fn = up[i];
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) continue;
    const p = fn.parameters[0]?.name;
    if (!p || !ts.isIdentifier(p) || p.text !== name) return undefined;
    const loop = up[i - 1];
    if (!ts.isCallExpression(loop) || !ts.isPropertyAccessExpression(loop.expression) || !/^(forEach|map)$/.test(loop.expression.name.text)) return undefined;
    let list = skipWrappers(loop.expression.expression);
    if (ts.isIdentifier(list)) list = d.localInitializer(list.text) ?? ownDeclaration(d, list.text) ?? list;
    return ts.isCallExpression(list) && isGlobCall(d, list) ? globPattern(d, list) : undefined;
  }
  return undefined;
}

const GLOB_PACKAGES = new Set(['glob', 'fast-glob', 'globby']);

/** `glob.sync(…)`, `sync(…)`, `globSync(…)`, `fg.sync(…)`, `globby.sync(…)`, `globbySync(…)` of a glob package. */
function isGlobCall(d: DetectorHost, call: ts.CallExpression): boolean {
  const exp = packageExport(d, call.expression);
  return exp !== undefined && GLOB_PACKAGES.has(exp.specifier) && /^(sync|globSync|globbySync)$/.test(exp.name);
}

function globPattern(d: DetectorHost, call: ts.CallExpression): string | undefined {
  const [first, options] = call.arguments;
  if (!first) return undefined;
  const str = (e: ts.Expression) => stringArg(d.ctx, e);
  const here = hereRelative(first, str);
  const dir = posix.dirname(d.unit.path);
  if (here !== undefined) return normalized(posix.join(dir, here));
  const text = str(first);
  if (text === undefined || posix.isAbsolute(text)) return undefined;
  const cwd = options ? objectProperty(options, 'cwd') : undefined;
  if (!cwd) return normalized(text);
  const base = hereRelative(cwd, str);
  return base === undefined ? undefined : normalized(posix.join(dir, base, text));
}

/** A pattern with `./` and `..` resolved; undefined when it leaves the workspace. */
function normalized(pattern: string): string | undefined {
  const p = posix.normalize(pattern).replace(/^\.\//, '');
  return p.startsWith('..') ? undefined : p;
}

/** The initializer of a top-level variable the module itself declares. */
function ownDeclaration(d: DetectorHost, name: string): ts.Expression | undefined {
  const decl = d.binder.declarationOf(d.unit, name);
  return decl?.unit === d.unit ? skipWrappers(decl.expr) : undefined;
}

/** Each module `require(arg)` loads (see `requiredFiles`) is loaded and its export called with `args`. */
export function folderCall(d: Loader, files: readonly string[], args: readonly (Binding | undefined)[]): void {
  for (const file of files) {
    d.binder.reads?.add(file);
    d.loads(file);
    const fn = d.binder.exportOf(file, 'default');
    if (fn?.kind === 'function') d.bindArgs(fn, args);
  }
}

/** `sequelize.import(path.join(__dirname, file))` of a folder registry: each module's function is handed `sequelize`. */
export function registryImports(d: Loader): void {
  const loader = d.unit.registry?.loader;
  if (loader?.kind !== 'import') return;
  const by = d.binder.evalTop(d.unit, loader.by);
  for (const file of d.binder.registryFiles(d.unit)) {
    d.binder.reads?.add(file);
    const fn = d.binder.exportOf(file, 'default');
    if (fn?.kind === 'function') d.bindArgs(fn, [by]);
  }
}

/**
 * Exported functions registering routes on their first parameter (`app.route('/api/articles')`, `app.get('/health',
 * h)`) that no followed caller hands an app — MEAN.js loads its route files from glob patterns in a config module.
 * Their routes cannot be listed; the report says so rather than staying silent.
 */
export function unreachedRoutes(d: DetectorHost, params: ParamBindings): { line: number; param: string; calls: number; first: string }[] {
  const text = d.unit.text;
  // No string starting with '/': no route path to find.
  if (!text.includes("'/") && !text.includes('"/') && !text.includes('`/')) return [];
  const methods = new Set<string>();
  // Hapi's `server.route({ method: 'GET', path: '/x', … })`: route objects, by the call and their path fields.
  const objects = new Map<string, string[]>();
  for (const p of d.binder.packs.byId.values()) {
    for (const m of Object.keys(p.routes?.methods ?? {})) methods.add(m);
    if (p.routes?.routeChain) methods.add(p.routes.routeChain);
    if (p.routes?.routeObject) objects.set(p.routes.routeObject.call, p.routes.routeObject.pathFields);
  }
  const objectPaths = (call: string, arg: ts.Expression | undefined): string[] => {
    const fields = objects.get(call);
    const x = arg ? skipWrappers(arg) : undefined;
    if (!fields || !x) return [];
    const rows = ts.isArrayLiteralExpression(x) ? x.elements.map((e) => skipWrappers(e)) : [x];
    return rows.flatMap((row) => {
      const path = ts.isObjectLiteralExpression(row) ? fields.map((f) => literalText(objectProperty(row, f))).find((p) => p !== undefined) : undefined;
      return path?.startsWith('/') ? [path] : [];
    });
  };
  const out: { line: number; param: string; calls: number; first: string }[] = [];
  const seen = new Set<ts.Node>();
  for (const src of d.unit.exportSources.values()) {
    const fn = src.kind === 'expr' ? skipWrappers(src.expr) : src.kind === 'node' ? src.node : src.kind === 'local' ? (d.sf.statements.find((st) => ts.isFunctionDeclaration(st) && st.name?.text === src.local) ?? ownDeclaration(d, src.local)) : undefined;
    if (!fn || seen.has(fn) || !(ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn))) continue;
    seen.add(fn);
    const param = fn.parameters[0]?.name;
    if (!param || !ts.isIdentifier(param) || params.get(positionKey(d.ctx, fn))?.has(0)) continue;
    let calls = 0;
    let first: string | undefined;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === param.text && (methods.has(n.expression.name.text) || objects.has(n.expression.name.text))) {
        const member = n.expression.name.text;
        const path = n.arguments[0] ? literalText(n.arguments[0]) : undefined;
        const paths = path?.startsWith('/') ? [path] : objectPaths(member, n.arguments[0]);
        calls += paths.length;
        if (paths.length) first ??= `${param.text}.${member}(${path !== undefined ? `'${path}'` : `{ path: '${paths[0]}' }`})`;
      }
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
    if (calls) out.push({ line: d.line(fn), param: param.text, calls, first: first! });
  }
  return out;
}
