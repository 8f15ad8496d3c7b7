/**
 * Resolves import specifiers as TypeScript does (relative paths, index files, extensions, tsconfig
 * `baseUrl`/`paths` with `extends`), maps workspace packages of a monorepo to their sources, and names the
 * npm package of every specifier that leaves the project.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ts } from 'ts-morph';
import type { Problem } from '../model';
import type { Discovery, PackageManifest } from '../discover/discover';
import { toPosix, errText } from '../discover/discover';
import { isUnder, prismaClientDirs } from '../detect/prismaSchema';

/** The package a generated Prisma client stands for. */
const PRISMA_CLIENT = '@prisma/client';

export type Resolution =
  | { kind: 'project'; file: string } // a relative path of an analysed file
  | { kind: 'package'; name: string } // an npm package (or node builtin) outside the project
  | { kind: 'unresolved' };

export interface Resolver {
  resolve(specifier: string, fromFile: string): Resolution;
}

/** The package name of a bare specifier: `@scope/name/sub` → `@scope/name`, `lodash/fp` → `lodash`. */
export function packageNameOf(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') && parts.length > 1 ? `${parts[0]}/${parts[1]}` : parts[0];
}

const SOURCE_CANDIDATES = ['src/index.ts', 'src/index.tsx', 'src/index.js', 'index.ts', 'index.js', 'lib/index.ts', 'lib/index.js'];

