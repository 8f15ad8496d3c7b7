/** Times the full analysis against a parse-only floor (same files, same TypeScript) and prints the ratio, memory and a sanity check. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as v8 from 'v8';
import { runInNewContext } from 'vm';
import { ts } from 'ts-morph';
import { AnalysisSession } from '../../server/src/engine';
import type { ProgressEvent } from '../../server/src/engine/options';
import { discover } from '../../server/src/engine/discover/discover';
import { normalizeOptions } from '../../server/src/engine/normalize';
import { parseModule, scriptKindOf } from '../../server/src/engine/bind/module';
import { generateBackend } from './synthetic';
import { editorTimes } from './editorBench';

interface Args {
  root?: string;
  runs: number;
  files: number;
  json: boolean;
}

const USAGE = 'usage: node dist/bench.js [path] [--runs N] [--files N] [--json]';

function parseArgs(argv: string[]): Args {
  const a: Args = { runs: 5, files: 2000, json: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--json') a.json = true;
    else if (x === '--runs' || x === '--files') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${x} needs a positive integer\n${USAGE}`);
      if (x === '--runs') a.runs = n;
      else a.files = n;
    } else if (x === '-h' || x === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (x.startsWith('-')) throw new Error(`unknown option ${x}\n${USAGE}`);
    else a.root = x;
  }
  return a;
}

/**
 * The floor: discover the files the engine analyses, then parse each one exactly as the engine does
 * (`parseModule`: `ts.createSourceFile`, no parent pointers), keeping nothing. `withParents` is the same parse
 * with `setParentNodes` on, as the engine parsed until it stopped needing parents: shown for comparison.
 */
function parseFloor(root: string, withParents = false): number {
  const opts = normalizeOptions({ root, churnDays: 0 });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const files = discover(opts).files;
  let statements = 0;
  for (const f of files) {
    const sf = withParents ? ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, scriptKindOf(f.path)) : parseModule(f.path, f.text);
    statements += sf.statements.length;
  }
  const ms = performance.now() - t0;
  if (!withParents) floorCpu.push(cpuMs(cpu0));
  if (files.length > 0 && statements === 0) throw new Error('parse floor parsed nothing');
  return ms;
}

/**
 * What any engine that keeps its syntax trees pays before it analyses anything: the same parse, every tree kept
 * (the old generation fills, so the collector copies and marks them), then one bare walk over every node
 * (`ts.forEachChild`, nothing done at a node). The walk is timed apart.
 */
function keepFloor(root: string): { keepMs: number; walkMs: number; nodes: number } {
  const files = discover(normalizeOptions({ root, churnDays: 0 })).files;
  const t0 = performance.now();
  const kept = files.map((f) => parseModule(f.path, f.text));
  const keepMs = performance.now() - t0;
  let nodes = 0;
  const visit = (n: ts.Node): void => {
    nodes++;
    ts.forEachChild(n, visit);
  };
  const t1 = performance.now();
  for (const sf of kept) visit(sf);
  return { keepMs, walkMs: performance.now() - t1, nodes };
}

/** CPU time (user + system, every thread of the process: the garbage collector's and the compiler's too) of each floor run. */
const floorCpu: number[] = [];

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

interface FullRun {
  ms: number;
  /** CPU time of the run, every thread of the process (see `floorCpu`). */
  cpuMs: number;
  coupledModules: number;
  sites: number;
  modules: number;
  /** Milliseconds from the end of one stage's last progress event to the end of the next's. */
  stages: Record<string, number>;
  /** The top hotspot's path. */
  top: string;
}

/** Modules of the last full run that detection did not walk (no framework value could reach them). */
let notWalked = 0;

function fullAnalysis(root: string): FullRun {
  const stages: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let mark = t0;
  let current = '';
  const onProgress = (e: ProgressEvent) => {
    const now = performance.now();
    if (e.stage !== current) current = e.stage;
    stages[current] = (stages[current] ?? 0) + (now - mark);
    mark = now;
  };
  const session = new AnalysisSession(normalizeOptions({ root, churnDays: 0, onProgress }));
  const result = session.analyse();
  notWalked = session.lastRun.notWalked;
  const ms = performance.now() - t0;
  const used = cpuMs(cpu0);
  const top = result.modules.find((m) => m.rank === 1)?.path ?? result.modules[0]?.path ?? '';
  // Let go of the trees now: optimised code may keep a dropped session reachable, which would weigh on the runs after.
  session.dispose();
  return { ms, cpuMs: used, coupledModules: result.summary.coupledModules, sites: result.summary.sites, modules: result.summary.modules, stages, top };
}

/**
 * The editor's case: a session analyses once, then each of `edits` coupled modules gets a line inserted at
 * its top (every position below moves) as unsaved editor text, and is re-analysed incrementally.
 */
