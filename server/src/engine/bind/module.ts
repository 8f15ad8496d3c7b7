/**
 * One analysed module: its parsed source and the import/export facts read from it in a single pass over
 * its top-level statements (every import form: ES, `import type`, `require`, `import x = require()`,
 * dynamic `import()`, `export … from`, CommonJS `module.exports`/`exports.x`).
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import type { Binding, FrameworkBinding } from './binding';
import { hereRelative, joinedString, literalText, skipWrappers, propName } from './binding';
import type { Resolution, Resolver } from '../resolve/resolve';
import { packageNameOf } from '../resolve/resolve';
import type { AstStore } from './astStore';
import { SCRIPT_RC_FILES } from '../discover/discover';

export type ImportForm = 'import' | 'require' | 'dynamic' | 'reexport' | 'import-equals';

export interface ImportedName {
  local: string;
  /** 'default', '*' (namespace / whole CommonJS module), or an export name. */
  imported: string;
  typeOnly: boolean;
}

export interface ImportFact {
  /** The module imported, as rule packs name packages (see `written`). */
  specifier: string;
  /** The specifier as the code writes it, when it differs: `src/generated/prisma/client` for `@prisma/client`. */
  written?: string;
  resolution: Resolution;
  form: ImportForm;
  typeOnly: boolean;
  names: ImportedName[];
  node: ts.Node;
  line: number;
  column: number;
  /** Only inside a function body (a lazy require or dynamic import). */
  nested: boolean;
}

export type ExportSource =
  | { kind: 'local'; local: string }
  | { kind: 'from'; from: ImportFact; imported: string }
  | { kind: 'expr'; expr: ts.Expression }
  | { kind: 'node'; node: ts.ClassDeclaration | ts.FunctionDeclaration | ts.ClassExpression | ts.MethodDeclaration };

export interface ModuleUnit {
  path: string;
  language: 'ts' | 'js';
  text: string;
  /**
   * The module's syntax tree, from the session's `AstStore`: it may be parsed again between two reads, so
   * code that compares nodes by identity reads it once and holds it (the detector does).
   */
  readonly sf: ts.SourceFile;
  lines: number;
  imports: ImportFact[];
  exportSources: Map<string, ExportSource>;
  starExports: ImportFact[];
  /** Top-level string constants (`const PREFIX = '/users'`), for route paths and queue names. */
  constants: Map<string, string>;
  /** Top-level bindings (imports and declarations); recomputed until the whole program settles. */
  locals: Map<string, Binding>;
  /** Names whose top-level binding is known not to be framework-bound (they shadow nothing else). */
  syntaxErrors: { line: number; column: number; message: string }[];
  /** The exported object is filled from the modules of a folder as the module loads (see `FolderRegistry`). */
  registry?: FolderRegistry;
}

/**
 * `fs.readdirSync(__dirname).forEach((file) => { const model = require(path.join(__dirname, file))(sequelize,
 * Sequelize); db[model.name] = model })` with `module.exports = db` (sequelize-cli's models/index.js): each
 * module of `folder` is loaded, and what it gives is the exported object's member named by its own name.
 */
export interface FolderRegistry {
  /** The folder, relative to the workspace. */
  folder: string;
  /**
   * How each module is loaded: its export itself (`require(p)`), its export called with these arguments
   * (`require(p)(sequelize, Sequelize)`), or handed to a framework value's loader (`sequelize.import(p)`).
   */
  loader: { kind: 'module' } | { kind: 'call'; args: readonly ts.Expression[] } | { kind: 'import'; by: ts.Expression };
}

export function scriptKindOf(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(path) || SCRIPT_RC_FILES.has(posix.basename(path))) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

export function parseModule(path: string, text: string): ts.SourceFile {
  // No parent pointers: they cost a third of the parse again on retained trees (ancestry.ts finds parents).
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, scriptKindOf(path));
}

