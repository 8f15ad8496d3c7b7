/** Tests of the built-in rule packs, their schema, and the loading of a workspace's own packs. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CONCERNS, type SiteKind } from '../../server/src/engine/model';
import { builtinRulePacks, loadUserRulePacks, mergeRulePacks } from '../../server/src/rules/loadRulePacks';
import { PackIndex } from '../../server/src/engine/bind/binding';
import type * as R from '../../server/src/rules/rulePack';
import schema from '../../server/src/rules/rulePack.schema.json';

const PACKS_DIR = path.join(__dirname, '../../server/src/rules/packs');

/** Frameworks the design promises (DESIGN.md §3), by pack id, with packages each must claim. */
const EXPECTED: Record<string, string[]> = {
  typeorm: ['typeorm'], sequelize: ['sequelize'], 'sequelize-typescript': ['sequelize-typescript'], prisma: ['@prisma/client'],
  mongoose: ['mongoose'], knex: ['knex'], 'mikro-orm': ['@mikro-orm/core'], objection: ['objection'], drizzle: ['drizzle-orm'],
  express: ['express'], koa: ['koa'], 'koa-router': ['koa-router', '@koa/router'], fastify: ['fastify'],
  nestjs: ['@nestjs/common', '@nestjs/core'], hapi: ['@hapi/hapi', 'hapi'], bull: ['bull'], bullmq: ['bullmq'], agenda: ['agenda'],
  'bee-queue': ['bee-queue'], 'node-cron': ['node-cron'], cron: ['cron'], 'nestjs-bull': ['@nestjs/bull'], 'nestjs-bullmq': ['@nestjs/bullmq'],
  'express-session': ['express-session'], 'koa-session': ['koa-session'], 'fastify-session': ['@fastify/session', 'fastify-session'],
  'cookie-session': ['cookie-session'],
};

describe('built-in rule packs', () => {
  const packs = builtinRulePacks();

  it('all validate against the schema (read from disk like a user pack, too)', () => {
    const fromDisk = loadUserRulePacks(PACKS_DIR);
    assert.deepStrictEqual(fromDisk.problems, []);
    assert.strictEqual(fromDisk.packs.length, fs.readdirSync(PACKS_DIR).length);
    assert.strictEqual(packs.length, fromDisk.packs.length, 'every pack file is imported by loadRulePacks.ts');
  });

  it('have unique ids, equal to their file names, sorted', () => {
    const ids = packs.map((p) => p.id);
    assert.strictEqual(new Set(ids).size, ids.length);
    assert.deepStrictEqual([...ids].sort(), ids);
    assert.deepStrictEqual(fs.readdirSync(PACKS_DIR).map((f) => f.replace(/\.json$/, '')).sort(), ids);
  });

  it('claim each package once', () => {
    const owner = new Map<string, string>();
    for (const p of packs) {
      for (const name of p.packages) {
        assert.ok(!owner.has(name), `${name} is in both ${owner.get(name)} and ${p.id}`);
        owner.set(name, p.id);
      }
    }
  });

  it("a factory naming a package applies to that package's imports only, and that package has no other", () => {
    const index = new PackIndex(packs, ['orm', 'routing', 'queue', 'session']);
    const express = index.byId.get('express')!;
    assert.strictEqual(index.factory(express, [], false)?.role, 'app');
    assert.strictEqual(index.factory(express, [], false, 'express')?.role, 'app');
    assert.strictEqual(index.factory(express, [], false, 'express-promise-router')?.role, 'router');
    assert.strictEqual(index.factory(express, ['Router'], false, 'express-promise-router'), undefined);
    assert.strictEqual(index.factory(express, ['Router'], false)?.role, 'router');
  });

  it('cover every concern', () => {
    for (const c of CONCERNS) assert.ok(packs.some((p) => p.concern === c), `no pack for ${c}`);
  });

  it('include every framework the design lists, with its packages', () => {
    for (const [id, names] of Object.entries(EXPECTED)) {
      const pack = packs.find((p) => p.id === id);
      assert.ok(pack, `missing pack ${id}`);
      for (const n of names) assert.ok(pack.packages.includes(n), `${id} does not claim ${n}`);
    }
  });

  it('describe the inventories the design asks for', () => {
    const byId = new Map(packs.map((p) => [p.id, p]));
    for (const id of ['express', 'koa', 'koa-router', 'fastify', 'nestjs', 'hapi']) assert.ok(byId.get(id)?.routes, `${id} routes`);
    for (const id of ['bull', 'bullmq', 'agenda', 'bee-queue', 'node-cron', 'nestjs-bull', 'nestjs-bullmq']) assert.ok(byId.get(id)?.queues, `${id} queues`);
    assert.ok(byId.get('cron')?.factories?.every((f) => f.schedule), 'cron jobs carry their schedule');
    for (const id of ['express-session', 'koa-session', 'fastify-session']) assert.ok(byId.get(id)?.sessions, `${id} sessions`);
    assert.strictEqual(byId.get('prisma')?.schemaFiles, 'prisma-schema');
    assert.ok(byId.get('knex')?.tableWrites?.includes('insert'), 'knex lists the tables its builders name, with their writes');
    assert.deepStrictEqual(byId.get('objection')?.baseClasses, [{ name: 'Model', role: 'model', tableStatic: 'tableName' }]);
    for (const id of ['typeorm', 'sequelize', 'express', 'koa', 'bull', 'express-session']) {
      assert.ok(Object.keys(byId.get(id)?.hints ?? {}).length > 0, `${id} hints`);
    }
  });

  it('return a fresh array each time', () => {
    builtinRulePacks().pop();
    assert.strictEqual(builtinRulePacks().length, packs.length);
  });
});

