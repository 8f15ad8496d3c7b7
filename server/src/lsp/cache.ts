/**
 * The persistent result cache: the last analysis of a workspace folder, stored in the extension's storage
 * (never in the workspace) under a key made of the tool's version, the settings and the content of every
 * input file. A cache whose key differs is stale and one that does not read back is corrupt: both are
 * discarded, never trusted. A hit only shows results early; the full analysis runs anyway.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { AnalysisResult } from '../engine/model';
import { SCHEMA_VERSION } from '../engine/model';
import { readPlanFile, writePlanFile } from '../engine/plan/planFileStore';

const FORMAT = 1;

interface CacheFile {
  format: number;
  schemaVersion: number;
  key: string;
  result: AnalysisResult;
}

export type CacheRead = { hit: true; result: AnalysisResult } | { hit: false; reason: 'missing' | 'stale' | 'corrupt'; detail?: string };

export class ResultCache {
  constructor(private readonly dir: string) {}

  /** The key of a folder's inputs: every file's path and content hash, in a stable order, plus the settings. */
  static key(version: string, settings: unknown, inputs: Iterable<{ path: string; text: string }>): string {
    const hash = crypto.createHash('sha256');
    hash.update(`${FORMAT}\0${SCHEMA_VERSION}\0${version}\0${JSON.stringify(settings)}\0`);
    const sorted = [...inputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const input of sorted) hash.update(`${input.path}\0${crypto.createHash('sha1').update(input.text).digest('hex')}\0`);
    return hash.digest('hex');
  }

  fileOf(root: string): string {
    return path.join(this.dir, `${crypto.createHash('sha1').update(root).digest('hex').slice(0, 16)}.json`);
  }

  read(root: string, key: string): CacheRead {
    const file = this.fileOf(root);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return { hit: false, reason: 'missing' };
    }
    let data: CacheFile;
    try {
      data = JSON.parse(text) as CacheFile;
      if (data.format !== FORMAT || data.schemaVersion !== SCHEMA_VERSION || typeof data.key !== 'string' || !isResult(data.result)) throw new Error('unexpected shape');
    } catch (e) {
      fs.rmSync(file, { force: true });
      return { hit: false, reason: 'corrupt', detail: (e as Error).message };
    }
    if (data.key !== key) return { hit: false, reason: 'stale' };
    return { hit: true, result: data.result };
  }

  write(root: string, key: string, result: AnalysisResult): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const body: CacheFile = { format: FORMAT, schemaVersion: SCHEMA_VERSION, key, result };
    writePlanFile(readPlanFile(this.fileOf(root)), JSON.stringify(body));
  }
}

function isResult(r: unknown): r is AnalysisResult {
  const x = r as AnalysisResult;
  return (
    !!x &&
    x.schemaVersion === SCHEMA_VERSION &&
    Array.isArray(x.modules) &&
    Array.isArray(x.routes) &&
    Array.isArray(x.queues) &&
    Array.isArray(x.models) &&
    Array.isArray(x.sessions) &&
    Array.isArray(x.problems) &&
    x.modules.every((m) => typeof m.path === 'string' && Array.isArray(m.sites) && typeof m.score === 'number')
  );
}
