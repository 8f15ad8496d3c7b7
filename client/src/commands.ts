/**
 * The commands of the palette, the view menus and the server's code lenses. Each asks the server or shows what
 * it answered; none computes anything about the code itself.
 */
import * as vscode from 'vscode';
import { ClientCommands, type SiteItem } from '../../server/src/shared/protocol';
import { peekSites } from './locations';
import { markStepDone } from './planEdits';
import type { StatusBoard } from './status';
import type { StranglerServer } from './stranglerServer';
import { HOTSPOTS_VIEW, type HotspotsTree } from './views/hotspots';
import type { PlanTree } from './views/plan';
import type { TreeNode } from './views/serverTree';

export interface CommandContext {
  server: StranglerServer;
  status: StatusBoard;
  hotspots: HotspotsTree;
  hotspotsView: vscode.TreeView<TreeNode>;
  plan: PlanTree;
  log: vscode.LogOutputChannel;
}

/** A workspace folder URI from a command argument (a folder node's URI string), or asked for when there are several. */
async function folderArgument(arg: unknown): Promise<string | undefined | null> {
  if (typeof arg === 'string') return arg;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri.toString();
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Generate the migration plan of which folder?' });
  return picked ? picked.uri.toString() : null;
}

async function openPlanAt(planUri: string, line = 0): Promise<void> {
  const position = new vscode.Position(Math.max(line, 0), 0);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(planUri), { selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function generatePlan({ server }: CommandContext, arg: unknown): Promise<void> {
  const folder = await folderArgument(arg);
  if (folder === null) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Strangler: generating the migration plan…' },
    () => server.generatePlan(folder ? { folder } : {}),
  );
  if (!result.ok || !result.planUri) {
    void vscode.window.showErrorMessage(result.message || 'Strangler could not generate the migration plan.');
    return;
  }
  await openPlanAt(result.planUri);
  void vscode.window.showInformationMessage(result.message);
}

async function openPlan({ status }: CommandContext): Promise<void> {
  const plans = status.folders.filter((folder) => folder.planUri && folder.progress);
  if (plans.length === 0) {
    const generate = 'Generate Migration Plan';
    if ((await vscode.window.showInformationMessage('This workspace has no migration plan yet.', generate)) === generate) {
      await vscode.commands.executeCommand('strangler.generatePlan');
    }
    return;
  }
  const picked =
    plans.length === 1
      ? plans[0]
      : (await vscode.window.showQuickPick(plans.map((folder) => ({ label: folder.name, description: vscode.workspace.asRelativePath(vscode.Uri.parse(folder.planUri!)), folder })), { title: 'Open which plan?' }))?.folder;
  if (picked?.planUri) await openPlanAt(picked.planUri);
}

async function markStep({ server, plan }: CommandContext, node: TreeNode | undefined): Promise<void> {
  if (node?.data?.kind === 'step') {
    await markStepDone(server, { planUri: node.data.planUri, stepId: node.data.step.id });
    return;
  }
  const open = (await plan.steps()).filter(({ step }) => step.status !== 'done');
  if (open.length === 0) {
    void vscode.window.showInformationMessage('Every step of the plan is done (or there is no plan yet).');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    open.map((entry) => ({
      label: `${entry.step.state === 'ready' ? '$(arrow-circle-right) ' : ''}${entry.step.title}`,
      description: `${entry.step.id} · ${entry.step.state}`,
      detail: vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders.length > 1 ? `${entry.plan.folderName} › ${entry.phase.title}` : entry.phase.title,
      entry,
    })),
    { title: 'Mark Step Done', placeHolder: 'Steps whose checks all pass are ready', matchOnDescription: true },
  );
  if (picked) await markStepDone(server, { planUri: picked.entry.plan.planUri, stepId: picked.entry.step.id });
}

async function revealInHotspots({ server, hotspots, hotspotsView }: CommandContext, arg: unknown): Promise<void> {
  const uri = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.toString() : vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri) return;
  const { item } = await server.moduleAt(uri);
  const name = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  if (!item) {
    void vscode.window.showInformationMessage(`${name} has no framework coupling: it is not a hotspot.`);
    return;
  }
  await vscode.commands.executeCommand(`${HOTSPOTS_VIEW}.focus`);
  await hotspots.fresh();
  let node = hotspots.findModule(item.uri);
  if (!node && hotspots.filter) {
    await hotspots.clearFilter();
    node = hotspots.findModule(item.uri);
  }
  if (node) await hotspotsView.reveal(node, { select: true, focus: true });
}

async function showModuleSites({ server }: CommandContext, node: TreeNode | undefined): Promise<void> {
  if (node?.data?.kind !== 'module') return;
  const { sites } = await server.sites(node.data.item.uri);
  const first = sites[0];
  const uri = vscode.Uri.parse(node.data.item.uri);
  await vscode.window.showTextDocument(uri);
  await peekSites(uri, new vscode.Position(first?.line ?? 0, first?.character ?? 0), sites);
}

/** An error message with a way to the log; does not wait for the user. */
export function showError(message: string, log: vscode.LogOutputChannel): void {
  const show = 'Show Output';
  void vscode.window.showErrorMessage(message, show).then((choice) => choice === show && log.show());
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  const { server, hotspots, log } = context;
  const commands: Record<string, (...args: never[]) => unknown> = {
    'strangler.analyse': () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Strangler: analysing' }, () => server.analyse()),
    'strangler.generatePlan': (arg: unknown) => generatePlan(context, arg),
    'strangler.openPlan': () => openPlan(context),
    'strangler.markStepDone': (node: TreeNode | undefined) => markStep(context, node),
    'strangler.showOutput': () => log.show(),
    'strangler.showModuleSites': (node: TreeNode | undefined) => showModuleSites(context, node),
    'strangler.openModule': (node: TreeNode | undefined) =>
      node?.data?.kind === 'module' && vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(node.data.item.uri)),
    'strangler.hotspots.groupBy': () => hotspots.chooseGrouping(),
    'strangler.hotspots.sortBy': () => hotspots.chooseSort(),
    'strangler.hotspots.filter': () => hotspots.chooseFilter(),
    'strangler.hotspots.clearFilter': () => hotspots.clearFilter(),
    [ClientCommands.revealModule]: (arg: unknown) => revealInHotspots(context, arg),
    [ClientCommands.openPlanAt]: (planUri: string, line: number) => openPlanAt(planUri, line),
    [ClientCommands.showSites]: (uri: string, line: number, character: number, sites: SiteItem[]) =>
      peekSites(vscode.Uri.parse(uri), new vscode.Position(line, character), sites),
  };
  return Object.entries(commands).map(([id, run]) =>
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      try {
        return await run(...args);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`${id}: ${message}`);
        showError(`Strangler: ${message}`, log);
        return undefined;
      }
    }),
  );
}
