/**
 * Framework-bound values: what a name in a module stands for (a framework's export, a value one of its
 * factories made, a class coupled to it, or a project function we follow calls into), and the rules that
 * evaluate an expression to such a value using the rule packs.
 */
import { posix } from 'path';
import { ts } from 'ts-morph';
import type { Concern } from '../model';
import type { AttachedHandlerRule, RulePack, ValueRole, FactoryRule, MemberFactoryRule } from '../../rules/rulePack';

export interface FrameworkBinding {
  kind: 'framework';
  pack: string;
  /** Role of the value this binding's path starts from. */
  role: ValueRole;
  /** Members accessed from that value: `express.Router` is role 'module', path ['Router']. */
  path: string[];
  /** True for classes (a framework base class, an @Entity, a project class extending one). */
  isClass?: boolean;
  /**
   * A project class coupled only through its members or signatures (a service holding a repository):
   * subclasses inherit the coupling, but its instances are the project's own seam, not framework values.
   */
  memberOnly?: boolean;
  /**
   * A class coupled by its decorators alone (`@Controller`, `@Entity` with no framework base class): `this.x`
   * in it reaches the class's own members and injected values, never an inherited framework member.
   */
  decoratedOnly?: boolean;
  /**
   * A middleware package's export (`cors`, re-exported by a barrel or not), or middleware made with it
   * (`cors()`): the framework's where it is made and used, but a project module exporting what it made is the
   * project's own seam, as a helper using the framework is.
   */
  middleware?: 'package' | 'made';
  /** An instance made with `new` from a coupled class (not a new model or queue). */
  instance?: boolean;
  /**
   * A field filled by key with values like this one (`this.queues[name] = new Queue(name)` in the constructor): an
   * element (`this.queues[type]`, `this.queues.mail`) is the value, without this flag.
   */
  dictionary?: boolean;
  /** Bound `this` members of a class, inherited by subclasses. */
  members?: Map<string, FrameworkBinding>;
  /**
   * The package a module's binding was imported from, kept when a factory of its pack names one (`express` and
   * `express-promise-router` both export a default function: an app, a router).
   */
  package?: string;
  /** Only used in type positions (an `import type`, or a name bound to a type). */
  typeOnly?: boolean;
  /** Queue, model or job name given to the factory. */
  name?: string;
  /** Table or collection given to a model factory (mongoose.model('User', s, 'users')). */
  table?: string;
  /**
   * The model a repository handles (its key): `getRepository(User)`, `@InjectRepository(User)`, `Repository<User>`;
   * or the model an injected model value stands for (`@InjectModel(User.name) users: Model<User>`).
   */
  model?: string;
  /**
   * A repository or model typed with a type parameter of its class (`repo: Repository<T>` in
   * `BaseRepository<T>`): the parameter's index. A subclass naming a model there (`extends BaseRepository<User>`)
   * binds its inherited member to that model; the member keeps its key (where the base declares it), so the
   * base's own generic uses can be attributed to each model its subclasses name.
   */
  modelParam?: number;
  /** The schedule of a scheduled job a factory made (`new CronJob('0 * * * *', tick)`). */
  schedule?: string;
  /** Route prefix set at creation (koa-router `new Router({ prefix })`). */
  prefix?: string;
  /** Identity of the value: where it was made (`file:line:col`). Routers, queues and apps are matched by it. */
  key: string;
  /** The project module the value came through, when it was imported from one. */
  via?: string;
  /** Where the class or value was declared, for `extends` of project classes. */
  declaredIn?: string;
  /**
   * A type alias of the project's naming a framework type (`type Db = Knex | Knex.Transaction`): what it types is
   * bound as the framework's, but naming the alias names the project's own type, the one place the framework is named.
   */
  alias?: boolean;
}

/** A project function we follow: calls into it bind its parameters (route modules, Fastify/Hapi plugins). */
export interface FunctionBinding {
  kind: 'function';
  key: string; // file:line:col of the function
  file: string;
  /** Found again in the module's current tree on each read (see `functionBinding`): read it once per use. */
  readonly node: ts.FunctionLikeDeclaration;
}

/** `import * as db from './db'` or `const db = require('./db')` of an ES module: members are its exports. */
export interface NamespaceBinding {
  kind: 'namespace';
  file: string;
  /**
   * An object literal the module exports (`module.exports = { feed: { get(ctx) {…} } }`): its members are the
   * module's exports named with this prefix (`feed.get`).
   */
  prefix?: string;
}

/**
 * An array of framework values a query or a queue handed back: `await User.findAll()` (entities), `await
 * queue.getJobs()` (jobs). Handling the array is the project's (`rows.length`, `[...a, ...b]`, `.slice()`); each
 * element is the framework's (`for (const u of users) await u.save()`, `jobs.map((job) => job.data)`).
 * With `method`, a method of the array read off it (`users.filter`): what calling it gives.
 */
