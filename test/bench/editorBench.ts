/**
 * The editor's numbers, measured through the built language server over IPC as VS Code talks to it: from
 * `initialize` to the first code lenses on the top hotspot, and from an edit to the re-verified status (whose
 * diagnostics are published just before it), on the same workspace as the rest of the benchmark.
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as rpc from 'vscode-jsonrpc/node';
import { Notifications, type StatusParams } from '../../server/src/shared/protocol';

export interface EditorTimes {
  firstLensMs: number;
  editMs: number[];
}

export async function editorTimes(serverJs: string, root: string, topModule: string, edits: number): Promise<EditorTimes> {
  const child = fork(serverJs, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  const conn = rpc.createMessageConnection(new rpc.IPCMessageReader(child), new rpc.IPCMessageWriter(child));
  const statuses: StatusParams[] = [];
  let wake: () => void = () => undefined;
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(Notifications.status, (s: StatusParams) => {
    statuses.push(s);
    wake();
  });
  conn.listen();
  const next = (test: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the server did not answer within 5 minutes')), 300_000);
      wake = () => {
        if (test()) {
          clearTimeout(timer);
          resolve();
        }
      };
      wake();
    });
  try {
    const t0 = performance.now();
    const rootUri = pathToFileURL(root).href;
    await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: path.basename(root) }], capabilities: { window: { workDoneProgress: true } } });
    await conn.sendNotification('initialized', {});
    await next(() => statuses.at(-1)?.folders[0]?.state === 'ready');
    const uri = pathToFileURL(path.join(root, topModule)).href;
    const lenses = await conn.sendRequest<unknown[]>('textDocument/codeLens', { textDocument: { uri } });
    const firstLensMs = performance.now() - t0;
    if (!lenses.length) throw new Error(`no code lens on ${topModule}`);
    const text = fs.readFileSync(path.join(root, topModule), 'utf8');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const editMs: number[] = [];
    for (let v = 2; v < 2 + edits; v++) {
      const seen = statuses.length;
      const t1 = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: `// edit ${v}\n${text}` }] });
      await next(() => statuses.length > seen && !!statuses.at(-1)?.folders[0]?.lastRun?.incremental);
      editMs.push(performance.now() - t1);
    }
    return { firstLensMs, editMs };
  } finally {
    conn.dispose();
    child.kill();
  }
}
