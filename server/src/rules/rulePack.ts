/**
 * The shape of a rule pack: declarative data that teaches the engine one framework. Packs are JSON or YAML,
 * validated against `rulePack.schema.json`; nothing in a pack is ever executed.
 */
import type { Concern, SiteKind } from '../engine/model';

/**
 * Roles a framework-bound value can play. The engine follows values across files and keeps their role,
 * so `router.get(...)` is known to be a route on a router exported by another module.
 */
export type ValueRole =
  | 'module' // the package's namespace or default export itself (express, mongoose, knex before it is called)
  | 'app' // an HTTP application (express(), new Koa(), fastify(), Hapi.server())
  | 'router' // a router (express.Router(), new Router() of koa-router)
  | 'client' // a database client / connection / data source (new PrismaClient(), knex({...}), new DataSource())
  | 'repository' // a handle on one model's data (getRepository(User), prisma.user)
  | 'model' // a model class or model object (mongoose.model(), sequelize.define(), @Entity class)
  | 'queue' // a queue (new Queue('mail'))
  | 'worker' // a consumer (new Worker('mail', fn))
  | 'scheduler' // agenda, node-cron
  | 'session' // a session middleware (session({...}))
  | 'store' // an external session store
  | 'value'; // anything else bound to the framework

export interface FactoryRule {
  /**
   * The package export that is called or constructed: 'default' (the default/`module.exports` export),
   * '*' (the namespace itself, e.g. `knex(...)`), or a named export ('Router', 'PrismaClient').
   */
  export: string;
  /** A member called on that export: `express.Router()` is { export: 'default', member: 'Router' }. */
  member?: string;
  /**
   * Only for imports of this one of the pack's packages (`express-promise-router`, whose default export makes a
   * router where `express`'s makes an app); a package some factory names has only those factories.
   */
  package?: string;
  /** True when the factory is used with `new` (both `new X()` and `X()` are accepted when omitted). */
  new?: boolean;
  role: ValueRole;
  /** Argument index that names the thing made (queue name, model name). */
  nameArg?: number;
  /**
   * Called with at most this many arguments (just the name), the call looks up what another call made under
   * that name instead of making it: `mongoose.model('User')` is the model `mongoose.model('User', schema)` made.
   */
  lookupArity?: number;
  /** Option property (in the first object-literal argument) that names a route prefix (koa-router `prefix`). */
  prefixOption?: string;
  /** Argument index of a table/collection name (mongoose.model('User', schema, 'users')). */
  tableArg?: number;
  /** Option property naming the table (sequelize.define(name, attrs, { tableName })). */
  tableOption?: string;
  /** Option property naming the thing made (BullModule.registerQueue({ name: 'mail' }), new EntitySchema({ name })). */
  nameOption?: string;
  /**
   * The value made is a scheduled job, listed with its schedule: the argument at `arg`, or the property `option`
   * of an object argument (`new CronJob('0 * * * *', tick)`, `new CronJob({ cronTime, onTick })`).
   */
  schedule?: { arg?: number; option?: string };
}

/** See `RulePack.hostedFunctions`. */
export interface HostedFunctionRule {
  /** The role of the value the member is of (any of the pack's, when absent). */
  on?: ValueRole;
  member: string;
  form: 'call' | 'assign';
  this: 'model' | 'instance';
  nextParam?: number;
}

