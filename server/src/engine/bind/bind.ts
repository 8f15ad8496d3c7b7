/**
 * Binds every module's top-level names to the framework values they stand for, across files, to a fixed
 * point: imports of framework packages, factory results, shared instances exported from project modules
 * and re-exported through barrels, and classes coupled through framework or project base classes.
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import { declarationNamed, enumString } from './declarations';
import type { Binding, FrameworkBinding, FunctionBinding, ListBinding, PackIndex } from './binding';
import type { RulePack } from '../../rules/rulePack';
import { classRouterKey, literalText, deriveBinding, propName, objectProperty, skipWrappers } from './binding';
import type { CallSite, EvalContext, Scope } from './evaluate';
import { assignedIn, awaited, evaluate, fileOfKey, isEntityInstance, functionBinding, isSeamInstance, positionKey, stringArg } from './evaluate';
import type { ImportFact, ModuleUnit } from './module';
import { ExportRoutes, type ExportRoute } from './exportRoutes';
import { bindingNames, bindingSignature } from './module';
import { assignedStatics } from './modelStatics';
import { isTestFile } from '../discover/testFiles';
import { accessorMembers, aliasBinding, assignedMembers, decoratorRule, decoratorsOf, memberBinding, signatureTypeBinding } from './annotations';
import type { DefaultToolFolders } from '../detect/toolModules';

const MAX_ROUNDS = 12;

/** Prefix of the decoration names of app settings (`app.set('db', x)` is the decoration `setting:db`). */
export const SETTING = 'setting:';

/** Members of framework instances decorated by the program, by `pack\0name`, with the module that decorated them. */
export type Decorations = Map<string, { file: string; binding?: FrameworkBinding }>;

export class ProgramBinder {
  constructor(
    readonly units: Map<string, ModuleUnit>,
    readonly packs: PackIndex,
  ) {
    this.exportRoutes = new ExportRoutes(units, packs);
  }

  /** Where each exported name comes from, remembered until modules are read again. */
  private readonly exportRoutes: ExportRoutes;

  /** While a module is detected: the other modules whose syntax it reads (set by the incremental session). */
  reads: Set<string> | undefined;

  /** Folders a tool's CLI runs with no config file (set by the session from the manifests; see `toolModules.ts`). */
  defaultToolFolders: DefaultToolFolders = new Map();

  /**
   * Routing pack id → the session pack whose session its requests carry (`req.session` of express-session),
   * for the session packages the workspace depends on or imports (set by the session before detection).
   */
  readonly requestSessions = new Map<string, { pack: RulePack; property: string }>();

  /**
   * Sets `requestSessions` from the packages present: a package some module imports wins over one the
   * manifests only declare (Unleash declares cookie-session and express-session, and imports the latter).
   * True when that changed what they are.
   */
  useRequestSessions(present: { imported: ReadonlySet<string>; declared: ReadonlySet<string> }): boolean {
    this.forgetMemos();
    const signature = () => [...this.requestSessions].map(([r, s]) => `${r}>${s.pack.id}.${s.property}`).join();
    const before = signature();
    this.requestSessions.clear();
    for (const among of [present.imported, present.declared]) {
      for (const p of this.packs.byId.values()) {
        const rp = p.sessions?.requestProperty;
        if (!rp || !p.packages.some((n) => among.has(n))) continue;
        for (const r of rp.routers) if (!this.requestSessions.has(r)) this.requestSessions.set(r, { pack: p, property: rp.name });
      }
    }
    return signature() !== before;
  }

  /**
   * The session pack a store package (`connect-mongo`) is a site of: the one of the packs it is made for that the
   * workspace uses (see `useRequestSessions`), when exactly one is.
   */
  storePack(specifier: string): RulePack | undefined {
    const made = this.packs.storePackages.get(specifier);
    if (!made) return undefined;
    const used = new Set([...this.requestSessions.values()].map((s) => s.pack.id));
    const fits = made.filter((p) => used.has(p.id));
    return fits.length === 1 ? fits[0] : undefined;
  }

  /** Members modules decorated framework instances with, by `pack\0name` (set by the session between detection rounds). */
  get decorations(): Decorations {
    return this.decorationsNow;
  }

  set decorations(d: Decorations) {
    this.decorationsNow = d;
    this.forgetMemos();
  }

  private decorationsNow: Decorations = new Map();

  /**
   * `fastify.knex` where some module did `fastify.decorate('knex', db)`: the decorated value, read from that
   * module; null when the program decorated the member with a value of its own (`decorate('tasksRepository',
   * createRepository(fastify))`), which is not the framework's; undefined when no module decorated it.
   */
  decorated(base: FrameworkBinding, member: string): FrameworkBinding | null | undefined {
    if (base.path.length || base.isClass || base.typeOnly || base.key.endsWith(':handler') || (base.role !== 'app' && base.role !== 'value')) return undefined;
    const d = this.decorations.get(`${base.pack}\0${member}`);
    if (!d) return undefined;
    this.reads?.add(d.file);
    return d.binding ?? null;
  }

  /** `app.get('db')` where some module did `app.set('db', sequelize)`: the value set, read from that module. */
  setting(pack: string, name: string): FrameworkBinding | undefined {
    const d = this.decorations.get(`${pack}\0${SETTING}${name}`);
    if (d) this.reads?.add(d.file);
    return d?.binding;
  }

  /** While a module is bound by `run`: the modules whose bindings its binding read. */
  private bindReads: Set<string> | undefined;

