// Extension entry point: only wiring. Starts the FlowGuard language server (dist/server.js over node IPC) and
// registers the commands, the FlowGuard view and the status bar. Nothing here lints: findings come from the server.
import * as vscode from 'vscode';
import { Cli } from './cli.js';
import { registerCommands } from './commands.js';
import { FindingsStore } from './findings.js';
import { FindingsView } from './findingsView.js';
import { FlowGuardClient } from './languageClient.js';
import { ReportPanel } from './report.js';
import { FindingsStatusBar } from './statusBar.js';

/** What activate() returns: read by the in-editor tests (test/vscode) to report timings and inspect the view. */
export interface FlowGuardApi {
  /** Milliseconds from activate() being called to the language server answering `initialize`. */
  activationMs: number;
  /** The running client wrapper (restartable). */
  client: FlowGuardClient;
  view: FindingsView;
  store: FindingsStore;
  /** The open report panel, if any (its page posts ReportMessages to it). */
  reportPanel(): ReportPanel | undefined;
}

let flowguard: FlowGuardClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FlowGuardApi> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('FlowGuard', { log: true });
  const store = new FindingsStore();
  const cli = new Cli(context);
  flowguard = new FlowGuardClient(context, output);
  const view = new FindingsView(store);
  context.subscriptions.push(output, store, flowguard, view, new FindingsStatusBar());
  registerCommands({ context, flowguard, output, store, view, cli });
  // Rule platforms for grouping the view, from the bundled CLI's rule list (in the background).
  void cli.listRules().then(
    (rules) => store.recordRulePlatforms(rules),
    (e) => output.warn(`rule list unavailable: ${e instanceof Error ? e.message : String(e)}`),
  );
  await flowguard.start();
  const activationMs = Date.now() - started;
  output.info(`FlowGuard activated in ${activationMs} ms (language server started and initialized)`);
  return { activationMs, client: flowguard, view, store, reportPanel: () => ReportPanel.open };
}

export async function deactivate(): Promise<void> {
  await flowguard?.stop();
}
