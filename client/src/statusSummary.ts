/**
 * What the status bar and the welcome views say about all workspace folders together, from the server's
 * `strangler/status` notification. Pure, so that it is tested without an editor.
 */
import type { FolderStatus } from '../../server/src/shared/protocol';

/** The `strangler:state` context key that the welcome views of package.json test. */
export type OverallState = 'starting' | 'analysing' | 'ready' | 'noCode' | 'failed';

export interface StatusSummary {
  state: OverallState;
  /** Some folder is still on its first analysis (the others may be ready). */
  analysing: boolean;
  hasPlan: boolean;
  verified: number;
  regressed: number;
  total: number;
  /** The status bar text, with codicons. */
  text: string;
  /** One line per folder. */
  tooltip: string;
}

function overallState(folders: readonly FolderStatus[]): OverallState {
  if (folders.length === 0) return 'starting';
  if (folders.some((f) => f.state === 'ready')) return 'ready';
  if (folders.some((f) => f.state === 'analysing')) return 'analysing';
  if (folders.every((f) => f.state === 'no-code')) return 'noCode';
  return 'failed';
}

function folderLine(folder: FolderStatus): string {
  const progress = folder.progress;
  const plan = progress
    ? `${progress.verified}/${progress.total} steps verified${progress.regressed ? `, ${progress.regressed} regressed` : ''}`
    : 'no plan';
  const modules = `${folder.coupledModules} of ${folder.modules} modules coupled`;
  const run = folder.lastRun ? ` (${folder.lastRun.ms} ms${folder.lastRun.fromCache ? ', from cache' : folder.lastRun.incremental ? ', incremental' : ''})` : '';
  switch (folder.state) {
    case 'analysing':
      return `${folder.name}: analysing…`;
    case 'no-code':
      return `${folder.name}: no JavaScript or TypeScript to analyse`;
    case 'failed':
      return `${folder.name}: analysis failed${folder.message ? `: ${folder.message}` : ''}`;
    default:
      return `${folder.name}: ${modules}; ${plan}${run}`;
  }
}

export function summariseStatus(folders: readonly FolderStatus[]): StatusSummary {
  const state = overallState(folders);
  const analysing = folders.some((f) => f.state === 'analysing');
  const sum = (pick: (p: NonNullable<FolderStatus['progress']>) => number) =>
    folders.reduce((total, f) => total + (f.progress ? pick(f.progress) : 0), 0);
  const verified = sum((p) => p.verified);
  const regressed = sum((p) => p.regressed);
  const total = sum((p) => p.total);
  const hasPlan = folders.some((f) => f.planUri !== undefined && f.progress !== null);
  let text: string;
  if (analysing || state === 'starting') text = '$(sync~spin) Strangler: analysing…';
  else if (state === 'failed') text = '$(error) Strangler: analysis failed';
  else if (state === 'noCode') text = '$(circle-slash) Strangler: nothing to analyse';
  else if (hasPlan) text = `$(checklist) ${verified}/${total} verified${regressed ? `, ${regressed} regressed` : ''}`;
  else text = '$(checklist) Strangler: no plan';
  return { state, analysing, hasPlan, verified, regressed, total, text, tooltip: folders.map(folderLine).join('\n') };
}