  /**
   * Runs the binding to a fixed point; returns the number of rounds it took. Each round goes through the
   * modules in path order, as passes over every module would, but binds again only those that read a module
   * whose bindings changed: binding a module is a function of its syntax and of the bindings it read, so the
   * others would come out the same. (With trees over the budget, each pass over every module would parse
   * them all again.)
   */
  run(): number {
    this.forgetMemos();
    const ordered = [...this.units.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
    const position = new Map(ordered.map((u, i) => [u.path, i]));
    const readers = new Map<string, Set<string>>();
    let dirty = new Set(ordered.map((u) => u.path));
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const next = new Set<string>();
      for (let i = 0; i < ordered.length; i++) {
        const unit = ordered[i];
        if (!dirty.has(unit.path)) continue;
        const reads = new Set<string>();
        this.bindReads = reads;
        let changed: boolean;
        try {
          changed = this.bindUnit(unit);
        } finally {
          this.bindReads = undefined;
        }
        for (const f of reads) {
          let r = readers.get(f);
          if (!r) readers.set(f, (r = new Set()));
          r.add(unit.path);
        }
        if (!changed) continue;
        // Readers still ahead in this round are bound in it, as a full pass would; the others in the next.
        for (const reader of readers.get(unit.path) ?? []) (position.get(reader)! > i ? dirty : next).add(reader);
      }
      if (next.size === 0) return round;
      dirty = next;
    }
    return MAX_ROUNDS;
  }

  context(unit: ModuleUnit): EvalContext {
    let sf: ts.SourceFile | undefined;
    return {
      packs: this.packs,
      file: unit.path,
      // Read when first needed: evaluating `export default router` in another module needs no tree, and
      // one dropped by the store would be parsed again for nothing.
      get sf() {
        return (sf ??= unit.sf);
      },
      tree: treeOf(unit),
      constant: (n) => unit.constants.get(n) ?? this.importedConstant(unit, n),
      memberConstant: (object, member, rest) => this.memberConstant(unit, object, member, rest),
      exportOf: (file, name) => this.exportOf(file, name),
      isPluginWrapper: (callee) =>
        this.packs.pluginWrappers.size > 0 &&
        ts.isIdentifier(callee) &&
        unit.imports.some((f) => this.packs.pluginWrappers.has(f.specifier) && f.names.some((n) => n.local === callee.text)),
      returnOf: (fn, args, call) => this.returnOf(fn, args, call),
      // Only while modules are detected: bindings are settled then, and the answer is remembered.
      entityField: (model, name) => (this.reads ? this.entityField(model, name) : undefined),
      ownStatic: (classKey, name) => (this.reads ? this.ownStatic(classKey, name) : undefined),
      awaitedReturn: (fn, args) => (this.reads ? this.awaitedReturn(fn, args) : undefined),
      projectStatic: (model, name) => !!this.reads && (model.isClass ? this.ownStatic(model.key, name) !== undefined : this.modelStatics(model.key).has(name)),
      decorated: (base, member) => this.decorated(base, member),
      setting: (pack, name) => this.setting(pack, name),
      requireOf: (call) => {
        // By position: `call` may come from a later parse of the module than the facts did.
        const fact = unit.imports.find((i) => i.node.pos === call.pos && i.node.end === call.end);
        return fact ? this.importBinding(fact, '*', false) : undefined;
      },
    };
  }

  /** A string constant imported from a project module (`import { EMAIL_QUEUE } from './names'`), through barrels too. */
  importedConstant(unit: ModuleUnit, name: string, depth = 0): string | undefined {
    if (depth > 8) return undefined;
    for (const fact of unit.imports) {
      if (fact.resolution.kind !== 'project') continue;
      const n = fact.names.find((x) => x.local === name);
      if (!n) continue;
      const route = this.exportRoutes.of(fact.resolution.file, n.imported);
      if (!route) return undefined;
      for (const f of route.files) this.reads?.add(f);
      const end = route.end;
      if (end.kind !== 'declared' || end.src.kind !== 'local') return undefined;
      return end.unit.constants.get(end.src.local) ?? this.importedConstant(end.unit, end.src.local, depth + 1);
    }
    return undefined;
  }

  private memberDepth = 0;

  /**
   * `config.apiPath`: a string property of an object constant of this module (`const config = { … }`), of an
   * imported one (`export default { … }`, `export const config = { … }`), or an export of a whole module
   * required or imported as a namespace (`const config = require('./config')` with `module.exports = { … }`);
   * or a string member of an enum (`Topic.MAIL`).
   */
  memberConstant(unit: ModuleUnit, object: string, member: string, rest: readonly string[] = []): string | undefined {
    if (this.memberDepth > 8) return undefined;
    this.memberDepth++;
    // `config.api.prefix`: the rest of the names are read off nested object literals.
    const nested = (at: ModuleUnit, e: ts.Expression | undefined): string | undefined => {
      let v = e;
      for (const name of rest) {
        const o = v && skipWrappers(v);
        v = o && ts.isObjectLiteralExpression(o) ? objectProperty(o, name) : undefined;
      }
      return v ? stringArg(this.context(at), v) : undefined;
    };
    try {
      for (const fact of unit.imports) {
        if (fact.resolution.kind !== 'project' || !fact.names.some((n) => n.local === object && n.imported === '*')) continue;
        const target = this.units.get(fact.resolution.file);
        if (!target) return undefined;
        this.reads?.add(target.path);
        const src = target.exportSources.get(member);
        if (src?.kind === 'expr') return nested(target, src.expr);
        if (src?.kind === 'local' && !rest.length) return target.constants.get(src.local) ?? this.importedConstant(target, src.local);
        return undefined;
      }
      const decl = this.declarationOf(unit, object);
      if (decl) {
        const o = skipWrappers(decl.expr);
        return nested(decl.unit, ts.isObjectLiteralExpression(o) ? objectProperty(o, member) : undefined);
      }
      if (rest.length) return undefined;
      // `Topic.MAIL` of an enum declared here or imported (`enum Topic { MAIL = 'mail' }`).
      const found = declarationNamed(this.units, unit, object, this.reads);
      return found && ts.isEnumDeclaration(found.node) ? enumString(found.node, member) : undefined;
    } finally {
      this.memberDepth--;
    }
  }

