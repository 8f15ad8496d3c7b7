/**
 * Tables the project wrote and iterates: `const routes = [{ path: '/auth', route: authRoute }, …]` taken row by
 * row by `routes.forEach((r) => router.use(r.path, r.route))`, `for (const { path, route } of routes)` or
 * `routes.map((r) => server.route(r))`. The callback's parameter (or the loop's variable) is a `RowBinding`; what
 * a mount or a route registration reads off it is read off each row, in the module that wrote the row.
 */
import { ts } from 'ts-morph';
import type { Binding, RowBinding } from '../bind/binding';
import { objectProperty, returnedExpression, skipWrappers } from '../bind/binding';
import type { EvalContext, Scope } from '../bind/evaluate';
import { nodeAt } from '../bind/ancestry';
import type { ProgramBinder } from '../bind/bind';
import type { ModuleUnit } from '../bind/module';
import type { DetectorHost } from './chain';

/** One row of a table: an object literal, in the module that wrote it. */
export interface Row {
  unit: ModuleUnit;
  object: ts.ObjectLiteralExpression;
  /** A project function mapped the row before the framework saw it: framework field → the row's field (`path` → `url`). */
  rename?: ReadonlyMap<string, string>;
}

/** A field of a row, by the name the framework reads (renamed where a project mapper renamed it). */
export function rowField(row: { object: ts.ObjectLiteralExpression; rename?: ReadonlyMap<string, string> }, name: string): ts.Expression | undefined {
  return objectProperty(row.object, row.rename?.get(name) ?? name);
}

/** An expression read off a row, with what evaluates it where the row was written. */
export interface RowValue {
  expr: ts.Expression;
  ctx: EvalContext;
  scope: Scope;
}

const MAX_DEPTH = 4;

/**
 * The table a top-level name of `unit` (own or imported) stands for: an array literal holding at least one
 * object literal, directly, through a constant, or spread in from another table.
 */
export function tableOf(binder: ProgramBinder, unit: ModuleUnit, name: string): RowBinding | undefined {
  const decl = binder.declarationOf(unit, name);
  let arr = decl ? skipWrappers(decl.expr) : undefined;
  let at = decl?.unit;
  // `const routes = require('./create-routes')`, a module exporting the table.
  const req = at && arr ? requiredExport(binder, at, arr) : undefined;
  if (req) [arr, at] = [req.expr, req.unit];
  if (!at || !arr || !ts.isArrayLiteralExpression(arr)) return undefined;
  const table: RowBinding = { kind: 'row', file: at.path, pos: arr.pos, end: arr.end };
  return rowsOf(binder, table).length ? table : undefined;
}

/** The rows of a table, in order; `sf` is the tree the caller holds for the table's module, if it holds one. */
export function rowsOf(binder: ProgramBinder, table: RowBinding, sf?: ts.SourceFile): Row[] {
  const unit = binder.units.get(table.file);
  if (!unit) return [];
  binder.reads?.add(unit.path);
  const arr = nodeAt(sf ?? unit.sf, table.pos, table.end, ts.SyntaxKind.ArrayLiteralExpression) as ts.ArrayLiteralExpression | undefined;
  const out: Row[] = [];
  if (arr) collect(binder, unit, arr, out, 0);
  return out;
}

function collect(binder: ProgramBinder, unit: ModuleUnit, arr: ts.ArrayLiteralExpression, out: Row[], depth: number, rename?: ReadonlyMap<string, string>): void {
  for (const el of arr.elements) {
    const spread = ts.isSpreadElement(el);
    const e = skipWrappers(spread ? el.expression : el);
    if (!spread && ts.isObjectLiteralExpression(e)) {
      out.push({ unit, object: e, ...(rename ? { rename } : {}) });
      continue;
    }
    if (!ts.isIdentifier(e) || depth >= MAX_DEPTH) continue;
    const decl = binder.declarationOf(unit, e.text);
    let x = decl ? skipWrappers(decl.expr) : undefined;
    let at = decl?.unit;
    // `const feedRoutes = require('./feed/create-routes')`: what that module exports.
    const req = at && x ? requiredExport(binder, at, x) : undefined;
    if (req) [x, at] = [req.expr, req.unit];
    if (!at || !x) continue;
    const mapped = spread ? mappedRows(binder, at, x) : undefined;
    if (spread && ts.isArrayLiteralExpression(x)) collect(binder, at, x, out, depth + 1, rename);
    else if (mapped) collect(binder, mapped.unit, mapped.array, out, depth + 1, chain(rename, mapped.rename));
    else if (!spread && ts.isObjectLiteralExpression(x)) out.push({ unit: at, object: x, ...(rename ? { rename } : {}) });
  }
}

