/**
 * Tables the project wrote and iterates: `const routes = [{ path: '/auth', route: authRoute }, …]` taken row by
 * row by `routes.forEach((r) => router.use(r.path, r.route))`, `for (const { path, route } of routes)` or
 * `routes.map((r) => server.route(r))`. The callback's parameter (or the loop's variable) is a `RowBinding`; what
 * a mount or a route registration reads off it is read off each row, in the module that wrote the row.
 */
import { ts } from 'ts-morph';
import type { Binding, RowBinding } from '../bind/binding';
import { objectProperty, skipWrappers } from '../bind/binding';
import type { EvalContext, Scope } from '../bind/evaluate';
import { nodeAt } from '../bind/ancestry';
import type { ProgramBinder } from '../bind/bind';
import type { ModuleUnit } from '../bind/module';
import type { DetectorHost } from './chain';

/** One row of a table: an object literal, in the module that wrote it. */
export interface Row {
  unit: ModuleUnit;
  object: ts.ObjectLiteralExpression;
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
  const arr = decl ? skipWrappers(decl.expr) : undefined;
  if (!decl || !arr || !ts.isArrayLiteralExpression(arr)) return undefined;
  const table: RowBinding = { kind: 'row', file: decl.unit.path, pos: arr.pos, end: arr.end };
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

function collect(binder: ProgramBinder, unit: ModuleUnit, arr: ts.ArrayLiteralExpression, out: Row[], depth: number): void {
  for (const el of arr.elements) {
    const spread = ts.isSpreadElement(el);
    const e = skipWrappers(spread ? el.expression : el);
    if (!spread && ts.isObjectLiteralExpression(e)) {
      out.push({ unit, object: e });
      continue;
    }
    if (!ts.isIdentifier(e) || depth >= MAX_DEPTH) continue;
    const decl = binder.declarationOf(unit, e.text);
    const x = decl ? skipWrappers(decl.expr) : undefined;
    if (!decl || !x) continue;
    if (spread && ts.isArrayLiteralExpression(x)) collect(binder, decl.unit, x, out, depth + 1);
    else if (!spread && ts.isObjectLiteralExpression(x)) out.push({ unit: decl.unit, object: x });
  }
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