  /**
   * The framework value a project function returns: `function createApp() { const app = express(); …; return app; }`.
   * Only the function's own top-level `const`/`let` declarations (with, for a `let` declared bare, the first
   * framework value assigned to it anywhere in the body) and `return` statements are read. A parameter
   * stands for the framework value the call passes it (`require('./user')(sequelize)` → the model `sequelize.define`
   * makes); parameters given nothing bound, and anything else, stay unbound, so the answer is never a guess.
   */
  returnOf(fn: FunctionBinding, args?: readonly (Binding | undefined)[], call?: CallSite): Binding | undefined {
    if (this.returning.has(fn.key)) return undefined; // recursion
    // While modules are detected bindings stay as they are, so a function that is handed no framework value
    // returns the same at every call: answer from the memo, telling the detected module what the answer read.
    // Only calls from outside any other function's evaluation are kept: inside one, recursion cuts differ.
    const reads = this.reads;
    if (!reads || this.returning.size > 0 || args?.some(passable)) return this.evaluateReturn(fn, args, call).value;
    // Without a call site no parameter's string is known: that answer is kept apart.
    const key = call ? fn.key : `${fn.key}\0`;
    const hit = this.returnMemo.get(key);
    if (hit) {
      for (const f of hit.reads) reads.add(f);
      return hit.value;
    }
    const own = new Set<string>();
    this.reads = own;
    let answer: { value: FrameworkBinding | undefined; readParam: boolean };
    try {
      answer = this.evaluateReturn(fn, args, call);
    } finally {
      this.reads = reads;
    }
    for (const f of own) reads.add(f);
    // An answer that read a string argument of this call (a queue's name) is this call's alone.
    if (!answer.readParam) this.returnMemo.set(key, { value: answer.value, reads: [...own] });
    return answer.value;
  }

  private readonly returnMemo = new Map<string, { value: FrameworkBinding | undefined; reads: string[] }>();

  /** What is remembered while bindings stay as they are; forgotten when any may change. */
  private forgetMemos(): void {
    this.returnMemo.clear();
    this.methodMemo.clear();
    this.registryMemo.clear();
    this.staticsMemo.clear();
    this.awaitMemo.clear();
  }

  private readonly registryMemo = new Map<string, { members: Map<string, Binding>; files: string[] }>();

  /**
   * The modules a folder registry loads (see `FolderRegistry`): the folder's own modules but the registry's,
   * in path order; test files are not loaded by the application.
   */
  registryFiles(unit: ModuleUnit): string[] {
    const folder = unit.registry?.folder;
    if (folder === undefined) return [];
    return [...this.units.keys()].filter((f) => f !== unit.path && posix.dirname(f) === folder && !isTestFile(f)).sort();
  }

  /**
   * A member of an object a folder registry fills (`models.Note` with `db[model.name] = model`): what the folder's
   * module loads as, when that is a framework value named `name` (`sequelize.define('Note', …)`).
   */
  private registryMember(unit: ModuleUnit, name: string): Binding | undefined {
    let memo = this.registryMemo.get(unit.path);
    if (!memo) {
      memo = { members: new Map(), files: this.registryFiles(unit) };
      this.registryMemo.set(unit.path, memo);
      const loader = unit.registry!.loader;
      for (const file of memo.files) {
        const loaded = this.exportOf(file, 'default');
        let b: Binding | undefined = loaded;
        if (loader.kind !== 'module') {
          const args = loader.kind === 'call' ? loader.args.map((a) => this.evalTop(unit, a)) : [this.evalTop(unit, loader.by)];
          b = loaded?.kind === 'function' ? this.returnOf(loaded, args) : undefined;
        }
        if (b?.kind === 'framework' && !b.typeOnly && b.name !== undefined && !memo.members.has(b.name)) memo.members.set(b.name, deriveBinding(b, { via: unit.path }));
      }
    }
    for (const f of memo.files) {
      this.reads?.add(f);
      this.bindReads?.add(f);
    }
    return memo.members.get(name);
  }

  /**
   * The methods the project declares on a model class and its project base classes (`user.subscribedToEventType()`,
   * `collection.destroyWithCtx()` of a base `Model` class the project wrote): called on an entity they are the
   * project's API, not the framework's, though they may use it inside. `classKey` is the class binding's key.
   */
  declaredMethods(classKey: string): ReadonlySet<string> {
    return this.classMembers(classKey).names;
  }

  /**
   * The functions the project assigns to a model a factory made, by name: `Note.encodeNoteId = function (id) {…}`
   * beside `const Note = sequelize.define('Note', …)`, in the same function body or at the top level.
   */
  modelStatics(modelKey: string): ReadonlySet<string> {
    let names = this.staticsMemo.get(modelKey);
    if (!names) this.staticsMemo.set(modelKey, (names = assignedStatics(this.units.get(fileOfKey(modelKey)), modelKey)));
    this.reads?.add(fileOfKey(modelKey));
    return names;
  }

  private readonly staticsMemo = new Map<string, Set<string>>();

  /** A static method a project class or one of its project base classes declares (`static parseUrl(url) {…}`). */
  ownStatic(classKey: string, name: string): FunctionBinding | undefined {
    return this.classMembers(classKey).statics.get(name);
  }

  /**
   * The fields of a model class that hold the framework's own objects, not data: a MikroORM `Collection` or
   * `Reference` (`comments = new Collection<Comment>(this)`, `author: Ref<User>`), by the pack's
   * `modelAccess.fieldTypes`. `article.comments.add(c)` calls the ORM.
   */
  entityField(classKey: string, name: string): FrameworkBinding | undefined {
    return this.classMembers(classKey).fields.get(name);
  }

