/** Turns the protocol's plain JSON places (URI strings, 0-based lines) into editor locations and commands. */
import * as vscode from 'vscode';
import type { SiteItem } from '../../server/src/shared/protocol';

export function siteLocation(site: SiteItem): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(site.uri), new vscode.Range(site.line, site.character, site.endLine, site.endCharacter));
}

/** A command that opens a file with the cursor at a 0-based line and character. */
export function openAt(uri: string, line: number, character = 0, title = 'Open'): vscode.Command {
  const position = new vscode.Position(Math.max(line, 0), Math.max(character, 0));
  const options: vscode.TextDocumentShowOptions = { selection: new vscode.Range(position, position), preview: true };
  return { title, command: 'vscode.open', arguments: [vscode.Uri.parse(uri), options] };
}

/** `src/users/users.router.ts:12` (1-based line), relative to its workspace folder. */
export function placeLabel(uri: string, line: number): string {
  return `${vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false)}:${line + 1}`;
}

/** Peeks sites in the editor, as "Find All References" does. */
export async function peekSites(uri: vscode.Uri, position: vscode.Position, sites: readonly SiteItem[]): Promise<void> {
  await vscode.commands.executeCommand('editor.action.showReferences', uri, position, sites.map(siteLocation));
}
