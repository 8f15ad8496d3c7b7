/**
 * Walks one bound module and records every place it depends on a framework: imports, calls and member uses
 * of framework-bound values (also inside functions, on `this.x` members and on typed parameters),
 * decorators, base classes and type references — each a `CouplingSite` with its weight.
 */
import { ts } from 'ts-morph';
import type { Concern, SiteKind } from '../model';
import type { Binding, FrameworkBinding, FunctionBinding, RowBinding } from '../bind/binding';
import { isUnset, propName, returnedExpression, skipWrappers } from '../bind/binding';
import { argumentValue, constructorCall, seamMember, withHandedFields } from './handedValues';
import type { EvalContext, Scope } from '../bind/evaluate';
import { assignedIn, callSite, evaluate, isDataRead, isEntityData, isEntityInstance, isOwnClass, isSeamInstance, positionKey, stringArg } from '../bind/evaluate';
import type { ProgramBinder } from '../bind/bind';
import { decoratorsOf, decoratorRule, typeBinding } from '../bind/annotations';
import type { ModuleUnit } from '../bind/module';
import { bindingNames } from '../bind/module';
import { siteWeight } from '../../rules/rulePack';
import type { RulePack } from '../../rules/rulePack';
import type { ModuleFacts } from './facts';
import { emptyFacts } from './facts';
import { InventoryReader } from './inventory';
import { TypeReader } from './typeSites';
import { ListReader } from './lists';
import { bindRow } from './rows';
import { hostedAssignment, hostedCall, hostedNames } from './hostedFunctions';
import { chainOf, chainText, packageExport, presenceTested, siteAt } from './chain';
import { countLeaks } from './leaks';
import type { ChainLink } from './chain';
import { ModuleStateTracker } from './moduleState';
import { isInert } from './quickPath';
import { toolModuleParams } from './toolModules';
import { stringFields } from './paths';
import { folderCall, registryImports, requiredFiles, unreachedRoutes } from './folderLoads';

/** Parameter bindings of project functions, by function key and parameter index. */
export type ParamBindings = Map<string, Map<number, FrameworkBinding>>;

/** What a module gives its own functions' parameters: framework values, and the rows of a table it iterates. */
export type LocalParams = Map<string, Map<number, FrameworkBinding | RowBinding>>;

/**
 * `fullWalk` walks every module even when it cannot find anything (for the test that the quick path changes
 * nothing).
 */
export function detectModule(unit: ModuleUnit, binder: ProgramBinder, params: ParamBindings, fullWalk = false): ModuleFacts {
  return new ModuleDetector(unit, binder, params).run(fullWalk);
}

/** What `frameworkChain` made of a chain: not the framework's (false), the framework's with no site (true), or a site's concern. */
type ChainSite = boolean | Concern;

/** Array methods that call their callback before they return. */
const ITERATION_METHODS = new Set(['forEach', 'map', 'filter', 'reduce', 'flatMap', 'some', 'every', 'find', 'findIndex']);
/** Promise methods: the callback runs once, when the promise settles. */
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
/** Node's file system module, whose callback functions call back once; all but these, which call back on every change. */
const NODE_FS = new Set(['fs', 'node:fs']);
const FS_REPEATING = new Set(['watch', 'watchFile']);

class ModuleDetector {
  readonly facts: ModuleFacts = emptyFacts();
  readonly ctx: EvalContext;
  /** The tree this detection walks, read once: nodes are compared by identity (ancestry.ts). */
  readonly sf: ts.SourceFile;
  private readonly scopes: Map<string, Binding | null>[] = [];
  private readonly thisStack: (FrameworkBinding | undefined)[] = [];
  /** Names declared by the classes being walked: `this.ownMethod()` is the project's code, not the framework's. */
  private readonly ownMembers: Set<string>[] = [];
  private readonly valueRefs = new Set<string>();
  private readonly inventory: InventoryReader;
  private readonly types: TypeReader;
  private readonly lists: ListReader;
  private readonly state: ModuleStateTracker;
  private functionDepth = 0;
  /**
   * The concern of the framework call or decorator whose arguments are being walked: a use of the same concern
   * there is part of that call's site, as a reader counts one multi-line call (`db.select({ id: users.id, … })`,
   * `@Module({ controllers: [UsersController] })`). Another concern's use inside (`TypeOrmModule.forFeature([User])`
   * in `@Module`) is a site of its own, and so is everything in a function written there (a route handler).
   */
  private enclosingConcern: Concern | undefined;
  private wrapperNames: Map<string, RulePack> | undefined;
  /** The bodies of the functions being walked, innermost last. */
  private readonly bodies: (ts.Node | undefined)[] = [];
  readonly scope: Scope = (name) => this.lookup(name);

  constructor(
    readonly unit: ModuleUnit,
    readonly binder: ProgramBinder,
    readonly params: ParamBindings,
  ) {
    const base = binder.context(unit);
    this.ctx = Object.create(base, {
      thisConstant: { value: (m: string) => this.thisConstant(m) },
      // `const prefix = 'api'; app.setGlobalPrefix(prefix)`: a const of the function being walked hides the module's.
      constant: { value: (n: string) => this.localConstant(n, base) },
    }) as EvalContext;
    this.sf = this.ctx.sf;
    this.inventory = new InventoryReader(this);
    this.types = new TypeReader(this);
    this.lists = new ListReader(this);
    this.state = new ModuleStateTracker(unit, this.sf);
  }

  outermostBody(): ts.Node | undefined {
    return this.bodies[0];
  }

  private localDepth = 0;

  /** A string `const` of the functions being walked (innermost first), else the module's (`EvalContext.constant`). */
  private localConstant(name: string, base: EvalContext): string | undefined {
    const init = this.bodies.length && this.localDepth < 8 ? this.localInitializer(name) : undefined;
    if (!init) return base.constant?.(name);
    this.localDepth++;
    try {
      return stringArg(this.ctx, init);
    } finally {
      this.localDepth--;
    }
  }

  localInitializer(name: string): ts.Expression | undefined {
    for (let i = this.bodies.length - 1; i >= 0; i--) {
      const body = this.bodies[i];
      if (!body || !ts.isBlock(body)) continue;
      for (const st of body.statements) {
        if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
        const d = st.declarationList.declarations.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
        if (d) return d.initializer;
      }
    }
    return undefined;
  }

