/** Plan-file edits as LSP workspace edits: computed by `planfile/edit.ts`, applied by the client (undoable). */
import type { WorkspaceEdit } from 'vscode-languageserver';
import type { TextEdit as PlanTextEdit } from '../planfile/edit';
import { setStepStatus } from '../planfile/edit';
import type { PlanEditResult } from '../shared/protocol';

export function lspEdits(edits: readonly PlanTextEdit[]) {
  return edits.map((e) => ({ range: { start: { line: e.startLine, character: e.startColumn }, end: { line: e.endLine, character: e.endColumn } }, newText: e.newText }));
}

export function planEdit(uri: string, edits: readonly PlanTextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: lspEdits(edits) } };
}

/** Today as `YYYY-MM-DD` in UTC, the date `status done` records. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function markStepDone(planUri: string, text: string, stepId: string, date = today()): PlanEditResult {
  const result = setStepStatus(text, stepId, { state: 'done', date });
  if (result.problem) return { ok: false, message: result.problem };
  if (!result.edits.length) return { ok: true, message: `step '${stepId}' is already done` };
  return { ok: true, message: `step '${stepId}' marked done on ${date}`, edit: { uri: planUri, edits: lspEdits(result.edits) } };
}
