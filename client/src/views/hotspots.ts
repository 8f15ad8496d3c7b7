/**
 * The Hotspots view: the server's ranked modules, grouped by concern, folder or plan step, sorted and filtered
 * as the user chose (kept in the workspace state), with each module's coupling sites as its children.
 */
import * as vscode from 'vscode';
import type { HotspotItem, HotspotsResult, SiteItem } from '../../../server/src/shared/protocol';
import { openAt } from '../locations';
import type { StranglerServer } from '../stranglerServer';
import { CONCERN_LABELS, GROUPINGS, SORTS, TESTS, groupHotspots, type HotspotGroup, type HotspotGrouping, type HotspotSort } from './hotspotGroups';
import { groupBy } from './inventoryGroups';
import { ServerTree, treeItem, treeNode, withFolderLevel, type TreeNode } from './serverTree';

export const HOTSPOTS_VIEW = 'strangler.hotspots';

interface Arrangement {
  grouping: HotspotGrouping;
  sort: HotspotSort;
  filter: string;
}

const STATE_KEY = 'strangler.hotspots.arrangement';
const DEFAULT_ARRANGEMENT: Arrangement = { grouping: 'concern', sort: 'score', filter: '' };

function moduleTooltip(item: HotspotItem): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, true);
  tip.appendMarkdown(item.test ? `**${item.path}** — test code, not ranked (score ${item.score} if it were)\n\n` : `**${item.path}** — rank #${item.rank}, score ${item.score}${item.migration ? `; a ${item.migration} migration, which the plan retires rather than ports` : ''}\n\n`);
  tip.appendCodeblock(item.formula, 'text');
  const rows = item.coupling
    .filter((c) => c.sites > 0)
    .map((c) => `| ${CONCERN_LABELS[c.concern]} | ${c.sites} | ${c.weight} | ${c.frameworks.join(', ')} |`);
  tip.appendMarkdown(`\n| concern | sites | weight | frameworks |\n|---|---:|---:|---|\n${rows.join('\n')}\n\n`);
  tip.appendMarkdown(`churn ${item.churn} · ${item.dependents} dependents · ${item.leaks} leaks`);
  if (item.step) tip.appendMarkdown(`\n\nPlan step \`${item.step.id}\`: ${item.step.title} (${item.step.state})`);
  return tip;
}

function siteNode(site: SiteItem, parentId: string): TreeNode {
  return treeNode(
    treeItem(`${site.line + 1}: ${site.text}`, {
      id: `${parentId}|${site.line}:${site.character}:${site.kind}`,
      description: `${site.framework} · ${site.kind} · ${site.weight}`,
      tooltip: site.via ? `${site.kind} of ${site.framework}, through ${site.via}` : `${site.kind} of ${site.framework}`,
      icon: new vscode.ThemeIcon('symbol-reference'),
      command: openAt(site.uri, site.line, site.character, 'Open Site'),
    }),
  );
}

export class HotspotsTree extends ServerTree<HotspotsResult> {
  private arrangement: Arrangement;

  constructor(
    private readonly server: StranglerServer,
    private readonly state: vscode.Memento,
    log: vscode.LogOutputChannel,
  ) {
    super(HOTSPOTS_VIEW, log, () => server.hotspots());
    this.arrangement = { ...DEFAULT_ARRANGEMENT, ...state.get<Partial<Arrangement>>(STATE_KEY) };
  }

  override createView(): vscode.TreeView<TreeNode> {
    const view = super.createView();
    this.describe();
    return view;
  }