  private classMembers(classKey: string): ClassMembers {
    const memo = this.methodMemo.get(classKey) ?? this.readMembers(classKey);
    // The modules read for the answer, told each time: a change to one of them changes it.
    for (const f of memo.files) this.reads?.add(f);
    return memo;
  }

  private readMembers(classKey: string): ClassMembers {
    const known: ClassMembers = { names: new Set(), statics: new Map(), fields: new Map(), files: new Set() };
    this.methodMemo.set(classKey, known);
    const unit = this.units.get(fileOfKey(classKey));
    const ctx = unit ? this.context(unit) : undefined;
    const node = unit && ctx ? unit.sf.statements.find((st): st is ts.ClassDeclaration => ts.isClassDeclaration(st) && positionKey(ctx, st.name ?? st) === classKey) : undefined;
    if (!unit || !ctx || !node) return known;
    known.files.add(unit.path);
    for (const m of node.members) {
      const name = m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined;
      const fnValued = ts.isPropertyDeclaration(m) && m.initializer && (ts.isArrowFunction(m.initializer) || ts.isFunctionExpression(m.initializer));
      const isStatic = ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
      if (name !== undefined && isStatic) {
        const fn = ts.isMethodDeclaration(m) ? m : fnValued ? (m as ts.PropertyDeclaration).initializer as ts.ArrowFunction | ts.FunctionExpression : undefined;
        if (fn?.body) known.statics.set(name, functionBinding(ctx, fn));
      } else if (name !== undefined && (ts.isMethodDeclaration(m) || ts.isGetAccessor(m) || fnValued)) known.names.add(name);
      const field = name !== undefined && ts.isPropertyDeclaration(m) && !fnValued ? this.fieldBinding(unit, ctx, m) : undefined;
      if (field) known.fields.set(name!, field);
    }
    const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const base = ext ? evaluate(ext.expression, (n) => unit.locals.get(n), ctx) : undefined;
    if (base?.kind === 'framework' && base.isClass && base.declaredIn !== undefined && base.key !== classKey) {
      const inherited = this.methodMemo.get(base.key) ?? this.readMembers(base.key);
      for (const n of inherited.names) known.names.add(n);
      for (const [n, f] of inherited.statics) if (!known.statics.has(n)) known.statics.set(n, f);
      for (const [n, b] of inherited.fields) if (!known.fields.has(n)) known.fields.set(n, b);
      for (const f of inherited.files) known.files.add(f);
    }
    return known;
  }

  /** A field typed with, or made with `new` of, one of its pack's `modelAccess.fieldTypes`: that object, the framework's. */
  private fieldBinding(unit: ModuleUnit, ctx: EvalContext, m: ts.PropertyDeclaration): FrameworkBinding | undefined {
    const init = m.initializer ? skipWrappers(m.initializer) : undefined;
    const named = m.type && ts.isTypeReferenceNode(m.type) ? m.type.typeName : init && ts.isNewExpression(init) ? init.expression : undefined;
    const local = named && ts.isIdentifier(named) ? named.text : undefined;
    const b = local !== undefined ? unit.locals.get(local) : undefined;
    if (b?.kind !== 'framework' || b.role !== 'module' || !this.packs.byId.get(b.pack)?.modelAccess?.fieldTypes?.includes(b.path.join('.'))) return undefined;
    return { kind: 'framework', pack: b.pack, role: 'value', path: [], key: positionKey(ctx, m), via: b.via };
  }

  private readonly methodMemo = new Map<string, ClassMembers>();