/** Reads a module's facts from its freshly parsed tree; later reads of `sf` go through the store. */
export function readModule(path: string, sf: ts.SourceFile, resolver: Resolver, trees: AstStore): ModuleUnit {
  // As wc -l and editors count: a final newline does not start another line.
  const unit = newUnit(path, sf.text, trees, sf.getLineStarts().length - (/\r?\n$/.test(sf.text) ? 1 : 0));
  const diags = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  for (const d of diags.slice(0, 20)) {
    const lc = sf.getLineAndCharacterOfPosition(d.start);
    unit.syntaxErrors.push({ line: lc.line + 1, column: lc.character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') });
  }
  const addImport = (node: ts.Node, specifier: string, form: ImportForm, typeOnly: boolean, names: ImportedName[], nested: boolean): ImportFact => {
    const lc = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    const resolution = resolver.resolve(specifier, path);
    const fact: ImportFact = { specifier, resolution, form, typeOnly, names, node, line: lc.line + 1, column: lc.character + 1, nested };
    // A project path that stands for a package (a generated Prisma client) is matched as that package.
    if (resolution.kind === 'package' && resolution.name !== packageNameOf(specifier)) {
      fact.written = specifier;
      fact.specifier = resolution.name;
    }
    unit.imports.push(fact);
    return fact;
  };

  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const spec = literalText(st.moduleSpecifier);
      if (spec === undefined) continue;
      const clause = st.importClause;
      const typeOnly = !!clause?.isTypeOnly;
      const names: ImportedName[] = [];
      if (clause?.name) names.push({ local: clause.name.text, imported: 'default', typeOnly });
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.push({ local: nb.name.text, imported: '*', typeOnly });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) names.push({ local: el.name.text, imported: (el.propertyName ?? el.name).text, typeOnly: typeOnly || el.isTypeOnly });
      }
      addImport(st, spec, 'import', typeOnly || (names.length > 0 && names.every((n) => n.typeOnly)), names, false);
    } else if (ts.isImportEqualsDeclaration(st)) {
      const ref = st.moduleReference;
      if (ts.isExternalModuleReference(ref)) {
        const spec = literalText(ref.expression);
        if (spec !== undefined) addImport(st, spec, 'import-equals', st.isTypeOnly, [{ local: st.name.text, imported: '*', typeOnly: st.isTypeOnly }], false);
      }
    } else if (ts.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier ? literalText(st.moduleSpecifier) : undefined;
      const clause = st.exportClause;
      if (spec !== undefined) {
        const names: ImportedName[] = [];
        if (clause && ts.isNamedExports(clause)) {
          for (const el of clause.elements) names.push({ local: el.name.text, imported: (el.propertyName ?? el.name).text, typeOnly: st.isTypeOnly || el.isTypeOnly });
        } else if (clause && ts.isNamespaceExport(clause)) names.push({ local: clause.name.text, imported: '*', typeOnly: st.isTypeOnly });
        const fact = addImport(st, spec, 'reexport', st.isTypeOnly, names, false);
        if (!clause) unit.starExports.push(fact);
        for (const n of names) unit.exportSources.set(n.local, { kind: 'from', from: fact, imported: n.imported });
      } else if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) unit.exportSources.set(el.name.text, { kind: 'local', local: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isExportAssignment(st)) {
      // `export default x` and `export = x`
      unit.exportSources.set('default', { kind: 'expr', expr: st.expression });
      if (st.isExportEquals) unit.exportSources.set('*', { kind: 'expr', expr: st.expression });
      const v = skipWrappers(st.expression);
      if (ts.isObjectLiteralExpression(v)) objectExports(v, 'default.', unit, 1);
    } else if (ts.isVariableStatement(st)) {
      const exported = hasModifier(st, ts.SyntaxKind.ExportKeyword);
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) {
          if (exported) unit.exportSources.set(d.name.text, { kind: 'local', local: d.name.text });
          // A literal, or a template or `+` join of constants declared above (`const PATH_ONE = `${PATH}/:id``).
          const lit = d.initializer ? joinedString(d.initializer, (x) => (ts.isIdentifier(x) ? unit.constants.get(x.text) : undefined)) : undefined;
          if (lit !== undefined && (st.declarationList.flags & ts.NodeFlags.Const) !== 0) unit.constants.set(d.name.text, lit);
        } else if (exported) {
          for (const n of bindingNames(d.name)) unit.exportSources.set(n, { kind: 'local', local: n });
        }
      }
    } else if (ts.isEnumDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) unit.exportSources.set(st.name.text, { kind: 'local', local: st.name.text });
    } else if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) {
      if (hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
        const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
        if (isDefault) unit.exportSources.set('default', st.name ? { kind: 'local', local: st.name.text } : { kind: 'node', node: st });
        else if (st.name) unit.exportSources.set(st.name.text, { kind: 'local', local: st.name.text });
      }
    } else if (ts.isExpressionStatement(st)) {
      readCommonJsExport(st.expression, unit);
    }
  }
  filledObjectExport(sf, unit);
  // Most modules have no require() or import(): skip the second walk when the text cannot contain one.
  if (sf.text.includes('require') || sf.text.includes('import(')) collectRequires(sf, addImport, (x) => joinedString(x, (y) => (ts.isIdentifier(y) ? unit.constants.get(y.text) : undefined)));
  spreadReexports(sf, unit);
  return unit;
}

