// The language client: starts dist/server.js over node IPC and keeps it in step with settings, workspace trust
// and `.flowguard.yml` changes.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/lsp/launch.js';
import type { InitializationOptions } from '../../server/src/lsp/protocol.js';
import { githubToken, kestraToken } from './credentials.js';
import { OverlapFilter } from './overlap.js';

/** Documents the server lints: YAML, plus the language id GitHub's Actions extension gives workflows. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'file', language: 'github-actions-workflow' },
];

/** Settings whose effect needs the network: forced off while the workspace is not trusted. */
function restrictUntrusted(section: string | undefined, value: unknown): unknown {
  if (vscode.workspace.isTrusted || section !== 'flowguard' || typeof value !== 'object' || value === null) return value;
  const settings = value as Record<string, unknown>;
  return { ...settings, online: { ...(settings.online as object | undefined), enabled: false } };
}

export class FlowGuardClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly overlap: OverlapFilter;
  /** When each document last changed: diagnostics latency at debug level. */
  private readonly changedAt = new Map<string, number>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    this.overlap = new OverlapFilter(output);
    this.disposables.push(this.overlap);
    // A newly trusted workspace may use online features: restart so the server gets `trusted: true`.
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        output.info('Workspace trusted: restarting the language server with online features allowed by settings');
        void this.restart();
      }),
    );
  }

  /** The running client; throws when the server is not started (commands report it). */
  get running(): LanguageClient {
    if (!this.client || !this.client.isRunning()) throw new Error('The FlowGuard language server is not running');
    return this.client;
  }

  async start(): Promise<void> {
    const serverModule = this.context.asAbsolutePath('dist/server.js');
    // Node options and environment measured for the server's memory (server/src/lsp/launch.ts, docs/editors.md).
    const launch = { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV } };
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc, options: launch },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    // Tokens from secret storage; the server uses them only with online features on in a trusted workspace.
    const trusted = vscode.workspace.isTrusted;
    const kestra = trusted ? await kestraToken(this.context) : undefined;
    const initializationOptions: InitializationOptions = {
      trusted,
      storageDir: this.context.globalStorageUri.fsPath,
      githubToken: trusted ? await githubToken(this.context) : undefined,
      githubApiUrl: vscode.workspace.getConfiguration('flowguard').get<string>('online.githubApiUrl') || undefined,
      kestraAuth: kestra ? { token: kestra } : undefined,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      initializationOptions,
      synchronize: {
        // The server re-reads settings (workspace/configuration) on change and the config file on these events.
        configurationSection: 'flowguard',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/{.flowguard.yml,.flowguard.yaml,.github/flowguard.yml}'),
      },
      middleware: {
        didOpen: (document, next) => {
          this.changedAt.set(document.uri.toString(), Date.now());
          return next(document);
        },
        didChange: (event, next) => {
          this.changedAt.set(event.document.uri.toString(), Date.now());
          return next(event);
        },
        handleDiagnostics: (uri, diagnostics, next) => {
          const since = this.changedAt.get(uri.toString());
          if (since !== undefined) {
            this.changedAt.delete(uri.toString());
            this.output.debug(`diagnostics for ${vscode.workspace.asRelativePath(uri)}: ${diagnostics.length} in ${Date.now() - since} ms after the last open/change`);
          }
          next(uri, this.overlap.filter(diagnostics));
        },
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return result.map((value, i) => restrictUntrusted(params.items[i]?.section, value));
          },
        },
      },
    };
    this.client = new LanguageClient('flowguard', 'FlowGuard', serverOptions, clientOptions);
    const t0 = Date.now();
    await this.client.start();
    this.output.debug(`language server started in ${Date.now() - t0} ms (${serverModule})`);
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.isRunning()) await client.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.stop();
  }
}
