// Bundles the entry points with esbuild, one file each in dist/: `node scripts/build.mjs [bench]`.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const targets = {
  cli: { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  bench: { entryPoints: ['test/bench/bench.ts'], outfile: 'dist/bench.js' },
};
const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : ['cli'];
await Promise.all(names.map((n) => build({ ...common, ...targets[n] })));