  run(fullWalk: boolean): ModuleFacts {
    this.facts.unreachedRoutes.push(...unreachedRoutes(this, this.params));
    toolModuleParams(this);
    if (!fullWalk && isInert(this.unit, this.binder, this.params, this.state)) {
      this.importSites();
      this.facts.walked = false;
      return this.facts;
    }
    for (const st of this.sf.statements) this.walk(st);
    registryImports(this);
    this.inventory.flushTables();
    this.importSites();
    this.facts.leaks = countLeaks(this.unit, this.scope, this.ctx);
    this.state.report(this);
    this.facts.sites.sort((a, b) => a.line - b.line || a.column - b.column || a.kind.localeCompare(b.kind));
    return this.facts;
  }

  lookup(name: string): Binding | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i];
      if (s.has(name)) return s.get(name) ?? undefined;
    }
    if (name === 'this') return this.thisStack[this.thisStack.length - 1];
    return this.unit.locals.get(name);
  }

  isShadowed(name: string): boolean {
    return this.scopes.some((s) => s.has(name));
  }

  /** A site of a framework value; `specifier`: the package it was imported from, when known (see `packageWeights`). */
  addSite(node: ts.Node, b: FrameworkBinding, kind: SiteKind, text: string, via?: string, specifier?: string): void {
    const pack = this.binder.packs.byId.get(b.pack);
    if (pack) this.packSite(node, pack, kind, text, via ?? b.via, specifier);
  }

  /** A site of a pack's framework, weighed by the pack. */
  packSite(node: ts.Node, pack: RulePack, kind: SiteKind, text: string, via?: string, specifier?: string): void {
    this.addRawSite(node, pack.concern, pack.id, kind, siteWeight(pack, kind, specifier), text, via);
  }

  fromFramework(e: ts.Expression): boolean {
    let x = skipWrappers(e);
    if (ts.isAwaitExpression(x)) x = skipWrappers(x.expression);
    const usable = (b: Binding | undefined) => b?.kind === 'framework' && !b.typeOnly && !b.memberOnly;
    if (usable(evaluate(x, this.scope, this.ctx))) return true;
    return ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && usable(evaluate(x.expression.expression, this.scope, this.ctx));
  }

  addRawSite(node: ts.Node, concern: Concern, framework: string, kind: SiteKind, weight: number, text: string, via?: string): void {
    if (this.enclosingConcern === concern) return;
    const site = siteAt(this.sf, this.unit.path, node, concern, framework, kind, weight, text);
    if (via && via !== this.unit.path) site.via = via;
    this.facts.sites.push(site);
  }

  line(node: ts.Node): number {
    return this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf)).line + 1;
  }

  text(node: ts.Node): string {
    return node.getText(this.sf);
  }

  // ---- imports ------------------------------------------------------------------------------------------

  /** A module the program loads from this one at run time (a folder's modules), as an import would. */
  loads(file: string): void {
    if (!this.facts.dependencies.some((d) => d.file === file)) this.facts.dependencies.push({ file, typeOnly: false });
  }

  private importSites(): void {
    // What a folder registry loads, whether or not the module is walked.
    for (const file of this.unit.registry ? this.binder.registryFiles(this.unit) : []) this.loads(file);
    const packs = this.binder.packs;
    const isTs = this.unit.language === 'ts';
    for (const fact of this.unit.imports) {
      if (fact.resolution.kind === 'package') {
        const pack = packs.packForSpecifier(fact.specifier) ?? packs.adjacentPackages.get(fact.specifier) ?? this.binder.storePack(fact.specifier);
        if (!pack) continue;
        // TypeScript drops an import whose names are only used as types: that is no runtime coupling.
        const typeOnly = fact.typeOnly || (isTs && fact.form === 'import' && fact.names.length > 0 && fact.names.every((n) => n.typeOnly || !this.valueRefs.has(n.local)));
        const kind: SiteKind = typeOnly ? 'type-import' : 'import';
        this.packSite(fact.node, pack, kind, `${fact.form === 'require' ? 'require' : 'import'} '${fact.written ?? fact.specifier}'`, undefined, fact.specifier);
      } else if (fact.resolution.kind === 'project') {
        this.facts.dependencies.push({ file: fact.resolution.file, typeOnly: fact.typeOnly });
        for (const n of fact.names) {
          let b = fact.form === 'reexport' ? this.binder.importBinding(fact, n.imported, n.typeOnly) : this.unit.locals.get(n.local) ?? (fact.nested ? this.binder.importBinding(fact, n.imported, n.typeOnly) : undefined);
          // A namespace of a module that exports framework values binds them all: one bound import.
          if (b?.kind === 'namespace') b = this.namespaceBinding(b.file);
          // A getter that hands out a shared framework value (`export const taskQueue = () => { cached ??= createQueue('tasks');
          // return cached }`); a factory making a new one per call (`createServer()`) is the project's own function.
          if (b?.kind === 'function' && b.file !== this.unit.path && sharedGetter(b.node, this.binder.units.get(b.file))) b = this.binder.returnOf(b);
          if (b?.kind !== 'framework' || b.memberOnly || b.alias) continue;
          const typeOnly = b.typeOnly || n.typeOnly || (isTs && fact.form === 'import' && !this.valueRefs.has(n.local));
          const kind: SiteKind = typeOnly ? 'type-import' : 'bound-import';
          this.addSite(fact.node, b, kind, `${n.imported === n.local ? n.local : `${n.imported} as ${n.local}`} from '${fact.written ?? fact.specifier}'`, b.via ?? b.declaredIn ?? fact.resolution.file);
        }
      }
    }
  }

  private namespaceBinding(file: string): FrameworkBinding | undefined {
    const unit = this.binder.units.get(file);
    for (const name of [...(unit?.exportSources.keys() ?? [])].sort()) {
      const b = this.binder.exportOf(file, name);
      // Middleware the module made (`module.exports = { required: jwt({ … }) }`) is its own seam (see `middleware`).
      if (b?.kind === 'framework' && !b.typeOnly && !b.memberOnly && b.middleware !== 'made') return b;
    }
    return undefined;
  }

  // ---- the walk -----------------------------------------------------------------------------------------

  walk(node: ts.Node | undefined): void {
    if (!node) return;
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.ExportDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) this.types.walkTypes(node);
        return;
      case ts.SyntaxKind.ModuleDeclaration:
        return this.types.walkAugmentation(node as ts.ModuleDeclaration);
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        return this.walkClass(node as ts.ClassLikeDeclaration);
      case ts.SyntaxKind.Decorator:
        return this.walkDecorator(node as ts.Decorator);
      case ts.SyntaxKind.VariableDeclaration:
        return this.walkVariable(node as ts.VariableDeclaration);
      case ts.SyntaxKind.Parameter: {
        const p = node as ts.ParameterDeclaration;
        decoratorsOf(p).forEach((d) => this.walk(d));
        this.types.walkType(p.type);
        return this.walk(p.initializer);
      }
      case ts.SyntaxKind.PropertyAssignment: {
        const p = node as ts.PropertyAssignment;
        if (ts.isComputedPropertyName(p.name)) this.walk(p.name.expression);
        return this.walk(p.initializer);
      }
      case ts.SyntaxKind.ShorthandPropertyAssignment: {
        const p = node as ts.ShorthandPropertyAssignment;
        return this.reference(p.name, p.name);
      }
      case ts.SyntaxKind.BindingElement: {
        const b = node as ts.BindingElement;
        if (b.propertyName && ts.isComputedPropertyName(b.propertyName)) this.walk(b.propertyName.expression);
        return this.walk(b.initializer);
      }
      case ts.SyntaxKind.LabeledStatement:
        return this.walk((node as ts.LabeledStatement).statement);
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement:
        return;
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression:
      case ts.SyntaxKind.CallExpression:
        return this.walkChain(node as ts.Expression);
      case ts.SyntaxKind.NewExpression:
      case ts.SyntaxKind.Identifier:
      case ts.SyntaxKind.ThisKeyword:
        return this.walkChain(node as ts.Expression);
      case ts.SyntaxKind.BinaryExpression: {
        const b = node as ts.BinaryExpression;
        this.state.assignment(b, this);
        hostedAssignment(this, b);
        const op = b.operatorToken.kind;
        // `queue = null`, `queue === null`: setting or testing a variable's presence uses nothing of the framework.
        if (this.presence(b)) return;
        if (op === ts.SyntaxKind.EqualsToken && isUnset(b.right) && ts.isIdentifier(skipWrappers(b.left))) return this.noteValueRef(skipWrappers(b.left));
        // `router = Router()`, `this.router = Router()`: the value made is the site; naming where it goes is not another.
        // `this.queues = {}` making the dictionary a constructor then fills (FrameworkBinding.dictionary): no use yet.
        if (op === ts.SyntaxKind.EqualsToken && this.isVariableOrOwnField(b.left) && (this.siteOnRight(b.right) || this.isDictionary(b.left))) return this.walk(b.right);
        // `queue && await queue.close()`: the left side only tests presence.
        if ((op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) && this.presence(b.left)) return this.walk(b.right);
        break;
      }
      case ts.SyntaxKind.PrefixUnaryExpression:
        if (this.presence(node as ts.Expression)) return;
        break;
      case ts.SyntaxKind.ForOfStatement:
        return this.lists.walkForOf(node as ts.ForOfStatement);
      case ts.SyntaxKind.IfStatement: {
        const st = node as ts.IfStatement;
        if (!this.presence(st.expression)) this.walk(st.expression);
        this.walk(st.thenStatement);
        return this.walk(st.elseStatement);
      }
      case ts.SyntaxKind.ConditionalExpression: {
        const c = node as ts.ConditionalExpression;
        if (!this.presence(c.condition)) this.walk(c.condition);
        this.walk(c.whenTrue);
        return this.walk(c.whenFalse);
      }
      case ts.SyntaxKind.DeleteExpression:
        this.state.mutationTarget((node as ts.DeleteExpression).expression, this);
        break;
      case ts.SyntaxKind.JsxAttribute:
        return this.walk((node as ts.JsxAttribute).initializer);
    }
    if (ts.isFunctionLike(node)) return this.walkFunction(node as ts.SignatureDeclaration);
    if (ts.isTypeNode(node)) return this.types.walkType(node);
    ts.forEachChild(node, (c) => this.walk(c));
  }

  /**
   * Whether an assigned value is a site of its own: the framework's value, or what a call of the framework gives
   * (`Router()`, `query.where(…)`); not what a project function hands out (`cached = createQueue('tasks')`), whose
   * call is the project's, so the variable it fills is where the module takes the framework's value.
   */
  private siteOnRight(e: ts.Expression): boolean {
    let x = skipWrappers(e);
    if (ts.isAwaitExpression(x)) x = skipWrappers(x.expression);
    if (ts.isCallExpression(x) || ts.isNewExpression(x)) return evaluate(x.expression, this.scope, this.ctx)?.kind === 'framework' && this.fromFramework(x);
    return this.fromFramework(x);
  }

  /**
   * A variable, or a field of `this` in a class of the project's own (not `this.type = …` on a Koa context or in
   * a class extending the framework's, which sets the framework object's property), as an assignment's target.
   */
  private isVariableOrOwnField(e: ts.Expression): boolean {
    let x = skipWrappers(e);
    if (ts.isIdentifier(x)) return true;
    // `this.queues[name] = new Queue(name)`: a key of a field.
    if (ts.isElementAccessExpression(x)) x = skipWrappers(x.expression);
    if (!ts.isPropertyAccessExpression(x) || x.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
    const self = this.lookup('this');
    return self?.kind !== 'framework' || !!self.memberOnly;
  }

  private isDictionary(e: ts.Expression): boolean {
    const b = evaluate(e, this.scope, this.ctx);
    return b?.kind === 'framework' && !!b.dictionary;
  }

  /**
   * `if (queue)`, `!worker`, `client == null`: testing whether a variable holds anything uses nothing of the
   * framework (the line stays the same whatever the variable holds); the name is still a value use.
   */
  private presence(e: ts.Expression): boolean {
    const id = presenceTested(e);
    if (id) this.noteValueRef(id);
    return !!id;
  }

  private walkVariable(d: ts.VariableDeclaration): void {
    this.notePluginType(d);
    this.types.walkType(d.type);
    this.walk(d.initializer);
    if (this.scopes.length === 0) return; // top-level names were bound by the binder
    const scope = this.scopes[this.scopes.length - 1];
    if (ts.isIdentifier(d.name)) {
      const typed = typeBinding(d.type, this.scope, this.ctx);
      // `let db; if (prod) db = new Sequelize(url); else …`: a bare declaration holds what is assigned to it.
      const body = this.bodies[this.bodies.length - 1];
      const b = typed ?? (d.initializer ? evaluate(d.initializer, this.scope, this.ctx) : body ? assignedIn(body, d.name.text, this.scope, this.ctx) : undefined);
      // `const event = job.data`, `const body = req.body`: what was read off the value is data; the read is the site.
      scope.set(d.name.text, b && !(b.kind === 'framework' && !typed && isDataRead(b)) ? b : null);
    } else {
      const base = d.initializer ? evaluate(d.initializer, this.scope, this.ctx) : undefined;
      for (const el of ts.isObjectBindingPattern(d.name) ? d.name.elements : []) {
        if (!ts.isIdentifier(el.name)) continue;
        const member = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
        const b = base?.kind === 'framework' ? this.destructured(base, member) : base?.kind === 'namespace' ? this.binder.memberOf(base, member) : undefined;
        scope.set(el.name.text, b ?? null);
      }
      if (ts.isArrayBindingPattern(d.name) && d.initializer) this.lists.destructured(d.name, d.initializer, base, scope);
      for (const n of bindingNames(d.name)) if (!scope.has(n)) scope.set(n, null);
    }
  }

  /** `const { knex, tasksRepository } = fastify`: a decorated member's value (nothing bound for the project's own), or a member of the value. */
  private destructured(base: FrameworkBinding, member: string): FrameworkBinding | undefined {
    if (isDataRead(base)) return undefined;
    const decorated = this.binder.decorated(base, member);
    if (decorated !== undefined) return decorated ?? undefined;
    // `const { query } = ctx`, like `const query = ctx.query`: what was read off the value is data.
    const read: FrameworkBinding = { ...base, path: [...base.path, member], members: undefined };
    return isDataRead(read) ? undefined : read;
  }

  /**
   * `const plugin: FastifyPluginAsync = async (app) => { … }`: a function given a plugin type registers its
   * routes on its first parameter, keyed as `register(plugin)` would key it, so a prefix it is registered
   * under elsewhere still applies.
   */
  private notePluginType(d: ts.VariableDeclaration): void {
    const fn = d.initializer ? skipWrappers(d.initializer) : undefined;
    if (!d.type || !fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || !ts.isTypeReferenceNode(d.type)) return;
    const name = d.type.typeName;
    const [local, member] = ts.isIdentifier(name) ? [name.text, undefined] : ts.isIdentifier(name.left) ? [name.left.text, name.right.text] : [undefined, undefined];
    if (local === undefined || this.isShadowed(local)) return;
    for (const fact of this.unit.imports) {
      if (fact.resolution.kind !== 'package') continue;
      const n = fact.names.find((x) => x.local === local);
      const pack = n && this.binder.packs.pluginTypePack(fact.specifier, n.imported, member);
      if (!pack) continue;
      // `FastifyPluginAsyncTypebox` of a type provider binds nothing itself, but typing the plugin with it is coupling.
      if (!this.binder.packs.packForSpecifier(fact.specifier)) this.packSite(d.type, pack, 'type-ref', this.text(d.type.typeName));
      const fnKey = positionKey(this.ctx, fn);
      this.localParams.set(fnKey, new Map([[0, { kind: 'framework', pack: pack.id, role: 'app', path: [], key: `plugin:${fnKey}` }]]));
      return;
    }
  }

  /** Parameter bindings this module gives its own functions: plugin types (`notePluginType`), list callbacks (`ListReader.chain`). */
  readonly localParams: LocalParams = new Map();
  /** `this` of functions the framework calls with its own (hostedFunctions.ts). */
  readonly localThis = new Map<string, FrameworkBinding>();
  /** The names those functions are declared under, read when first needed. */
  private hosted: Map<string, Set<string>> | undefined;

  private walkFunction(fn: ts.SignatureDeclaration): void {
    // A function written in a framework call's arguments (a route handler) has sites of its own.
    const outer = this.enclosingConcern;
    this.enclosingConcern = undefined;
    this.walkFunctionWithin(fn);
    this.enclosingConcern = outer;
  }

  private walkFunctionWithin(fn: ts.SignatureDeclaration): void {
    decoratorsOf(fn).forEach((d) => this.walk(d));
    const scope = new Map<string, Binding | null>();
    const fnKey = positionKey(this.ctx, fn);
    const given = this.params.get(fnKey) ?? this.localParams.get(fnKey);
    fn.parameters.forEach((p, i) => {
      const names = bindingNames(p.name);
      const typed = typeBinding(p.type, this.scope, this.ctx);
      // What callers pass (the app given to a plugin) is more precise than a declared type.
      const b = given?.get(i) ?? typed;
      if (b?.kind === 'row') bindRow(b, p.name, scope);
      // `async ({ data }) => …` handed a job, `({ body }, res) => …` a request: reading the framework value's
      // fields where it is received, as `const { data } = job` does.
      if (b?.kind === 'framework' && !b.typeOnly && !b.memberOnly && ts.isObjectBindingPattern(p.name)) this.addSite(p.name, b, 'member', this.text(p.name));
      // `({ app }) => …` handed an object of framework values: each name is the field's value.
      if (b?.kind === 'framework' && isSeamInstance(b) && ts.isObjectBindingPattern(p.name)) {
        for (const el of p.name.elements) {
          const field = el.propertyName ? propName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
          const held = field !== undefined && !el.dotDotDotToken ? b.members?.get(field) : undefined;
          if (held && ts.isIdentifier(el.name)) scope.set(el.name.text, held);
        }
      }
      // `({ agenda }: { agenda: Agenda }) => …`: a name destructured from a parameter typed in place has its field's type.
      if (!b && ts.isObjectBindingPattern(p.name) && p.type && ts.isTypeLiteralNode(p.type)) {
        for (const el of p.name.elements) {
          const field = el.propertyName ? propName(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
          const sig = p.type.members.find((m) => ts.isPropertySignature(m) && propName(m.name) === field) as ts.PropertySignature | undefined;
          const fieldType = sig && !el.dotDotDotToken ? typeBinding(sig.type, this.scope, this.ctx) : undefined;
          if (fieldType && ts.isIdentifier(el.name)) scope.set(el.name.text, fieldType);
        }
      }
      if (ts.isIdentifier(p.name)) scope.set(p.name.text, b ?? null);
      else for (const n of names) if (!scope.has(n)) scope.set(n, null);
    });
    fn.typeParameters?.forEach((tp) => this.types.walkType(tp));
    for (const p of fn.parameters) this.walk(p);
    this.types.walkType(fn.type);
    // Function and class declarations are hoisted: a nested one shadows outer names for the whole body.
    this.scopes.push(scope);
    this.functionDepth++;
    const atLoad = this.loadTimeFns.has(fn);
    if (atLoad) this.loadTimeDepth++;
    const body = (fn as ts.FunctionLikeDeclaration).body;
    this.bodies.push(body);
    const hostThis = this.localThis.get(fnKey);
    if (hostThis) this.thisStack.push(hostThis);
    if (body) this.walk(body);
    if (hostThis) this.thisStack.pop();
    this.bodies.pop();
    if (atLoad) this.loadTimeDepth--;
    this.functionDepth--;
    this.scopes.pop();
  }

  walkScoped(names: Map<string, Binding | null>, body: ts.Node): void {
    this.scopes.push(names);
    this.walk(body);
    this.scopes.pop();
  }

  /** Whether the walk is inside a function that runs after the module has loaded (see `noteLoadTimeCallbacks`). */
  get inFunction(): boolean {
    return this.functionDepth > this.loadTimeDepth;
  }

  /** Callbacks that run while the module loads, and how many of them the walk is inside. */
  private readonly loadTimeFns = new Set<ts.Node>();
  private loadTimeDepth = 0;

  /**
   * `fs.readdirSync(dir).forEach((file) => { db[model.name] = model })` written at the top level runs once, as the
   * module loads: filling `db` there is how a registry is built, not state kept between requests. So do the
   * other callbacks a top-level call hands out that run once: `fs.readdir(dir, (err, files) => …)` (any callback
   * of Node's fs but `watch`), and `.then(…)`, `.catch(…)`, `.finally(…)` of a promise.
   */
  private noteLoadTimeCallbacks(call: ts.CallExpression): void {
    const callee = call.expression;
    const fs = packageExport(this, callee);
    const once = (ts.isPropertyAccessExpression(callee) && (ITERATION_METHODS.has(callee.name.text) || PROMISE_METHODS.has(callee.name.text))) || (fs !== undefined && NODE_FS.has(fs.specifier) && fs.name !== 'default' && !FS_REPEATING.has(fs.name));
    if (!once) return;
    for (const a of call.arguments) if (ts.isArrowFunction(a) || ts.isFunctionExpression(a)) this.loadTimeFns.add(a);
  }

  /** The classes being walked, innermost last, with their string fields once asked for (see `thisConstant`). */
  private readonly classStack: { node: ts.ClassLikeDeclaration; constants?: Map<string, string> }[] = [];

  /**
   * `this.path` in the class being walked: a field initialized with a string (`public path = '/users'`,
   * `readonly base = \`${API}/users\``) that no `this.path = …` in the class writes again.
   */
  private thisConstant(member: string): string | undefined {
    const top = this.classStack[this.classStack.length - 1];
    if (!top) return undefined;
    if (!top.constants) {
      // Filled in place: a field's initializer reading `this.x` sees the fields above it.
      top.constants = new Map();
      stringFields(top.node, this.ctx, top.constants);
    }
    return top.constants.get(member);
  }

  /** A class implementing or extending what the framework's migration tool runs (`implements MigrationInterface`). */
  private noteMigrationClass(b: FrameworkBinding): void {
    const name = b.path.length === 1 ? b.path[0] : undefined;
    if (name && this.binder.packs.byId.get(b.pack)?.migrationClasses?.includes(name)) this.facts.migrations.push({ file: this.unit.path, framework: b.pack });
  }

  private walkClass(node: ts.ClassLikeDeclaration): void {
    const b = (node.name && this.scopes.length === 0 ? this.unit.locals.get(node.name.text) : undefined) ?? this.binder.classBinding(this.unit, node);
    const cls = b?.kind === 'framework' ? b : undefined;
    for (const dec of decoratorsOf(node)) this.walk(dec);
    // `class Repo<T extends Model>`: a constraint is a type reference like any other.
    node.typeParameters?.forEach((tp) => this.types.walkType(tp));
    for (const h of node.heritageClauses ?? []) {
      for (const t of h.types) {
        if (h.token === ts.SyntaxKind.ExtendsKeyword) {
          const base = evaluate(t.expression, this.scope, this.ctx);
          if (base?.kind === 'framework') {
            const via = base.declaredIn ?? base.via;
            this.noteMigrationClass(base);
            this.addSite(t, base, 'extends', `extends ${this.text(t.expression)}`, via);
            this.noteValueRef(t.expression);
          } else this.walk(t.expression);
        } else {
          // `implements NestMiddleware`: a framework interface is a type reference like any other.
          const b = evaluate(t.expression, this.scope, this.ctx);
          if (b?.kind === 'framework') {
            this.noteMigrationClass(b);
            this.addSite(t, b, 'type-ref', `implements ${this.text(t.expression)}`, b.declaredIn ?? b.via);
          }
        }
        t.typeArguments?.forEach((ta) => this.types.walkType(ta));
      }
    }
    this.inventory.classDeclared(node, cls);
    this.thisStack.push(withHandedFields(this, node, cls));
    this.classStack.push({ node });
    this.ownMembers.push(new Set(node.members.map((m) => (m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) ? m.name.text : '')).filter(Boolean)));
    for (const m of node.members) {
      if (ts.isPropertyDeclaration(m)) {
        decoratorsOf(m).forEach((d) => this.walk(d));
        this.types.walkType(m.type);
        this.walk(m.initializer);
      } else this.walk(m);
    }
    this.thisStack.pop();
    this.ownMembers.pop();
    this.classStack.pop();
  }


  private walkDecorator(dec: ts.Decorator): void {
    const d = decoratorRule(dec, this.scope, this.ctx);
    const callee = ts.isCallExpression(dec.expression) ? dec.expression.expression : dec.expression;
    const b = d?.binding ?? evaluate(callee, this.scope, this.ctx);
    if (b?.kind !== 'framework' || (!d && b.typeOnly)) return this.walk(dec.expression);
    this.addSite(dec, b, 'decorator', `@${this.text(callee)}`, undefined, packageExport(this, callee)?.specifier);
    this.noteValueRef(callee);
    if (d) this.inventory.decorator(dec, d);
    if (ts.isCallExpression(dec.expression)) this.within(this.binder.packs.byId.get(b.pack)?.concern, dec.expression.arguments);
  }

  // ---- expressions --------------------------------------------------------------------------------------

  /** A chain `root.a.b(…).c` met at its outermost node: one site for the whole chain. */
  private walkChain(top: ts.Expression): void {
    const { root, links } = chainOf(top);
    if (!this.inFunction) for (const l of links) if (l.kind === 'call') this.noteLoadTimeCallbacks(l.node as ts.CallExpression);
    const rootBinding = ts.isIdentifier(root) || root.kind === ts.SyntaxKind.ThisKeyword ? this.lookup(ts.isIdentifier(root) ? root.text : 'this') : undefined;
    // `(trx ?? knex)('tasks').where(…)`, `(db as Knex).select()`: a chain on a choice of values is a chain on the
    // framework value it yields, one site for the whole chain.
    const choices = links.length ? choiceOperands(root) : undefined;
    if (choices) {
      const b = evaluate(root, this.scope, this.ctx);
      const handled = b?.kind === 'framework' && !b.typeOnly && !b.memberOnly ? this.frameworkChain(top, root, b, links) : false;
      if (handled) {
        for (const id of choices.names) this.noteValueRef(id);
        for (const c of choices.conditions) this.walk(c);
        this.walkArgs(links, handled);
        return;
      }
    }
    this.lists.chain(root, rootBinding, links);
    hostedCall(this, rootBinding, links);
    const restart = this.restartOf(rootBinding, links);
    if (restart) {
      if (ts.isIdentifier(root)) this.noteValueRef(root);
      restart.before?.();
      const rest = links.slice(restart.at + 1);
      const handled = restart.binding ? this.frameworkChain(top, links[restart.at].node, restart.binding, rest) : false;
      this.walkArgs(links, handled);
      return;
    }
    if (ts.isIdentifier(root)) this.noteValueRef(root);
    this.state.chain(root, links, this, top);
    let handled: ChainSite = false;
    const isThis = root.kind === ts.SyntaxKind.ThisKeyword;
    // `this` of a class coupled only through members still reaches those members (this.repo.find()), and so does an
    // instance of it (`service.repo.find()`; see isSeamInstance).
    if (rootBinding?.kind === 'framework' && !rootBinding.typeOnly && (isThis || !rootBinding.memberOnly || isSeamInstance(rootBinding))) handled = this.frameworkChain(top, root, rootBinding, links);
    else if (!rootBinding || rootBinding.kind !== 'framework') {
      this.wrapperCall(root, links);
      this.projectCall(top);
      this.inventory.otherCall(links);
    }
    if (!handled && links[0]?.kind === 'new' && ts.isIdentifier(root)) constructorCall(this, root, links[0]);
    if (!handled && !ts.isIdentifier(root) && root.kind !== ts.SyntaxKind.ThisKeyword) this.walk(root);
    this.walkArgs(links, handled);
  }


  /**
   * Where a chain whose root is not the framework value itself starts again on one, at link `at`:
   * - `db.prisma.user.count()` through `import * as db`: at the namespace's export;
   * - `fastify.knex('users')` after `fastify.decorate('knex', db)`: at the decorated value;
   * - `req.app.get('sequelize').models.User.findAll()`: at the value an app setting holds, after one Express
   *   site for reading the setting (`before`);
   * - `orders().find(…)` with `const orders = () => dataSource.getRepository(Order)`: at the value the project
   *   function returns, whose call binds parameters too.
   * Without `binding` nothing follows the restart point.
   */
  private restartOf(root: Binding | undefined, links: ChainLink[]): { at: number; binding?: FrameworkBinding; before?: () => void } | undefined {
    const first = links[0];
    const usable = (b: Binding | undefined): b is FrameworkBinding => b?.kind === 'framework' && !b.typeOnly && !b.memberOnly;
    if (root?.kind === 'namespace' && first?.kind === 'property') {
      const exported = this.binder.memberOf(root, first.name);
      return usable(exported) ? { at: 0, binding: exported } : undefined;
    }
    if (root?.kind === 'framework' && first?.kind === 'property') {
      const decorated = this.binder.decorated(root, first.name);
      // `fastify.knex('users')`, `fastify.tasksRepository.findById(id)`: reading the member off the instance is the
      // instance's framework; what follows is the decorated value's (another framework's, or the project's).
      const read = () => this.addSite(first.node, root, 'member', chainText(first.node, this.sf));
      if (decorated) return { at: 0, binding: decorated, before: read };
      if (decorated === null) return { at: 0, before: read };
    }
    if (root?.kind === 'framework' && !root.typeOnly) {
      const setting = this.settingRead(root, links);
      if (setting) {
        const read = links[setting.at].node;
        return {
          at: setting.at,
          ...(setting.at < links.length - 1 ? { binding: setting.value } : {}),
          before: () => this.addSite(read, root, 'call', chainText(read, this.sf)),
        };
      }
    }
    // `users.find((u) => u.admin).save()`, `users[0].save()`: the chain is the framework's from the element on.
    if (root?.kind === 'list') return this.lists.elementIn(links);
    if (root?.kind === 'function' && first?.kind === 'call' && links.length > 1) {
      const returned = evaluate(first.node, this.scope, this.ctx);
      if (usable(returned)) return { at: 0, binding: returned, before: () => this.projectCall(first.node) };
    }
    return undefined;
  }

  /** The call in a chain that reads an app setting holding another framework's value (`app.get('db')`). */
  private settingRead(root: FrameworkBinding, links: ChainLink[]): { at: number; value: FrameworkBinding } | undefined {
    const get = this.binder.packs.byId.get(root.pack)?.routes?.settings?.get;
    if (!get) return undefined;
    for (let i = 1; i < links.length; i++) {
      const before = links[i - 1];
      if (links[i].kind !== 'call' || before.kind !== 'property' || before.name !== get) continue;
      const v = evaluate(links[i].node, this.scope, this.ctx);
      if (v?.kind === 'framework' && v.pack !== root.pack && !v.typeOnly) return { at: i, value: v };
    }
    return undefined;
  }

  /**
   * The arguments of a chain's calls and element accesses, which are expressions of their own: inside the chain's
   * site when it is one (see `enclosingConcern`).
   */
  private walkArgs(links: ChainLink[], site: ChainSite = false): void {
    const args = links.flatMap((l) => (l.kind === 'call' || l.kind === 'element' || l.kind === 'new' ? l.args : []));
    if (typeof site === 'string') this.within(site, args);
    else {
      args.forEach((a) => this.walk(a));
      for (const l of links) if (l.kind === 'call' || l.kind === 'new') l.args.forEach((a) => this.handedOn(a));
    }
  }

  /**
   * `HealthMonitor.start(globalEventQueue())`: a framework handle a project function hands out, passed straight on
   * to another call, is used there as a variable holding it would be (`start(queue)` is a site).
   */
  private handedOn(arg: ts.Expression): void {
    const call = skipWrappers(arg);
    if (!ts.isCallExpression(call)) return;
    const fn = evaluate(call.expression, this.scope, this.ctx);
    const b = fn?.kind === 'function' ? this.binder.returnOf(fn, call.arguments.map((a) => evaluate(a, this.scope, this.ctx)), callSite(this.ctx, call)) : undefined;
    // A handle (a queue, a client, an app), not the result of a query or of a call on one.
    if (b?.kind === 'framework' && b.role !== 'value' && !b.typeOnly && !b.memberOnly && b.path.length === 0 && !b.instance) this.addSite(call, b, 'member', this.text(call));
  }

  /** Walks nodes inside a site of `concern` (see `enclosingConcern`). */
  private within(concern: Concern | undefined, nodes: readonly ts.Node[]): void {
    const outer = this.enclosingConcern;
    this.enclosingConcern = concern;
    nodes.forEach((n) => this.walk(n));
    this.enclosingConcern = outer;
  }

  /**
   * A chain on a framework value: records its site and inventory facts. Returns false when the chain is not the
   * framework's after all (a class's own member), the concern of the site it added, or true when it is the
   * framework's but adds no site (an entity's data, a value bound by its type alone passed along).
   */
  private frameworkChain(top: ts.Expression, root: ts.Expression, b: FrameworkBinding, links: ChainLink[]): ChainSite {
    let binding = b;
    let skip = 0;
    if (root.kind === ts.SyntaxKind.ThisKeyword) {
      // `this.repo.find()`: the first member picks the bound member of the class.
      const first = links[0];
      const member = first?.kind === 'property' ? b.members?.get(first.name) : undefined;
      if (member) {
        binding = member;
        skip = 1;
      } else if (b.memberOnly || b.decoratedOnly || first?.kind !== 'property' || this.ownMembers[this.ownMembers.length - 1]?.has(first.name)) {
        return false;
      }
      // Otherwise `this.findAll()` in a class extending a framework class calls an inherited framework method.
    }
    // `this._post.model.post.findMany()`: through a seam's instance, only a framework value its field holds.
    // Also `service['repo']` and `routes.getRouter()`, a method handing out a field (see accessorMembers).
    while (isSeamInstance(binding)) {
      const step = seamMember(binding, links, skip);
      if (!step) return false;
      binding = step.held;
      skip += step.links;
    }
    // Passing a value that is bound only by its type annotation along (`getRepository(target)`) adds nothing
    // to the type reference already counted.
    if (links.length === skip && binding.key.includes(':type:')) return true;
    // `article.comments.add(c)`: a field of the entity holding the framework's own object (a MikroORM Collection).
    const field = links[skip];
    const held = isEntityInstance(binding) && field?.kind === 'property' && links.length > skip + 1 ? this.binder.entityField(binding.model!, field.name) : undefined;
    if (held) {
      binding = held;
      skip++;
    }
    if (isEntityData(binding, links.slice(skip))) return true;
    // `user.subscribedToEventType(e)`: a method the project declared on the model is its own API.
    const called = links[skip];
    if (isEntityInstance(binding) && called?.kind === 'property' && links[skip + 1]?.kind === 'call' && this.binder.declaredMethods(binding.model!).has(called.name)) return false;
    // `PrismaService.parseUrl(…)`: a static method the project declared on its class (extending the framework's)
    // is its own code, unless it hands out a framework value (`Db.instance().user.findMany()`).
    const own = isOwnClass(binding) && called?.kind === 'property' ? this.binder.ownStatic(binding.key, called.name) : undefined;
    if (own && !this.binder.returnOf(own)) return false;
    // `new Logger(AuthService.name)`: a class's own name is JavaScript's, whatever decorates the class.
    if (isOwnClass(binding) && called?.kind === 'property' && called.name === 'name' && links.length === skip + 1) return false;
    // `this.gravatar()` in a Mongoose schema function: a method the module declared on the schema.
    if (binding.role === 'model' && called?.kind === 'property' && links[skip + 1]?.kind === 'call' && (this.hosted ??= hostedNames(this)).get(binding.key)?.has(called.name)) return false;
    const kind = this.inventory.chain(binding, links.slice(skip), top);
    const hasCall = links.slice(skip).some((l) => l.kind === 'call' || l.kind === 'new');
    const siteKind: SiteKind = kind ?? (hasCall ? 'call' : 'member');
    // A chain starting at a package's export (`ApiOkResponse({ … })`) weighs as that package's sites do.
    const specifier = ts.isIdentifier(root) && this.binder.packs.byId.get(binding.pack)?.packageWeights ? packageExport(this, root)?.specifier : undefined;
    this.addSite(top, binding, siteKind, chainText(top, this.sf), undefined, specifier);
    this.requestSession(top, binding, links.slice(skip));
    return this.binder.packs.byId.get(binding.pack)?.concern ?? true;
  }

  /** `req.session.userId = id`, `ctx.session = null`: the session, reached through the request, is a session site too. */
  private requestSession(top: ts.Expression, b: FrameworkBinding, links: ChainLink[]): void {
    const s = this.binder.requestSessions.get(b.pack);
    const first = links[0];
    if (!s || b.path.length || b.isClass || first?.kind !== 'property' || first.name !== s.property) return;
    const kind: SiteKind = links.slice(1).some((l) => l.kind === 'call') ? 'call' : 'member';
    this.packSite(top, s.pack, kind, chainText(top, this.sf), b.via);
  }

  /** `export default fp(plugin, { name })`: wrapping a plugin with the framework's wrapper (fastify-plugin) is a site. */
  private wrapperCall(root: ts.Expression, links: ChainLink[]): void {
    if (links[0]?.kind !== 'call' || !ts.isIdentifier(root) || this.isShadowed(root.text)) return;
    const pack = this.wrappers.get(root.text);
    if (pack) this.packSite(links[0].node, pack, 'call', `${root.text}(…)`);
  }

  /** The module's names for plugin wrappers (`import fp from 'fastify-plugin'`) with their framework, read once. */
  private get wrappers(): Map<string, RulePack> {
    const packs = this.binder.packs;
    this.wrapperNames ??= new Map(
      this.unit.imports.flatMap((f) => {
        const pack = packs.pluginWrappers.has(f.specifier) ? packs.adjacentPackages.get(f.specifier) : undefined;
        return pack ? f.names.map((n) => [n.local, pack] as const) : [];
      }),
    );
    return this.wrapperNames;
  }

  /** Calls into project functions pass framework values to their parameters (`routes(app)`). */
  private projectCall(top: ts.Expression): void {
    const e = skipWrappers(top);
    if (!ts.isCallExpression(e)) return;
    const callee = evaluate(e.expression, this.scope, this.ctx);
    if (callee?.kind !== 'function') {
      // `require(path.join(__dirname, file))(app)`, `require('./routes/' + file)(app)`: each module of the folder.
      const inner = skipWrappers(e.expression);
      const files = ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'require' && inner.arguments.length === 1 ? requiredFiles(this, inner.arguments[0]) : undefined;
      if (files) folderCall(this, files, e.arguments.map((a) => argumentValue(this, a)));
      return;
    }
    const args = e.arguments.map((a) => argumentValue(this, a));
    this.bindArgs(callee, args);
    this.inventory.madeByCall(e, this.binder.returnOf(callee, args, callSite(this.ctx, e)));
  }

  givenParams(fnKey: string): ReadonlyMap<number, Binding> | undefined {
    return this.params.get(fnKey) ?? this.localParams.get(fnKey);
  }

  /** The framework values a call passes bind the function's parameters. */
  bindArgs(callee: FunctionBinding, args: readonly (Binding | undefined)[]): void {
    args.forEach((v, i) => {
      // The value itself (app, req), not data read off it (req.ip); or an object of such values (see `argument`).
      // A package's export itself passed (`Queue`, `Worker`) is the framework's too.
      if (v?.kind === 'framework' && !v.typeOnly && (!v.memberOnly || isSeamInstance(v)) && (v.path.length === 0 || v.role === 'module')) this.facts.paramBindings.push({ fnKey: callee.key, index: i, binding: v });
    });
  }


  /** An identifier used as a value outside a chain (`{ prisma }`). */
  private reference(id: ts.Identifier, node: ts.Node): void {
    const b = this.lookup(id.text);
    this.noteValueRef(id);
    this.state.chain(id, [], this);
    if (b?.kind === 'framework' && !b.typeOnly && !b.memberOnly && !isEntityData(b, [])) this.addSite(node, b, 'member', id.text);
  }

  noteValueRef(e: ts.Expression): void {
    let x: ts.Expression = e;
    while (ts.isPropertyAccessExpression(x)) x = x.expression;
    if (ts.isIdentifier(x) && !this.isShadowed(x.text)) this.valueRefs.add(x.text);
  }

}

