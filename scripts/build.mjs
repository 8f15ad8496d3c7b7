// Bundles the entry points with esbuild, one file each in dist/: `node scripts/build.mjs [cli|bench|accuracy ...]`.
import { build } from 'esbuild';
import { readFile } from 'fs/promises';
import * as path from 'path';

// Engine modules read `ts.X` on every node they visit; in the bundle they get a plain-object copy of the
// TypeScript API instead of its getter-based module object (server/src/engine/tsPlain.ts says why).
const plainTs = {
  name: 'plain-ts',
  setup(b) {
    const shim = path.resolve('server/src/engine/tsPlain.ts');
    b.onLoad({ filter: /server[\\/]src[\\/]engine[\\/].*\.ts$/ }, async (args) => {
      let text = await readFile(args.path, 'utf8');
      if (args.path !== shim) text = text.replace(/import \{ ts \} from 'ts-morph';/, `import { tsPlain as ts } from ${JSON.stringify(shim)};`);
      return { contents: text, loader: 'ts' };
    });
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', plugins: [plainTs] };
const targets = {
  cli: { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  bench: { entryPoints: ['test/bench/bench.ts'], outfile: 'dist/bench.js' },
  accuracy: { entryPoints: ['test/accuracy/accuracy.ts'], outfile: 'dist/accuracy.js' },
  server: { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  client: { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [] },
};
const wanted = process.argv.slice(2);
await Promise.all((wanted.length ? wanted : ['cli', 'server', 'client']).map((n) => build({ ...common, ...targets[n] })));