/** A call on a bound value that produces another bound value: `dataSource.getRepository(User)`. */
export interface MemberFactoryRule {
  /** Role of the value the member is called on; omitted = any. */
  on?: ValueRole;
  /** The member's name; `()` stands for calling the value itself: `knex('users')`, `trx('users')`. */
  member: string;
  role: ValueRole;
  nameArg?: number;
  /**
   * Called with at most this many arguments (just the name), the call looks up what another call made under
   * that name instead of making it: `mongoose.model('User')` is the model `mongoose.model('User', schema)` made.
   */
  lookupArity?: number;
  tableArg?: number;
  tableOption?: string;
  prefixOption?: string;
  /** Option property naming the thing made (Model.init(attrs, { modelName })). */
  nameOption?: string;
  /** True when the member is read, not called: `dataSource.manager`, `orm.em`, `mongoose.connection`. */
  property?: boolean;
  /** Role of the first parameter of a callback argument: `prisma.$transaction(async (tx) => …)` → 'client'. */
  callbackRole?: ValueRole;
  /** The call changes the table it names (`knex.schema.createTable('users', …)`): its place writes the table. */
  writesTable?: boolean;
  /** The call creates the table it names: the table's entry in the model inventory is listed there, its definition. */
  createsTable?: boolean;
}

/**
 * `knexfile.js` naming `migrations: { directory: 'db/migrations' }`: each module of that folder (of `default`,
 * beside the config file, when the file names none) has the functions it exports as one of `exports` called with a
 * value of `role` as first argument.
 */
export interface ToolModulesRule {
  /** File names of the tool's config file (`knexfile.js`, `knexfile.ts`, `.sequelizerc`). */
  configFiles: string[];
  /**
   * Packages of the tool's CLI (`sequelize-cli`): a package.json declaring one, with no config file beside it,
   * runs the folders' defaults from its own folder. Without them a config file is needed.
   */
  manifestPackages?: string[];
  /** What the tool hands each function, by parameter position: a Knex client; a QueryInterface, then the Sequelize module. */
  params: ValueRole[];
  /**
   * Where the config names a folder: the option's `field` (`migrations: { directory: 'db/migrations' }`), or with
   * no field the option itself (`'migrations-path': path.resolve('db', 'migrations')`).
   */
  folders: { option: string; field?: string; default: string; kind: ToolFolderKind; exports: string[] }[];
}

/** What a tool's folder holds: the schema's history (migrations), or data it fills a database with (seeds). */
export type ToolFolderKind = 'migrations' | 'seeds';

export interface DecoratorRule {
  /** The decorator's exported name: 'Entity', 'Controller', 'InjectRepository'. */
  name: string;
  /** What a class (or member) carrying it becomes. */
  role?: ValueRole;
  /** Where the table name is: argument index, or an option property of the first object argument. */
  tableArg?: number;
  tableOption?: string;
  /** Route prefix (class) or path (method) argument index for routing decorators. */
  pathArg?: number;
  /** Option property of an object argument at pathArg holding the path (@Controller({ path: 'users' })). */
  pathOption?: string;
  /** HTTP method of a routing method decorator ('GET'); 'ALL' for @All. */
  httpMethod?: string;
  /** Queue name argument for queue decorators (@Processor('mail'), @InjectQueue('mail')). */
  queueArg?: number;
  /** Option property of an object argument at queueArg naming the queue (@Processor({ name: 'mail' })). */
  queueOption?: string;
  queueRole?: 'definition' | 'producer' | 'consumer' | 'schedule';
  /** A schedule decorator's schedule argument (@Cron('0 * * * *'), @Interval(5000)): a cron expression or a period. */
  scheduleArg?: number;
  /**
   * Given one more argument than the schedule needs, the first names the job and the schedule follows it
   * (@Interval('cleanup', 5000), @Timeout('warm-up', 1000)).
   */
  nameFirst?: boolean;
}