export function createResolver(root: string, discovery: Discovery, problems: Problem[]): Resolver {
  const projectFiles = new Set(discovery.files.map((f) => f.path));
  const configs = loadConfigs(root, discovery.configFiles, problems);
  const workspacePackages = workspacePackageMap(discovery.manifests);
  const caches = new Map<string, ts.ModuleResolutionCache>();
  const memo = new Map<string, Resolution>();

  // Resolution probes the same paths over and over (extensions, index files): remember every answer.
  const fileSeen = new Map<string, boolean>();
  const dirSeen = new Map<string, boolean>();
  const host: ts.ModuleResolutionHost = {
    fileExists: (f) => {
      const known = fileSeen.get(f);
      if (known !== undefined) return known;
      const rel = relOf(root, f);
      let ok = rel !== undefined && projectFiles.has(rel);
      if (!ok) {
        try {
          ok = fs.statSync(f).isFile();
        } catch {
          ok = false;
        }
      }
      fileSeen.set(f, ok);
      return ok;
    },
    readFile: (f) => {
      try {
        return fs.readFileSync(f, 'utf8');
      } catch {
        return undefined;
      }
    },
    directoryExists: (d) => {
      const known = dirSeen.get(d);
      if (known !== undefined) return known;
      let ok: boolean;
      try {
        ok = fs.statSync(d).isDirectory();
      } catch {
        ok = false;
      }
      dirSeen.set(d, ok);
      return ok;
    },
    realpath: (p) => p, // keep symlinked workspace packages at their in-project paths
    getCurrentDirectory: () => root,
  };

  const configFor = (fromFile: string): LoadedConfig => {
    let dir = path.posix.dirname(fromFile);
    for (;;) {
      const c = configs.get(dir === '.' ? '' : dir);
      if (c) return c;
      if (dir === '.' || dir === '' || dir === '/') break;
      dir = path.posix.dirname(dir);
    }
    return configs.get('') ?? DEFAULT_CONFIG;
  };

  const tsResolution = (specifier: string, fromFile: string): ts.ResolvedModuleWithFailedLookupLocations => {
    const cfg = configFor(fromFile);
    let cache = caches.get(cfg.key);
    if (!cache) {
      cache = ts.createModuleResolutionCache(root, (s) => s, cfg.options);
      caches.set(cfg.key, cache);
    }
    return ts.resolveModuleName(specifier, path.join(root, fromFile), cfg.options, host, cache);
  };

  /** The analysed file TypeScript resolves to (`r`: its resolution, when already made). */
  const tsResolve = (specifier: string, fromFile: string, r = tsResolution(specifier, fromFile)): string | undefined => {
    const resolved = r.resolvedModule;
    if (!resolved) return undefined;
    const rel = relOf(root, resolved.resolvedFileName);
    if (rel === undefined || rel.includes('/node_modules/') || rel.startsWith('node_modules/')) return undefined;
    // A declaration file beside a source file (compiled output) stands for the source when we have it.
    if (projectFiles.has(rel)) return rel;
    const alt = rel.replace(/\.d\.ts$/, '.ts');
    return projectFiles.has(alt) ? alt : undefined;
  };

  // Where the schemas' generators write the Prisma client (see prismaClientDirs): imports of it are Prisma's.
  const prismaClients = prismaClientDirs(discovery.prismaSchemas);
  const intoPrismaClient = (r: ts.ResolvedModuleWithFailedLookupLocations): boolean => {
    // Resolved to the generated files (not analysed), or not generated in this checkout: where TypeScript looked.
    const failed = (r as { failedLookupLocations?: readonly string[] }).failedLookupLocations ?? [];
    const looked = r.resolvedModule ? [r.resolvedModule.resolvedFileName] : failed;
    return looked.some((f) => {
      const rel = relOf(root, f);
      return rel !== undefined && !rel.includes('node_modules/') && isUnder(rel, prismaClients);
    });
  };

  const resolveWorkspace = (specifier: string): string | undefined => {
    const name = packageNameOf(specifier);
    const pkg = workspacePackages.get(name);
    if (!pkg) return undefined;
    const sub = specifier.slice(name.length).replace(/^\//, '');
    const base = pkg.dir ? `${pkg.dir}/` : '';
    const candidates: string[] = [];
    if (sub) candidates.push(`./${base}${sub}`, `./${base}src/${sub}`);
    else {
      for (const entry of [pkg.source, pkg.types, pkg.main, pkg.module]) {
        if (!entry) continue;
        const clean = entry.replace(/^\.\//, '');
        candidates.push(`./${base}${clean}`);
        // Built entry points (dist/index.js) usually have their source at src/index.ts.
        const srcGuess = clean.replace(/^(dist|lib|build|out)\//, 'src/').replace(/\.d\.ts$|\.js$/, '');
        candidates.push(`./${base}${srcGuess}`);
      }
      for (const c of SOURCE_CANDIDATES) candidates.push(`./${base}${c}`);
    }
    for (const c of candidates) {
      const hit = tsResolve(c, '__root__.ts') ?? (projectFiles.has(c.slice(2)) ? c.slice(2) : undefined);
      if (hit) return hit;
    }
    return undefined;
  };

  // TypeScript resolves from the importing file's folder: every file of a folder gets the same answer. A
  // bare specifier gets the same answer from every folder that shares a tsconfig and a package scope: `paths`
  // and `baseUrl` do not depend on the folder, a package's own name resolves within its scope, and what a
  // folder's node_modules would give is a package to us anyway. (`#imports` are the scope's too, but keyed by folder.)
  const manifestDirs = new Set(discovery.manifests.map((m) => m.dir));
  const scopeOf = (dir: string): string => (manifestDirs.has(dir) || dir === '' ? dir : scopeOf(dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : ''));
  /** Folder → its tsconfig's key and package scope. */
  const bareKeys = new Map<string, string>();
  const memoKey = (specifier: string, fromFile: string): string => {
    const slash = fromFile.lastIndexOf('/');
    const dir = slash < 0 ? '' : fromFile.slice(0, slash);
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('#')) return `${dir}\0${specifier}`;
    let prefix = bareKeys.get(dir);
    if (prefix === undefined) bareKeys.set(dir, (prefix = `${configFor(fromFile).key}\0${scopeOf(dir)}\0\0`));
    return prefix + specifier;
  };

  return {
    resolve(specifier: string, fromFile: string): Resolution {
      const key = memoKey(specifier, fromFile);
      const hit = memo.get(key);
      if (hit) return hit;
      let result: Resolution;
      const isRelative = specifier.startsWith('.') || specifier.startsWith('/');
      const r = tsResolution(specifier, fromFile);
      const viaTs = tsResolve(specifier, fromFile, r);
      if (viaTs) result = { kind: 'project', file: viaTs };
      else if (prismaClients.length && intoPrismaClient(r)) result = { kind: 'package', name: PRISMA_CLIENT };
      else if (isRelative) result = { kind: 'unresolved' };
      else {
        const ws = resolveWorkspace(specifier);
        result = ws ? { kind: 'project', file: ws } : { kind: 'package', name: packageNameOf(specifier) };
      }
      memo.set(key, result);
      return result;
    },
  };
}

interface LoadedConfig {
  key: string;
  options: ts.CompilerOptions;
}

const BASE_OPTIONS: ts.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  resolveJsonModule: false,
  noEmit: true,
};
const DEFAULT_CONFIG: LoadedConfig = { key: '<default>', options: BASE_OPTIONS };

function loadConfigs(root: string, configFiles: string[], problems: Problem[]): Map<string, LoadedConfig> {
  const map = new Map<string, LoadedConfig>();
  // tsconfig.json wins over jsconfig.json in the same folder.
  const sorted = [...configFiles].sort((a, b) => (a.endsWith('jsconfig.json') ? 1 : 0) - (b.endsWith('jsconfig.json') ? 1 : 0) || a.localeCompare(b));
  for (const rel of sorted) {
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    if (map.has(dir)) continue;
    const abs = path.join(root, rel);
    try {
      const read = ts.readConfigFile(abs, (f) => fs.readFileSync(f, 'utf8'));
      if (read.error) {
        problems.push(configProblem(rel, read.error));
        continue;
      }
      const parsed = ts.parseJsonConfigFileContent(read.config, parseHost, path.dirname(abs), undefined, abs);
      for (const d of parsed.errors) {
        // Missing inputs are normal for us: we decide which files to read.
        if (d.code === 18003) continue;
        problems.push(configProblem(rel, d));
      }
      const options: ts.CompilerOptions = { ...parsed.options, allowJs: true, noEmit: true };
      const mr = options.moduleResolution;
      if (mr === undefined || mr === ts.ModuleResolutionKind.Classic) options.moduleResolution = ts.ModuleResolutionKind.Node10;
      map.set(dir, { key: rel, options });
    } catch (e) {
      problems.push({ severity: 'warning', code: 'bad-tsconfig', message: `cannot read: ${errText(e)}`, file: rel });
    }
  }
  return map;
}

const parseHost: ts.ParseConfigHost = {
  useCaseSensitiveFileNames: true,
  // We never need the config's file list: the discovery stage decides which files are analysed.
  readDirectory: () => [],
  fileExists: (f) => fs.existsSync(f),
  readFile: (f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function configProblem(rel: string, d: ts.Diagnostic): Problem {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  const problem: Problem = { severity: 'warning', code: 'bad-tsconfig', message, file: rel };
  if (d.file && d.start !== undefined) {
    const lc = d.file.getLineAndCharacterOfPosition(d.start);
    problem.line = lc.line + 1;
    problem.column = lc.character + 1;
  }
  return problem;
}

function workspacePackageMap(manifests: PackageManifest[]): Map<string, PackageManifest> {
  // Every named package.json inside the analysed tree counts: npm, yarn and pnpm workspaces all end up
  // as folders with a package.json, and a name that nobody imports does no harm.
  const map = new Map<string, PackageManifest>();
  for (const m of [...manifests].sort((a, b) => a.dir.length - b.dir.length || a.dir.localeCompare(b.dir))) {
    if (m.name && m.dir !== '' && !map.has(m.name)) map.set(m.name, m);
  }
  return map;
}

function relOf(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
}