/** A `require('./x')` call of `unit`: the expression module `./x` exports (`module.exports = …`). */
function requiredExport(binder: ProgramBinder, unit: ModuleUnit, x: ts.Expression): { unit: ModuleUnit; expr: ts.Expression } | undefined {
  if (!ts.isCallExpression(x) || !ts.isIdentifier(x.expression) || x.expression.text !== 'require') return undefined;
  const fact = unit.imports.find((f) => f.node.pos === x.pos && f.node.end === x.end);
  const target = fact?.resolution.kind === 'project' ? binder.units.get(fact.resolution.file) : undefined;
  const src = target ? (target.exportSources.get('*') ?? target.exportSources.get('default')) : undefined;
  if (!target || src?.kind !== 'expr') return undefined;
  binder.reads?.add(target.path);
  return { unit: target, expr: skipWrappers(src.expr) };
}

/**
 * `createRoutes([...routes])` with `createRoutes = (rows) => rows.map(createRoute)` and `createRoute = ({ method,
 * url, handler }) => ({ method, path: url, handler })`: the array the project function maps row by row, and the
 * fields its mapper renames (`path` → `url`).
 */
function mappedRows(binder: ProgramBinder, unit: ModuleUnit, x: ts.Expression): { unit: ModuleUnit; array: ts.ArrayLiteralExpression; rename: Map<string, string> } | undefined {
  if (!ts.isCallExpression(x) || !ts.isIdentifier(x.expression) || x.arguments.length < 1) return undefined;
  const fnDecl = binder.declarationOf(unit, x.expression.text);
  const fn = fnDecl ? skipWrappers(fnDecl.expr) : undefined;
  if (!fnDecl || !fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return undefined;
  const list = fn.parameters[0]?.name;
  const call = returnedExpression(fn);
  if (!list || !ts.isIdentifier(list) || !call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const over = skipWrappers(call.expression.expression);
  if (call.expression.name.text !== 'map' || !ts.isIdentifier(over) || over.text !== list.text || !call.arguments[0]) return undefined;
  let mapper: ts.Expression | undefined = skipWrappers(call.arguments[0]);
  if (ts.isIdentifier(mapper)) {
    const m = binder.declarationOf(fnDecl.unit, mapper.text);
    mapper = m ? skipWrappers(m.expr) : undefined;
  }
  if (!mapper || !(ts.isArrowFunction(mapper) || ts.isFunctionExpression(mapper))) return undefined;
  const rename = mapperFields(mapper);
  let arg = skipWrappers(x.arguments[0]);
  // `createRoutes(routes.map(addPrefetch))` with `addPrefetch = (r) => R.merge(r, { prefetch: false })`: the same rows.
  if (ts.isCallExpression(arg) && ts.isPropertyAccessExpression(arg.expression) && arg.expression.name.text === 'map' && arg.arguments[0]) {
    let each: ts.Expression | undefined = skipWrappers(arg.arguments[0]);
    if (ts.isIdentifier(each)) {
      const d = binder.declarationOf(unit, each.text);
      each = d ? skipWrappers(d.expr) : undefined;
    }
    if (!each || !(ts.isArrowFunction(each) || ts.isFunctionExpression(each)) || !keepsRow(each)) return undefined;
    arg = skipWrappers(arg.expression.expression);
  }
  let at = unit;
  if (ts.isIdentifier(arg)) {
    const d = binder.declarationOf(unit, arg.text);
    if (!d) return undefined;
    [arg, at] = [skipWrappers(d.expr), d.unit];
  }
  return rename && ts.isArrayLiteralExpression(arg) ? { unit: at, array: arg, rename } : undefined;
}

/** Merge functions that copy their arguments' fields into one object (Ramda, Lodash, `Object.assign`). */
const MERGES = new Set(['merge', 'mergeRight', 'mergeLeft', 'assign', 'extend', 'defaults']);

/**
 * `(r) => R.merge(r, { prefetch: false })`, `(r) => ({ ...r, auth: false })`, `(r) => Object.assign({}, r, { … })`:
 * a mapper that hands each row on with fields added.
 */
function keepsRow(fn: ts.ArrowFunction | ts.FunctionExpression): boolean {
  const p = fn.parameters[0]?.name;
  const out = returnedExpression(fn);
  if (!p || !ts.isIdentifier(p) || !out) return false;
  const isRow = (e: ts.Expression) => {
    const x = skipWrappers(e);
    return ts.isIdentifier(x) && x.text === p.text;
  };
  if (ts.isObjectLiteralExpression(out)) return out.properties.length > 0 && ts.isSpreadAssignment(out.properties[0]) && isRow(out.properties[0].expression);
  if (!ts.isCallExpression(out)) return false;
  const callee = skipWrappers(out.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  return name !== undefined && MERGES.has(name) && out.arguments.some(isRow);
}

/** `({ method, url: u, handler }) => ({ method, path: u, … })`: each output field read from a destructured input field. */
function mapperFields(fn: ts.ArrowFunction | ts.FunctionExpression): Map<string, string> | undefined {
  const pattern = fn.parameters[0]?.name;
  if (!pattern || !ts.isObjectBindingPattern(pattern)) return undefined;
  const fieldOf = new Map<string, string>();
  for (const el of pattern.elements) {
    if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
    fieldOf.set(el.name.text, el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text);
  }
  let out = returnedExpression(fn);
  // `const route = { … }; …; return route;`
  if (out && ts.isIdentifier(out) && fn.body && ts.isBlock(fn.body)) {
    const name = out.text;
    const st = fn.body.statements.find((s): s is ts.VariableStatement => ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));
    const d = st?.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
    out = d?.initializer ? skipWrappers(d.initializer) : undefined;
  }
  if (!out || !ts.isObjectLiteralExpression(out)) return undefined;
  const rename = new Map<string, string>();
  for (const p of out.properties) {
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    const from = ts.isShorthandPropertyAssignment(p) ? p.name : ts.isPropertyAssignment(p) ? skipWrappers(p.initializer) : undefined;
    const field = from && ts.isIdentifier(from) ? fieldOf.get(from.text) : undefined;
    if (key !== undefined && field !== undefined && field !== key) rename.set(key, field);
  }
  return rename;
}


/** `outer` then `inner`: the row's field for a framework field, through two mappers. */
function chain(outer: ReadonlyMap<string, string> | undefined, inner: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  if (!outer) return inner;
  const out = new Map<string, string>();
  for (const key of new Set([...outer.keys(), ...inner.keys()])) {
    const mid = outer.get(key) ?? key;
    const last = inner.get(mid) ?? mid;
    if (last !== key) out.set(key, last);
  }
  return out;
}

/** What a parameter or loop variable given a row binds its names to: the row, or each destructured field of it. */
export function bindRow(row: RowBinding, name: ts.BindingName, scope: Map<string, Binding | null>): void {
  if (ts.isIdentifier(name)) {
    scope.set(name.text, row);
    return;
  }
  if (!ts.isObjectBindingPattern(name) || row.field !== undefined) return;
  for (const el of name.elements) {
    if (!ts.isIdentifier(el.name) || el.dotDotDotToken) continue;
    const field = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
    scope.set(el.name.text, { ...row, field });
  }
}

/** The row an argument reads from: `r.path` with `r` a row, or `path` destructured from one. */
export function rowRead(d: DetectorHost, e: ts.Expression): { row: RowBinding; field: string | undefined } | undefined {
  const x = skipWrappers(e);
  if (ts.isIdentifier(x)) {
    const b = d.scope(x.text);
    return b?.kind === 'row' ? { row: b, field: b.field } : undefined;
  }
  if (ts.isPropertyAccessExpression(x) && ts.isIdentifier(x.expression)) {
    const b = d.scope(x.expression.text);
    return b?.kind === 'row' && b.field === undefined ? { row: b, field: x.name.text } : undefined;
  }
  return undefined;
}

/** The first table any of the arguments reads a row of. */
export function tableRead(d: DetectorHost, args: readonly ts.Expression[]): RowBinding | undefined {
  for (const a of args) {
    const r = rowRead(d, a);
    if (r) return r.row;
  }
  return undefined;
}

/**
 * What an argument is in one row: the row's field it reads (evaluated where the row was written), or the
 * argument itself when it reads no row of `table`. Undefined for a field the row does not have.
 */
export function valueInRow(d: DetectorHost, e: ts.Expression, table: RowBinding, row: Row): RowValue | undefined {
  const r = rowRead(d, e);
  if (!r || r.row.file !== table.file || r.row.pos !== table.pos) return { expr: e, ctx: d.ctx, scope: d.scope };
  if (r.field === undefined) return { expr: row.object, ...where(d, row.unit) };
  const v = objectProperty(row.object, r.field);
  return v ? { expr: v, ...where(d, row.unit) } : undefined;
}

function where(d: DetectorHost, unit: ModuleUnit): { ctx: EvalContext; scope: Scope } {
  // A row is written at the top level of its module: its names are that module's top-level bindings.
  return { ctx: unit === d.unit ? d.ctx : d.binder.context(unit), scope: (n) => unit.locals.get(n) };
}