  private evaluateReturn(fn: FunctionBinding, args?: readonly (Binding | undefined)[], call?: CallSite): { value: FrameworkBinding | undefined; readParam: boolean } {
    const unit = this.units.get(fn.file);
    this.reads?.add(fn.file);
    this.bindReads?.add(fn.file);
    const node = unit ? fn.node : undefined;
    const body = node?.body;
    if (!unit || !node || !body) return { value: undefined, readParam: false };
    this.returning.add(fn.key);
    try {
      const own = this.context(unit);
      // A parameter read as a string (a queue's name) is the string the call passes, when it passes one.
      let readParam = false;
      const ctx: EvalContext = call ? Object.create(own, { constant: { value: (n: string) => {
        const i = node.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === n);
        if (i < 0) return own.constant?.(n);
        readParam = true;
        return call.constant(i);
      } } }) : own;
      const value = this.returned(unit, node, body, ctx, args) as FrameworkBinding | undefined;
      return { value: perCall(value, fn, readParam ? call : undefined), readParam };
    } finally {
      this.returning.delete(fn.key);
    }
  }

  /**
   * What awaiting a call of a project function gives, when the function hands back what a model's finder gives
   * (`getUserById = async (id) => User.findById(id)`): one entity or a list of them, whose own methods
   * (`user.save()`) are the framework's where the caller uses them.
   */
  awaitedReturn(fn: FunctionBinding, args?: readonly (Binding | undefined)[]): FrameworkBinding | ListBinding | undefined {
    if (this.returning.has(fn.key)) return undefined;
    const reads = this.reads;
    const memo = !args?.some(passable);
    const hit = memo ? this.awaitMemo.get(fn.key) : undefined;
    if (hit) {
      for (const f of hit.reads) reads?.add(f);
      return hit.value;
    }
    const unit = this.units.get(fn.file);
    const node = unit ? fn.node : undefined;
    if (!unit || !node?.body) return undefined;
    const own = new Set<string>([fn.file]);
    this.reads = own;
    this.returning.add(fn.key);
    let value: FrameworkBinding | ListBinding | undefined;
    try {
      value = this.returned(unit, node, node.body, this.context(unit), args, (e, scope, ctx) => {
        const v = awaited(e, scope, ctx);
        return v?.kind === 'list' || (v?.kind === 'framework' && isEntityInstance(v)) ? v : undefined;
      }) as FrameworkBinding | ListBinding | undefined;
    } finally {
      this.returning.delete(fn.key);
      this.reads = reads;
    }
    for (const f of own) reads?.add(f);
    if (memo) this.awaitMemo.set(fn.key, { value, reads: [...own] });
    return value;
  }

  private readonly awaitMemo = new Map<string, { value: FrameworkBinding | ListBinding | undefined; reads: string[] }>();

  private returned(
    unit: ModuleUnit,
    node: ts.FunctionLikeDeclaration,
    body: ts.ConciseBody,
    ctx: EvalContext,
    args?: readonly (Binding | undefined)[],
    read: (e: ts.Expression, scope: Scope, ctx: EvalContext) => Binding | undefined = (e, scope, c) => frameworkOnly(evaluate(e, scope, c)),
  ): Binding | undefined {
    const locals = new Map<string, Binding | undefined>();
    node.parameters.forEach((p, i) => {
      // A parameter stands for the framework value this call passes it, if any; otherwise it is unbound.
      const arg = args?.[i];
      const passed = passable(arg) && !p.dotDotDotToken ? arg : undefined;
      for (const n of bindingNames(p.name)) locals.set(n, ts.isIdentifier(p.name) ? passed : undefined);
    });
    const scope: Scope = (n) => (locals.has(n) ? locals.get(n) : unit.locals.get(n));
    if (!ts.isBlock(body)) return read(body, scope, ctx);
    // The statements in order, those of a `try` block among them (its `catch` handles a failure).
    const run = (statements: readonly ts.Statement[]): { value: Binding | undefined } | undefined => {
      for (const st of statements) {
        if (ts.isVariableStatement(st)) {
          for (const d of st.declarationList.declarations) {
            // `let db; if (prod) db = new Sequelize(url); else db = new Sequelize(opts)`: the first framework value assigned.
            for (const n of bindingNames(d.name)) locals.set(n, ts.isIdentifier(d.name) ? (d.initializer ? evaluate(d.initializer, scope, ctx) : assignedIn(body, n, scope, ctx)) : undefined);
          }
        } else if (ts.isReturnStatement(st)) return { value: st.expression ? read(st.expression, scope, ctx) : undefined };
        else if (ts.isTryStatement(st)) {
          const done = run(st.tryBlock.statements);
          if (done) return done;
        }
      }
      return undefined;
    };
    return run(body.statements)?.value;
  }

  private readonly returning = new Set<string>();

  /**
   * The expression a name stands for, followed into other modules: a route table `export default [ … ]`
   * imported and passed to `server.route(routes)`.
   */
  declarationOf(unit: ModuleUnit, name: string, depth = 0): { unit: ModuleUnit; expr: ts.Expression } | undefined {
    if (depth > 8) return undefined;
    for (const st of unit.sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return { unit, expr: d.initializer };
      }
    }
    for (const fact of unit.imports) {
      const n = fact.resolution.kind === 'project' ? fact.names.find((x) => x.local === name) : undefined;
      if (!n || fact.resolution.kind !== 'project') continue;
      const target = this.units.get(fact.resolution.file);
      if (target) this.reads?.add(target.path);
      const src = target?.exportSources.get(n.imported);
      if (!target || !src) return undefined;
      if (src.kind === 'expr') return ts.isIdentifier(src.expr) ? this.declarationOf(target, src.expr.text, depth + 1) : { unit: target, expr: src.expr };
      if (src.kind === 'local') return this.declarationOf(target, src.local, depth + 1);
      if (src.kind === 'from') return this.declarationOf(target, n.imported, depth + 1);
      return undefined;
    }
    return undefined;
  }

  /** A member of a module namespace, or of an object literal a module exports. */
  memberOf(ns: { file: string; prefix?: string }, name: string): Binding | undefined {
    return this.exportOf(ns.file, (ns.prefix ?? '') + name);
  }

  /** The binding of `name` exported by `file`, followed through re-exports and `export *`. */
  exportOf(file: string, name: string): Binding | undefined {
    const route = this.exportRoutes.of(file, name);
    return route && this.routeBinding(route, undefined);
  }

  /** What one imported name stands for. */
  importBinding(fact: ImportFact, imported: string, typeOnly: boolean): Binding | undefined {
    const r = fact.resolution;
    if (r.kind === 'package') return this.packageBinding(fact, imported, typeOnly);
    if (r.kind !== 'project') return undefined;
    const route = this.exportRoutes.of(r.file, imported);
    return route && this.routeBinding(route, typeOnly);
  }

  private packageBinding(fact: ImportFact, imported: string, typeOnly: boolean): FrameworkBinding | undefined {
    const path = imported === 'default' || imported === '*' ? [] : [imported];
    const middleware = this.packs.middlewarePackages.get(fact.specifier);
    if (middleware) {
      // What `cors` or `body-parser` exports: not the framework's module (`cors()` makes no app), but its value.
      const b: FrameworkBinding = { kind: 'framework', pack: middleware.id, role: 'value', path, key: `${middleware.id}:${fact.specifier}:${path.join('.')}`, middleware: 'package' };
      if (typeOnly) b.typeOnly = true;
      return b;
    }
    const pack = this.packs.packForSpecifier(fact.specifier);
    if (!pack) return undefined;
    const b: FrameworkBinding = { kind: 'framework', pack: pack.id, role: 'module', path, key: `${pack.id}:${path.join('.')}` };
    if (typeOnly) b.typeOnly = true;
    if (pack.factories?.some((f) => f.package === fact.specifier)) {
      b.package = fact.specifier;
      b.key = `${pack.id}:${fact.specifier}:${path.join('.')}`;
    }
    return b;
  }

  /**
   * The binding at the end of a route, as seen from the module the route starts in (`entryTypeOnly` set when
   * that module is reached through an import): a framework value that came through other modules remembers the
   * module that made it (`via`), is type-only when any step was, and a middleware's made value stays behind.
   */
  private routeBinding(route: ExportRoute, entryTypeOnly: boolean | undefined): Binding | undefined {
    for (const f of route.files) this.bindReads?.add(f);
    const b = this.routeEnd(route.end);
    if (!b || b.kind !== 'framework' || (route.files.length === 1 && entryTypeOnly === undefined)) return b;
    if (b.middleware === 'made') return undefined;
    const patch: Partial<FrameworkBinding> = { via: b.via ?? route.files[route.files.length - 1], members: b.members };
    if (route.typeOnly || entryTypeOnly) patch.typeOnly = true;
    return deriveBinding(b, patch);
  }

  private routeEnd(end: ExportRoute['end']): Binding | undefined {
    switch (end.kind) {
      case 'package':
        return this.packageBinding(end.fact, end.imported, end.fact.typeOnly);
      case 'namespace':
        return { kind: 'namespace', file: end.file };
      case 'registry':
        return this.registryMember(end.unit, end.name.startsWith('default.') ? end.name.slice('default.'.length) : end.name);
    }
    const { unit, src, name } = end;
    switch (src.kind) {
      case 'local':
        return unit.locals.get(src.local);
      case 'expr': {
        const b = this.evalTop(unit, src.expr);
        if (b || !ts.isObjectLiteralExpression(skipWrappers(src.expr))) return b;
        // An exported object literal: its members are exports named `name.member`.
        return { kind: 'namespace', file: unit.path, prefix: `${name}.` };
      }
      case 'node':
        return ts.isFunctionDeclaration(src.node) || ts.isMethodDeclaration(src.node) ? this.functionValue(unit, src.node) : this.classBinding(unit, src.node);
    }
  }

  /** Forgets every export route: call when modules were read again (their exports may have changed). */
  forgetExportRoutes(): void {
    this.exportRoutes.clear();
  }

  evalTop(unit: ModuleUnit, expr: ts.Expression): Binding | undefined {
    const e = ts.isParenthesizedExpression(expr) ? expr.expression : expr;
    if (ts.isClassExpression(e)) return this.classBinding(unit, e);
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return this.functionValue(unit, e);
    if (ts.isObjectLiteralExpression(e)) return this.pluginObject(unit, e);
    return evaluate(e, (n) => unit.locals.get(n), this.context(unit));
  }

  /**
   * A top-level function: one we follow, or, when all it does is return a framework decorator
   * (`export const Roles = (...roles) => SetMetadata('roles', roles)`, `applyDecorators(…)`), a decorator of that
   * framework itself, so that `@Roles('admin')` and the imports of `Roles` are coupling like the decorator's.
   */
  private functionValue(unit: ModuleUnit, fn: ts.FunctionLikeDeclaration): Binding {
    const ctx = this.context(unit);
    const body = fn.body;
    const returned = body && ts.isBlock(body) ? (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) ? body.statements[0].expression : undefined) : body;
    const call = returned ? skipWrappers(returned) : undefined;
    if (call && ts.isCallExpression(call)) {
      const b = evaluate(call.expression, (n) => unit.locals.get(n), ctx);
      if (b?.kind === 'framework' && !b.typeOnly && b.role === 'module' && this.packs.decorator(this.packs.pack(b.pack), b.path)) return b;
    }
    return functionBinding(ctx, fn);
  }

  /** A Hapi-style plugin object `{ name, register(server) {…} }` stands for its register function. */
  private pluginObject(unit: ModuleUnit, obj: ts.ObjectLiteralExpression): Binding | undefined {
    for (const p of obj.properties) {
      const n = p.name ? propName(p.name) : undefined;
      if (n !== 'register') continue;
      if (ts.isMethodDeclaration(p)) return functionBinding(this.context(unit), p);
      if (ts.isPropertyAssignment(p)) return this.evalTop(unit, p.initializer);
    }
    return undefined;
  }

  /** Recomputes a module's top-level bindings; true when any changed. */
  bindUnit(unit: ModuleUnit): boolean {
    this.forgetMemos();
    const before = signatureOf(unit.locals);
    const locals = new Map<string, Binding>();
    unit.locals = locals;
    for (const fact of unit.imports) {
      if (fact.nested) continue;
      for (const n of fact.names) {
        if (fact.form === 'reexport') continue;
        const b = this.importBinding(fact, n.imported, n.typeOnly || fact.typeOnly);
        if (b) locals.set(n.local, b);
      }
    }
    const ctx = this.context(unit);
    const scope: Scope = (n) => locals.get(n);
    for (const st of unit.sf.statements) {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          if (!d.initializer || isNothing(d.initializer)) {
            // A lazy singleton: `let queue; export function getQueue() { if (!queue) queue = new Queue('mail'); return queue; }`.
            if (!ts.isIdentifier(d.name) || st.declarationList.flags & ts.NodeFlags.Const) continue;
            const b = assignedIn(unit.sf, d.name.text, scope, ctx, true);
            if (b) locals.set(d.name.text, b);
            continue;
          }
          // `const x = require('y')` and `const { a } = require('y')` were bound with the imports.
          if (isRequireLike(d.initializer)) continue;
          if (ts.isIdentifier(d.name)) {
            const e = d.initializer;
            const b = ts.isClassExpression(e) ? this.classBinding(unit, e) : ts.isObjectLiteralExpression(e) ? this.pluginObject(unit, e) : ts.isArrowFunction(e) || ts.isFunctionExpression(e) ? this.functionValue(unit, e) : evaluate(e, scope, ctx);
            if (b) locals.set(d.name.text, b);
            else locals.delete(d.name.text);
          } else if (ts.isObjectBindingPattern(d.name)) {
            // const { Router } = express
            const base = evaluate(d.initializer, scope, ctx);
            if (base?.kind !== 'framework') continue;
            for (const el of d.name.elements) {
              if (!ts.isIdentifier(el.name)) continue;
              const member = el.propertyName ? literalText(el.propertyName) ?? (ts.isIdentifier(el.propertyName) ? el.propertyName.text : undefined) : el.name.text;
              if (member) locals.set(el.name.text, deriveBinding(base, { path: [...base.path, member] }));
            }
          } else {
            for (const n of bindingNames(d.name)) locals.delete(n);
          }
        }
      } else if (ts.isClassDeclaration(st) && st.name) {
        const b = this.classBinding(unit, st);
        if (b) locals.set(st.name.text, b);
      } else if (ts.isFunctionDeclaration(st) && st.name && st.body) {
        locals.set(st.name.text, this.functionValue(unit, st));
      }
    }
    // Type aliases last, once the classes they may name are bound; twice, for an alias naming a later alias. A
    // value of the same name keeps its binding.
    const aliases = unit.sf.statements.filter((st): st is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(st) && !locals.has(st.name.text));
    for (let round = 0; round < 2; round++) {
      for (const st of aliases) {
        const b = aliasBinding(st.type, scope);
        if (b) locals.set(st.name.text, b);
      }
    }
    return signatureOf(locals) !== before;
  }

  /** A class is coupled when it extends a bound class, carries a framework decorator, or holds bound members. */
  classBinding(unit: ModuleUnit, node: ts.ClassLikeDeclaration): FrameworkBinding | undefined {
    const ctx = this.context(unit);
    const scope: Scope = (n) => unit.locals.get(n);
    let base: FrameworkBinding | undefined;
    let baseTypeArgs: readonly ts.TypeNode[] | undefined;
    for (const h of node.heritageClauses ?? []) {
      if (h.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      const b = evaluate(h.types[0]?.expression, scope, ctx);
      if (b?.kind === 'framework') {
        base = b;
        baseTypeArgs = h.types[0].typeArguments;
      }
    }
    let role = base ? (this.packs.baseClass(this.packs.pack(base.pack), base.path)?.role ?? (base.isClass ? base.role : 'value')) : undefined;
    let pack = base?.pack;
    let roleDecorator = false;
    for (const dec of decoratorsOf(node)) {
      const d = decoratorRule(dec, scope, ctx);
      if (d && (d.rule.role || !pack)) {
        // A decorator that gives the class its role names its framework too: `@Injectable() @Processor('mail')`
        // is a Bull consumer, not a Nest provider (a framework base class still wins).
        pack = base?.pack ?? (d.rule.role && !roleDecorator ? d.binding.pack : pack ?? d.binding.pack);
        if (d.rule.role) {
          role = d.rule.role;
          roleDecorator = true;
        }
      }
    }
    // `class RolesGuard implements CanActivate`: a class that exists to plug into the framework is the framework's.
    let plugsIn = false;
    for (const h of node.heritageClauses ?? []) {
      if (h.token !== ts.SyntaxKind.ImplementsKeyword) continue;
      for (const t of h.types) {
        const b = evaluate(t.expression, scope, ctx);
        if (b?.kind !== 'framework' || b.role !== 'module' || b.path.length !== 1 || !this.packs.byId.get(b.pack)?.pluginInterfaces?.includes(b.path[0])) continue;
        plugsIn = true;
        pack ??= b.pack;
      }
    }
    const members = new Map<string, FrameworkBinding>();
    // A router each instance makes is the instance's: a subclass's instances have their own (see classRouterKey).
    const ownRouter = classRouterKey(unit.path, node.pos);
    const perInstance = (b: FrameworkBinding, made: ts.Expression | undefined): FrameworkBinding => {
      const m = made && skipWrappers(made);
      const routing = this.packs.byId.get(b.pack)?.concern === 'routing' && (b.role === 'router' || b.role === 'app');
      return routing && m && (ts.isCallExpression(m) || ts.isNewExpression(m)) ? deriveBinding(b, { key: ownRouter }) : b;
    };
    for (const [name, b] of base?.members ?? []) {
      const inherited = b.key.startsWith('wrapper:') ? deriveBinding(b, { key: ownRouter }) : b;
      members.set(name, inherited.modelParam === undefined ? inherited : modelOfParam(inherited, baseTypeArgs?.[inherited.modelParam], node, scope));
    }
    for (const m of node.members) {
      const params = ts.isConstructorDeclaration(m) ? m.parameters.filter((p) => ts.canHaveModifiers(p) && ts.getModifiers(p)?.length) : [];
      for (const target of ts.isPropertyDeclaration(m) ? [m] : params) {
        const name = ts.isIdentifier(target.name) ? target.name.text : undefined;
        if (!name) continue;
        const b = memberBinding(target, scope, ctx);
        if (b) members.set(name, perInstance(genericMember(b, target, node, ctx), target.initializer));
      }
    }
    // What the constructor assigns, unless the field's declaration says more (`repo: Repository<T>` of a subclass's model).
    for (const [name, { value, expr }] of assignedMembers(node, scope, ctx)) {
      const declared = members.get(name);
      if (!declared || (declared.key.includes(':type:') && declared.model === undefined && declared.modelParam === undefined)) members.set(name, perInstance(value, expr));
    }
    for (const [name, b] of accessorMembers(node, members)) if (!members.has(name)) members.set(name, b);
    // Holding a project seam (an injected service) does not couple a class: only a framework value held does.
    const held = [...members.values()].find((b) => !isSeamInstance(b));
    const signatureType = !pack && !held ? signatureTypeBinding(node, scope, ctx) : undefined;
    pack = pack ?? held?.pack ?? signatureType?.pack ?? memberDecoratorPack(node, scope, ctx);
    if (!pack) return undefined;
    // `class UserRepository extends EntityRepository<User>`: a repository of that model.
    const arg = base && role === 'repository' ? baseTypeArgs?.[0] : undefined;
    const model = arg && ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName) ? scope(arg.typeName.text) : undefined;
    return {
      ...(model?.kind === 'framework' && model.role === 'model' && model.isClass && model.pack === pack ? { model: model.key } : {}),
      kind: 'framework',
      pack,
      role: role ?? 'value',
      path: [],
      isClass: true,
      ...(base && !base.memberOnly) || roleDecorator || plugsIn ? {} : { memberOnly: true },
      ...(base ? {} : { decoratedOnly: true }),
      members,
      key: positionKey(ctx, node.name ?? node),
      declaredIn: unit.path,
    };
  }
}