export interface RouteRules {
  /** Roles of values on which route methods register routes. */
  owners: ValueRole[];
  /**
   * Methods registering a handler that is not a route, whose parameters from `firstParam` on are the
   * framework's objects: koa-router `router.param('id', (id, ctx, next) => …)` → 1, Express `app.param` → 0.
   */
  paramHandlers?: { method: string; firstParam: number; returnedMethods?: string[] }[];
  /** A handler with exactly this many parameters is an error handler whose first one is the error (Express: 4). */
  errorHandlerArity?: number;
  /** Method name → HTTP method: { get: 'GET', del: 'DELETE', all: 'ALL' }. */
  methods: Record<string, string>;
  /** `owner.route({ method, url|path, handler })` (Fastify, Hapi): the call name and the fields it reads. */
  routeObject?: { call: string; methodField: string; pathFields: string[] };
  /** Mounting a child router/plugin under a prefix. */
  mounts?: MountRule[];
  /** `router.prefix('/x')` (koa-router). */
  prefixMethod?: string;
  /** `app.setGlobalPrefix('api')` (NestJS). */
  globalPrefixMethod?: string;
  /**
   * NestJS: an app (`NestFactory.create(AppModule)`, the root module being the factory's argument `rootArg`)
   * serves the controllers its root module reaches through the `fields` of `decorator`
   * (`@Module({ imports, controllers })`); its global prefix and versioning apply to those alone. Once some app
   * calls `listen`, only apps that do serve routes (a migration script making an app to reach its services
   * serves none).
   */
  appModules?: {
    rootArg: number;
    decorator: string;
    fields: string[];
    listen?: string;
    /** The field of `decorator` listing the module's own controllers: those a module path (`routerModule`) prefixes. */
    controllers?: string;
    /**
     * `RouterModule.register([{ path: '/api', module: ApiModule, children: [{ path: 'admin', module: AdminModule }] }])`:
     * the export and its members taking a route tree, and the fields of a tree node. A module's path (its
     * ancestors' joined with its own; a child written as a bare module class takes its parent's) goes between the
     * app's global prefix and version, and the path of each controller the module itself declares.
     */
    routerModule?: { export: string; members: string[]; path: string; module: string; children: string };
  };
  /**
   * Apps configured by an options object handed to the factory that makes them (routing-controllers'
   * `createExpressServer({ controllers: [UserController], routePrefix: '/api' })`, or `useExpressServer(app, {…})`):
   * the option listing the controller classes the app serves, and the one holding its global route prefix.
   */
  appOptions?: { controllers: string; prefix?: string };
  /**
   * NestJS URI versioning: once the app calls `method` with `{ type: VersioningType.<uriType> }`, a controller's
   * `version` option (or a method's `@<decorator>('2')`) puts `/<prefix><version>` after the global prefix
   * (`/api/v1/users`). `prefix` defaults to `defaultPrefix` (`prefix: false` drops it); `defaultVersion` applies
   * to routes that name none; `neutral` (`VERSION_NEUTRAL`) names no version.
   */
  versioning?: {
    method: string;
    typeOption: string;
    uriType: string;
    prefixOption: string;
    defaultPrefix: string;
    defaultVersionOption: string;
    controllerOption: string;
    decorator: string;
    neutral: string;
  };
  /** Not read: plugins are known by `register`, `pluginTypes` and `autoload`. Kept so packs that set it still validate. */
  pluginParameter?: boolean;
  /**
   * Types that make a function a plugin whose first parameter is an owner:
   * `const plugin: FastifyPluginAsync = async (app) => { app.get(…) }`, by the package that exports them.
   */
  pluginTypes?: { package: string; names: string[] }[];
  /** Registering a loader that mounts every plugin file of a folder, prefixed by its sub-folder (@fastify/autoload). */
  autoload?: AutoloadRule;
  /**
   * `app.decorate('knex', knex(…))`: a member every instance of the framework then carries, so `fastify.knex(…)`
   * anywhere is a call on that value (a Knex query), not on the framework.
   */
  decorateMethod?: string;
  /**
   * Express's app settings: `app.set('db', sequelize)` stores a value that `app.get('db')` reads back, also
   * through the request (`req.app.get('db')`, `requestApp` naming the request's member holding the app).
   */
  settings?: { set: string; get: string; requestApp?: string };
  /** Packages whose default export wraps a plugin function and returns it (`fastify-plugin`: `fp(async (app) => …)`). */
  pluginWrappers?: string[];
  /**
   * Packages whose default export wraps a child app or router (its last argument) into middleware serving it
   * under the prefix its first argument names, when given: koa-mount `app.use(mount('/api', api))`.
   */
  mountWrappers?: string[];
  /**
   * Packages of the framework's middleware ecosystem (`cors`, `body-parser`, `koa-helmet`): importing one is an
   * import of the framework, and what it exports is the framework's, so the middleware a call makes
   * (`cors()`, `bodyParser.json()`) and passing it along are sites. A move off the framework replaces them.
   */
  middlewarePackages?: string[];
  /**
   * Package exports whose middleware answers the requests it is mounted for rather than passing them on: a mount
   * of one (`app.use('/graphql', expressMiddleware(server))`, `app.use('/images', express.static(dir))`) serves
   * everything under its prefix, listed as a route `METHOD prefix/*`.
   */
  terminalHandlers?: TerminalHandlerRule[];
  /**
   * Modules that serve an endpoint of their own once an app imports them: `GraphQLModule.forRoot({ path })` (the
   * export, called through one of `members`) serves `method` at the `path.option` of its options object, else at
   * `path.default`, outside the global prefix.
   */
  moduleEndpoints?: {
    export: string;
    members: string[];
    method: string;
    /** Where the path is: an option of the options object, or an argument (`SwaggerModule.setup('docs', app, doc)`). */
    path: { option?: string; arg?: number; default: string };
    /** The paths served, as suffixes of that one (`['', '/*', '-json']`: the UI, its assets, the document); `['']` by default. */
    suffixes?: string[];
  }[];
  /**
   * Servers that attach themselves to an app handed in an options object (Apollo Server 2/3:
   * `server.applyMiddleware({ app, path: '/api/graphql' })`): a call of `method` whose options' `appOption` is an app
   * of this framework serves `route` at the `path.option`, else `path.default`, on that app.
   */
  attachedHandlers?: AttachedHandlerRule[];
  /** A method that fixes a path and returns an object whose route methods register on it: `app.route('/x').get(h)`. */
  routeChain?: string;
  /** Route methods may take a route name first: koa-router `router.get('user', '/users/:id', h)` (two leading strings). */
  namedRoutes?: boolean;
}

