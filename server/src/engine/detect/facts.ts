/**
 * What detection reads off one module: coupling sites and the raw material of the inventories (route
 * registrations and mounts before prefixes are composed, queue/model/session entries), plus the bindings it
 * discovered for project functions, which may send other modules round again.
 */
import type { CouplingSite, ModelEntry, QueueEntry, SessionEntry } from '../model';
import type { FrameworkBinding } from '../bind/binding';

export interface RawRoute {
  owner: string; // key of the app/router/plugin the route is registered on
  pack: string;
  method: string;
  path: string;
  file: string;
  line: number;
  handler?: string;
  middleware?: string[];
  /** NestJS: routes of controllers are not mounted; the app's global prefix applies. */
  global?: boolean;
  /** NestJS: the key of the controller class, for the apps whose module graph reaches it. */
  controller?: string;
  /** NestJS: the versions the controller or method names (none: the default versions, if any). */
  versions?: string[];
  /** NestJS: `VERSION_NEUTRAL`, served without a version segment. */
  versionNeutral?: boolean;
}

/** A setting an app gets (`app.setGlobalPrefix(…)`): the app's key and the module that set it. */
export interface AppSetting {
  pack: string;
  app: string;
  file: string;
}

export interface NestApp {
  pack: string;
  key: string;
  file: string;
  roots: string[];
}

/** A NestJS module class (`parent`, its key) and the classes its `@Module({ imports, controllers })` lists. */
export interface ModuleEdges {
  parent: string;
  children: string[];
  /** Of those, the controllers the module declares itself (prefixed by the module's path, if it has one). */
  controllers?: string[];
}

export interface RawMount {
  parent: string;
  child: string;
  prefix: string;
  file: string;
  line: number;
}

/** A place where a query builder names a table (`knex('users')`) or uses a handle on one held in a variable. */
export interface TableUse {
  framework: string;
  table: string;
  file: string;
  line: number;
  /** False on a handle held in a variable: the place that made it named the table. */
  names: boolean;
  /** Undefined where the table is only named and the handle kept for later (`const q = db('users')`). */
  access?: 'read' | 'write';
  /** The call creates the table (`knex.schema.createTable('users', …)`): where the table is defined. */
  creates?: boolean;
}

export interface ModelUse {
  framework: string;
  /** The model's key (a class or a value a factory made); or, for `prisma.user`, the property (`user`). */
  key?: string;
  delegate?: string;
  /** The model's name, for `sequelize.models.User`. */
  name?: string;
  /**
   * A generic repository member used in its own class (`this.repo.findOneBy()` in `BaseRepository<T>`): its key.
   * The use reads or writes every model a subclass binds that member to.
   */
  member?: string;
  file: string;
  line: number;
  access: 'read' | 'write';
}

/**
 * A queue (definition) or worker (consumer) a framework factory makes in a method or constructor of a class,
 * named by the parameter at `param` (`createQueue(topic) { return new Queue(topic) }` in `class BullMqService`).
 */
export interface QueueSeed {
  role: 'definition' | 'consumer';
  framework: string;
  file: string;
  line: number;
  /** The class, by its position in `file`. */
  classPos: number;
  /** The method's name, or 'constructor'. */
  member: string;
  param: number;
}

/**
 * A mount whose child is a field of each element of a list a class is constructed or called with:
 * `controllers.forEach((c) => this.app.use('/api', c.router))` in `constructor(controllers: Controller[])`.
 * The elements are read where the class's member is called (compose/mountLists.ts).
 */
export interface MountSeed {
  parent: string;
  prefix: string;
  file: string;
  line: number;
  /** The class, by its position in `file`. */
  classPos: number;
  /** The method's name, or 'constructor'. */
  member: string;
  param: number;
  /** The field of each element that is mounted (`router`). */
  field: string;
}

/** A parameter of a class's method or constructor, or a property of one (`options.path`). */
export interface ParamRef {
  param: number;
  prop?: string;
}

/**
 * A route registered in a method of a project class whose path (and maybe method) come from its parameters:
 * `route(options) { this.app[options.method](options.path, …) }`, `fileupload(path, h) { this.app.post(path, …) }`.
 * The routes are the calls' (compose/routeWrappers.ts).
 */
export interface RouteSeed {
  pack: string;
  file: string;
  line: number;
  classPos: number;
  member: string;
  /** The HTTP method: fixed (`POST`), or read where the member is called. */
  method: string | ParamRef;
  path: ParamRef;
}

