/**
 * Finds the source files of a workspace folder, reads them safely (binary, huge, unreadable and looping
 * files become problems, never crashes), and collects the package.json files that define workspace packages.
 */
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import type { Problem } from '../model';
import type { NormalizedOptions } from '../options';
import { isUnder, prismaClientDirs } from '../detect/prismaSchema';

export interface SourceFile {
  /** Relative to the analysed root, forward slashes. */
  path: string;
  absPath: string;
  text: string;
}

export interface PackageManifest {
  /** Folder of the package.json relative to root ('' for the root). */
  dir: string;
  name?: string;
  main?: string;
  types?: string;
  source?: string;
  module?: string;
  workspaces: string[];
  dependencies: string[];
}

export interface Discovery {
  files: SourceFile[];
  manifests: PackageManifest[];
  /** Relative paths of tsconfig.json / jsconfig.json files. */
  configFiles: string[];
  /** Relative paths of schema.prisma files. */
  prismaSchemas: SourceFile[];
  problems: Problem[];
}

const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** Config files with no extension that their tools load as CommonJS modules: analysed as JavaScript (see `scriptKindOf`). */
export const SCRIPT_RC_FILES: ReadonlySet<string> = new Set(['.sequelizerc']);

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** True when the buffer looks binary: a NUL byte in its first 8 KiB. */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export function discover(options: NormalizedOptions): Discovery {
  const root = options.root;
  const problems: Problem[] = [];
  const files: SourceFile[] = [];
  const manifests: PackageManifest[] = [];
  const configFiles: string[] = [];
  const prismaSchemas: SourceFile[] = [];
  const isIncluded = picomatch(options.include, { dot: false });
  const isExcluded = picomatch(options.exclude, { dot: true });
  // Directory exclusion is tested on "dir/" + a probe name so that globs like **/node_modules/** prune early.
  const dirExcluded = (rel: string) => isExcluded(rel + '/x') || isExcluded(rel);
  const seenDirs = new Set<string>();

  const walk = (absDir: string, relDir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(absDir);
    } catch (e) {
      problems.push({ severity: 'warning', code: 'unreadable', message: `cannot resolve folder: ${errText(e)}`, file: relDir || '.' });
      return;
    }
    if (seenDirs.has(real)) {
      problems.push({ severity: 'warning', code: 'symlink-loop', message: 'folder reached again through a symbolic link; skipped', file: relDir || '.' });
      return;
    }
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absDir, { withFileTypes: true });
    } catch (e) {
      problems.push({ severity: 'warning', code: 'unreadable', message: `cannot read folder: ${errText(e)}`, file: relDir || '.' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      const abs = path.join(absDir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          problems.push({ severity: 'warning', code: 'symlink-loop', message: `broken or looping symbolic link: ${errText(e)}`, file: rel });
          continue;
        }
      }
      if (isDir) {
        if (entry.name === 'node_modules' || entry.name === '.git' || dirExcluded(rel)) continue;
        walk(abs, rel);
      } else if (isFile) {
        if (entry.name === 'package.json') readManifest(abs, rel, manifests, problems);
        else if (entry.name === 'tsconfig.json' || entry.name === 'jsconfig.json') configFiles.push(rel);
        else if (entry.name.endsWith('.prisma')) {
          const text = readText(abs, rel, options.maxFileBytes, problems);
          if (text !== undefined) prismaSchemas.push({ path: rel, absPath: abs, text });
        } else if (((SOURCE_EXT.test(entry.name) && isIncluded(rel)) || SCRIPT_RC_FILES.has(entry.name)) && !isExcluded(rel)) {
          const text = readText(abs, rel, options.maxFileBytes, problems);
          if (text !== undefined) files.push({ path: rel, absPath: abs, text });
        }
      }
    }
  };

  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    problems.push({ severity: 'error', code: 'unreadable', message: `not a folder: ${root}` });
    return { files, manifests, configFiles, prismaSchemas, problems };
  }
  walk(root, '');
  if (!manifests.some((m) => m.dir === '')) {
    problems.push({ severity: 'info', code: 'no-package-json', message: 'no package.json at the root: dependency checks see only nested packages' });
  }
  // A Prisma client generated into the tree is Prisma's code, not the project's: its imports resolve to Prisma.
  const generated = prismaClientDirs(prismaSchemas);
  const own = generated.length ? files.filter((f) => !isUnder(f.path, generated)) : files;
  for (const dir of generated) {
    const n = files.filter((f) => isUnder(f.path, [dir])).length;
    if (n) problems.push({ severity: 'info', code: 'generated-code', message: `${n} file${n === 1 ? '' : 's'} of the Prisma client generated here are not analysed: imports of them are Prisma's`, file: dir });
  }
  return { files: own, manifests, configFiles, prismaSchemas, problems };
}

function readText(abs: string, rel: string, maxBytes: number, problems: Problem[]): string | undefined {
  try {
    const st = fs.statSync(abs);
    if (st.size > maxBytes) {
      problems.push({ severity: 'warning', code: 'huge-file', message: `skipped: ${st.size} bytes is over the limit of ${maxBytes}`, file: rel });
      return undefined;
    }
    const buf = fs.readFileSync(abs);
    if (looksBinary(buf)) {
      problems.push({ severity: 'warning', code: 'binary-file', message: 'skipped: the file looks binary (it contains NUL bytes)', file: rel });
      return undefined;
    }
    let text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  } catch (e) {
    problems.push({ severity: 'warning', code: 'unreadable', message: `cannot read: ${errText(e)}`, file: rel });
    return undefined;
  }
}

function readManifest(abs: string, rel: string, manifests: PackageManifest[], problems: Problem[]): void {
  const dir = rel === 'package.json' ? '' : rel.slice(0, -'/package.json'.length);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(fs.readFileSync(abs, 'utf8'));
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('expected a JSON object');
  } catch (e) {
    problems.push({ severity: 'warning', code: 'bad-package-json', message: `package.json is not valid JSON: ${errText(e)}`, file: rel });
    return;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const ws = json.workspaces;
  const workspaces = Array.isArray(ws)
    ? ws.filter((w): w is string => typeof w === 'string')
    : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages)
      ? ((ws as { packages: unknown[] }).packages.filter((w): w is string => typeof w === 'string'))
      : [];
  const deps = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const d = json[key];
    if (d && typeof d === 'object') for (const name of Object.keys(d)) deps.add(name);
  }
  manifests.push({
    dir,
    name: str(json.name),
    main: str(json.main),
    types: str(json.types) ?? str(json.typings),
    source: str(json.source),
    module: str(json.module),
    workspaces,
    dependencies: [...deps].sort(),
  });
}

export function errText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    return `${(e as { code: string }).code}${'message' in e ? ` (${String((e as { message: unknown }).message).split('\n')[0]})` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}
