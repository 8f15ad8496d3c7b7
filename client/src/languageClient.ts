/**
 * The language client: starts the bundled server over IPC, syncs the JS/TS and plan documents, the file events
 * and the `strangler` settings, and restarts a crashed server a bounded number of times.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { showError } from './commands';
import { RestartBudget } from './restartBudget';

/** Files whose changes the server re-analyses: sources, manifests and configs, rule packs, plans. */
const WATCHED = [
  '**/*.{ts,tsx,js,jsx,mjs,cjs,mts,cts}',
  '**/package.json',
  '**/tsconfig*.json',
  '**/jsconfig.json',
  '**/.strangler/rules/**',
  '**/*.strangler',
];

const LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'strangler'];

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const budget = new RestartBudget();
  const watchers = WATCHED.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
    synchronize: { configurationSection: 'strangler', fileEvents: watchers },
    initializationOptions: { storagePath: context.globalStorageUri.fsPath },
    outputChannel: log,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (budget.allowRestart(Date.now())) {
          log.warn('The Strangler language server stopped unexpectedly; restarting it.');
          return { action: CloseAction.Restart, handled: true };
        }
        showError('The Strangler language server crashed 5 times in the last 3 minutes and will not be restarted.', log);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  return new LanguageClient('strangler', 'Strangler', serverOptions, clientOptions);
}
