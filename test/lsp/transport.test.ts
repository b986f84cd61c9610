// The server over Node IPC (`--node-ipc`), the transport the VS Code client uses: initialize, a document,
// its diagnostics, shutdown. The stdio transport is what every other LSP test uses.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SERVER, serverMissing } from './client.js';

describe('language server over --node-ipc', { skip: serverMissing() }, () => {
  it('initializes, publishes diagnostics and exits cleanly', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, resolve));
    conn.onRequest('workspace/configuration', () => [{ debounceMs: 0 }]);
    conn.listen();
    try {
      const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
      assert.equal(init.serverInfo?.name, 'flowguard');
      assert.ok(init.capabilities.hoverProvider);
      await conn.sendNotification(InitializedNotification.type, {});
      const uri = 'file:///tmp/ipc/.github/workflows/ci.yml';
      await conn.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: 'yaml', version: 1, text: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/act@main\n' },
      });
      const diags = await published;
      assert.equal(diags.uri, uri);
      assert.ok(diags.diagnostics.some((d) => d.code === 'unpinned-uses'), JSON.stringify(diags.diagnostics));
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
      assert.equal(await exit, 0);
    } finally {
      conn.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