/** The framework of a decorator on a member (`@CreateDateColumn() createdAt` in a base class of entities). */
function memberDecoratorPack(node: ts.ClassLikeDeclaration, scope: Scope, ctx: EvalContext): string | undefined {
  for (const m of node.members) {
    for (const dec of ts.isPropertyDeclaration(m) ? decoratorsOf(m) : []) {
      const d = decoratorRule(dec, scope, ctx);
      if (d) return d.binding.pack;
    }
  }
  return undefined;
}

/** The index of a type parameter of `cls` that a type names (`T` in `BaseRepository<T>`), if it is one. */
function typeParamIndex(type: ts.TypeNode | undefined, cls: ts.ClassLikeDeclaration): number | undefined {
  if (!type || !ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeArguments) return undefined;
  const name = type.typeName.text;
  const i = cls.typeParameters?.findIndex((p) => p.name.text === name) ?? -1;
  return i >= 0 ? i : undefined;
}

/**
 * `repo: Repository<T>` in `class BaseRepository<T>`: a repository (or model) of whatever model a subclass names,
 * keyed where it is declared so that subclasses' bindings of it can be told apart from other repositories.
 */
function genericMember(b: FrameworkBinding, target: ts.PropertyDeclaration | ts.ParameterDeclaration, cls: ts.ClassLikeDeclaration, ctx: EvalContext): FrameworkBinding {
  if (b.model !== undefined || (b.role !== 'repository' && b.role !== 'model') || !target.type || !ts.isTypeReferenceNode(target.type)) return b;
  const index = typeParamIndex(target.type.typeArguments?.[0], cls);
  // The key keeps the type's (`typeorm:type:Repository`), which marks a value bound only by its annotation.
  return index === undefined ? b : deriveBinding(b, { modelParam: index, key: `${b.key}@${positionKey(ctx, target)}`, members: b.members });
}

