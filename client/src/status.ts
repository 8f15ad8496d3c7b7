/**
 * The status of the analysis as the server last reported it: the status bar item (checkpoint progress, a
 * spinner while analysing), the context keys the welcome views test, and an event the views refresh on.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/shared/protocol';
import { summariseStatus, type StatusSummary } from './statusSummary';
import { writeMark } from './testMarks';
import { PLAN_VIEW } from './views/plan';

export class StatusBoard implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('strangler.status', vscode.StatusBarAlignment.Left, 10);
  private readonly changed = new vscode.EventEmitter<StatusParams>();
  /** Fires after every status the server sends. */
  readonly onDidChange = this.changed.event;
  private current: StatusParams = { folders: [] };
  summary: StatusSummary = summariseStatus([]);

  constructor() {
    this.item.name = 'Strangler';
    this.item.command = { title: 'Open Migration Plan', command: `${PLAN_VIEW}.focus` };
    this.render();
    this.item.show();
    void setContext('strangler:ready', false);
  }

  get folders(): StatusParams['folders'] {
    return this.current.folders;
  }

  /** The language client is running: the views may ask it for data. */
  started(): void {
    void setContext('strangler:ready', true);
  }

  update(params: StatusParams): void {
    this.current = params;
    this.render();
    this.changed.fire(params);
    writeMark('status', { ...params, summary: this.summary });
  }

  private render(): void {
    const summary = summariseStatus(this.current.folders);
    this.summary = summary;
    this.item.text = summary.text;
    this.item.tooltip = summary.tooltip ? `${summary.tooltip}\n\nClick to open the Migration Plan view.` : 'Strangler';
    this.item.backgroundColor = summary.regressed > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: summary.text.replace(/\$\([^)]*\)\s*/g, '') };
    void setContext('strangler:state', summary.state);
    void setContext('strangler:hasPlan', summary.hasPlan);
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}

function setContext(key: string, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
