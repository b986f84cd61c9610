// Extension entry point: only wiring. Starts the FlowGuard language server (dist/server.js over node IPC) and
// registers the commands and the status bar. Nothing here lints: every finding comes from the server.
import * as vscode from 'vscode';
import { registerCommands } from './commands.js';
import { FlowGuardClient } from './languageClient.js';
import { FindingsStatusBar } from './statusBar.js';

/** What activate() returns: read by the in-editor tests (test/vscode) to report timings. */
export interface FlowGuardApi {
  /** Milliseconds from activate() being called to the language server answering `initialize`. */
  activationMs: number;
  /** The running client wrapper (restartable). */
  client: FlowGuardClient;
}

let flowguard: FlowGuardClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FlowGuardApi> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('FlowGuard', { log: true });
  context.subscriptions.push(output);
  flowguard = new FlowGuardClient(context, output);
  context.subscriptions.push(flowguard);
  context.subscriptions.push(new FindingsStatusBar());
  registerCommands(context, flowguard, output);
  await flowguard.start();
  const activationMs = Date.now() - started;
  output.info(`FlowGuard activated in ${activationMs} ms (language server started and initialized)`);
  return { activationMs, client: flowguard };
}

export async function deactivate(): Promise<void> {
  await flowguard?.stop();
}