/**
 * An inherited generic member with the subclass's type argument in place of the parameter: `extends
 * BaseRepository<User>` makes it a repository of User; `extends BaseRepository<T>` passes the subclass's own `T` on.
 */
function modelOfParam(b: FrameworkBinding, arg: ts.TypeNode | undefined, cls: ts.ClassLikeDeclaration, scope: Scope): FrameworkBinding {
  const { modelParam: _param, ...rest } = b;
  const passed = typeParamIndex(arg, cls);
  if (passed !== undefined) return { ...rest, modelParam: passed };
  const m = arg && ts.isTypeReferenceNode(arg) && ts.isIdentifier(arg.typeName) ? scope(arg.typeName.text) : undefined;
  return m?.kind === 'framework' && m.role === 'model' && m.isClass && m.pack === b.pack ? { ...rest, model: m.key } : rest;
}

/** Made apart from `context`, whose scope holds a tree: function bindings keep this closure. */
function treeOf(unit: ModuleUnit): () => ts.SourceFile {
  return () => unit.sf;
}

/**
 * A queue or worker a project function makes and names after its parameter (`createQueue(name)` →
 * `new Queue(name, …)`) is a new one at each call: its identity is the call site, its name the call's string.
 */
function perCall(b: FrameworkBinding | undefined, fn: FunctionBinding, call: CallSite | undefined): FrameworkBinding | undefined {
  if (!b || !call || (b.role !== 'queue' && b.role !== 'worker') || b.instance || fileOfKey(b.key) !== fn.file) return b;
  return { ...b, key: call.key() };
}