export interface AutoloadRule {
  /** Packages whose default export is the loader: `app.register(autoload, { dir: path.join(__dirname, 'routes') })`. */
  packages: string[];
  /** The option naming the folder. */
  dirOption: string;
  /** The option holding the options passed to each plugin (`options: { prefix: '/api' }`). */
  optionsOption?: string;
  /** The prefix option inside those. */
  prefixOption?: string;
  /** A plugin module's export replacing its folder's prefix (`export const autoPrefix = '/v2'`). */
  autoPrefixExport?: string;
  /** Base name (without extension) of hook files in the folder, which register no routes (`autohooks`). */
  hooksFile?: string;
}

export interface MountRule {
  /** The owner's method: 'use' (Express/Koa), 'register' (Fastify/Hapi). */
  method: string;
  /** Index of a literal prefix argument ('/api' in app.use('/api', router)); omitted when none. */
  prefixArg?: number;
  /** Option property naming the prefix (fastify.register(plugin, { prefix: '/v1' })). */
  prefixOption?: string;
  /** Nested option path for the prefix (Hapi: routes.prefix). */
  prefixOptionPath?: string[];
  /** Member calls unwrapped from the child argument: koa-router `router.routes()`. */
  unwrap?: string[];
  /** Property of an object argument holding the child (Hapi: { plugin: x }). */
  childProperty?: string;
  /**
   * A function mounted here is middleware, handed the request objects (`app.use((req, res, next) => …)`,
   * `app.use(async (ctx, next) => …)`), not a plugin handed the owner (`fastify.register(async (app) => …)`).
   */
  handlers?: boolean;
}

