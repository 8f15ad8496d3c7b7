/**
 * Reads Prisma models out of `schema.prisma` files: `model User { … @@map("users") }`. Prisma declares its
 * models outside the code, so they are read here rather than from a factory call.
 */
import type { ModelEntry, Problem } from '../model';
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
