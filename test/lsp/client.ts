// A real LSP client for the server tests: spawns `node dist/server.js --stdio` and talks to it with
// vscode-languageserver-protocol's createProtocolConnection. Answers workspace/configuration,
// workspace/applyEdit, window/workDoneProgress/create and client/registerCapability like an editor.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  ShowMessageNotification,
  type ShowMessageParams,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type ConfigurationItem,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentEdit,
  type TextEdit,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/lsp/launch.js';

export const SERVER = join('dist', 'server.js');

/** Why the LSP tests cannot run (no bundle), or undefined. */
export function serverMissing(): string | undefined {
  return existsSync(SERVER) ? undefined : `${SERVER} not built: run \`npm run build\` first`;
}

export const uriOf = (path: string) => pathToFileURL(path).href;

export interface StartOptions {
  /** Workspace folder (absolute path). */
  root?: string;
  /** Start `node dist/server.js` without the launch options editors use (lsp/launch.ts). */
  bare?: boolean;
  /** `flowguard` settings returned for workspace/configuration (a function gets the scope URI). */
  settings?: Record<string, unknown> | ((scopeUri: string | undefined) => unknown);
  env?: Record<string, string>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Answer to workspace/applyEdit (default: apply it to the client's copy and accept). */
  applyEdit?: (params: ApplyWorkspaceEditParams) => boolean;
}

type Waiter = { test: () => boolean; resolve: () => void };

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly logs: LogMessageParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly configurationRequests: ConfigurationItem[] = [];
  readonly registrations: Registration[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly progress: { token: string | number; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }[] = [];
  readonly createdProgressTokens: (string | number)[] = [];
  /** The client's copy of each open document. */
  readonly texts = new Map<string, { version: number; text: string }>();
  stderr = '';
  settings: StartOptions['settings'];
  exit: Promise<number | null>;
  private waiters: Waiter[] = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly conn: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings;
    this.exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      this.poke();
    });
    conn.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p);
      this.poke();
    });
    conn.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
      this.poke();
    });
    conn.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests.push(...p.items);
      return p.items.map((item) => (typeof this.settings === 'function' ? this.settings(item.scopeUri) : (this.settings ?? {})));
    });
    conn.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
    });
    conn.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.createdProgressTokens.push(p.token);
    });
    conn.onNotification('$/progress', (p: { token: string | number; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }) => {
      this.progress.push(p);
      this.poke();
    });
    conn.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      this.appliedEdits.push(p.edit);
      const ok = options.applyEdit ? options.applyEdit(p) : true;
      if (ok) this.applyToCopies(p.edit);
      this.poke();
      return { applied: ok };
    });
    conn.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    // Started the way VS Code's client and docs/editors.md start it, unless `bare`.
    const execArgv = options.bare ? [] : SERVER_EXEC_ARGV;
    const child = spawn(process.execPath, [...execArgv, SERVER, '--stdio'], { env: { ...process.env, ...(options.bare ? {} : SERVER_ENV), ...options.env }, stdio: 'pipe' });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, conn, options);
    const root = options.root;
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: root ? uriOf(root) : null,
      workspaceFolders: root ? [{ uri: uriOf(root), name: 'test' }] : null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    });
    await conn.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.test()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when `test` holds (checked now and after every message), or rejects after `ms`. */
  waitFor(test: () => boolean, what: string, ms = 10_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}\nserver stderr: ${this.stderr.slice(-2000)}\nlogs: ${this.logs.slice(-10).map((l) => l.message).join('\n')}`));
      }, ms);
      const waiter: Waiter = {
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  lastDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri)?.at(-1);
  }

  /** Waits for diagnostics of `uri` published for `version` (any version when omitted) and returns them. */
  async diagnosticsFor(uri: string, version?: number, ms?: number): Promise<PublishDiagnosticsParams> {
    const match = () => [...(this.diagnostics.get(uri) ?? [])].reverse().find((p) => version === undefined || p.version === version);
    await this.waitFor(() => !!match(), `diagnostics for ${uri}${version === undefined ? '' : ` v${version}`}`, ms);
    return match()!;
  }

  open(uri: string, text: string, version = 1, languageId = 'yaml'): void {
    this.texts.set(uri, { version, text });
    void this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Full-text change. */
  change(uri: string, version: number, text: string): void {
    this.texts.set(uri, { version, text });
    void this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Incremental change: replaces [start, end) (offsets into the client's copy) with `text`, as editors send. */
  edit(uri: string, version: number, start: number, end: number, text: string): void {
    const copy = this.texts.get(uri);
    if (!copy) throw new Error(`${uri} is not open`);
    const pos = (offset: number) => {
      const before = copy.text.slice(0, offset);
      const line = before.split('\n').length - 1;
      return { line, character: offset - (before.lastIndexOf('\n') + 1) };
    };
    const range = { start: pos(start), end: pos(end) };
    this.texts.set(uri, { version, text: copy.text.slice(0, start) + text + copy.text.slice(end) });
    void this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): void {
    this.texts.delete(uri);
    void this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  private applyToCopies(edit: WorkspaceEdit): void {
    const perDoc: [string, TextEdit[]][] = [];
    for (const dc of edit.documentChanges ?? []) if ('textDocument' in dc) perDoc.push([dc.textDocument.uri, (dc as TextDocumentEdit).edits as TextEdit[]]);
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) perDoc.push([uri, edits]);
    for (const [uri, edits] of perDoc) {
      const copy = this.texts.get(uri);
      if (copy) this.texts.set(uri, { version: copy.version, text: applyTextEdits(copy.text, edits) });
    }
  }

  /** Same as shutdown(). */
  stop(): Promise<void> {
    return this.shutdown();
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exit;
    clearTimeout(timer);
    this.conn.dispose();
  }
}

/** Applies LSP text edits (0-based line/character) to a text, as an editor does. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (p.line >= starts.length ? text.length : Math.min(starts[p.line] + p.character, text.length));
  const sorted = edits.map((e) => ({ s: off(e.range.start), e: off(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}

/** Edits of a WorkspaceEdit for one document. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.documentChanges?.flatMap((dc) => ('textDocument' in dc && dc.textDocument.uri === uri ? (dc as TextDocumentEdit).edits as TextEdit[] : [])) ?? [];
  return [...fromChanges, ...(edit.changes?.[uri] ?? [])];
}