/** A value a call hands a parameter of the function it calls: a framework value that is not only a type or a seam. */
/** What a model class declares (see `declaredMethods`, `entityField`), with the modules read to know it. */
interface ClassMembers {
  names: Set<string>;
  /** Static methods the class and its project base classes declare (nearest first), followed as functions. */
  statics: Map<string, FunctionBinding>;
  fields: Map<string, FrameworkBinding>;
  files: Set<string>;
}

function passable(arg: Binding | undefined): arg is FrameworkBinding {
  return arg?.kind === 'framework' && !arg.typeOnly && !arg.memberOnly;
}

/** `undefined` or `null`: a declaration that holds nothing yet. */
function isNothing(e: ts.Expression): boolean {
  const inner = skipWrappers(e);
  return inner.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(inner) && inner.text === 'undefined');
}

/** Only framework values travel out of a function: a returned project function or namespace is not followed. */
function frameworkOnly(b: Binding | undefined): FrameworkBinding | undefined {
  return b?.kind === 'framework' && !b.typeOnly ? b : undefined;
}

function signatureOf(locals: Map<string, Binding>): string {
  let s = '';
  for (const [k, v] of locals) s += `${k}=${bindingSignature(v)};`;
  return s;
}

function isRequireLike(e: ts.Expression): boolean {
  let x = e;
  while (ts.isPropertyAccessExpression(x) || ts.isAwaitExpression(x) || ts.isParenthesizedExpression(x)) x = x.expression;
  return ts.isCallExpression(x) && ((ts.isIdentifier(x.expression) && x.expression.text === 'require') || x.expression.kind === ts.SyntaxKind.ImportKeyword);
}