/** A mount in a method of a project class whose child (and maybe prefix) are its parameters: `use(path, router) { this.app.use(path, router) }`. */
export interface WrapperMountSeed {
  file: string;
  line: number;
  classPos: number;
  member: string;
  prefix: string | ParamRef;
  child: ParamRef;
}

export interface ModuleFacts {
  sites: CouplingSite[];
  /**
   * Sites this module's detection found in other modules: the rows of a route table written there and
   * registered here (`server.route(routes)` with `routes` required from feed/create-routes.js). The report
   * counts them in the module they are written in.
   */
  foreignSites: CouplingSite[];
  /**
   * Exported functions that register routes on their first parameter (`module.exports = function (app) {
   * app.route('/api/articles').get(…) }`) which no followed caller hands an app: their routes are not listed.
   */
  unreachedRoutes: { line: number; param: string; calls: number; first: string }[];
  routes: RawRoute[];
  mounts: RawMount[];
  /** Prefixes owners give themselves (`router.prefix('/x')`, `new Router({ prefix })`). */
  ownPrefixes: { owner: string; prefix: string }[];
  /** `app.setGlobalPrefix('api')`: on the app `app` (its key), set in `file`. */
  globalPrefixes: (AppSetting & { prefix: string; exclude?: string[] })[];
  /** URI versioning switched on (`app.enableVersioning({ type: VersioningType.URI })`), with its prefix and default versions. */
  uriVersioning: (AppSetting & { prefix: string; defaultVersions: string[] })[];
  /** NestJS apps made here (`NestFactory.create(AppModule)`): the app's key and its root modules' class keys. */
  apps: NestApp[];
  /** `app.listen(…)` on an app: the apps that serve routes. */
  listens: AppSetting[];
  /** NestJS module classes declared here: the classes their `@Module({ imports, controllers })` lists, by class key. */
  moduleEdges: ModuleEdges[];
  /** Paths `RouterModule.register(…)` gives NestJS module classes (by class key). */
  modulePaths: { module: string; path: string }[];
  queues: QueueEntry[];
  /** Queues and workers made in a class's method or constructor and named by one of its parameters (queueWrappers.ts). */
  queueSeeds: QueueSeed[];
  mountSeeds: MountSeed[];
  routeSeeds: RouteSeed[];
  wrapperMountSeeds: WrapperMountSeed[];

  /** Model entries keyed by the class/value key, so `X.init(…, { tableName })` elsewhere can fill the table. */
  /** `also`: the keys of uses that are this model's too (`this` in its schema's statics and methods). */
  models: { key: string; entry: ModelEntry; baseKey?: string; also?: string[] }[];
  modelTables: { key: string; table: string }[];
  /** Tables named directly by query builders; each table becomes one model entry. */
  tables: TableUse[];
  /** Reads and writes of models (`User.findAll()`, `prisma.user.create(…)`), by model key or Prisma delegate. */
  modelUses: ModelUse[];
  sessions: SessionEntry[];
  /** Bindings of project-function parameters found here: `routes(app)`, `fastify.register(plugin)`. */
  paramBindings: { fnKey: string; index: number; binding: FrameworkBinding }[];
  leaks: number;
  /** Members this module gives every instance of a framework (`fastify.decorate('knex', db)`); no binding when the value is the project's own. */
  decorations: { pack: string; name: string; binding?: FrameworkBinding }[];
  /** Project modules imported by this one (runtime or type-only), for the dependency graph. */
  dependencies: { file: string; typeOnly: boolean }[];
  /** False when no framework value could reach the module, so its body was not walked (detect.ts, `isInert`). */
  walked: boolean;
  /**
   * Modules a framework's migration tool runs as the schema's history, found here: this module (a migration
   * class, a module of a default migration folder) or the folders a config file names (toolModules.ts).
   */
  migrations: { file: string; framework: string }[];
}

export function emptyFacts(): ModuleFacts {
  return {
    sites: [],
    foreignSites: [],
    unreachedRoutes: [],
    routes: [],
    mounts: [],
    ownPrefixes: [],
    globalPrefixes: [],
    uriVersioning: [],
    apps: [],
    listens: [],
    moduleEdges: [],
    modulePaths: [],
    queues: [],
    queueSeeds: [],
    mountSeeds: [],
    routeSeeds: [],
    wrapperMountSeeds: [],
    models: [],
    modelTables: [],
    tables: [],
    modelUses: [],
    sessions: [],
    paramBindings: [],
    leaks: 0,
    decorations: [],
    dependencies: [],
    walked: true,
    migrations: [],
  };
}
