/**
 * Modules the program loads by a path it computes: the modules of a folder called with framework values
 * (`require('./routes/' + file)(app)`), a folder registry's models handed to the ORM's loader
 * (`sequelize.import(path.join(__dirname, file))`), and — where no followed code reaches them — exported
 * functions that register routes on a parameter, which the report names rather than leaving out silently.
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import type { Binding, FunctionBinding } from '../bind/binding';
import { literalText, skipWrappers } from '../bind/binding';
import { positionKey } from '../bind/evaluate';
import { isTestFile } from '../discover/testFiles';
import type { DetectorHost } from './chain';
import type { ParamBindings } from './detect';

/** What a load hands the loaded function: the detector binds its parameters (see `ModuleDetector.bindArgs`). */
interface Loader extends DetectorHost {
  bindArgs(callee: FunctionBinding, args: readonly (Binding | undefined)[]): void;
}

/** Each module of `folder` (the module itself and tests aside) is loaded and its export called with `args`. */
export function folderCall(d: Loader, folder: string, args: readonly (Binding | undefined)[]): void {
  for (const file of [...d.binder.units.keys()].sort()) {
    if (file === d.unit.path || posix.dirname(file) !== folder || isTestFile(file)) continue;
    d.binder.reads?.add(file);
    d.loads(file);
    const fn = d.binder.exportOf(file, 'default', new Set());
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
    const fn = d.binder.exportOf(file, 'default', new Set());
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
  if (!text.includes("('/") && !text.includes('("/') && !text.includes('(`/')) return [];
  const methods = new Set<string>();
  for (const p of d.binder.packs.byId.values()) {
    for (const m of Object.keys(p.routes?.methods ?? {})) methods.add(m);
    if (p.routes?.routeChain) methods.add(p.routes.routeChain);
  }
  const out: { line: number; param: string; calls: number; first: string }[] = [];
  const seen = new Set<ts.Node>();
  for (const src of d.unit.exportSources.values()) {
    const fn = src.kind === 'expr' ? skipWrappers(src.expr) : src.kind === 'node' ? src.node : src.kind === 'local' ? topFunction(d.sf, src.local) : undefined;
    if (!fn || seen.has(fn) || !(ts.isFunctionExpression(fn) || ts.isArrowFunction(fn) || ts.isFunctionDeclaration(fn))) continue;
    seen.add(fn);
    const param = fn.parameters[0]?.name;
    if (!param || !ts.isIdentifier(param) || params.get(positionKey(d.ctx, fn))?.has(0)) continue;
    let calls = 0;
    let first: string | undefined;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === param.text && methods.has(n.expression.name.text)) {
        const path = n.arguments[0] ? literalText(n.arguments[0]) : undefined;
        if (path?.startsWith('/')) {
          calls++;
          first ??= `${param.text}.${n.expression.name.text}('${path}')`;
        }
      }
      ts.forEachChild(n, visit);
    };
    if (fn.body) visit(fn.body);
    if (calls) out.push({ line: d.line(fn), param: param.text, calls, first: first! });
  }
  return out;
}

/** A function the module declares at the top level under `name` (a declaration or a `const` holding one). */
function topFunction(sf: ts.SourceFile, name: string): ts.Node | undefined {
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return skipWrappers(d.initializer);
  }
  return undefined;
}
