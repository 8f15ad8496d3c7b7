/**
 * Applies the plan edits the server proposes (marking a step done) through the editor — so they can be undone
 * and merge with edits the user has not saved — and then saves the plan.
 */
import * as vscode from 'vscode';
import type { MarkStepParams, PlanEditResult } from '../../server/src/shared/protocol';
import type { StranglerServer } from './stranglerServer';
import { writeMark } from './testMarks';

function openVersion(uri: vscode.Uri): number | undefined {
  return vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString())?.version;
}

async function applyPlanEdit(edit: NonNullable<PlanEditResult['edit']>): Promise<boolean> {
  const uri = vscode.Uri.parse(edit.uri);
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const { range, newText } of edit.edits) {
    workspaceEdit.replace(uri, new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character), newText);
  }
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return false;
  const document = await vscode.workspace.openTextDocument(uri);
  return document.save();
}

/** Asks the server for the edit that marks a step done and applies it; says why when it cannot. */
export async function markStepDone(server: StranglerServer, params: MarkStepParams): Promise<boolean> {
  const uri = vscode.Uri.parse(params.planUri);
  // The server computes the edit against the plan as it knows it; if the user typed in the plan meanwhile,
  // the ranges may be stale, so ask again rather than apply them.
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = openVersion(uri);
    const result = await server.markStepDone(params);
    if (!result.ok || !result.edit) {
      void vscode.window.showWarningMessage(result.message || `Step "${params.stepId}" could not be marked done.`);
      return false;
    }
    if (openVersion(uri) !== before) continue;
    const applied = await applyPlanEdit(result.edit);
    writeMark('planEdit', { planUri: params.planUri, stepId: params.stepId, applied });
    if (!applied) void vscode.window.showErrorMessage(`Strangler could not update ${vscode.workspace.asRelativePath(uri)}.`);
    return applied;
  }
  void vscode.window.showWarningMessage('The plan kept changing while Strangler tried to mark the step done; try again.');
  return false;
}
