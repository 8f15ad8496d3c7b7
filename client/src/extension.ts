/**
 * Activates Strangler in the editor: the log, the views, the commands and the status bar, then the language
 * server, whose status notifications refresh the views.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Notifications, type StatusParams } from '../../server/src/shared/protocol';
import { registerCommands, showError } from './commands';
import { createLanguageClient } from './languageClient';
import { StatusBoard } from './status';
import { StranglerServer } from './stranglerServer';
import { writeMark } from './testMarks';
import { HotspotsTree } from './views/hotspots';
import { InventoryTree } from './views/inventory';
import { PlanTree } from './views/plan';
import { MapPanel } from './mapPanel';
import { exportRoadmap } from './exportRoadmap';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('Strangler', { log: true });
  context.subscriptions.push(log);
  try {
    await vscode.workspace.fs.createDirectory(context.globalStorageUri);
    client = createLanguageClient(context, log);
    const server = new StranglerServer(client);
    const status = new StatusBoard();
    const hotspots = new HotspotsTree(server, context.workspaceState, log);
    const plan = new PlanTree(server, log);
    const inventory = new InventoryTree(server, log);
    const hotspotsView = hotspots.createView();
    plan.createView();
    inventory.createView();
    context.subscriptions.push(status, hotspots, plan, inventory);
    context.subscriptions.push(...registerCommands({ server, status, hotspots, hotspotsView, plan, log }));
    const map = new MapPanel(context.extensionUri, server, log);
    context.subscriptions.push(
      map,
      vscode.commands.registerCommand('strangler.showMap', () => map.show()),
      // With arguments (format, file) for scripts and tests; without, a quick pick and a save dialog.
      vscode.commands.registerCommand('strangler.exportRoadmap', (format?: string, file?: string) => exportRoadmap(server, log, format && file ? { format, file } : undefined)),
      status.onDidChange(() => void map.refresh()),
    );
    context.subscriptions.push(
      status.onDidChange(() => {
        for (const tree of [hotspots, plan, inventory]) tree.invalidate();
      }),
      client.onNotification(Notifications.status, (params: StatusParams) => status.update(params)),
    );
    await client.start();
    status.started();
    // A status sent before the handler was in place would be lost: ask for the current one.
    status.update(await server.status());
    writeMark('started', { serverInfo: client.initializeResult?.serverInfo ?? null, node: process.version });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Activation failed: ${message}`);
    showError(`Strangler could not start: ${message}`, log);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
