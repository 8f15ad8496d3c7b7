/**
 * The migration map in a webview panel: media/map.js draws what the server's `strangler/map` request returns
 * and posts back clicks (open the unit's most painful module, or its first step in the plan). Strict CSP with
 * a nonce, no remote resources; the script builds its DOM with textContent, so nothing from code is parsed.
 */
import * as crypto from 'crypto';
import * as vscode from 'vscode';
import { ClientCommands, type FolderMap } from '../../server/src/shared/protocol';
import type { StranglerServer } from './stranglerServer';

export class MapPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: StranglerServer,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return this.refresh();
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('strangler.map', 'Strangler: Migration Map', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(media, 'strangler.svg');
    panel.webview.html = this.html(panel.webview, media);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((msg: { type: string; uri?: string; planUri?: string; line?: number }) => this.onMessage(msg), undefined, this.disposables);
  }

  /** Sends the current map; called when the analysis or the plan changes. */
  async refresh(): Promise<void> {
    if (!this.panel) return;
    try {
      const { maps } = await this.server.map();
      const map: FolderMap | undefined = maps[0];
      if (map) await this.panel.webview.postMessage({ type: 'map', map });
    } catch (e) {
      this.log.warn(`migration map: ${(e as Error).message}`);
    }
  }

  private async onMessage(msg: { type: string; uri?: string; planUri?: string; line?: number }): Promise<void> {
    if (msg.type === 'ready') return this.refresh();
    if (msg.type === 'open' && typeof msg.uri === 'string') await vscode.window.showTextDocument(vscode.Uri.parse(msg.uri), { viewColumn: vscode.ViewColumn.Beside });
    if (msg.type === 'step' && typeof msg.planUri === 'string') await vscode.commands.executeCommand(ClientCommands.openPlanAt, msg.planUri, msg.line ?? 0);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = crypto.randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'map.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'map.css'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Migration Map</title>
</head>
<body>
<div id="map"><p class="note">Waiting for the analysis…</p></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