export interface ListBinding {
  kind: 'list';
  element: FrameworkBinding;
  method?: string;
}

/**
 * A row of a table the project wrote (`const routes = [{ path: '/auth', route: authRoute }, …]`) as a loop or an
 * array method's callback takes each in turn (`routes.forEach((r) => router.use(r.path, r.route))`): a mount or
 * a route object read off it is read off every row. The table is the array literal at `pos`…`end` of `file`;
 * `field` is one field of the row, destructured (`({ path, route }) => …`). Not a framework value itself.
 */
export interface RowBinding {
  kind: 'row';
  file: string;
  pos: number;
  end: number;
  field?: string;
}

export type Binding = FrameworkBinding | FunctionBinding | NamespaceBinding | ListBinding | RowBinding;

/** Array methods whose callbacks are handed an element, by the callback parameter that gets it. */
export const ELEMENT_CALLBACKS: ReadonlyMap<string, number> = new Map([
  ['forEach', 0], ['map', 0], ['flatMap', 0], ['filter', 0], ['find', 0], ['findLast', 0], ['findIndex', 0], ['some', 0], ['every', 0],
  ['reduce', 1], ['reduceRight', 1],
]);

const SAME_LIST = new Set(['filter', 'slice', 'sort', 'reverse', 'concat', 'toSorted', 'toReversed', 'splice']);
const ONE_ELEMENT = new Set(['find', 'findLast', 'at', 'pop', 'shift']);

/** What calling an array method on a list gives: the same list (a part of it, reordered), one element, or (undefined) data. */
export function listMethodResult(list: ListBinding, method: string): ListBinding | FrameworkBinding | undefined {
  if (SAME_LIST.has(method)) return { kind: 'list', element: list.element };
  return ONE_ELEMENT.has(method) ? list.element : undefined;
}

/** Rule packs indexed for the hot paths of binding and detection. */
export class PackIndex {
  readonly byId = new Map<string, RulePack>();
  private readonly byPackage = new Map<string, RulePack>();
  /** Packages whose default export hands back the plugin function it wraps. */
  readonly pluginWrappers = new Set<string>();
  /**
   * Packages outside every pack whose imports still matter to a pack's rules: plugin wrappers, packages of
   * plugin types (`@fastify/type-provider-typebox`), mount wrappers (`koa-mount`), folder loaders
   * (`@fastify/autoload`) and middleware (`cors`). Importing one is coupling to that pack's framework (an
   * import site); what it exports binds nothing, except a middleware package's (`middlewarePackages`).
   */
  readonly adjacentPackages = new Map<string, RulePack>();
  /** Packages of a framework's middleware ecosystem (see `middlewarePackages`): imports bind the framework's values. */
  readonly middlewarePackages = new Map<string, RulePack>();
  /**
   * Session store packages (`connect-mongo`) and the session packs they are made for: one store may serve several
   * (connect-style stores fit express-session and @fastify/session), so which one a workspace uses decides.
   */
  readonly storePackages = new Map<string, RulePack[]>();
  /** The packs' `attachedHandlers` by method name (`applyMiddleware`): read at every call of the project's own. */
  readonly attachedHandlers = new Map<string, { pack: RulePack; rule: AttachedHandlerRule }[]>();

  constructor(readonly packs: RulePack[], readonly concerns: Concern[]) {
    for (const p of packs) {
      if (!concerns.includes(p.concern)) continue;
      this.byId.set(p.id, p);
      for (const name of p.packages) this.byPackage.set(name, p);
      for (const w of p.routes?.pluginWrappers ?? []) this.pluginWrappers.add(w);
      const adjacent = [...(p.routes?.pluginWrappers ?? []), ...(p.routes?.mountWrappers ?? []), ...(p.routes?.middlewarePackages ?? []), ...(p.routes?.pluginTypes ?? []).map((t) => t.package), ...(p.routes?.autoload?.packages ?? [])];
      for (const name of p.routes?.middlewarePackages ?? []) if (!this.middlewarePackages.has(name)) this.middlewarePackages.set(name, p);
      for (const name of adjacent) if (!p.packages.includes(name) && !this.adjacentPackages.has(name)) this.adjacentPackages.set(name, p);
      for (const name of p.sessions?.storePackages ?? []) this.storePackages.set(name, [...(this.storePackages.get(name) ?? []), p]);
      for (const rule of p.routes?.attachedHandlers ?? []) this.attachedHandlers.set(rule.method, [...(this.attachedHandlers.get(rule.method) ?? []), { pack: p, rule }]);
    }
  }

