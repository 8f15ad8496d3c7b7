/**
 * The package manifests of a workspace — every package.json at any depth outside node_modules — which the
 * `dependency` checks read and the plan generator consults (is a tracing package there? which legacy packages?).
 */
import * as fs from 'fs';
import * as path from 'path';

export interface PackageManifest {
  /** Workspace-relative path with '/' separators: `package.json`, `packages/api/package.json`. */
  file: string;
  text: string;
  /** Set when the file is not a JSON object; its dependencies then count as unknown (none). */
  error?: string;
  dependencies: Record<string, string>;
}

export interface Workspace {
  packageJsons: PackageManifest[];
}

/** Where a package is declared: the manifest and the 1-based line of its key. */
export interface DependencyDeclaration {
  file: string;
  line: number;
  column: number;
  section: string;
}

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage']);
/** A guard for pathological trees; a real workspace has far fewer manifests. */
const MAX_MANIFESTS = 2000;

/** Reads every package.json under `root`; unreadable or malformed files come back with `error` set. */
export function readWorkspace(root: string): Workspace {
  const packageJsons: PackageManifest[] = [];
  const visit = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (packageJsons.length >= MAX_MANIFESTS) return;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.isSymbolicLink()) visit(path.join(dir, entry.name), relPath);
      else if (entry.isFile() && entry.name === 'package.json') packageJsons.push(readManifest(relPath, path.join(dir, entry.name)));
    }
  };
  visit(root, '');
  return { packageJsons };
}

/** A manifest from its text (also what tests build workspaces with). */
export function manifest(file: string, text: string): PackageManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { file, text, error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, dependencies: {} };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { file, text, error: 'expected a JSON object', dependencies: {} };
  const dependencies: Record<string, string> = {};
  for (const section of SECTIONS) {
    const entries = (data as Record<string, unknown>)[section];
    if (!entries || typeof entries !== 'object') continue;
    for (const [name, version] of Object.entries(entries)) dependencies[name] ??= String(version);
  }
  return { file, text, dependencies };
}

/** Every manifest that declares the package, in file order. */
export function declarationsOf(workspace: Workspace, packageName: string): DependencyDeclaration[] {
  const out: DependencyDeclaration[] = [];
  for (const pkg of workspace.packageJsons) {
    if (!(packageName in pkg.dependencies)) continue;
    const lines = pkg.text.split(/\r\n|\r|\n/);
    const key = JSON.stringify(packageName);
    const at = lines.findIndex((line) => line.includes(`${key}:`) || line.includes(`${key} :`));
    const section = SECTIONS.find((name) => {
      try {
        return packageName in ((JSON.parse(pkg.text) as Record<string, Record<string, unknown>>)[name] ?? {});
      } catch {
        return false;
      }
    });
    out.push({ file: pkg.file, line: at + 1 || 1, column: at >= 0 ? lines[at].indexOf(key) + 1 : 1, section: section ?? 'dependencies' });
  }
  return out;
}

export function declares(workspace: Workspace, packageName: string): boolean {
  return workspace.packageJsons.some((pkg) => packageName in pkg.dependencies);
}

function readManifest(file: string, absolute: string): PackageManifest {
  try {
    return manifest(file, fs.readFileSync(absolute, 'utf8'));
  } catch (e) {
    return { file, text: '', error: `unreadable: ${e instanceof Error ? e.message : String(e)}`, dependencies: {} };
  }
}