/** A function of no parameters returning a variable its module declares at the top level (a cached or shared value). */
function sharedGetter(fn: ts.FunctionLikeDeclaration, unit: ModuleUnit | undefined): boolean {
  const out = fn.parameters.length === 0 ? returnedExpression(fn) : undefined;
  if (!unit || !out || !ts.isIdentifier(out)) return false;
  const name = out.text;
  const declares = (statements: readonly ts.Statement[]) =>
    statements.some((st) => ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name));
  return declares(unit.sf.statements) && !(fn.body && ts.isBlock(fn.body) && declares(fn.body.statements));
}

/**
 * The identifiers a chain root chooses between (`trx ?? knex`, `a || b`, `c ? x : y`, `db as Knex`), or
 * undefined when the root is not such a choice of plain names.
 */
function choiceOperands(root: ts.Expression): { names: ts.Identifier[]; conditions: ts.Expression[] } | undefined {
  if (ts.isIdentifier(root) || root.kind === ts.SyntaxKind.ThisKeyword) return undefined;
  const names: ts.Identifier[] = [];
  const conditions: ts.Expression[] = [];
  const visit = (e: ts.Expression): boolean => {
    const x = skipWrappers(e);
    if (ts.isIdentifier(x)) return names.push(x) > 0;
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      return (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) && visit(x.left) && visit(x.right);
    }
    if (ts.isConditionalExpression(x)) return conditions.push(x.condition) > 0 && visit(x.whenTrue) && visit(x.whenFalse);
    return false;
  };
  return visit(root) ? { names, conditions } : undefined;
}
