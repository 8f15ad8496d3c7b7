/** Seeded random helpers and the plain business-logic snippets that pad the synthetic backend's files. */

export type Rng = () => number;

/** mulberry32: a small, fast, deterministic PRNG (never Math.random, so the tree is reproducible). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
export const cap = (s: string): string => s[0].toUpperCase() + s.slice(1);

const VERBS = ['compute', 'resolve', 'normalize', 'merge', 'score', 'collect', 'rank', 'derive', 'split', 'apply', 'plan', 'settle'];
const NOUNS = ['Totals', 'Window', 'Buckets', 'Limits', 'Discounts', 'Batches', 'Weights', 'Schedule', 'Summary', 'Changes', 'Flags', 'Quota'];
const FIELDS = ['amount', 'quantity', 'priority', 'weight', 'score', 'retries', 'balance', 'capacity'];

/** A unique-enough function name for a file (the counter keeps names unique within one file). */
export function fnName(r: Rng, n: number): string {
  return `${pick(r, VERBS)}${pick(r, NOUNS)}${n}`;
}

type Snippet = (name: string, r: Rng, ts: boolean) => string[];

const ty = (ts: boolean, s: string) => (ts ? s : '');

const SNIPPETS: Snippet[] = [
  (name, r, ts) => {
    const f = pick(r, FIELDS);
    return [
      `export function ${name}(items${ty(ts, `: Array<{ ${f}: number; qty: number; tag?: string }>`)}, rate = ${int(r, 5, 40) / 100})${ty(ts, ': number')} {`,
      `  let total = 0;`,
      `  for (const item of items) {`,
      `    if (item.qty <= 0) continue;`,
      `    const base = item.${f} * item.qty;`,
      `    total += item.tag === '${pick(r, ['discount', 'promo', 'bulk', 'staff'])}' ? base * (1 - rate) : base;`,
      `  }`,
      `  return Math.round(total * 100) / 100;`,
      `}`,
    ];
  },
  (name, r, ts) => [
    `export function ${name}${ty(ts, '<T extends { key: string }>')}(rows${ty(ts, ': T[]')})${ty(ts, ': Map<string, T[]>')} {`,
    `  const out = new Map${ty(ts, '<string, T[]>')}();`,
    `  for (const row of rows) {`,
    `    const key = row.key.slice(0, ${int(r, 2, 8)}).toLowerCase();`,
    `    const bucket = out.get(key);`,
    `    if (bucket) bucket.push(row);`,
    `    else out.set(key, [row]);`,
    `  }`,
    `  return out;`,
    `}`,
  ],
  (name, r, ts) => {
    const a = pick(r, FIELDS);
    const b = pick(r, FIELDS.filter((x) => x !== a));
    return [
      `export function ${name}(input${ty(ts, `: { ${a}?: number; ${b}?: number; label?: string }`)})${ty(ts, ': string[]')} {`,
      `  const errors${ty(ts, ': string[]')} = [];`,
      `  if (input.${a} === undefined || input.${a} < 0) errors.push('${a} must be a positive number');`,
      `  if (input.${b} !== undefined && input.${b} > ${int(r, 10, 5000)}) errors.push('${b} is too large');`,
      `  if (!input.label || input.label.trim().length < ${int(r, 2, 5)}) errors.push('label is too short');`,
      `  if (input.label && /[^\\w\\s-]/.test(input.label)) errors.push('label has unexpected characters');`,
      `  return errors;`,
      `}`,
    ];
  },
  (name, r, ts) => [
    `export function ${name}(text${ty(ts, ': string')}, max = ${int(r, 24, 96)})${ty(ts, ': string')} {`,
    `  const slug = text`,
    `    .normalize('NFKD')`,
    `    .replace(/[\\u0300-\\u036f]/g, '')`,
    `    .toLowerCase()`,
    `    .replace(/[^a-z0-9]+/g, '-')`,
    `    .replace(/^-+|-+$/g, '');`,
    `  return slug.length > max ? slug.slice(0, max).replace(/-+$/, '') : slug;`,
    `}`,
  ],
  (name, r, ts) => [
    `export function ${name}(attempt${ty(ts, ': number')}, kind${ty(ts, ": 'fixed' | 'linear' | 'exponential'")})${ty(ts, ': number')} {`,
    `  const base = ${int(r, 100, 5000)};`,
    `  switch (kind) {`,
    `    case 'fixed':`,
    `      return base;`,
    `    case 'linear':`,
    `      return base * Math.max(1, attempt);`,
    `    case 'exponential':`,
    `      return Math.min(base * 2 ** attempt, ${int(r, 60, 600)} * 1000);`,
    `    default:`,
    `      return base;`,
    `  }`,
    `}`,
  ],
  (name, r, ts) => {
    const states = ['draft', 'pending', 'active', 'paused', 'closed'];
    return [
      `export function ${name}(state${ty(ts, ': string')}, event${ty(ts, ': string')})${ty(ts, ': string')} {`,
      `  if (event === 'reset') return '${states[0]}';`,
      `  if (state === '${states[0]}' && event === 'submit') return '${states[1]}';`,
      `  if (state === '${states[1]}' && event === 'approve') return '${states[2]}';`,
      `  if (state === '${states[2]}' && event === 'pause') return '${states[3]}';`,
      `  if (state === '${states[3]}' && event === 'resume') return '${states[2]}';`,
      `  if (event === 'close' && state !== '${pick(r, states)}') return '${states[4]}';`,
      `  return state;`,
      `}`,
    ];
  },
  (name, r, ts) => [
    `export function ${name}${ty(ts, '<T>')}(items${ty(ts, ': T[]')}, size = ${int(r, 10, 500)})${ty(ts, ': T[][]')} {`,
    `  const chunks${ty(ts, ': T[][]')} = [];`,
    `  for (let i = 0; i < items.length; i += size) {`,
    `    chunks.push(items.slice(i, i + size));`,
    `  }`,
    `  return chunks;`,
    `}`,
  ],
  (name, r, ts) => [
    `export function ${name}(from${ty(ts, ': Date')}, days = ${int(r, 1, 90)})${ty(ts, ': { start: Date; end: Date; label: string }')} {`,
    `  const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));`,
    `  const end = new Date(start.getTime() + days * 24 * 60 * 60 * 1000 - 1);`,
    `  const pad = (n${ty(ts, ': number')}) => String(n).padStart(2, '0');`,
    `  const label = \`\${start.getUTCFullYear()}-\${pad(start.getUTCMonth() + 1)}-\${pad(start.getUTCDate())}/\${days}d\`;`,
    `  return { start, end, label };`,
    `}`,
  ],
];

/** Plain functions (no framework), appended until `lines` holds about `target` lines. */
export function padWithLogic(lines: string[], target: number, r: Rng, ts: boolean): void {
  let n = 0;
  while (lines.length < target) {
    const body = pick(r, SNIPPETS)(fnName(r, n++), r, ts);
    if (r() < 0.4) lines.push(`// ${pick(r, ['Kept in sync with the finance spreadsheet.', 'See the runbook before changing the limits.', 'Edge cases come from support tickets.', 'Pure: no I/O, safe to call in a loop.'])}`);
    lines.push(...body, '');
  }
}