  /** The pack whose plugin type this is: `FastifyPluginAsync` imported (by name, or through a namespace) from its package. */
  pluginTypePack(specifier: string, imported: string, member: string | undefined): RulePack | undefined {
    for (const p of this.byId.values()) {
      for (const t of p.routes?.pluginTypes ?? []) {
        if (t.package !== specifier) continue;
        const name = member !== undefined && (imported === '*' || imported === 'default') ? member : member === undefined ? imported : undefined;
        if (name !== undefined && t.names.includes(name)) return p;
      }
    }
    return undefined;
  }

  /** The pack owning an import specifier: exact package name, or a subpath of it (`drizzle-orm/pg-core`). */
  packForSpecifier(specifier: string): RulePack | undefined {
    const exact = this.byPackage.get(specifier);
    if (exact) return exact;
    let cut = specifier.lastIndexOf('/');
    while (cut > 0) {
      specifier = specifier.slice(0, cut);
      const hit = this.byPackage.get(specifier);
      if (hit) return hit;
      cut = specifier.lastIndexOf('/');
    }
    return undefined;
  }

  pack(id: string): RulePack {
    const p = this.byId.get(id);
    if (!p) throw new Error(`unknown rule pack ${id}`);
    return p;
  }

  /** A factory of `pack` called through `path` from the package root. */
  factory(pack: RulePack, path: string[], isNew: boolean, pkg?: string): FactoryRule | undefined {
    // A package some factory names has only those; the pack's other packages have the factories naming none.
    const named = pkg !== undefined && (pack.factories ?? []).some((f) => f.package === pkg);
    for (const f of pack.factories ?? []) {
      if (f.new !== undefined && f.new !== isNew) continue;
      if ((named ? f.package !== pkg : f.package !== undefined)) continue;
      const fpath = f.export === 'default' || f.export === '*' ? [] : [f.export];
      if (f.member) fpath.push(f.member);
      if (fpath.length === path.length && fpath.every((s, i) => s === path[i])) return f;
    }
    return undefined;
  }

  memberFactory(pack: RulePack, role: ValueRole, member: string): MemberFactoryRule | undefined {
    return (pack.memberFactories ?? []).find((m) => m.member === member && (m.on === undefined || m.on === role));
  }

  baseClass(pack: RulePack, path: string[]): { name: string; role?: ValueRole; tableStatic?: string } | undefined {
    if (path.length !== 1) return undefined;
    return (pack.baseClasses ?? []).find((b) => b.name === path[0]);
  }

  decorator(pack: RulePack, path: string[]) {
    if (path.length !== 1) return undefined;
    return (pack.decorators ?? []).find((d) => d.name === path[0]);
  }

  isType(pack: RulePack, path: string[]): boolean {
    return path.length === 1 && (pack.types ?? []).includes(path[0]);
  }
}

