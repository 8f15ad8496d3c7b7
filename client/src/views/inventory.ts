/**
 * The Inventory view: what changes hands in the migration — routes by path prefix, queues with their producers,
 * consumers and schedules, data models and session stores. Every entry opens its place in the code.
 */
import * as vscode from 'vscode';
import type { FolderInventory, InventoryResult } from '../../../server/src/shared/protocol';
import { openAt, placeLabel } from '../locations';
import type { StranglerServer } from '../stranglerServer';
import { groupQueues, groupRoutes, roleSummary } from './inventoryGroups';
import { ServerTree, treeItem, treeNode, withFolderLevel, type TreeNode } from './serverTree';

export const INVENTORY_VIEW = 'strangler.inventory';

function section(id: string, label: string, icon: string, count: number, children: TreeNode[]): TreeNode {
  return treeNode(treeItem(label, { id, description: `${count}`, icon: new vscode.ThemeIcon(icon), state: 'collapsed' }), children);
}

function leaf(id: string, label: string, description: string, uri: string, line: number, icon: string): TreeNode {
  return treeNode(
    treeItem(label, {
      id,
      description,
      tooltip: `${label} — ${placeLabel(uri, line)}`,
      icon: new vscode.ThemeIcon(icon),
      command: openAt(uri, line),
    }),
  );
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function inventoryNodes(inventory: FolderInventory): TreeNode[] {
  const id = `${INVENTORY_VIEW}|${inventory.folder}`;
  const routes = groupRoutes(inventory.routes).map((group) =>
    treeNode(
      treeItem(group.prefix, { id: `${id}|routes|${group.prefix}`, description: `${group.routes.length}`, icon: new vscode.ThemeIcon('symbol-namespace'), state: 'collapsed' }),
      group.routes.map((route, n) =>
        leaf(`${id}|route|${route.method} ${route.path}|${n}`, `${route.method.toUpperCase()} ${route.path}`, [route.framework, route.handler].filter(Boolean).join(' · '), route.uri, route.line, 'globe'),
      ),
    ),
  );
  const queues = groupQueues(inventory.queues).map((queue) =>
    treeNode(
      treeItem(queue.name, { id: `${id}|queue|${queue.name}`, description: `${queue.frameworks.join(', ')} · ${roleSummary(queue.entries)}`, icon: new vscode.ThemeIcon('server-process'), state: 'collapsed' }),
      queue.entries.map((entry, n) =>
        leaf(`${id}|queue|${queue.name}|${n}`, entry.role, [placeLabel(entry.uri, entry.line), entry.schedule, entry.handler && `runs ${entry.handler}`, entry.via && `via ${entry.via}`].filter(Boolean).join(' · '), entry.uri, entry.line, entry.role === 'schedule' ? 'watch' : entry.role === 'consumer' ? 'arrow-down' : entry.role === 'producer' ? 'arrow-up' : 'symbol-constructor'),
      ),
    ),
  );
  const models = inventory.models.map((model, n) => {
    const description = [model.framework, model.table && `table ${model.table}`].filter(Boolean).join(' · ');
    if (!model.readers) return leaf(`${id}|model|${model.name}|${n}`, model.name, description, model.uri, model.line, 'database');
    // A model whose readers and writers are known lists them under its declaration.
    const writers = model.writers ?? [];
    const places = [
      leaf(`${id}|model|${model.name}|${n}|declared`, 'declared', placeLabel(model.uri, model.line), model.uri, model.line, 'symbol-class'),
      ...writers.map((p, k) => leaf(`${id}|model|${model.name}|${n}|w${k}`, p.test ? 'writes (test)' : 'writes', placeLabel(p.uri, p.line), p.uri, p.line, 'edit')),
      ...model.readers.map((p, k) => leaf(`${id}|model|${model.name}|${n}|r${k}`, p.test ? 'reads (test)' : 'reads', placeLabel(p.uri, p.line), p.uri, p.line, 'eye')),
    ];
    // Test code's reads and writes are listed, but counted apart (MEAN.js's User: 2 writes in the app, 101 in tests).
    const [tr, tw] = [model.readers.filter((p) => p.test).length, writers.filter((p) => p.test).length];
    return treeNode(
      treeItem(model.name, {
        id: `${id}|model|${model.name}|${n}`,
        description: `${description} · ${count(model.readers.length - tr, 'read')}, ${count(writers.length - tw, 'write')}${tr + tw ? ` (+${tr + tw} in tests)` : ''}`,
        icon: new vscode.ThemeIcon('database'),
        state: 'collapsed',
      }),
      places,
    );
  });
  const sessions = inventory.sessions.map((session, n) =>
    leaf(`${id}|session|${n}`, session.framework, [`store ${session.store}`, session.detail].filter(Boolean).join(' · '), session.uri, session.line, 'key'),
  );
  return [
    section(`${id}|routes`, 'Routes', 'globe', inventory.routes.length, routes),
    section(`${id}|queues`, 'Queues', 'server-process', queues.length, queues),
    section(`${id}|models`, 'Models', 'database', models.length, models),
    section(`${id}|sessions`, 'Sessions', 'key', sessions.length, sessions),
  ].filter((node) => node.children.length > 0);
}

export class InventoryTree extends ServerTree<InventoryResult> {
  constructor(server: StranglerServer, log: vscode.LogOutputChannel) {
    super(INVENTORY_VIEW, log, () => server.inventory());
  }

  protected build(data: InventoryResult): TreeNode[] {
    return withFolderLevel(this.viewId, data.inventories, inventoryNodes);
  }
}