/**
 * `module.exports = { ...require('./user.model'), ...helpers }` with `helpers = require('./helpers')`: every export
 * of the modules spread in is one of this module, as with `export * from`.
 */
function spreadReexports(sf: ts.SourceFile, unit: ModuleUnit): void {
  for (const st of sf.statements) {
    const e = ts.isExpressionStatement(st) ? st.expression : undefined;
    if (!e || !ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isModuleExports(e.left)) continue;
    const obj = skipWrappers(e.right);
    if (!ts.isObjectLiteralExpression(obj)) continue;
    for (const p of obj.properties) {
      if (!ts.isSpreadAssignment(p)) continue;
      const x = skipWrappers(p.expression);
      const fact = ts.isCallExpression(x)
        ? unit.imports.find((f) => f.node.pos === x.pos && f.node.end === x.end)
        : ts.isIdentifier(x) ? unit.imports.find((f) => !f.nested && f.names.some((n) => n.local === x.text && n.imported === '*')) : undefined;
      if (fact && !unit.starExports.includes(fact)) unit.starExports.push(fact);
    }
  }
}

/**
 * A unit with no facts yet, whose `sf` is read from the store. Made apart from `readModule`: a getter made
 * there would share the scope of its other closures, which holds the first tree, and keep every module's
 * first tree alive.
 */
function newUnit(path: string, text: string, trees: AstStore, lines: number): ModuleUnit {
  return {
    path,
    language: /\.(ts|tsx|mts|cts)$/.test(path) ? 'ts' : 'js',
    text,
    get sf() {
      return trees.get(path, text);
    },
    lines,
    imports: [],
    exportSources: new Map(),
    starExports: [],
    constants: new Map(),
    locals: new Map(),
    syntaxErrors: [],
  };
}

/** `module.exports = x`, `module.exports.a = x`, `exports.a = x`, `module.exports = { a, b: c }`. */
function readCommonJsExport(expr: ts.Expression, unit: ModuleUnit): void {
  if (!ts.isBinaryExpression(expr) || expr.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expr.left;
  const value = expr.right;
  if (isModuleExports(target)) {
    const v = skipWrappers(value);
    unit.exportSources.set('default', { kind: 'expr', expr: value });
    unit.exportSources.set('*', { kind: 'expr', expr: value });
    if (ts.isObjectLiteralExpression(v)) {
      objectExports(v, '', unit, 0);
      // `import ctrl from './ctrl'` of it: the same members under the default export.
      objectExports(v, 'default.', unit, 1);
      unit.exportSources.delete('*');
    }
    if (ts.isBinaryExpression(v)) readCommonJsExport(v, unit); // module.exports = exports.x = ...
    return;
  }
  if (ts.isPropertyAccessExpression(target) && (isModuleExports(target.expression) || (ts.isIdentifier(target.expression) && target.expression.text === 'exports'))) {
    unit.exportSources.set(target.name.text, { kind: 'expr', expr: value });
    if (ts.isBinaryExpression(skipWrappers(value))) readCommonJsExport(skipWrappers(value), unit);
  }
}

/**
 * `module.exports = db` or `export default db` of a top-level object literal that the module's top-level
 * statements fill (`db.sequelize = sequelize`, or from a folder: see `FolderRegistry`): its members are exports,
 * as those of an exported literal are.
 */
function filledObjectExport(sf: ts.SourceFile, unit: ModuleUnit): void {
  const src = unit.exportSources.get('default');
  const id = src?.kind === 'expr' ? skipWrappers(src.expr) : undefined;
  if (!id || !ts.isIdentifier(id)) return;
  let init: ts.ObjectLiteralExpression | undefined;
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const v = d.initializer ? skipWrappers(d.initializer) : undefined;
      if (ts.isIdentifier(d.name) && d.name.text === id.text && v && ts.isObjectLiteralExpression(v)) init = v;
    }
  }
  if (!init) return;
  const fills: { member: string; value: ts.Expression }[] = [];
  let registry: FolderRegistry | undefined;
  for (const st of sf.statements) {
    if (!ts.isExpressionStatement(st)) continue;
    const e = st.expression;
    const member = ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken ? memberOf(e.left, id.text) : undefined;
    if (member !== undefined) fills.push({ member, value: (e as ts.BinaryExpression).right });
    else registry ??= folderRegistry(e, id.text, unit.path);
  }
  // An object exported as it is declared (`const options: PipeOptions = { … }`) stays the value it was.
  if (!fills.length && !registry) return;
  unit.registry = registry;
  const commonJs = unit.exportSources.get('*')?.kind === 'expr';
  unit.exportSources.set('default', { kind: 'expr', expr: init });
  if (commonJs) {
    unit.exportSources.delete('*');
    objectExports(init, '', unit, 0);
  }
  objectExports(init, 'default.', unit, 1);
  for (const { member, value } of fills) {
    if (commonJs && !unit.exportSources.has(member)) unit.exportSources.set(member, { kind: 'expr', expr: value });
    if (!unit.exportSources.has(`default.${member}`)) unit.exportSources.set(`default.${member}`, { kind: 'expr', expr: value });
  }
}