  protected build(data: HotspotsResult): TreeNode[] {
    const { grouping, sort, filter } = this.arrangement;
    const folders = [...groupBy(data.items, (item) => item.folder).entries()].map(([folder, items]) => ({
      folder,
      folderName: vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folder))?.name ?? folder,
      groups: groupHotspots(items, grouping, sort, filter),
    }));
    const filteredAway = filter !== '' && data.items.length > 0 && folders.every((f) => f.groups.length === 0);
    void vscode.commands.executeCommand('setContext', 'strangler:hotspotsFiltered', filteredAway);
    return withFolderLevel(this.viewId, folders, ({ folder, groups }) => groups.map((group) => this.groupNode(folder, group)));
  }

  private groupNode(folder: string, group: HotspotGroup): TreeNode {
    const id = `${folder}|${this.arrangement.grouping}:${group.key}`;
    const icon = group.key === TESTS ? new vscode.ThemeIcon('beaker') : this.arrangement.grouping === 'folder' ? new vscode.ThemeIcon('folder') : this.arrangement.grouping === 'step' ? new vscode.ThemeIcon('milestone') : new vscode.ThemeIcon('layers');
    return treeNode(
      treeItem(group.label, { id, description: group.description, icon, state: 'expanded' }),
      group.items.map((item) => this.moduleNode(id, item, group)),
    );
  }

  private moduleNode(parentId: string, item: HotspotItem, group: HotspotGroup): TreeNode {
    const id = `${parentId}|${item.uri}`;
    const node = treeNode(
      treeItem(item.path, {
        id,
        description: item.test ? `test · ${item.score}` : `#${item.rank} · ${item.score}${item.migration ? ' · migration' : ''}`,
        tooltip: moduleTooltip(item),
        resourceUri: vscode.Uri.parse(item.uri),
        contextValue: 'module',
        state: 'collapsed',
      }),
      [],
      { kind: 'module', item },
    );
    // The file's own icon from the theme, as the Explorer shows it.
    node.item.iconPath = vscode.ThemeIcon.File;
    node.load = async () => {
      const { sites } = await this.server.sites(item.uri);
      return sites
        .filter((site) => !group.concern || site.concern === group.concern)
        .sort((a, b) => a.line - b.line || a.character - b.character)
        .map((site) => siteNode(site, id));
    };
    return node;
  }

  /** The first node of a module in the view (a module coupled to two concerns is in two groups). */
  findModule(uri: string): TreeNode | undefined {
    const search = (nodes: readonly TreeNode[]): TreeNode | undefined => {
      for (const node of nodes) {
        if (node.data?.kind === 'module' && node.data.item.uri === uri) return node;
        const found = search(node.children);
        if (found) return found;
      }
      return undefined;
    };
    return search(this.rootNodes);
  }

  get filter(): string {
    return this.arrangement.filter;
  }

  async chooseGrouping(): Promise<void> {
    const labels: Record<HotspotGrouping, string> = { concern: 'Concern', folder: 'Folder', step: 'Plan step' };
    const picked = await pick(GROUPINGS, labels, this.arrangement.grouping, 'Group hotspots by');
    if (picked) await this.arrange({ grouping: picked });
  }

  async chooseSort(): Promise<void> {
    const labels: Record<HotspotSort, string> = { score: 'Score', sites: 'Number of sites', path: 'Path' };
    const picked = await pick(SORTS, labels, this.arrangement.sort, 'Sort hotspots by');
    if (picked) await this.arrange({ sort: picked });
  }

  async chooseFilter(): Promise<void> {
    const filter = await vscode.window.showInputBox({
      title: 'Filter Hotspots',
      prompt: 'Words that must all occur in the path, a concern, a framework or the plan step',
      value: this.arrangement.filter,
      placeHolder: 'e.g. users typeorm',
    });
    if (filter !== undefined) await this.arrange({ filter: filter.trim() });
  }

  clearFilter(): Promise<void> {
    return this.arrange({ filter: '' });
  }

  private async arrange(change: Partial<Arrangement>): Promise<void> {
    this.arrangement = { ...this.arrangement, ...change };
    await this.state.update(STATE_KEY, this.arrangement);
    this.describe();
    this.rebuild();
  }

  private describe(): void {
    const { grouping, sort, filter } = this.arrangement;
    void vscode.commands.executeCommand('setContext', 'strangler:hotspotsFilter', filter !== '');
    if (!this.view) return;
    this.view.description = `by ${grouping === 'step' ? 'plan step' : grouping} · ${sort}`;
    this.view.message = filter ? `Filtered by "${filter}"` : undefined;
  }
}

async function pick<T extends string>(values: readonly T[], labels: Record<T, string>, current: T, title: string): Promise<T | undefined> {
  const items = values.map((value) => ({ label: labels[value], value, description: value === current ? 'current' : undefined }));
  return (await vscode.window.showQuickPick(items, { title }))?.value;
}