/** 'required' / 'optional' for every field of T: the object literals below only compile when they list T exactly. */
type Fields<T> = { [K in keyof Required<T>]: undefined extends T[K] ? 'optional' : 'required' };
type SchemaNode = { properties?: Record<string, unknown>; required?: string[]; items?: SchemaNode; $ref?: string };

function assertSchemaMatches(name: string, node: SchemaNode, fields: Record<string, 'required' | 'optional'>): void {
  const resolved = node.$ref ? (schema.definitions as Record<string, SchemaNode>)[node.$ref.replace('#/definitions/', '')] : node;
  assert.deepStrictEqual(Object.keys(resolved.properties ?? {}).sort(), Object.keys(fields).sort(), `${name}: properties`);
  const required = Object.keys(fields).filter((k) => fields[k] === 'required').sort();
  assert.deepStrictEqual([...(resolved.required ?? [])].sort(), required, `${name}: required`);
}

describe('rulePack.schema.json', () => {
  it('has exactly the fields of the RulePack type, with the same required ones', () => {
    const root = schema as unknown as SchemaNode;
    const prop = (n: SchemaNode, k: string) => (n.properties as Record<string, SchemaNode>)[k];
    const def = (k: string) => (schema.definitions as Record<string, SchemaNode>)[k];
    const pack: Fields<R.RulePack> = {
      id: 'required', name: 'required', concern: 'required', packages: 'required', description: 'optional', weights: 'optional', packageWeights: 'optional',
      moduleRole: 'optional', factories: 'optional', memberFactories: 'optional', baseClasses: 'optional', decorators: 'optional',
      types: 'optional', typeRoles: 'optional', toolModules: 'optional', plainExports: 'optional', migrationClasses: 'optional', baseline: 'optional', plainOtherTypes: 'optional', subqueryMembers: 'optional', plainResults: 'optional', hostedFunctions: 'optional', pluginInterfaces: 'optional', routes: 'optional', queues: 'optional', sessions: 'optional', schemaFiles: 'optional',
      tableWrites: 'optional', modelProperties: 'optional', modelAccess: 'optional', builders: 'optional', modelRegistry: 'optional', hints: 'optional',
    };
    assertSchemaMatches('RulePack', root, pack);
    assertSchemaMatches('builders', prop(root, 'builders'), { start: 'required', results: 'required' });
    const factory: Fields<R.FactoryRule> = {
      export: 'required', member: 'optional', package: 'optional', new: 'optional', role: 'required', nameArg: 'optional', lookupArity: 'optional', prefixOption: 'optional',
      tableArg: 'optional', tableOption: 'optional', nameOption: 'optional', schedule: 'optional',
    };
    assertSchemaMatches('FactoryRule', def('factory'), factory);
    const memberFactory: Fields<R.MemberFactoryRule> = {
      on: 'optional', member: 'required', role: 'required', nameArg: 'optional', lookupArity: 'optional', tableArg: 'optional', tableOption: 'optional',
      prefixOption: 'optional', nameOption: 'optional', property: 'optional', callbackRole: 'optional', writesTable: 'optional', createsTable: 'optional',
    };
    assertSchemaMatches('MemberFactoryRule', def('memberFactory'), memberFactory);
    assertSchemaMatches('baseClasses[]', prop(root, 'baseClasses').items!, { name: 'required', role: 'optional', tableStatic: 'optional' });
    const decorator: Fields<R.DecoratorRule> = {
      name: 'required', role: 'optional', tableArg: 'optional', tableOption: 'optional', pathArg: 'optional', pathOption: 'optional',
      httpMethod: 'optional', queueArg: 'optional', queueOption: 'optional', queueRole: 'optional', scheduleArg: 'optional', nameFirst: 'optional',
    };
    assertSchemaMatches('DecoratorRule', def('decorator'), decorator);
    const routes: Fields<R.RouteRules> = {
      owners: 'required', methods: 'required', routeObject: 'optional', mounts: 'optional', prefixMethod: 'optional',
      globalPrefixMethod: 'optional', appModules: 'optional', appOptions: 'optional', moduleEndpoints: 'optional', attachedHandlers: 'optional', versioning: 'optional', pluginParameter: 'optional', pluginWrappers: 'optional', mountWrappers: 'optional', middlewarePackages: 'optional', terminalHandlers: 'optional', routeChain: 'optional', namedRoutes: 'optional',
      pluginTypes: 'optional', autoload: 'optional', decorateMethod: 'optional', settings: 'optional', paramHandlers: 'optional',
      errorHandlerArity: 'optional',
    };
    assertSchemaMatches('RouteRules', def('routes'), routes);
    const terminal: Fields<R.TerminalHandlerRule> = { package: 'required', export: 'required', method: 'required', registered: 'optional', path: 'optional', offOption: 'optional' };
    assertSchemaMatches('terminalHandlers', prop(def('routes'), 'terminalHandlers').items!, terminal);
    const appModules: Fields<NonNullable<R.RouteRules['appModules']>> = { rootArg: 'required', decorator: 'required', fields: 'required', listen: 'optional', controllers: 'optional', routerModule: 'optional' };
    assertSchemaMatches('appModules', prop(def('routes'), 'appModules'), appModules);
    const routerModule: Fields<NonNullable<NonNullable<R.RouteRules['appModules']>['routerModule']>> = { export: 'required', members: 'required', path: 'required', module: 'required', children: 'required' };
    assertSchemaMatches('routerModule', prop(prop(def('routes'), 'appModules'), 'routerModule'), routerModule);
    assertSchemaMatches('appOptions', prop(def('routes'), 'appOptions'), { controllers: 'required', prefix: 'optional' });
    assertSchemaMatches('pluginTypes[]', prop(def('routes'), 'pluginTypes').items!, { package: 'required', names: 'required' });
    const autoload: Fields<R.AutoloadRule> = {
      packages: 'required', dirOption: 'required', optionsOption: 'optional', prefixOption: 'optional', autoPrefixExport: 'optional', hooksFile: 'optional',
    };
    assertSchemaMatches('AutoloadRule', prop(def('routes'), 'autoload'), autoload);
    assertSchemaMatches('routeObject', prop(def('routes'), 'routeObject'), { call: 'required', methodField: 'required', pathFields: 'required' });
    const mount: Fields<R.MountRule> = {
      method: 'required', prefixArg: 'optional', prefixOption: 'optional', prefixOptionPath: 'optional', unwrap: 'optional',
      childProperty: 'optional', handlers: 'optional',
    };
    assertSchemaMatches('MountRule', def('mount'), mount);
    const queues: Fields<R.QueueRules> = {
      producers: 'optional', consumers: 'optional', schedules: 'optional', namedProducers: 'optional', repeatOption: 'optional',
      queueField: 'optional', jobEvents: 'optional', jobResults: 'optional', jobListResults: 'optional',
    };
    assertSchemaMatches('QueueRules', def('queues'), queues);
    const sessions: Fields<R.SessionRules> = {
      storeOption: 'optional', defaultStore: 'required', optionsArg: 'optional', optionsArgAfterApp: 'optional',
      registeredWith: 'optional', memoryStores: 'optional', storePackages: 'optional', requestProperty: 'optional',
    };
    assertSchemaMatches('SessionRules', def('sessions'), sessions);
    assertSchemaMatches('requestProperty', prop(def('sessions'), 'requestProperty'), { name: 'required', routers: 'required' });
    const hint: Fields<R.MigrationHint> = { summary: 'required', apiMap: 'optional' };
    assertSchemaMatches('MigrationHint', def('hint'), hint);
  });

  it('enumerates every site kind in weights', () => {
    const weights = (schema.properties.weights as SchemaNode).properties ?? {};
    const kinds: Record<SiteKind, true> = {
      import: true, 'type-import': true, 'bound-import': true, call: true, member: true, extends: true, decorator: true,
      'type-ref': true, route: true, state: true,
    };
    assert.deepStrictEqual(Object.keys(weights).sort(), Object.keys(kinds).sort());
  });
});

