/**
 * The common shape of the Strangler views: a tree filled from one server request, fetched again when the view
 * shows after the server reported a new status, built into ready-made tree items, and rendered from them.
 */
import * as vscode from 'vscode';
import type { HotspotItem, StepItem } from '../../../server/src/shared/protocol';

/** What a context-menu or inline command receives a node for. */
export type NodeData =
  | { kind: 'module'; item: HotspotItem }
  | { kind: 'step'; planUri: string; step: StepItem }
  | { kind: 'folder'; uri: string };

export interface TreeNode {
  item: vscode.TreeItem;
  parent?: TreeNode;
  children: TreeNode[];
  /** Children fetched from the server when the node is first expanded (a module's sites). */
  load?: () => Promise<TreeNode[]>;
  data?: NodeData;
}

export function treeNode(item: vscode.TreeItem, children: TreeNode[] = [], data?: NodeData): TreeNode {
  const node: TreeNode = { item, children, data };
  for (const child of children) child.parent = node;
  if (children.length > 0 && item.collapsibleState === vscode.TreeItemCollapsibleState.None) {
    item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
  }
  return node;
}

/** A tree item; `state` decides the initial state of an item with children (the view keeps users' choices by id). */
export function treeItem(
  label: string,
  options: {
    id: string;
    description?: string;
    tooltip?: string | vscode.MarkdownString;
    icon?: vscode.ThemeIcon;
    contextValue?: string;
    command?: vscode.Command;
    state?: 'expanded' | 'collapsed';
    resourceUri?: vscode.Uri;
  },
): vscode.TreeItem {
  const states = { expanded: vscode.TreeItemCollapsibleState.Expanded, collapsed: vscode.TreeItemCollapsibleState.Collapsed };
  const item = new vscode.TreeItem(label, options.state ? states[options.state] : vscode.TreeItemCollapsibleState.None);
  item.id = options.id;
  item.description = options.description;
  item.tooltip = options.tooltip;
  item.iconPath = options.icon;
  item.contextValue = options.contextValue;
  item.command = options.command;
  item.resourceUri = options.resourceUri;
  return item;
}

/**
 * With several workspace folders, a folder level on top (each folder expanded); with one, its nodes directly.
 * `entries` are per folder, in the order the server sent them.
 */
export function withFolderLevel<T extends { folder: string; folderName: string }>(view: string, entries: readonly T[], build: (entry: T) => TreeNode[]): TreeNode[] {
  if ((vscode.workspace.workspaceFolders?.length ?? 0) <= 1 && entries.length <= 1) return entries.flatMap(build);
  return entries.map((entry) =>
    treeNode(
      treeItem(entry.folderName, { id: `${view}|${entry.folder}`, icon: new vscode.ThemeIcon('root-folder'), state: 'expanded', contextValue: 'folder' }),
      build(entry),
      { kind: 'folder', uri: entry.folder },
    ),
  );
}

export abstract class ServerTree<Data> implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  protected view?: vscode.TreeView<TreeNode>;
  protected data?: Data;
  private roots: TreeNode[] = [];
  private stale = true;
  private loading?: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    readonly viewId: string,
    protected readonly log: vscode.LogOutputChannel,
    private readonly fetch: () => Promise<Data>,
  ) {}

  createView(options: Partial<vscode.TreeViewOptions<TreeNode>> = {}): vscode.TreeView<TreeNode> {
    this.view = vscode.window.createTreeView(this.viewId, { treeDataProvider: this, showCollapseAll: true, ...options });
    this.disposables.push(this.view);
    return this.view;
  }

  /**
   * The server's data changed. The view asks for its roots again when it shows (at once if it is visible), and
   * that fetches: a hidden view costs nothing, and a refresh the workbench drops while it creates the tree
   * cannot leave it empty, since the tree's first request fetches too.
   */
  invalidate(): void {
    this.stale = true;
    this.changed.fire();
  }

  /** Resolves when the nodes are built from data at least as new as the last status; fetches overlap once. */
  fresh(): Promise<void> {
    // `load` is only started when stale, so it always awaits a fetch before `finally` clears `loading`.
    if (this.stale && !this.loading) this.loading = this.load().finally(() => (this.loading = undefined));
    return this.loading ?? Promise.resolve();
  }

  /** Fetches until no newer status came in meanwhile. A failed fetch keeps the last nodes and is logged. */
  private async load(): Promise<void> {
    while (this.stale) {
      this.stale = false;
      try {
        this.data = await this.fetch();
        this.roots = this.build(this.data);
      } catch (error) {
        this.log.warn(`${this.viewId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Builds the nodes again from the data already fetched (after a grouping, sorting or filter change). */
  protected rebuild(): void {
    this.roots = this.data === undefined ? [] : this.build(this.data);
    this.changed.fire();
  }

  protected get rootNodes(): readonly TreeNode[] {
    return this.roots;
  }

  protected abstract build(data: Data): TreeNode[];

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      await this.fresh();
      return this.roots;
    }
    if (node.load) {
      const load = node.load;
      node.load = undefined;
      try {
        const children = await load();
        for (const child of children) child.parent = node;
        node.children = children;
      } catch (error) {
        node.load = load;
        this.log.warn(`${this.viewId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return node.children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