export interface QueueRules {
  /** Methods on a queue value that enqueue work (producer sites). */
  producers?: string[];
  /** Methods that register a consumer; `nameArg` when the job name is an argument (agenda.define('x')). */
  consumers?: { method: string; nameArg?: number }[];
  /**
   * Methods that schedule work; `scheduleArg` and `nameArg` indices. With `nameFirst`, a call given more arguments
   * than the schedule and its callback names the job first, the schedule following (node-schedule's
   * `scheduleJob('nightly', '0 3 * * *', fn)` beside `scheduleJob('0 3 * * *', fn)`).
   */
  schedules?: { method: string; scheduleArg?: number; nameArg?: number; nameFirst?: boolean }[];
  /** Member producers that name a job: agenda.now('job'), agenda.schedule('in 5 min', 'job'). */
  namedProducers?: { method: string; nameArg: number }[];
  /**
   * A producer whose options (its last object-literal argument) carry this property is a schedule
   * (Bull `add(data, { repeat: { cron } })`); the schedule is the first of `scheduleFields` inside it. The same
   * fields are read when a schedule's `scheduleArg` is an object (BullMQ `upsertJobScheduler(id, { pattern })`).
   */
  repeatOption?: { property: string; scheduleFields: string[] };
  /** Field naming the queue when a producer's first argument is an object (BullMQ `flow.add({ name, queueName })`). */
  queueField?: string;
  /** Events whose listeners are handed the job first (`queue.on('failed', (job, err) => …)`), by the method that listens. */
  jobEvents?: { method: string; events: string[] };
  /** Methods on a queue whose awaited result is a job, still the framework's (`await queue.getJob(id)`, `await queue.add(…)`). */
  jobResults?: string[];
  /** Methods on a queue whose awaited result is an array of jobs (`await queue.getJobs(['failed'])`): each element is a job. */
  jobListResults?: string[];
}

/** See `RouteRules.attachedHandlers`. */
export interface AttachedHandlerRule {
  method: string;
  appOption: string;
  route: string;
  path: { option: string; default: string };
}

export interface TerminalHandlerRule {
  /** The module as imported (`@apollo/server/express4`, `express`). */
  package: string;
  /** The export: a name, or `default` for the module itself (`require('serve-static')`). */
  export: string;
  /** The method the mount answers (`ALL`, or `GET` for static files). */
  method: string;
  /** The export itself is what the mount is given (`app.register(fastifyStatic, { root, prefix })`, `app.use('/docs', swaggerUi.serve, …)`), not a call of it. */
  registered?: boolean;
  /**
   * The one path it serves under the mount prefix, read from an option of the mount's options object, or the
   * default (mercurius: option `path`, default `/graphql`); without it, everything under the prefix (`prefix/*`).
   */
  path?: { option: string; default: string };
  /** An option of the mount's options that, set to `false`, turns the serving off (@fastify/static `serve: false`). */
  offOption?: string;
}

export interface SessionRules {
  /**
   * The option property that names a store; without it the framework's default store applies. Absent for a
   * package with no store to choose (cookie-session keeps the whole session in the cookie).
   */
  storeOption?: string;
  /** What the framework keeps sessions in when no store is given. */
  defaultStore: 'memory' | 'cookie';
  /** Index of the options argument of the session factory (koa-session: session(opts, app) → 0). */
  optionsArg?: number;
  /** Where the options are when the argument at optionsArg is the app (koa-session also takes session(app, opts) → 1). */
  optionsArgAfterApp?: number;
  /**
   * The session is a plugin passed to this owner method rather than a called factory (Fastify:
   * `app.register(fastifySession, opts)` → 'register'); optionsArg then indexes that call's arguments.
   */
  registeredWith?: string;
  /** Store classes of the package that keep sessions in process memory even when passed as the store. */
  memoryStores?: string[];
  /**
   * Packages of stores made for this session package (connect-mongo, connect-redis for express-session): importing
   * one is a site of this package, as the store goes when the session does.
   */
  storePackages?: string[];
  /**
   * The session as handlers see it: a property of the request of these routing packs (`req.session`,
   * `ctx.session`, `request.session`). Where the workspace depends on this package, every read, write or call
   * through that property is a session site too, besides the request's routing site.
   */
  requestProperty?: { name: string; routers: string[] };
}

