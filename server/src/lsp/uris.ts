/** File paths and `file:` URIs, written the way VS Code writes them so they compare as strings. */
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** The same file however its URI was spelled (VS Code escapes more characters than Node does). */
export function sameUri(a: string, b: string): boolean {
  return a === b || (uriToPath(a) ?? a) === (uriToPath(b) ?? b);
}

/** `root`-relative, forward slashes; undefined when the file is outside the root. */
export function relativeTo(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}