describe('user rule packs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-packs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const file = (name: string) => path.join(dir, name);

  it('loads a valid YAML pack', () => {
    write('acme.yaml', [
      'id: acme-web', 'name: Acme Web', 'concern: routing', 'packages: ["@acme/web"]',
      'factories:', '  - { export: createServer, role: app }',
      'routes:', '  owners: [app]', '  methods: { get: GET, post: POST }', '  mounts: [{ method: mount, prefixArg: 0 }]',
      'hints:', '  fastify: { summary: Port handlers one by one. }',
    ].join('\n'));
    const { packs, problems } = loadUserRulePacks(dir);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(packs.length, 1);
    assert.deepStrictEqual(packs[0].routes?.methods, { get: 'GET', post: 'POST' });
    assert.deepStrictEqual(packs[0].factories, [{ export: 'createServer', role: 'app' }]);
  });

  it('loads a valid JSON pack, and a .yml one beside it', () => {
    write('jobs.json', JSON.stringify({ id: 'acme-jobs', name: 'Acme Jobs', concern: 'queue', packages: ['acme-jobs'], queues: { producers: ['push'] } }));
    write('other.yml', 'id: acme-orm\nname: Acme ORM\nconcern: orm\npackages: [acme-orm]\n');
    write('notes.txt', 'not a pack');
    const { packs, problems } = loadUserRulePacks(dir);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(packs.map((p) => p.id), ['acme-jobs', 'acme-orm']);
  });

  it('names the file, the field and the expected type of a wrong field, with its position', () => {
    write('acme.yaml', 'id: acme\nname: Acme\nconcern: routing\npackages: [acme]\nroutes:\n  owners: [app]\n  methods:\n    get: 5\n');
    const { packs, problems } = loadUserRulePacks(dir);
    assert.deepStrictEqual(packs, []);
    assert.strictEqual(problems.length, 1);
    assert.deepStrictEqual(problems[0], {
      severity: 'error', code: 'bad-rule-pack', file: file('acme.yaml'), line: 8, column: 10,
      message: `${file('acme.yaml')}: at /routes/methods/get: must be string`,
    });
  });

  it('rejects an unknown property, naming it and the allowed ones', () => {
    write('typo.json', JSON.stringify({ id: 'typo', name: 'Typo', concern: 'orm', packages: ['t'], factories: [{ export: 'x', role: 'client', tabelArg: 0 }] }, null, 2));
    const [problem] = loadUserRulePacks(dir).problems;
    assert.match(problem.message, /typo\.json: at \/factories\/0: unknown property 'tabelArg' \(allowed: export, member, .*tableArg/);
    assert.deepStrictEqual([problem.line, problem.column], [12, 7]);
  });

  it('names the allowed values of an enum and a missing required field', () => {
    write('enum.yaml', 'id: e\nname: E\nconcern: cache\n');
    const messages = loadUserRulePacks(dir).problems.map((p) => p.message);
    assert.ok(messages.some((m) => /at \/concern: must be one of "orm", "routing", "queue", "session"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /at the top level: must have required property 'packages'/.test(m)), messages.join('\n'));
  });

  it('reports a YAML syntax error with its line and column', () => {
    write('broken.yaml', 'id: broken\nname: [unclosed\nconcern: orm\n');
    const [problem] = loadUserRulePacks(dir).problems;
    assert.match(problem.message, /broken\.yaml: YAML syntax error at line 3, column 1: /);
    assert.strictEqual(problem.line, 3);
    assert.strictEqual(problem.column, 1);
  });

  it('reports a JSON syntax error with its line and column, even when Node gives no position', () => {
    write('broken.json', '{\n  "id": "broken",\n  "packages": [1, 2,]\n}\n');
    const [problem] = loadUserRulePacks(dir).problems;
    assert.match(problem.message, /broken\.json: JSON syntax error at line 3, column 21: /);
    assert.deepStrictEqual([problem.line, problem.column], [3, 21]);
  });

  it('keeps loading the other packs when one is bad, and keeps the first of two equal ids', () => {
    write('a.yaml', 'id: same\nname: A\nconcern: orm\npackages: [a]\n');
    write('b.yaml', 'id: same\nname: B\nconcern: orm\npackages: [b]\n');
    write('c.yaml', 'id: bad\nname: C\n');
    write('d.yaml', 'id: fine\nname: D\nconcern: session\npackages: [d]\nsessions: { storeOption: store, defaultStore: memory }\n');
    const { packs, problems } = loadUserRulePacks(dir);
    assert.deepStrictEqual(packs.map((p) => [p.id, p.name]), [['same', 'A'], ['fine', 'D']]);
    assert.deepStrictEqual(problems.map((p) => p.file), [file('b.yaml'), file('c.yaml'), file('c.yaml')]);
    assert.match(problems[0].message, /id 'same' is already used by .*a\.yaml/);
  });

  it('returns nothing for a missing folder', () => {
    assert.deepStrictEqual(loadUserRulePacks(path.join(dir, 'missing')), { packs: [], problems: [] });
  });

  it('lets a user pack replace the built-in pack with the same id', () => {
    write('express.yaml', 'id: express\nname: Express (ours)\nconcern: routing\npackages: [express]\nroutes: { owners: [app], methods: { get: GET } }\n');
    const { packs } = loadUserRulePacks(dir);
    const merged = mergeRulePacks(builtinRulePacks(), packs);
    assert.strictEqual(merged.length, builtinRulePacks().length);
    const express = merged.filter((p) => p.id === 'express');
    assert.deepStrictEqual(express.map((p) => p.name), ['Express (ours)']);
    assert.deepStrictEqual(merged.map((p) => p.id), builtinRulePacks().map((p) => p.id));
  });

  it('never runs code: a YAML tag stays data and fails validation', () => {
    write('tag.yaml', 'id: !!js/function "function () { process.exit(1) }"\nname: T\nconcern: orm\npackages: [t]\n');
    const { packs, problems } = loadUserRulePacks(dir);
    assert.deepStrictEqual(packs, []);
    assert.match(problems[0].message, /at \/id: must match pattern/);
  });
});
