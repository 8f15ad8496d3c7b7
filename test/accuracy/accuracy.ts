/**
 * `npm run accuracy -- <folder>`: precision and recall of the analysis on real repositories, against the hand
 * labels in test/accuracy/labels (see LABELLING.md). `<folder>` holds the checkouts, each named `owner+name`
 * (as `fetch` names them) or `name`. Prints a table, then every disagreement with the source line, so that a
 * reader can judge each one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzeSync } from '../../server/src/engine';
import { normalizeOptions } from '../../server/src/engine/normalize';
import { CONCERNS } from '../../server/src/engine/model';
import type { Concern } from '../../server/src/engine/model';
import { parseLabels, precision, recall, scoreRepo } from './score';
import type { LabelSet, RepoScore, Tally } from './score';

const USAGE = 'usage: npm run accuracy -- <folder with checkouts named owner+name> [--labels <dir>] [--only owner/name] [--json]';

interface Args {
  folder: string;
  labels: string;
  only?: string;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  let folder: string | undefined;
  const a: Partial<Args> = { json: false, labels: path.resolve(__dirname, '..', 'test', 'accuracy', 'labels') };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--json') a.json = true;
    else if (x === '--labels' || x === '--only') {
      const v = argv[++i];
      if (!v) throw new Error(`${x} needs a value\n${USAGE}`);
      if (x === '--labels') a.labels = path.resolve(v);
      else a.only = v;
    } else if (x === '-h' || x === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (x.startsWith('-')) throw new Error(`unknown option ${x}\n${USAGE}`);
    else folder = path.resolve(x);
  }
  if (!folder) throw new Error(USAGE);
  return { ...a, folder } as Args;
}

function checkoutOf(folder: string, repo: string): string | undefined {
  for (const name of [repo.replace('/', '+'), repo.split('/')[1]]) {
    const p = path.join(folder, name);
    if (fs.existsSync(path.join(p, 'package.json'))) return p;
  }
  return undefined;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function row(name: string, t: Tally, files: string): string {
  return `  ${name.padEnd(48)} ${files.padStart(5)} ${String(t.labelled).padStart(8)} ${String(t.reported).padStart(8)} ${String(t.agreed).padStart(6)} ${pct(precision(t)).padStart(9)} ${pct(recall(t)).padStart(7)}`;
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  const sets: LabelSet[] = [];
  for (const name of fs.readdirSync(args.labels).filter((n) => n.endsWith('.json')).sort()) {
    const set = parseLabels(fs.readFileSync(path.join(args.labels, name), 'utf8'), name);
    if (!args.only || set.repo === args.only) sets.push(set);
  }
  const scores: RepoScore[] = [];
  const sourceLines = new Map<string, string[]>();
  for (const set of sets) {
    const root = checkoutOf(args.folder, set.repo);
    if (!root) {
      console.error(`skipped ${set.repo}: no checkout at ${path.join(args.folder, set.repo.replace('/', '+'))}`);
      continue;
    }
    process.stderr.write(`analysing ${set.repo} …\n`);
    const result = analyzeSync(normalizeOptions({ root, churnDays: 0 }));
    const read = (rel: string): Buffer | undefined => {
      try {
        return fs.readFileSync(path.join(root, rel));
      } catch {
        return undefined;
      }
    };
    const score = scoreRepo(set, result, read);
    for (const s of score.skipped) console.error(`skipped ${set.repo} ${s.path}: ${s.why}`);
    for (const f of set.files) sourceLines.set(`${set.repo}:${f.path}`, (read(f.path)?.toString('utf8') ?? '').split(/\r?\n/));
    scores.push(score);
  }
  if (args.json) {
    console.log(JSON.stringify({ labels: path.relative(process.cwd(), args.labels) || '.', repositories: scores }, null, 2));
    return 0;
  }
  const all: Record<Concern, Tally> = { orm: zero(), routing: zero(), queue: zero(), session: zero() };
  console.log(`Strangler accuracy against hand labels (${scores.length} repositories; a label is a file, line and concern)\n`);
  console.log(`  ${'repository / concern'.padEnd(48)} ${'files'.padStart(5)} ${'labelled'.padStart(8)} ${'reported'.padStart(8)} ${'agreed'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`);
  for (const s of scores) {
    console.log(row(s.repo, s.total, String(s.files)));
    for (const c of CONCERNS) {
      const t = s.byConcern[c];
      add(all[c], t);
      if (t.labelled || t.reported) console.log(row(`  ${c}`, t, ''));
    }
  }
  const total = zero();
  for (const c of CONCERNS) add(total, all[c]);
  console.log(row('all repositories', total, String(scores.reduce((n, s) => n + s.files, 0))));
  for (const c of CONCERNS) if (all[c].labelled || all[c].reported) console.log(row(`  ${c}`, all[c], ''));
  const disagreements = scores.flatMap((s) => s.disagreements.map((d) => ({ ...d, repo: s.repo })));
  if (disagreements.length) {
    console.log(`\nDisagreements (${disagreements.length}): a miss is labelled and not reported; a false positive is reported and not labelled.`);
    for (const d of disagreements) {
      const src = (sourceLines.get(`${d.repo}:${d.file}`)?.[d.line - 1] ?? '').trim();
      const shown = src.length > 90 ? `${src.slice(0, 87)}...` : src;
      console.log(`  ${d.kind === 'miss' ? 'miss          ' : 'false positive'} ${d.concern.padEnd(7)} ${d.repo.split('/')[1]}/${d.file}:${d.line}  ${shown}`);
      if (d.reported) console.log(`${' '.repeat(24)}reported: ${d.reported}`);
      if (d.note) console.log(`${' '.repeat(24)}label note: ${d.note}`);
    }
  }
  return 0;
}

function zero(): Tally {
  return { labelled: 0, reported: 0, agreed: 0 };
}

function add(into: Tally, t: Tally): void {
  into.labelled += t.labelled;
  into.reported += t.reported;
  into.agreed += t.agreed;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 2;
}
