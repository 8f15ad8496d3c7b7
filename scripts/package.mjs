// Builds the bundles and packs the extension into out/strangler.vsix, then prints its size and the files in it,
// and fails if anything but what runs got in (sources, maps, tests, node_modules).
import { execFileSync } from 'child_process';
import { readFileSync, statSync } from 'fs';
import * as path from 'path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const vsix = path.join(root, 'out', 'strangler.vsix');
const run = (file, args) => execFileSync(file, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, ['scripts/build.mjs']);
// No repository URL and no LICENSE file are published yet; README links stay relative (they work on the repo).
run(path.join(root, 'node_modules', '.bin', 'vsce'), [
  'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--skip-license', '--out', vsix,
]);

/** The entries of a zip file from its central directory: name and uncompressed size. */
function zipEntries(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${vsix} is not a zip file`);
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    entries.push({ name: buffer.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + nameLength + extra;
  }
  return entries;
}

const allowed = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|LICENSE(\.txt)?)$/i,
  /^extension\/dist\/(client|server)\.js$/,
  /^extension\/syntaxes\/(strangler\.tmLanguage|language-configuration)\.json$/,
  /^extension\/media\/[\w-]+\.(svg|css|js)$/,
];
const entries = zipEntries(readFileSync(vsix));
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`\n${path.relative(root, vsix)}: ${kib(statSync(vsix).size)} (${entries.length} files, ${kib(entries.reduce((s, e) => s + e.size, 0))} unpacked)`);
for (const entry of entries) console.log(`  ${entry.name.padEnd(56)} ${kib(entry.size).padStart(12)}`);
const stray = entries.filter((entry) => !allowed.some((pattern) => pattern.test(entry.name)));
if (stray.length > 0) {
  console.error(`\nThe VSIX holds files that do not run: ${stray.map((entry) => entry.name).join(', ')} (see .vscodeignore)`);
  process.exit(1);
}
