// Restricted Mode: the folder is opened with workspace trust on and left untrusted. Its .vscode/settings.json, and
// the user settings too, turn online features on and point the Kestra instance and the GitHub API at a fake
// server this suite runs (port FLOWGUARD_E2E_FAKE_PORT, set up by scripts/e2e/restricted-workspace.mjs). FlowGuard
// must still lint offline, start its server with `trusted: false`, send nothing to that server, and read no file
// outside the folder.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../client/src/extension.js';
import type { AuditSummary, InitializationOptions } from '../../server/src/lsp/protocol.js';
import { EXTENSION_ID, fixture, flowguardDiagnostics, ruleId, screenshot, textAt, timing, waitFor, waitForDiagnostics } from '../vscode/helpers.js';

const port = Number(process.env.FLOWGUARD_E2E_FAKE_PORT);
const origin = `http://127.0.0.1:${port}`;
/** Every request the fake GitHub API / Kestra instance received. */
const requests: string[] = [];
let server: Server | undefined;

suite('restricted mode (untrusted workspace)', () => {
  suiteSetup(async () => {
    assert.ok(port > 0, 'FLOWGUARD_E2E_FAKE_PORT is set by the harness (scripts/e2e/restricted-workspace.mjs)');
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(503);
      res.end();
    });
    await new Promise<void>((resolve, reject) => server!.once('error', reject).listen(port, '127.0.0.1', resolve));
  });
  suiteTeardown(async () => {
    await new Promise((r) => server?.close(r));
  });

  test('the workspace is untrusted, and the editor itself would turn online features on', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness leaves the folder untrusted');
    // The user settings say so; VS Code ignores the workspace's own values (restrictedConfigurations in package.json).
    // code-server can start the extension host before the user settings reach it: wait for them, so the checks
    // below run with online features really asked for.
    await waitFor('the user settings in the extension host', () => vscode.workspace.getConfiguration('flowguard').get('online.enabled') === true, 20_000);
    const config = vscode.workspace.getConfiguration('flowguard');
    assert.equal(config.get('online.enabled'), true);
    assert.equal(config.get('kestra.url'), origin);
    assert.equal(config.get('online.githubApiUrl'), `${origin}/api/v3`);
    const ext = vscode.extensions.getExtension<FlowGuardApi>(EXTENSION_ID);
    assert.ok(ext && !ext.isActive, 'FlowGuard is installed and not active before a YAML file opens');
  });

  test('FlowGuard activates and lints offline; the server is started with trusted: false', async () => {
    const uri = fixture('.github/workflows/ci.yml');
    const t0 = Date.now();
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitForDiagnostics(uri, 'unpinned-uses');
    timing('restricted mode: open workflow -> first diagnostic (cold)', Date.now() - t0);
    assert.deepEqual(diagnostics.map((d) => textAt(doc, d)), ['docker/login-action@v3']);
    const ext = vscode.extensions.getExtension<FlowGuardApi>(EXTENSION_ID)!;
    assert.ok(ext.isActive);
    // What the client sent in `initialize` (vscode-languageclient keeps the options it was started with).
    const init = ext.exports.client.running.clientOptions.initializationOptions as InitializationOptions;
    assert.equal(init.trusted, false);
    assert.equal(init.githubToken, undefined, 'no token is read from secret storage or a GitHub sign-in');
    assert.equal(init.kestraAuth, undefined);
    // The machine setting reaches the server: were online features allowed, this is where it would send requests.
    assert.equal(init.githubApiUrl, `${origin}/api/v3`);
    await screenshot('restricted-mode');
  });

  test('nothing is sent to the GitHub API or the Kestra instance, even by a workspace audit', async () => {
    const flow = fixture('flows/hello.yml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(flow));
    const summary = await vscode.commands.executeCommand<AuditSummary>('flowguard.auditWorkspace');
    assert.ok(summary, 'the audit runs in Restricted Mode');
    assert.equal(summary.cancelled, false);
    // ci.yml, local-actions.yml, the greet action's metadata and the Kestra flow.
    assert.equal(summary.files, 4);
    assert.equal(summary.perFile.find((f) => f.path === 'flows/hello.yml'), undefined, 'the Kestra flow is checked, with the bundled schema');
    // Online lookups start in the background while a file is linted; give any stray request time to arrive.
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(requests, []);
    assert.deepEqual(flowguardDiagnostics(fixture('.github/workflows/ci.yml')).map(ruleId), ['unpinned-uses'], 'no online-only finding');
  });

  test('a local action is followed inside the folder, never through a path that leaves it', async () => {
    const uri = fixture('.github/workflows/local-actions.yml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [inside] = await waitForDiagnostics(uri, 'action-input-injection');
    // Linted once the inside one is reported: the step that uses ./../outside-action (the same action, beside the
    // folder) gets nothing, because its action.yml is never read.
    const all = flowguardDiagnostics(uri, 'action-input-injection');
    assert.equal(all.length, 1, JSON.stringify(all.map((d) => [d.range.start.line, d.message])));
    assert.equal(inside.range.start.line, 14, 'the step using ./.github/actions/greet');
    assert.equal(textAt(doc, inside), 'github.event.issue.title');
    assert.match(doc.lineAt(15).text, /uses: \.\/\.\.\/outside-action$/);
  });
});