/** Strips wrappers that do not change a value: parentheses, `as`, `!`, `<T>x`, `satisfies`. */
export function skipWrappers(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

/** `null` or `undefined`. */
export function isUnset(e: ts.Expression): boolean {
  const x = skipWrappers(e);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined');
}

/** The text of a string literal or a template without substitutions; undefined otherwise. */
export function literalText(e: ts.Node | undefined): string | undefined {
  if (!e) return undefined;
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return literalText(e.expression);
  return undefined;
}

/** A property of an object literal by name (`{ prefix: '/v1' }` → the `'/v1'` node). */
export function objectProperty(obj: ts.Node | undefined, name: string): ts.Expression | undefined {
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propName(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

export function propName(n: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isPrivateIdentifier(n)) return n.text;
  return undefined;
}

/** The member under which a class keeps what its method `name()` hands out (see `accessorMembers`). */
export function accessorKey(name: string): string {
  return `${name}()`;
}

/**
 * The router of the instances of the class at `pos` in `file`: what routes and mounts written on `this`'s router
 * (directly, or through the class's wrappers: compose/routeWrappers.ts) compose under. Each class has its own,
 * a subclass too: every instance makes its router.
 */
export function classRouterKey(file: string, pos: number): string {
  return `wrapper:${file}:${pos}`;
}

export function deriveBinding(b: FrameworkBinding, patch: Partial<FrameworkBinding>): FrameworkBinding {
  const out: FrameworkBinding = { ...b, ...patch };
  if (!('members' in patch)) delete out.members;
  return out;
}

export function withMember(b: FrameworkBinding, member: string): FrameworkBinding {
  return deriveBinding(b, { path: [...b.path, member], isClass: false });
}

/** `'users as u'` names the table `users`. */
export function tableName(text: string): string {
  return text.split(/\s+as\s+/i)[0].trim();
}

/** What a function returns, as written: its expression body, or its last top-level `return`. */
export function returnedExpression(f: ts.FunctionLikeDeclaration): ts.Expression | undefined {
  const body = f.body;
  let returned: ts.Expression | undefined;
  if (body && !ts.isBlock(body)) returned = body;
  else if (body) for (const st of body.statements) if (ts.isReturnStatement(st) && st.expression) returned = st.expression;
  return returned ? skipWrappers(returned) : undefined;
}

/**
 * A string written as a literal, or a template or `+` join whose every part reads as one; `part` reads what is
 * neither (a constant's name, `config.prefix`).
 */
export function joinedString(e: ts.Expression, part: (x: ts.Expression) => string | undefined, depth = 0): string | undefined {
  const lit = literalText(e);
  if (lit !== undefined || depth > 8) return lit;
  const x = skipWrappers(e);
  if (ts.isTemplateExpression(x)) {
    let out = x.head.text;
    for (const span of x.templateSpans) {
      const v = joinedString(span.expression, part, depth + 1);
      if (v === undefined) return undefined;
      out += v + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = joinedString(x.left, part, depth + 1);
    const r = l === undefined ? undefined : joinedString(x.right, part, depth + 1);
    return r === undefined ? undefined : l! + r;
  }
  return part(x);
}

/** Stands for the module's own folder inside a joined string (see `hereRelative`); never in a path. */
const HERE = '\0here';

/**
 * A path written from the module's own folder: `path.join(__dirname, 'routes')`, `resolve(__dirname, '..', 'x.js')`,
 * `join(import.meta.dirname, 'a')`, `${__dirname}/visit.js`, `__dirname + '/visit'`. Returns it relative to that
 * folder (`routes`, `../x.js`, `visit`), or undefined when it is not written out so. `str` reads the other
 * string parts (literals, constants). With `dropLast`, the last argument of a join is a name made at run time
 * and is left off (`join(__dirname, 'api', file)` → `api`).
 */
export function hereRelative(e: ts.Expression, str: (x: ts.Expression) => string | undefined, dropLast = false): string | undefined {
  const x = skipWrappers(e);
  let parts: (string | undefined)[] | undefined;
  const here = (y: ts.Expression) => joinedString(y, (z) => (isHere(z) ? HERE : str(z)));
  if (ts.isCallExpression(x) && x.arguments.length >= 1 && isHere(x.arguments[0])) {
    const callee = x.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
    if (dropLast && (x.arguments.length < 2 || str(x.arguments[x.arguments.length - 1]) !== undefined)) return undefined;
    if (name === 'join' || name === 'resolve') parts = x.arguments.slice(1, dropLast ? -1 : undefined).map(str);
  } else if (!dropLast) {
    const joined = here(x);
    if (joined === HERE) parts = ['.'];
    else if (joined?.startsWith(HERE + '/')) parts = [joined.slice(HERE.length + 1)];
  } else {
    // `'./routes/' + file`, `__dirname + '/routes/' + file`, `${__dirname}/routes/${file}`: the folder before the name.
    let before: string | undefined;
    if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken && str(x.right) === undefined) before = here(x.left);
    else if (ts.isTemplateExpression(x) && x.templateSpans.length >= 1) {
      const last = x.templateSpans[x.templateSpans.length - 1];
      if (/^(\.[cm]?[jt]s)?$/.test(last.literal.text) && str(last.expression) === undefined) {
        before = x.head.text;
        for (const span of x.templateSpans.slice(0, -1)) {
          const v = isHere(span.expression) ? HERE : str(span.expression);
          before = v === undefined ? undefined : before + v + span.literal.text;
          if (before === undefined) break;
        }
      }
    }
    if (before?.startsWith(HERE + '/')) parts = [before.slice(HERE.length + 1).replace(/\/$/, '')];
    else if (before !== undefined && /^\.\.?\//.test(before) && before.endsWith('/')) parts = [before.slice(0, -1)];
  }
  if (!parts || parts.some((p) => p === undefined || p.includes(HERE))) return undefined;
  return posixJoin(parts as string[]);
}

/** Path parts joined and normalized (`./routes` → `routes`, `` → `.`). */
function posixJoin(parts: string[]): string {
  return posix.normalize(parts.join('/') || '.').replace(/\/$/, '') || '.';
}

/** `__dirname`, or `import.meta.dirname`. */
function isHere(n: ts.Expression): boolean {
  const y = skipWrappers(n);
  return (ts.isIdentifier(y) && y.text === '__dirname') || (ts.isPropertyAccessExpression(y) && y.name.text === 'dirname' && ts.isMetaProperty(y.expression));
}
