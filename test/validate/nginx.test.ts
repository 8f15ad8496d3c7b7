// The nginx snippet in Debian's nginx: `nginx -t` accepts it inside a server block of a temporary configuration,
// and, served for real on loopback in front of two stub upstreams, it sends each request to the app the plan says.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { exportRoadmap } from '../../server/src/engine/export';
import { EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES, HOSTILE, hostileExportInput } from '../exportRuns';

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx'].find((file) => fs.existsSync(file));

/** A configuration that runs as any user: everything nginx writes goes under `dir`, which is also its prefix. */
function config(dir: string, snippet: string, upstreams: Record<string, number>, listen: number): string {
  fs.writeFileSync(path.join(dir, 'routes.conf'), snippet);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${path.join(dir, kind)};`);
  return [
    'daemon off;',
    'master_process off;',
    'worker_processes 1;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'error.log')} warn;`,
    'events { worker_connections 64; }',
    'http {',
    '  access_log off;',
    ...temp,
    ...Object.entries(upstreams).map(([name, port]) => `  upstream ${name} { server 127.0.0.1:${port}; }`),
    '  server {',
    `    listen 127.0.0.1:${listen};`,
    `    include ${path.join(dir, 'routes.conf')};`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function test(dir: string, snippet: string, upstreams: Record<string, number>): { status: number | null; output: string } {
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(conf, config(dir, snippet, upstreams, 1));
  const run = spawnSync(NGINX!, ['-t', '-q', '-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A stub app on a loopback port that answers every request with its name. */
async function stub(name: string): Promise<http.Server> {
  const server = http.createServer((_, res) => res.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function get(port: number, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Waits until nginx answers on the port (it prints nothing when ready), for at most ten seconds. */
async function ready(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`);
    try {
      await get(port, '/');
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

async function freePort(): Promise<number> {
  const server = await stub('probe');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the nginx snippet in nginx', () => {
  let dir: string;
  before(function () {
    if (!NGINX) throw new Error('nginx is not installed: apt-get install nginx (.ci/run does)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-nginx-'));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('nginx -t accepts the example’s snippet', () => {
    const snippet = fs.readFileSync(path.join(EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES.nginx), 'utf8');
    const result = test(dir, snippet, { legacy: 1, modern: 2 });
    assert.equal(result.status, 0, result.output);
  });

  it('nginx -t accepts the hostile workspace’s snippet, with upstream names given as options', () => {
    const snippet = exportRoadmap('nginx', hostileExportInput(), { upstreams: { legacy: 'shop_v1', modern: 'shop-v2.internal' } });
    const result = test(dir, snippet, { shop_v1: 1, 'shop-v2.internal': 2 });
    assert.equal(result.status, 0, result.output);
  });

  it('nginx -t rejects a broken snippet (the check can fail)', () => {
    const result = test(dir, 'location = /x {\n    proxy_pass http://legacy\n}\n', { legacy: 1, modern: 2 });
    assert.notEqual(result.status, 0);
    assert.match(result.output, /emerg/);
  });

  describe('served on loopback', () => {
    let legacy: http.Server;
    let modern: http.Server;
    let nginx: ChildProcess;
    let port: number;
    before(async () => {
      [legacy, modern] = [await stub('legacy'), await stub('modern')];
      port = await freePort();
      const upstreams = { legacy: (legacy.address() as AddressInfo).port, modern: (modern.address() as AddressInfo).port };
      const conf = path.join(dir, 'live.conf');
      fs.writeFileSync(conf, config(dir, exportRoadmap('nginx', hostileExportInput()), upstreams, port));
      nginx = spawn(NGINX!, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], { stdio: 'ignore' });
      await ready(port, nginx);
    });
    after(async () => {
      if (nginx && nginx.exitCode === null) {
        const exited = new Promise((resolve) => nginx.once('exit', resolve));
        nginx.kill('SIGTERM');
        await exited;
      }
      await Promise.all([legacy, modern].filter(Boolean).map((server) => new Promise((resolve) => server.close(resolve))));
    });

    const cases: [url: string, app: string][] = [
      ['/users', 'modern'], // the moved group, exactly
      ['/users/42', 'modern'], // a Fastify route with a parameter
      ['/users/42/anything/below', 'modern'], // the moved group's prefix
      ['/api/orders/7', 'modern'], // a Fastify route, before the Express /api/:kind/:id that also matches it
      ['/api/things/7', 'legacy'],
      ['/api/orders/7/items', 'legacy'],
      ['/api/orders/7/items/8', 'legacy'],
      ['/health', 'legacy'], // its step is done but regressed
      ['/v1.0/7', 'legacy'],
      ['/files/a/b', 'legacy'],
      ['/', 'legacy'],
      [encodeURI(HOSTILE.quote).replace(/#/g, '%23'), 'legacy'], // a route path that tried to write `return 200`
    ];
    for (const [url, app] of cases) {
      it(`${decodeURI(url)} → ${app}`, async () => {
        const response = await get(port, url);
        assert.deepEqual(response, { status: 200, body: app });
      });
    }
  });
});