/** `db.x` or `db['x']`: 'x'. */
function memberOf(e: ts.Expression, object: string): string | undefined {
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === object) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === object) return literalText(e.argumentExpression);
  return undefined;
}

/** The folder registry a top-level `….forEach((file) => { const m = load(file); object[m.name] = m })` fills. */
function folderRegistry(e: ts.Expression, object: string, path: string): FolderRegistry | undefined {
  const call = skipWrappers(e);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'forEach') return undefined;
  const fn = call.arguments[0] ? skipWrappers(call.arguments[0]) : undefined;
  if (!fn || (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) || !ts.isBlock(fn.body)) return undefined;
  const loaded = new Map<string, ts.Expression>();
  for (const st of fn.body.statements) {
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.initializer) loaded.set(d.name.text, skipWrappers(d.initializer));
      continue;
    }
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const { left, right } = st.expression;
    if (!ts.isElementAccessExpression(left) || !ts.isIdentifier(left.expression) || left.expression.text !== object) continue;
    // `db[model.name] = model`: keyed by the loaded value's own name.
    const key = skipWrappers(left.argumentExpression);
    const value = skipWrappers(right);
    if (!ts.isIdentifier(value) || !ts.isPropertyAccessExpression(key) || !ts.isIdentifier(key.expression) || key.expression.text !== value.text) continue;
    if (key.name.text !== 'name' && key.name.text !== 'modelName') continue;
    const load = loaded.get(value.text);
    const registry = load ? loaderOf(load, path) : undefined;
    if (registry) return registry;
  }
  return undefined;
}