function editRoundTrips(root: string, edits: number): { updateMs: number[]; redetected: number[] } {
  const session = new AnalysisSession(normalizeOptions({ root, churnDays: 0 }));
  const first = session.analyse();
  const targets = first.modules.filter((m) => m.rank !== null).sort((a, b) => a.rank! - b.rank!).slice(0, edits);
  const updateMs: number[] = [];
  const redetected: number[] = [];
  for (const m of targets) {
    const text = fs.readFileSync(path.join(root, m.path), 'utf8');
    session.setOverlay(m.path, `// edited\n${text}`);
    const t0 = performance.now();
    const result = session.update([m.path]);
    updateMs.push(performance.now() - t0);
    if (!result) throw new Error(`an edit of ${m.path} was not handled incrementally`);
    redetected.push(session.lastRun.redetected);
  }
  session.dispose();
  return { updateMs, redetected };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const mib = (bytes: number) => bytes / (1024 * 1024);
const fmtMs = (ms: number) => `${ms.toFixed(ms < 100 ? 1 : 0).padStart(7)} ms`;
const fmtInt = (n: number) => n.toLocaleString('en-US');

function corpusSize(root: string): { files: number; lines: number } {
  const files = discover(normalizeOptions({ root, churnDays: 0 })).files;
  let lines = 0;
  for (const f of files) for (const line of f.text.split('\n')) if (line.trim()) lines++;
  return { files: files.length, lines };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const synthetic = !args.root;
  const root = args.root ? path.resolve(args.root) : fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-bench-'));
  try {
    if (synthetic) generateBackend(root, args.files, 1);
    else if (!fs.existsSync(root)) throw new Error(`no such folder: ${root}`);
    const size = corpusSize(root);

    // Warm-up (JIT, file cache), not counted.
    parseFloor(root);
    fullAnalysis(root);

    const floor: number[] = [];
    const parentsFloor: number[] = [];
    const keepRuns: number[] = [];
    const walkRuns: number[] = [];
    let nodes = 0;
    const full: number[] = [];
    const fullCpu: number[] = [];
  let last: FullRun = { ms: 0, cpuMs: 0, coupledModules: 0, sites: 0, modules: 0, stages: {}, top: '' };
    const stageRuns: Record<string, number[]> = {};
    for (let i = 0; i < args.runs; i++) {
      // Alternate the order so neither side always runs right after the other's garbage.
      if (i % 2 === 0) floor.push(parseFloor(root));
      last = fullAnalysis(root);
      full.push(last.ms);
      fullCpu.push(last.cpuMs);
      for (const [stage, ms] of Object.entries(last.stages)) (stageRuns[stage] ??= []).push(ms);
      if (i % 2 === 1) floor.push(parseFloor(root));
      parentsFloor.push(parseFloor(root, true));
      const k = keepFloor(root);
      keepRuns.push(k.keepMs);
      walkRuns.push(k.walkMs);
      nodes = k.nodes;
    }
    floorCpu.splice(0, 1); // the warm-up's
    const edits = editRoundTrips(root, 15);
    const top = last.top;
    const editor = await editorTimes(path.join(__dirname, 'server.js'), root, top, 10);
    const peakRss = process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
    const cold = coldAnalysisRss(root);
    const heapUsed = cold.liveHeapMiB;
    const ratio = median(full) / median(floor);

    const out = {
      root: synthetic ? `synthetic (${args.files} files, seed 1)` : root,
      files: size.files,
      linesOfCode: size.lines,
      runs: args.runs,
      floorMs: { median: median(floor), min: Math.min(...floor), runs: floor },
      parseWithParentsMs: { median: median(parentsFloor), min: Math.min(...parentsFloor), runs: parentsFloor },
      keepTreesMs: { median: median(keepRuns), runs: keepRuns },
      bareWalkMs: { median: median(walkRuns), runs: walkRuns, nodes },
      fullMs: { median: median(full), min: Math.min(...full), runs: full },
      cpuMs: { floor: median(floorCpu), full: median(fullCpu) },
      ratio,
      target: 2,
      peakRssMiB: peakRss,
      coldAnalysis: cold,
      heapUsedMiB: heapUsed,
      stagesMs: Object.fromEntries(Object.entries(stageRuns).map(([stage, runs]) => [stage, median(runs)])),
      editor: { firstLensMs: editor.firstLensMs, editRoundTripMs: { median: median(editor.editMs), max: Math.max(...editor.editMs), runs: editor.editMs } },
      editUpdateMs: { median: median(edits.updateMs), max: Math.max(...edits.updateMs), runs: edits.updateMs, redetectedMedian: median(edits.redetected) },
      modules: last.modules,
      coupledModules: last.coupledModules,
      sites: last.sites,
    };
    if (args.json) console.log(JSON.stringify(out, null, 2));
    else {
      console.log(`Strangler benchmark: ${out.root}`);
      console.log(`  ${fmtInt(out.files)} files, ${fmtInt(out.linesOfCode)} lines of code, ${out.runs} runs (+1 warm-up)`);
      console.log('');
      console.log('                        median        min');
      console.log(`  parse-only floor  ${fmtMs(out.floorMs.median)} ${fmtMs(out.floorMs.min)}   (ts.createSourceFile per file, as the engine parses)`);
      console.log(`  full analysis     ${fmtMs(out.fullMs.median)} ${fmtMs(out.fullMs.min)}`);
      for (const [stage, ms] of Object.entries(out.stagesMs)) console.log(`    ${stage.padEnd(14)} ${fmtMs(ms)}`);
      console.log('');
      console.log(`  full / floor (medians): ${ratio.toFixed(2)}x  (target <= 2x: ${ratio <= 2 ? 'met' : 'NOT met'})`);
      const cores = (cpu: number, wall: number) => `${(cpu / wall).toFixed(2)} cores`;
      console.log(`  CPU time (medians, all threads: GC and compiler included): floor ${fmtMs(out.cpuMs.floor).trim()} (${cores(out.cpuMs.floor, out.floorMs.median)}), full ${fmtMs(out.cpuMs.full).trim()} (${cores(out.cpuMs.full, out.fullMs.median)}); full / floor in CPU time ${(out.cpuMs.full / out.cpuMs.floor).toFixed(2)}x`);
      console.log(`  (for comparison: the same parse with setParentNodes, as earlier versions measured it, ${fmtMs(out.parseWithParentsMs.median).trim()}; full / that ${(median(full) / out.parseWithParentsMs.median).toFixed(2)}x)`);
      const kept = out.keepTreesMs.median / out.floorMs.median;
      const walked = (out.keepTreesMs.median + out.bareWalkMs.median) / out.floorMs.median;
      console.log(`  what keeping the trees costs any engine: the same parse keeping every tree ${fmtMs(out.keepTreesMs.median).trim()} (${kept.toFixed(2)}x the floor); then one bare walk of its ${fmtInt(nodes)} nodes ${fmtMs(out.bareWalkMs.median).trim()} (parse, keep and walk: ${walked.toFixed(2)}x)`);
      console.log(`  an edit, re-analysed incrementally: median ${fmtMs(out.editUpdateMs.median).trim()}, max ${fmtMs(out.editUpdateMs.max).trim()} over ${edits.updateMs.length} edits of the top hotspots (${out.editUpdateMs.redetectedMedian} modules re-detected, median); target < 200 ms: ${out.editUpdateMs.median < 200 ? 'met' : 'NOT met'}`);
      console.log(`  language server over IPC: first code lenses on ${top} ${fmtMs(editor.firstLensMs).trim()} after initialize (${(editor.firstLensMs / median(full)).toFixed(2)}x the full analysis); edit → re-verified status median ${fmtMs(median(editor.editMs)).trim()}, max ${fmtMs(Math.max(...editor.editMs)).trim()} over ${editor.editMs.length} edits (incl. 40 ms debounce)`);
      console.log(`  memory: one cold analysis in its own process peaks at ${cold.peakRssMiB.toFixed(0)} MiB RSS (${fmtMs(cold.ms).trim()}; budget 1 GiB), and its live session keeps ${heapUsed.toFixed(0)} MiB of heap after a full collection; this process, after all its runs, ${peakRss.toFixed(0)} MiB RSS`);
      console.log(`  last run: ${fmtInt(out.modules)} modules, ${fmtInt(out.coupledModules)} coupled, ${fmtInt(out.sites)} sites; ${fmtInt(notWalked)} modules not walked (no framework value reaches them)`);
    }
    if (synthetic && last.coupledModules === 0) {
      console.error('bench: the analysis found no coupled modules in the synthetic backend');
      return 1;
    }
    return 0;
  } finally {
    if (synthetic) fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The memory one cold analysis needs, as the CLI and the language server run it: a child process analyses the
 * tree once and reports its own peak RSS (this process has held many runs by then).
 */
/**
 * One analysis in a process of its own: its peak RSS, its time, and the heap its session keeps alive (as the
 * language server keeps it) after a full collection, garbage aside. In its own process because in this one the
 * sessions of the timed runs outlive a full collection made in the same task (V8 keeps the last one reachable
 * until the event loop turns), which would count another session's trees.
 */
function coldAnalysisRss(root: string): { peakRssMiB: number; ms: number; liveHeapMiB: number } {
  const child = spawnSync(process.execPath, [__filename, COLD_CHILD, root], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`the cold-analysis child failed: ${child.stderr || child.error?.message}`);
  return JSON.parse(child.stdout) as { peakRssMiB: number; ms: number; liveHeapMiB: number };
}

const COLD_CHILD = '--cold-analysis-child';

if (process.argv[2] === COLD_CHILD) {
  const t0 = performance.now();
  const session = new AnalysisSession(normalizeOptions({ root: process.argv[3], churnDays: 0 }));
  session.analyse();
  const ms = performance.now() - t0;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const liveHeapMiB = mib(heapAfterGc());
  // Read after the collection, so the session is alive while the heap is measured.
  process.stdout.write(JSON.stringify({ peakRssMiB, ms, liveHeapMiB: session.lastRun.parsed >= 0 ? liveHeapMiB : 0 }));
} else main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);

/** The heap in use after a full garbage collection (`gc` exposed for this one call). */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  return process.memoryUsage().heapUsed;
}
