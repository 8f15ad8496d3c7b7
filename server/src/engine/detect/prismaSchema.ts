/**
 * Reads Prisma models out of `schema.prisma` files: `model User { … @@map("users") }`. Prisma declares its
 * models outside the code, so they are read here rather than from a factory call.
 */
import type { ModelEntry, Problem } from '../model';
import { posix } from 'path';
import type { SourceFile } from '../discover/discover';

export function readPrismaModels(schemas: SourceFile[], problems: Problem[]): ModelEntry[] {
  const models: ModelEntry[] = [];
  for (const s of schemas) {
    const lines = s.text.split(/\r?\n/);
    let current: ModelEntry | undefined;
    let depth = 0;
    lines.forEach((raw, i) => {
      const line = raw.replace(/\/\/.*$/, '').trim();
      const open = /^model\s+([A-Za-z_][A-Za-z0-9_]*)\s*\{/.exec(line);
      if (open && depth === 0) {
        current = { name: open[1], framework: 'prisma', file: s.path, line: i + 1 };
        depth = 1;
        return;
      }
      if (!current) {
        if (/^(enum|type|view|generator|datasource)\b.*\{/.test(line)) depth++;
        if (line === '}' && depth > 0) depth--;
        return;
      }
      const map = /^@@map\(\s*(?:name\s*:\s*)?"([^"]*)"\s*\)/.exec(line);
      if (map) current.table = map[1];
      if (line === '}') {
        models.push(current);
        current = undefined;
        depth = 0;
      }
    });
    if (current) problems.push({ severity: 'warning', code: 'syntax-error', message: `model ${current.name} is not closed`, file: s.path, line: current.line });
  }
  return models;
}

/**
 * Where the schemas' generators write the Prisma client, as folders relative to the workspace root:
 * `generator client { provider = "prisma-client"; output = "../src/generated/prisma" }` (Prisma 7's default
 * generator needs an output; `prisma-client-js` takes one too). What is imported from there is Prisma's
 * client, not the project's code, whether or not it has been generated in this checkout.
 */
export function prismaClientDirs(schemas: readonly SourceFile[]): string[] {
  const dirs = new Set<string>();
  for (const s of schemas) {
    const text = s.text.replace(/\/\/.*$/gm, '');
    for (const block of text.matchAll(/\bgenerator\s+\w+\s*\{([^}]*)\}/g)) {
      const provider = /\bprovider\s*=\s*"([^"]*)"/.exec(block[1])?.[1];
      const output = /\boutput\s*=\s*"([^"]*)"/.exec(block[1])?.[1];
      if (!output || (provider !== 'prisma-client' && provider !== 'prisma-client-js')) continue;
      const schemaDir = s.path.includes('/') ? s.path.slice(0, s.path.lastIndexOf('/')) : '';
      const dir = posix.normalize(posix.join(schemaDir, output.replace(/\\/g, '/'))).replace(/\/$/, '');
      if (dir !== '.' && !dir.startsWith('../') && !posix.isAbsolute(dir)) dirs.add(dir);
    }
  }
  return [...dirs].sort();
}

/** Whether a root-relative path is one of the folders or inside one. */
export function isUnder(rel: string, dirs: readonly string[]): boolean {
  return dirs.some((d) => rel === d || rel.startsWith(`${d}/`));
}