export interface MigrationHint {
  summary: string;
  /** API correspondences: { from: 'repo.find()', to: 'prisma.user.findMany()' }. */
  apiMap?: { from: string; to: string }[];
}

export interface RulePack {
  id: string;
  name: string;
  concern: Concern;
  /** Package names; a specifier matches when it is the name or starts with `name/`. */
  packages: string[];
  description?: string;
  /** Site weight overrides; see DEFAULT_WEIGHTS. */
  weights?: Partial<Record<SiteKind, number>>;
  /**
   * Weights of the sites of one of the pack's packages (its imports, decorators, and the calls and members of its
   * exports), in place of `weights`: @nestjs/swagger's decorators document an API (`@ApiProperty()` on each field of
   * a DTO, `applyDecorators(ApiOkResponse(…))`), which is not the work of moving its routes.
   */
  packageWeights?: Record<string, Partial<Record<SiteKind, number>>>;
  /** Role of the package's default export / namespace (e.g. 'module' for mongoose, 'scheduler' for node-cron). */
  moduleRole?: ValueRole;
  factories?: FactoryRule[];
  memberFactories?: MemberFactoryRule[];
  /** Exported base classes; a class extending one (directly or through project classes) is coupled. */
  baseClasses?: { name: string; role?: ValueRole; tableStatic?: string }[];
  decorators?: DecoratorRule[];
  /** Exported types whose use in a signature couples it (and leaks when exported). */
  types?: string[];
  /**
   * The role of a value typed with one of the pack's types, when no factory or base class of that name says it:
   * `{ "Knex": "client" }` makes `constructor(private readonly knex: Knex)` a client whose `knex('users')` names a table.
   */
  typeRoles?: Record<string, ValueRole>;
  /**
   * Modules the framework's own tooling loads from folders its config file names, calling the functions they
   * export with a framework value (the Knex and Sequelize CLIs' migrations and seeds): see `ToolModulesRule`.
   */
  toolModules?: ToolModulesRule;
  /**
   * Exports whose instances are plain values of the project's, not the framework's: making one (`new Logger('x')`)
   * and naming its type are sites, but calls on the instance (`this.logger.log(…)`) are not (NestJS `Logger`).
   * Also the shapes of data a query takes or gives (`FilterQuery`, `WhereOptions`, `DeepPartial`, `UpdateResult`):
   * `const where: WhereOptions = {}` names the ORM, but `where.id = id` writes the project's own object.
   */
  plainExports?: string[];
  /**
   * Exports whose implementers or subclasses the framework's migration tool runs (`implements MigrationInterface`,
   * `extends Migration`): a module declaring such a class is part of the schema's history, as the migration
   * folders of `toolModules` are.
   */
  migrationClasses?: string[];
  /**
   * Types of the package the pack names nowhere else (not in `types`, `typeRoles`, factories or base classes) type
   * plain data: Prisma generates one type per model (`User`, `Prisma.UserCreateInput`), and what it hands back are
   * plain objects. `(org: Organization)` names the ORM; `org.id` reads the project's data.
   */
  plainOtherTypes?: boolean;
  /**
   * Members whose first argument names a subquery (a common table expression) that the rest of the same chain
   * reads like a table: in `db.with('ranked', q).select('*').from('ranked')`, `ranked` is no table.
   */
  subqueryMembers?: string[];
  /**
   * Functions the framework calls with its own `this`, by the member of one of its values they are given to
   * (`form: 'call'`: `schema.pre('save', function (next) {…})`) or assigned under (`form: 'assign'`:
   * `schema.statics.x = function () {…}`, `schema.methods = { x() {…} }`): `this` is the pack's model, or one of
   * its instances (`this: 'instance'`); `nextParam` is a parameter the framework hands in (a hook's `next`).
   */
  hostedFunctions?: HostedFunctionRule[];
  /**
   * Members of the pack's values whose call gives a value that is not the framework's: `app.listen(3000)` gives
   * Node's `http.Server`, whatever framework made the app (`server.close()` is no site).
   */
  plainResults?: string[];
  /**
   * Framework interfaces a class implements only to plug into the framework (`CanActivate`, `NestMiddleware`):
   * such a class belongs to the framework like one carrying its role-giving decorator, so importing it is coupling.
   */
  pluginInterfaces?: string[];
  routes?: RouteRules;
  queues?: QueueRules;
  sessions?: SessionRules;
  /** Models declared outside code: 'prisma-schema' reads `schema.prisma` files. */
  schemaFiles?: 'prisma-schema';
  /**
   * Tables the pack's query builders name directly (`knex('users')`: a member factory with `tableArg` whose value
   * is not a model) are listed in the model inventory under their table name. These methods, called in the chain
   * that names the table or on a handle held in a variable, write it (`insert`, `update`, `del`); any other
   * use reads it. A pack without this field lists no such tables.
   */
  tableWrites?: string[];
  /**
   * Property reads on a value of role `on` that each stand for one model (`prisma.user` → model `User`), except
   * names starting with `ignorePrefix` (`prisma.$transaction`).
   */
  modelProperties?: { on: ValueRole; role: ValueRole; ignorePrefix?: string };
  /**
   * Methods that read or write a model's data when called on the model itself (`User.findAll()`,
   * `User.query().insert(…)`) or, with `modelProperties`, on the property standing for it (`prisma.user.create`).
   * A chain writes when any of its methods is in `writes`; it reads when its first method is in `reads`. Other
   * calls (associations, hooks, `init`) are neither. The model inventory lists the places as readers and writers.
   */
  modelAccess?: {
    reads: string[];
    writes: string[];
    /**
     * Methods of a model (or a repository of one) whose awaited result is one instance of it (`await
     * User.findById(id)`, `await repo.findOneBy(…)`): that value is an entity of the model.
     */
    returnsOne?: string[];
    /** Methods whose awaited result is an array of instances (`await User.findAll()`): each element is an entity. */
    returnsMany?: string[];
    /** Methods called on an instance (`user.save()`) that write, or read, its model's data. */
    instanceWrites?: string[];
    instanceReads?: string[];
    /**
     * Exports whose instances, held in a model's fields, are the framework's objects, not data (MikroORM
     * `Collection`, `Reference`): `comments = new Collection<Comment>(this)` or `author: Ref<User>` makes
     * `article.comments.add(c)` a call of the ORM.
     */
    fieldTypes?: string[];
  };
  /**
   * Query builders that are not promises (TypeORM's): a chain through a `start` method
   * (`repo.createQueryBuilder('a').where(…)`) is a builder, and awaiting it yields the builder itself, still the
   * framework's (`const qb = await …; qb.andWhere(…)`), unless the chain ends in one of `results` (`getMany()`),
   * which return promises of data.
   */
  builders?: { start: string[]; results: string[] };
  /** A client's property holding the models by name: `sequelize.models.User` is the model `User`. */
  modelRegistry?: string;
  /** Migration hints keyed by target framework id. */
  hints?: Record<string, MigrationHint>;
  /**
   * As a migration target: how a project starts this framework's migrations on databases that already have the
   * schema, so the old framework's migrations can retire (the plan's schema history step).
   */
  baseline?: string;
}

export const DEFAULT_WEIGHTS: Record<SiteKind, number> = {
  import: 1,
  'type-import': 0.1,
  'bound-import': 0.5,
  call: 1,
  member: 0.25,
  extends: 3,
  decorator: 1,
  'type-ref': 0.5,
  route: 1,
  state: 2,
};

/** A site's weight: the pack's for its kind, or its package's (`packageWeights`) when the site names the package it came from. */
export function siteWeight(pack: RulePack, kind: SiteKind, specifier?: string): number {
  return (specifier !== undefined ? pack.packageWeights?.[specifier]?.[kind] : undefined) ?? pack.weights?.[kind] ?? DEFAULT_WEIGHTS[kind];
}
