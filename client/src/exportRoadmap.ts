/**
 * "Strangler: Export Roadmap…": pick a format, pick where to save, and the server renders it through the same
 * registry of exporters as `strangler export` and writes it atomically.
 */
import * as vscode from 'vscode';
import type { ExportResult } from '../../server/src/shared/protocol';
import type { StranglerServer } from './stranglerServer';

export async function exportRoadmap(server: StranglerServer, log: vscode.LogOutputChannel, preset?: { format: string; file: string }): Promise<ExportResult | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showWarningMessage('Open a folder to export its roadmap.');
    return undefined;
  }
  const folder = await roadmapFolder(folders, preset?.file);
  if (!folder) return undefined;
  let format = preset?.format;
  let file = preset?.file;
  if (!format || !file) {
    const formats = await server.exportFormats();
    const picked = await vscode.window.showQuickPick(
      formats.map((f) => ({ label: f.label, description: `.${f.extension}`, id: f.id, extension: f.extension })),
      { title: 'Export Roadmap', placeHolder: 'Format' },
    );
    if (!picked) return undefined;
    const name = picked.id === 'routes-json' ? 'facade-routes' : picked.id === 'nginx' ? 'facade' : 'migration-roadmap';
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder.uri, `${name}.${picked.extension}`), filters: { [picked.label]: [picked.extension] }, title: `Export ${picked.label}` });
    if (!target) return undefined;
    format = picked.id;
    file = target.fsPath;
  }
  const result = await server.export({ folder: folder.uri.toString(), format, file });
  if (!result.ok) {
    log.error(`export ${format}: ${result.message}`);
    void vscode.window.showErrorMessage(`Strangler: ${result.message}`);
    return result;
  }
  log.info(result.message);
  void vscode.window.showInformationMessage(result.message, 'Open').then((action) => {
    if (action === 'Open' && result.file) void vscode.window.showTextDocument(vscode.Uri.file(result.file));
  });
  return result;
}

/**
 * Whose roadmap: the only folder; in a multi-root workspace the folder of the target file (a preset), else
 * of the active editor, else the one the user picks.
 */
async function roadmapFolder(folders: readonly vscode.WorkspaceFolder[], file: string | undefined): Promise<vscode.WorkspaceFolder | undefined> {
  if (folders.length === 1) return folders[0];
  const of = (uri: vscode.Uri | undefined) => (uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined);
  return of(file ? vscode.Uri.file(file) : undefined) ?? of(vscode.window.activeTextEditor?.document.uri) ?? (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Export the roadmap of which folder?' }));
}