function loaderOf(load: ts.Expression, path: string): FolderRegistry | undefined {
  if (!ts.isCallExpression(load) || load.arguments.length < 1) return undefined;
  const folderOf = (arg: ts.Expression) => {
    const rel = hereRelative(arg, literalText, true);
    return rel === undefined ? undefined : posix.normalize(posix.join(posix.dirname(path), rel));
  };
  const inner = skipWrappers(load.expression);
  if (isRequireCall(load)) {
    const folder = folderOf(load.arguments[0]);
    return folder === undefined ? undefined : { folder, loader: { kind: 'module' } };
  }
  if (ts.isCallExpression(inner) && isRequireCall(inner)) {
    const folder = folderOf(inner.arguments[0]);
    return folder === undefined ? undefined : { folder, loader: { kind: 'call', args: load.arguments } };
  }
  // `sequelize.import(path.join(__dirname, file))`, `sequelize['import'](…)`
  const method = ts.isPropertyAccessExpression(inner) ? inner.name.text : ts.isElementAccessExpression(inner) ? literalText(inner.argumentExpression) : undefined;
  if (method === 'import' && load.arguments.length === 1) {
    const folder = folderOf(load.arguments[0]);
    return folder === undefined ? undefined : { folder, loader: { kind: 'import', by: (inner as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression } };
  }
  return undefined;
}

function isRequireCall(e: ts.Expression): boolean {
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments.length === 1;
}

/**
 * The members of an exported object literal, as exports named `prefix` + their name: values, shorthands,
 * methods (`module.exports = { async get(ctx) {…} }`) and, a few levels down, nested objects (`feed: { get() {…} }`
 * exports `feed.get`).
 */
function objectExports(obj: ts.ObjectLiteralExpression, prefix: string, unit: ModuleUnit, depth: number): void {
  for (const p of obj.properties) {
    const n = p.name && !ts.isShorthandPropertyAssignment(p) ? propName(p.name) : undefined;
    if (ts.isShorthandPropertyAssignment(p)) unit.exportSources.set(prefix + p.name.text, { kind: 'local', local: p.name.text });
    else if (n === undefined) continue;
    else if (ts.isMethodDeclaration(p)) unit.exportSources.set(prefix + n, { kind: 'node', node: p });
    else if (ts.isPropertyAssignment(p)) {
      unit.exportSources.set(prefix + n, { kind: 'expr', expr: p.initializer });
      const inner = skipWrappers(p.initializer);
      if (ts.isObjectLiteralExpression(inner) && depth < 3) objectExports(inner, `${prefix}${n}.`, unit, depth + 1);
    }
  }
}

function isModuleExports(e: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/**
 * Finds `require('x')` and `import('x')` anywhere in the module, with what they bind when assigned; also those
 * naming a file from the module's own folder (`require(path.resolve(__dirname, 'visit.js'))`), as `./visit.js`.
 */
function collectRequires(
  sf: ts.SourceFile,
  addImport: (node: ts.Node, spec: string, form: ImportForm, typeOnly: boolean, names: ImportedName[], nested: boolean) => ImportFact,
  str: (x: ts.Expression) => string | undefined,
): void {
  // The trees have no parent pointers (see ancestry.ts): the walk keeps the ancestors itself.
  const ancestors: ts.Node[] = [];
  const visit = (node: ts.Node, depth: number): void => {
    if (ts.isCallExpression(node)) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isDynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const spec = (isRequire || isDynamic) && node.arguments.length >= 1 ? (literalText(node.arguments[0]) ?? hereSpecifier(node.arguments[0], str)) : undefined;
      if (spec !== undefined) {
        addImport(node, spec, isDynamic ? 'dynamic' : 'require', false, requireNames(node, ancestors), depth > 0);
      }
    }
    const fn = ts.isFunctionLike(node) ? 1 : 0;
    ancestors.push(node);
    ts.forEachChild(node, (c) => visit(c, depth + fn));
    ancestors.pop();
  };
  visit(sf, 0);
}

/** `path.join(__dirname, 'routes', 'users')` → `./routes/users`; `${__dirname}/../lib` → `../lib`. */
function hereSpecifier(e: ts.Expression, str: (x: ts.Expression) => string | undefined): string | undefined {
  const rel = hereRelative(e, str);
  return rel === undefined ? undefined : rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}

/** What a require binds: `const x = require()` → *, `const { a, b: c } = require()` → a, b, `require().Router` → Router. */
function requireNames(call: ts.CallExpression, ancestors: readonly ts.Node[]): ImportedName[] {
  let node: ts.Node = call;
  let member: string | undefined;
  let up = ancestors.length - 1;
  let parent: ts.Node | undefined = ancestors[up];
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent) || ts.isAsExpression(parent))) {
    node = parent;
    parent = ancestors[--up];
  }
  if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === node) {
    member = parent.name.text;
    node = parent;
    parent = ancestors[--up];
  }
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === node) {
    if (ts.isIdentifier(parent.name)) return [{ local: parent.name.text, imported: member ?? '*', typeOnly: false }];
    if (ts.isObjectBindingPattern(parent.name) && !member) {
      const out: ImportedName[] = [];
      for (const el of parent.name.elements) {
        if (!ts.isIdentifier(el.name)) continue;
        const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        out.push({ local: el.name.text, imported, typeOnly: false });
      }
      return out;
    }
  }
  return [];
}

export function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return !!mods?.some((m) => m.kind === kind);
}

export function bindingSignature(b: Binding | undefined): string {
  if (!b) return '-';
  if (b.kind === 'function') return `fn:${b.key}`;
  if (b.kind === 'namespace') return `ns:${b.file}${b.prefix ? `#${b.prefix}` : ''}`;
  if (b.kind === 'row') return `row:${b.file}@${b.pos}${b.field ? `.${b.field}` : ''}`;
  if (b.kind === 'list') return `list:${b.method ?? ''}:${bindingSignature(b.element)}`;
  const fb: FrameworkBinding = b;
  const members = fb.members ? [...fb.members.keys()].sort().join(',') : '';
  return `${fb.pack}|${fb.role}|${fb.path.join('.')}|${fb.isClass ? 'C' : ''}${fb.memberOnly ? 'M' : ''}${fb.decoratedOnly ? 'D' : ''}${fb.dictionary ? 'K' : ''}|${fb.typeOnly ? 'T' : ''}|${fb.key}|${fb.name ?? ''}|${fb.model ?? ''}|${fb.modelParam ?? ''}|${members}`;
}
