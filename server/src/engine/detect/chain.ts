/**
 * Expression chains (`root.a.b(…).c`) as the detector sees them, the detector's side that the inventory readers
 * use, and small helpers shared by them.
 */
import { ts } from 'ts-morph';
import type { Concern, CouplingSite, SiteKind } from '../model';
import type { FrameworkBinding } from '../bind/binding';
import { isUnset, skipWrappers } from '../bind/binding';
import type { EvalContext, Scope } from '../bind/evaluate';
import type { ProgramBinder } from '../bind/bind';
import type { ModuleUnit } from '../bind/module';
import type { RulePack } from '../../rules/rulePack';
import type { ModuleFacts } from './facts';

export type ChainLink =
  | { kind: 'property'; name: string; node: ts.Expression }
  | { kind: 'call' | 'new' | 'element'; args: readonly ts.Expression[]; node: ts.Expression };

/**
 * `queue`, `!worker`, `client == null`, `x !== undefined`: a test of whether a variable holds anything at all,
 * and the variable it tests.
 */
export function presenceTested(e: ts.Expression): ts.Identifier | undefined {
  let x = skipWrappers(e);
  while (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) x = skipWrappers(x.operand);
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    const equality = op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken;
    if (!equality) return undefined;
    x = isUnset(x.right) ? skipWrappers(x.left) : isUnset(x.left) ? skipWrappers(x.right) : x;
  }
  return ts.isIdentifier(x) && x.text !== 'undefined' ? x : undefined;
}

/** Splits `a.b(x).c` into its root `a` and links [.b, (x), .c]. */
export function chainOf(top: ts.Expression): { root: ts.Expression; links: ChainLink[] } {
  const links: ChainLink[] = [];
  let e: ts.Expression = top;
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else if (ts.isCallExpression(e)) {
      links.unshift({ kind: 'call', args: e.arguments, node: e });
      e = e.expression;
    } else if (ts.isNewExpression(e)) {
      links.unshift({ kind: 'new', args: e.arguments ?? [], node: e });
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e)) {
      links.unshift({ kind: 'property', name: e.name.text, node: e });
      e = e.expression;
    } else if (ts.isElementAccessExpression(e)) {
      links.unshift({ kind: 'element', args: [e.argumentExpression], node: e });
      e = e.expression;
    } else break;
  }
  return { root: e, links };
}

/** The parts of the module detector the inventory reader uses. */
export interface DetectorHost {
  readonly facts: ModuleFacts;
  readonly ctx: EvalContext;
  readonly scope: Scope;
  readonly binder: ProgramBinder;
  readonly unit: ModuleUnit;
  /** The tree being walked (read once; the unit's `sf` may be a later parse). */
  readonly sf: ts.SourceFile;
  line(node: ts.Node): number;
  text(node: ts.Node): string;
  /** Whether a local of a function being walked hides the module's top-level name. */
  isShadowed(name: string): boolean;
  /** The body of the outermost function being walked; undefined at the top level. */
  outermostBody(): ts.Node | undefined;
  /** The initializer of a `const` declared right in the body of a function being walked, innermost first. */
  localInitializer(name: string): ts.Expression | undefined;
  /** A module the program loads from this one at run time (a folder's modules): a dependency, as an import is. */
  loads(file: string): void;
}

/**
 * The package export an expression names through the module's imports: `express.static` → express's `static`,
 * `sync` of `const { sync } = require('glob')` → glob's `sync`, a default or namespace import alone → `default`.
 * Undefined for anything else, or when a local hides the imported name.
 */
export function packageExport(d: DetectorHost, e: ts.Expression): { specifier: string; name: string } | undefined {
  let root = skipWrappers(e);
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(root)) {
    member = root.name.text;
    root = skipWrappers(root.expression);
  }
  if (!ts.isIdentifier(root) || d.isShadowed(root.text)) return undefined;
  const local = root.text;
  for (const fact of d.unit.imports) {
    const n = fact.resolution.kind === 'package' && !fact.nested ? fact.names.find((x) => x.local === local) : undefined;
    if (!n) continue;
    const whole = n.imported === 'default' || n.imported === '*';
    const name = member !== undefined ? (whole ? member : undefined) : whole ? 'default' : n.imported;
    return name === undefined ? undefined : { specifier: fact.written ?? fact.specifier, name };
  }
  return undefined;
}

/** The rule pack of a bound value. */
export function packOf(d: DetectorHost, b: FrameworkBinding): RulePack | undefined {
  return d.binder.packs.byId.get(b.pack);
}

/** The role of a bound value, with a package's own root taking the pack's `moduleRole` (node-cron: scheduler). */
export function effectiveRole(d: DetectorHost, b: FrameworkBinding): string {
  if (b.role === 'module' && b.path.length === 0) return packOf(d, b)?.moduleRole ?? 'module';
  return b.role;
}

/** An object literal argument, or a constant of the module holding one. */
export function objectLiteralIn(unit: ModuleUnit, a: ts.Expression): ts.ObjectLiteralExpression | undefined {
  const e = skipWrappers(a);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (!ts.isIdentifier(e)) return undefined;
  for (const st of unit.sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const decl of st.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && decl.name.text === e.text && decl.initializer && ts.isObjectLiteralExpression(skipWrappers(decl.initializer))) {
        return skipWrappers(decl.initializer) as ts.ObjectLiteralExpression;
      }
    }
  }
  return undefined;
}

/** How a handler or middleware argument reads in the inventory: its name, or where it is written. */
export function handlerName(d: DetectorHost, h: ts.Expression): string {
  const e = skipWrappers(h);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e)) return d.text(e);
  if (ts.isCallExpression(e)) return `${d.text(e.expression)}(…)`;
  return `${d.unit.path}:${d.line(e)}`;
}
/** The callee path of a chain without arguments: `prisma.user.findMany`, `this.repo.find`, `new Queue`. */
export function chainText(top: ts.Expression, sf: ts.SourceFile): string {
  const parts: string[] = [];
  let e: ts.Expression = top;
  let isNew = false;
  for (;;) {
    e = skipWrappers(e);
    if (ts.isCallExpression(e)) e = e.expression;
    else if (ts.isNewExpression(e)) {
      isNew = true;
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e)) {
      parts.unshift(e.name.text);
      e = e.expression;
    } else if (ts.isElementAccessExpression(e)) {
      parts.unshift(`[${e.argumentExpression.getText(sf)}]`);
      e = e.expression;
    } else break;
  }
  // A short root written out (`(trx ?? knex)`), a long one elided.
  const short = (x: ts.Expression) => {
    const text = x.getText(sf).replace(/\s+/g, ' ');
    return text.length <= 24 ? `(${text})` : '…';
  };
  const rootText = e.kind === ts.SyntaxKind.ThisKeyword ? 'this' : ts.isIdentifier(e) ? e.text : ts.isBinaryExpression(e) || ts.isConditionalExpression(e) ? short(e) : '…';
  return (isNew ? 'new ' : '') + [rootText, ...parts].join('.').replace(/\.\[/g, '[');
}

/** A coupling site at `node` of the module `file` (whose tree is `sf`). */
export function siteAt(sf: ts.SourceFile, file: string, node: ts.Node, concern: Concern, framework: string, kind: SiteKind, weight: number, text: string): CouplingSite {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.getEnd());
  return { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, concern, framework, kind, weight, text: shorten(text) };
}

export function shorten(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}
