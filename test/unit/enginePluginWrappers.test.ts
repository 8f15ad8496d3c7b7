// Regression: a Fastify plugin wrapped in fastify-plugin (`export default fp(async (app) => …)`) was not followed,
// so the routes and the session store it registers were missed.
import * as assert from 'assert';
import { analyzeFiles } from './helpers/project';

describe('engine: plugin wrappers', () => {
  const files = {
    'package.json': '{ "name": "api", "dependencies": { "fastify": "5", "fastify-plugin": "5", "@fastify/session": "11" } }',
    'src/app.ts': `import Fastify from 'fastify';
import sessionPlugin from './plugins/session';
import statusRoutes from './plugins/status';

export const app = Fastify();
app.register(sessionPlugin);
app.register(statusRoutes, { prefix: '/status' });
`,
    'src/plugins/session.ts': `import fp from 'fastify-plugin';
import fastifySession from '@fastify/session';

export default fp(async (app) => {
  await app.register(fastifySession, { secret: 'a-secret-with-at-least-32-characters!!' });
});
`,
    'src/plugins/status.ts': `import fp from 'fastify-plugin';

export default fp(async (server) => {
  server.get('/ping', async () => 'pong');
});
`,
  };

  it('follows fp(plugin) to the session it registers and the routes it declares', () => {
    const r = analyzeFiles(files);
    assert.deepStrictEqual(
      r.sessions.map((s) => `${s.framework} ${s.store} ${s.file}:${s.line}`),
      ['fastify-session memory src/plugins/session.ts:5'],
    );
    assert.deepStrictEqual(
      r.routes.map((x) => `${x.method} ${x.path} ${x.file}:${x.line}`),
      ['GET /status/ping src/plugins/status.ts:4'],
    );
  });

  it('a plugin written against Fastify: its module augmentation, fp(named plugin), a type-provider plugin type, and decorated values read off the instance', () => {
    const knexPlugin = `import fp from 'fastify-plugin';
import knex, { Knex } from 'knex';
import { FastifyInstance } from 'fastify';

declare module 'fastify' {
  export interface FastifyInstance {
    knex: Knex;
  }
}

async function knexPlugin(fastify: FastifyInstance) {
  fastify.decorate('knex', knex({ client: 'pg' }));
}

export default fp(knexPlugin, { name: 'knex' });
`;
    const routes = `import { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/tasks', async () => {
    const rows = await fastify.knex('tasks').select('*');
    return rows;
  });
};
export default plugin;
`;
    const app = `import Fastify from 'fastify';
import knexPlugin from './knex';
import routes from './routes';

const app = Fastify();
app.register(knexPlugin);
app.register(routes, { prefix: '/api' });
`;
    const r = analyzeFiles({ 'package.json': files['package.json'], 'src/app.ts': app, 'src/knex.ts': knexPlugin, 'src/routes.ts': routes });
    const sites = (file: string, src: string) =>
      r.modules.find((m) => m.path === file)!.sites.map((x) => ({ line: src.split('\n')[x.line - 1].trim(), what: `${x.concern} ${x.kind}` }));
    const has = (list: { line: string; what: string }[], want: string) => {
      const [start, what] = want.split(' | ');
      assert.ok(list.some((x) => x.line.startsWith(start) && x.what === what), `${want} in ${JSON.stringify(list, null, 1)}`);
    };
    const knexSites = sites('src/knex.ts', knexPlugin);
    for (const want of ["declare module 'fastify' { | routing type-ref", 'export interface FastifyInstance | routing type-ref', 'export default fp(knexPlugin | routing call']) has(knexSites, want);
    const routeSites = sites('src/routes.ts', routes);
    for (const want of ['const plugin: FastifyPluginAsyncTypebox | routing type-ref', 'const rows = await fastify.knex | routing member', 'const rows = await fastify.knex | orm call']) has(routeSites, want);
    assert.deepStrictEqual(r.routes.map((x) => `${x.method} ${x.path}`), ['GET /api/tasks']);
  });

  it('a wrapper call from any other package is not a plugin', () => {
    const r = analyzeFiles({ ...files, 'src/plugins/status.ts': files['src/plugins/status.ts'].replace("'fastify-plugin'", "'./wrap'"), 'src/plugins/wrap.ts': 'export default (f: unknown) => f;\n' });
    assert.deepStrictEqual(r.routes, []);
  });
});

describe('engine: framework values returned by project functions', () => {
  it('createApp() returns the Express app made inside it: routes and calls on it are the same app', () => {
    const r = analyzeFiles({
      'src/app.ts': `import express from 'express';
export function createApp() {
  const app = express();
  app.get('/health', (_req, res) => res.send('ok'));
  return app;
}
`,
      'src/server.ts': `import { createApp } from './app';
const app = createApp();
app.listen(3000);
`,
      'src/clean.ts': `export function makeConfig(port: number) {
  const config = { port };
  return config;
}
const c = makeConfig(1);
console.log(c.port);
`,
    });
    const server = r.modules.find((m) => m.path === 'src/server.ts')!;
    assert.deepStrictEqual(server.sites.map((s) => `${s.line} ${s.kind} ${s.framework} ${s.text}`), ['3 call express app.listen']);
    assert.deepStrictEqual(r.modules.find((m) => m.path === 'src/clean.ts')!.sites, []);
    assert.deepStrictEqual(r.routes.map((x) => `${x.method} ${x.path}`), ['GET /health']);
  });

  it('a function calling itself does not loop', () => {
    const r = analyzeFiles({ 'src/loop.ts': 'export function again(): unknown { return again(); }\nagain();\n' });
    assert.strictEqual(r.modules.length, 1);
  });
});
