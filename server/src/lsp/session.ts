// The language server's state and behaviour: open documents and their cached lint results, per-document
// settings (workspace/configuration), per-folder `.flowguard.yml`, debounced linting with stale results
// dropped, code actions, hover, the workspace audit and the flowguard/* requests. server.ts only wires
// these methods to the connection. Every entry point catches its own errors: the server never dies.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ShowMessageNotification,
  ResponseError,
  TextDocumentSyncKind,
  WatchKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type DidChangeConfigurationParams,
  type DidChangeTextDocumentParams,
  type DidChangeWatchedFilesParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type DidSaveTextDocumentParams,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressReporter,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import { getRule, LineIndex, lint, parseConfig, RULES, type Finding, type LintResult, type Rule, type WorkspaceView } from '../engine/index.js';
import { detectKind, globMatch } from '../engine/kinds.js';
import { auditWorkspace, type AuditFile } from './audit.js';
import { codeActions, safeFixAll } from './codeActions.js';
import { CONFIG_WATCH_GLOBS, isConfigFileName, loadFolderConfig, type LoadedConfig } from './configFiles.js';
import { toDiagnostic, toLspEdits, toRange, toWorkspaceEdit } from './convert.js';
import { DocumentStore, type LintEntry, type OpenDocument } from './documents.js';
import { lspHover } from './hover.js';
import { GithubOnline } from './githubOnline.js';
import { onlineRequests, type OnlineFacts } from '../engine/online/facts.js';
import { KestraSchemaSource } from './kestraInstance.js';
import { IdleCompactor } from './memory.js';
import {
  FIX_ALL_CODE_ACTION_KIND,
  type AuditSummary,
  type AuditWorkspaceParams,
  type FixAllParams,
  type FixAllResult,
  type FlowGuardSettings,
  type InitializationOptions,
  type RuleDocsParams,
  type RuleDocsResult,
} from './protocol.js';
import { RuleDocs } from './ruleDocs.js';
import { effectiveConfig, normalizeSettings, toAssociations, toLintSettings, DEFAULT_SETTINGS } from './settings.js';
import { Folders, folderView, pathToUri, readWorkspaceFile, type Located, type WorkspaceFolder } from './workspace.js';

export interface SessionOptions {
  /** Directories holding `dist/docs/rules` (the extension root) or the source tree. */
  docRoots: readonly string[];
  /** Rules run in addition to the registry (test hook: a rule that throws). */
  extraRules?: readonly Rule[];
  /** Largest document (characters) the engine parses. */
  maxFileSize?: number;
}

interface ClientCaps {
  configuration: boolean;
  workspaceFolders: boolean;
  workDoneProgress: boolean;
  documentChanges: boolean;
  relatedInformation: boolean;
  watchedFilesDynamic: boolean;
}

const CONFIG_CODE = 'flowguard-config';
const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');

export class Session {
  readonly documents = new DocumentStore();
  readonly folders = new Folders();
  private readonly ruleDocs: RuleDocs;
  private readonly rules?: readonly Rule[];
  private readonly configs = new Map<string, LoadedConfig | undefined>();
  private readonly views = new Map<string, WorkspaceView>();
  /** Config files whose problems are currently published. */
  private readonly configDiagnostics = new Set<string>();
  private readonly settingsRequests = new Map<string, Promise<FlowGuardSettings>>();
  private readonly settingsResolved = new Map<string, FlowGuardSettings>();
  /**
   * Files outside the open set whose diagnostics an audit published. A file stays here when it later lints clean,
   * reads empty or is deleted: a writer truncates before it writes, and git unlinks before it writes, so the event
   * after the one that emptied or removed the file must still find it (the clean, empty or missing state publishes
   * no diagnostics meanwhile).
   */
  private readonly audited = new Set<string>();
  /** Audited files changed on disk, by URI, waiting to be linted again. */
  private readonly changedOnDisk = new Map<string, AuditFile>();
  private relintingChanged = false;
  /** Kestra instance schemas by URL (online mode). */
  private readonly kestraSources = new Map<string, KestraSchemaSource>();
  /** GitHub facts for online checks (online mode, trusted workspaces only). */
  private githubOnline: GithubOnline | undefined;
  /** Gives the heap back after a burst of linting (see memory.ts). */
  private readonly compactor = new IdleCompactor({ log: (m) => this.debug(m) });
  private init: InitializationOptions = {};
  private fallbackSettings: unknown = undefined;
  private trusted = true;
  private generation = 0;
  private shuttingDown = false;
  private caps: ClientCaps = { configuration: false, workspaceFolders: false, workDoneProgress: false, documentChanges: false, relatedInformation: false, watchedFilesDynamic: false };

  constructor(
    private readonly connection: Connection,
    private readonly options: SessionOptions,
  ) {
    this.ruleDocs = new RuleDocs(options.docRoots);
    if (options.extraRules?.length) this.rules = [...RULES, ...options.extraRules];
  }

  // ---- logging -------------------------------------------------------------------------------------

  debug(message: string): void {
    this.connection.console.debug(message);
  }

  error(message: string, e?: unknown): void {
    const detail = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : e === undefined ? '' : String(e);
    this.connection.console.error(detail ? `${message}: ${detail}` : message);
  }

  // ---- lifecycle -----------------------------------------------------------------------------------

  initialize(params: InitializeParams): InitializeResult {
    const c = params.capabilities;
    this.caps = {
      configuration: !!c.workspace?.configuration,
      workspaceFolders: !!c.workspace?.workspaceFolders,
      workDoneProgress: !!c.window?.workDoneProgress,
      documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
      relatedInformation: !!c.textDocument?.publishDiagnostics?.relatedInformation,
      watchedFilesDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    };
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    this.init = typeof init === 'object' && init !== null ? init : {};
    this.trusted = init.trusted !== false;
    if (init.settings !== undefined) this.fallbackSettings = init.settings;
    if (params.workspaceFolders?.length) this.folders.set(params.workspaceFolders);
    else if (params.rootUri) this.folders.set([{ uri: params.rootUri, name: 'root' }]);
    for (const f of this.folders.all) this.reloadConfig(f, false);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'flowguard', version: '0.1.0' },
    };
  }

  async initialized(): Promise<void> {
    if (this.caps.watchedFilesDynamic) {
      try {
        // The config files, and YAML files on disk: the diagnostics an audit published for a file that is not open
        // follow the file (re-linted when it changes or is created again, cleared when it is deleted).
        const watchers = [...CONFIG_WATCH_GLOBS.map((globPattern) => ({ globPattern })), { globPattern: '**/*.{yml,yaml}', kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete }];
        await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      } catch (e) {
        this.error('Could not register the .flowguard.yml file watcher', e);
      }
    }
    if (this.caps.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => this.guard('didChangeWorkspaceFolders', () => this.workspaceFoldersChanged(e)));
    }
    for (const uri of [...this.configDiagnostics]) this.publishConfigProblems(uri);
  }

  shutdown(): void {
    this.shuttingDown = true;
    this.compactor.dispose();
    for (const d of this.documents.all()) d.pending?.cancel();
    this.githubOnline?.dispose();
  }

  /** Runs `fn`, logging (never rethrowing) what it throws. */
  guard<T>(what: string, fn: () => T): T | undefined {
    try {
      const r = fn();
      if (r instanceof Promise) return r.catch((e) => this.error(`${what} failed`, e)) as T;
      return r;
    } catch (e) {
      this.error(`${what} failed`, e);
      return undefined;
    }
  }

  // ---- settings and config -------------------------------------------------------------------------

  /** Settings for a document or folder URI: workspace/configuration, cached until didChangeConfiguration. */
  settingsFor(uri: string): Promise<FlowGuardSettings> {
    const cached = this.settingsRequests.get(uri);
    if (cached) return cached;
    const p: Promise<FlowGuardSettings> = this.fetchSettings(uri).then((s) => {
      if (!this.trusted) s.online.enabled = false;
      // An answer that arrives after a configuration change is used by its caller but not cached.
      if (this.settingsRequests.get(uri) === p) this.settingsResolved.set(uri, s);
      return s;
    });
    this.settingsRequests.set(uri, p);
    return p;
  }

  private async fetchSettings(uri: string): Promise<FlowGuardSettings> {
    let raw: unknown = this.fallbackSettings;
    if (this.caps.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'flowguard' });
      } catch (e) {
        this.error('workspace/configuration failed; using defaults', e);
        raw = undefined;
      }
    }
    const { settings, problems } = normalizeSettings(raw);
    for (const p of problems) this.connection.console.warn(`Settings: ${p}`);
    return settings;
  }

  configurationChanged(params: DidChangeConfigurationParams): void {
    const s = params.settings as { flowguard?: unknown } | undefined;
    if (s && typeof s === 'object' && 'flowguard' in s) this.fallbackSettings = s.flowguard;
    this.settingsRequests.clear();
    this.settingsResolved.clear();
    this.kestraSources.clear(); // reloaded (from the server, or its cache file) by the next Kestra lint
    this.invalidateAll('settings changed');
  }

  private reloadConfig(folder: WorkspaceFolder, publish = true): void {
    const before = this.configs.get(folder.fsPath);
    const loaded = loadFolderConfig(folder);
    this.configs.set(folder.fsPath, loaded);
    // A config file that went away (or lost priority) keeps no stale problems.
    if (before && before.uri !== loaded?.uri && this.configDiagnostics.delete(before.uri) && !this.documents.get(before.uri)) {
      this.connection.sendDiagnostics({ uri: before.uri, diagnostics: [] });
    }
    if (loaded && (loaded.problems.length || this.configDiagnostics.has(loaded.uri))) {
      this.configDiagnostics.add(loaded.uri);
      if (publish) this.publishConfigProblems(loaded.uri);
    }
    if (loaded?.problems.length) this.connection.console.warn(`${loaded.uri}: ${loaded.problems.length} configuration problem(s); the valid parts still apply`);
    this.debug(`config for ${folder.name}: ${loaded ? loaded.uri : 'none (editor settings apply)'}`);
  }

  /** Publishes the problems of a config file read from disk (pending in `configDiagnostics`). */
  private publishConfigProblems(uri: string): void {
    if (this.documents.get(uri)) return; // the open document is validated live
    const loaded = [...this.configs.values()].find((c) => c?.uri === uri);
    if (!loaded) {
      if (this.configDiagnostics.delete(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const lines = new LineIndex(loaded.text);
    this.connection.sendDiagnostics({ uri, diagnostics: loaded.problems.map((p) => this.configDiagnostic(lines, p)) });
    if (!loaded.problems.length) this.configDiagnostics.delete(uri);
  }

  private configDiagnostic(lines: LineIndex, p: { message: string; span: { start: number; end: number } }): Diagnostic {
    return { range: toRange(lines, p.span), severity: 1, code: CONFIG_CODE, source: 'flowguard', message: p.message };
  }

  watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    const folders = new Set<WorkspaceFolder>();
    for (const change of params.changes) {
      const located = this.folders.locate(change.uri);
      if (located.folder && isConfigFileName(located.path)) folders.add(located.folder);
      else this.auditedFileChanged(located, change.type);
    }
    if (!folders.size) return;
    for (const f of folders) this.reloadConfig(f);
    this.invalidateAll('configuration file changed');
  }

  /**
   * A file an audit published diagnostics for changed on disk while it is not open: deleted, its diagnostics are
   * cleared; changed or created again, it is linted again (a checkout, a pull, another editor). Open documents
   * follow their text.
   */
  private auditedFileChanged(located: Located, type: FileChangeType): void {
    if (!located.folder || !located.fsPath) return;
    const uri = pathToUri(located.fsPath);
    if (!this.audited.has(uri) || this.documents.get(uri)) return;
    if (type === FileChangeType.Deleted) {
      this.changedOnDisk.delete(uri);
      this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.changedOnDisk.set(uri, { folder: located.folder, path: located.path, fsPath: located.fsPath });
    if (!this.relintingChanged) void this.guard('re-audit changed files', () => this.relintChanged());
  }

  /**
   * Lints the changed audited files one per event-loop turn: a checkout can change hundreds at once, and edits
   * and requests that arrive meanwhile are served between them.
   */
  private async relintChanged(): Promise<void> {
    this.relintingChanged = true;
    try {
      while (this.changedOnDisk.size && !this.shuttingDown) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        const next = this.changedOnDisk.entries().next().value;
        if (!next) break;
        const [uri, file] = next;
        this.changedOnDisk.delete(uri);
        if (this.documents.get(uri)) continue;
        const outcome = await this.auditOne(file);
        // Unreadable now (gone again, too large, binary): no diagnostics from an older text.
        if (outcome.error && !this.documents.get(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] });
      }
    } finally {
      this.relintingChanged = false;
    }
  }

  private workspaceFoldersChanged(e: WorkspaceFoldersChangeEvent): void {
    for (const f of e.removed) {
      const folder = this.folders.byUri(f.uri);
      if (folder) this.configs.delete(folder.fsPath);
      this.folders.remove(f.uri);
    }
    for (const f of e.added) {
      const folder = this.folders.add(f);
      if (folder) this.reloadConfig(folder);
    }
    this.invalidateAll('workspace folders changed');
  }

  private invalidateAll(why: string): void {
    this.generation++;
    this.debug(`re-checking ${this.documents.size} open document(s): ${why}`);
    for (const d of this.documents.all()) this.schedule(d.doc.uri, 0);
  }

  // ---- documents -----------------------------------------------------------------------------------

  opened(p: DidOpenTextDocumentParams): void {
    const d = p.textDocument;
    this.documents.open(d.uri, d.languageId, d.version, d.text);
    this.schedule(d.uri, 0);
  }

  changed(p: DidChangeTextDocumentParams): void {
    const outcome = this.documents.change(p.textDocument.uri, p.textDocument.version ?? NaN, p.contentChanges);
    if (!outcome.ok) {
      this.connection.console.warn(outcome.reason);
      return;
    }
    const settings = this.settingsResolved.get(p.textDocument.uri);
    if (settings && settings.run === 'onSave') return;
    this.schedule(p.textDocument.uri, settings?.debounceMs ?? DEFAULT_SETTINGS.debounceMs);
  }

  saved(p: DidSaveTextDocumentParams): void {
    const settings = this.settingsResolved.get(p.textDocument.uri);
    if (settings?.run === 'onSave') this.schedule(p.textDocument.uri, 0);
  }

  closed(p: DidCloseTextDocumentParams): void {
    const uri = p.textDocument.uri;
    this.documents.close(uri);
    this.settingsRequests.delete(uri);
    this.settingsResolved.delete(uri);
    const located = this.folders.locate(uri);
    if (located.folder && isConfigFileName(located.path)) {
      this.connection.sendDiagnostics({ uri, diagnostics: [] });
      this.publishConfigProblems(uri);
      return;
    }
    if (this.audited.has(uri) && located.fsPath && located.folder) {
      // Back to what an audit of the file on disk says.
      void this.guard('re-audit closed file', () => this.auditOne({ folder: located.folder!, path: located.path, fsPath: located.fsPath! }));
      return;
    }
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Lints `uri` after `delay` ms (0: as soon as queued messages are handled), replacing a pending run. */
  schedule(uri: string, delay: number): void {
    const d = this.documents.get(uri);
    if (!d || this.shuttingDown) return;
    d.pending?.cancel();
    const run = () => {
      d.pending = undefined;
      void this.guard(`validate ${uri}`, () => this.validate(uri));
    };
    // vscode-jsonrpc handles one queued message per event-loop turn. Waiting one turn more before linting
    // lets a change already read behind this one (a burst: fast typing, a paste) cancel this run and
    // schedule its own, so a burst is linted once, at its latest version. (setTimeout(0) would add >= 1 ms.)
    let immediate: NodeJS.Immediate | undefined;
    let timer: NodeJS.Timeout | undefined;
    const afterQueued = () => {
      timer = undefined;
      immediate = setImmediate(() => (immediate = setImmediate(run)));
    };
    if (delay <= 0) afterQueued();
    else timer = setTimeout(afterQueued, delay);
    d.pending = {
      cancel: () => {
        if (immediate) clearImmediate(immediate);
        if (timer) clearTimeout(timer);
      },
    };
  }

  /** Lints the current version and publishes, unless a newer version arrived meanwhile (then it is dropped). */
  async validate(uri: string): Promise<void> {
    const open = this.documents.get(uri);
    if (!open) return;
    const version = open.doc.version;
    const settings = await this.settingsFor(uri);
    const current = this.documents.get(uri);
    if (current !== open || current.doc.version !== version) return; // stale: a newer run is scheduled
    const located = this.folders.locate(uri);
    if (located.folder && isConfigFileName(located.path)) {
      const text = open.doc.getText();
      const lines = new LineIndex(text);
      this.connection.sendDiagnostics({ uri, version, diagnostics: parseConfig(text).problems.map((p) => this.configDiagnostic(lines, p)) });
      return;
    }
    if (!settings.enable) {
      this.connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    const entry = this.lintEntry(open, settings);
    this.connection.sendDiagnostics({ uri, version, diagnostics: entry.result.findings.map((_, i) => entry.diagnostic(i)) });
  }

  /** The lint result of the document's current version: cached, or computed now. */
  lintEntry(open: OpenDocument, settings: FlowGuardSettings): LintEntry {
    const version = open.doc.version;
    if (open.lint && open.lint.version === version && open.lint.generation === this.generation) return open.lint;
    const text = open.doc.getText();
    const uri = open.doc.uri;
    const located = this.folders.locate(uri);
    const full = this.lintText(text, located, settings);
    // Keep the findings only: a lazy tokenGrants holds the whole model and parsed document.
    const result: LintResult = { kind: full.kind, findings: full.findings, skipped: full.skipped };
    if (full.tokenGrants) {
      result.tokenGrants = () => {
        const again = this.lintText(text, located, settings).tokenGrants;
        if (!again) throw new Error(`no token grants for ${located.path} on a second lint`);
        return again();
      };
    }
    let lines: LineIndex | undefined;
    const diagnosticOptions = { uri, version, relatedInformation: this.caps.relatedInformation, href: (x: Finding) => this.ruleDocs.link(x.ruleId, settings.docsLinks) };
    const entry: LintEntry = {
      version,
      generation: this.generation,
      text,
      located,
      result,
      get lines() {
        return (lines ??= new LineIndex(text));
      },
      diagnostic: (index) => toDiagnostic(result.findings[index], index, entry.lines, diagnosticOptions),
    };
    open.lint = entry;
    return entry;
  }

  /** The one place the server calls the engine's lint. */
  private lintText(text: string, located: Located, settings: FlowGuardSettings): LintResult {
    if (located.folder && settings.exclude.some((g) => globMatch(g, located.path))) return { kind: 'unknown', findings: [], skipped: true };
    const config = effectiveConfig(settings, located.folder ? this.configs.get(located.folder.fsPath)?.config : undefined);
    const started = performance.now();
    let result: LintResult;
    try {
      result = lint(text, {
        path: located.path,
        config,
        settings: { ...toLintSettings(settings), workspace: located.folder ? this.view(located.folder) : undefined, kestraSchema: this.kestraSchema(settings), online: this.githubFacts(text, located.path, settings) },
        associations: toAssociations(settings),
        rules: this.rules,
        maxFileSize: this.options.maxFileSize,
      });
    } catch (e) {
      // lint() already isolates rules; this is the last net (parser or model bug).
      this.error(`lint crashed on ${located.path || 'untitled document'}`, e);
      const message = e instanceof Error ? e.message : String(e);
      result = {
        kind: 'unknown',
        skipped: false,
        findings: [{ ruleId: 'internal-error', message: `Internal error: ${message}. Please report this.`, severity: 'info', confidence: 'high', persona: 'regular', span: { start: 0, end: Math.min(1, text.length) } }],
      };
    }
    this.compactor.linted(text.length);
    for (const f of result.findings) if (f.ruleId === 'internal-error') this.connection.console.error(`${located.path || 'untitled'}: ${f.message}`);
    this.debug(`lint ${located.path || 'untitled'} (${result.kind}, ${text.length} chars): ${result.findings.length} finding(s) in ${(performance.now() - started).toFixed(1)} ms`);
    return result;
  }

  /**
   * The flow schema of the Kestra instance at `kestra.url` (online mode, trusted workspaces only), or
   * undefined (the engine then uses its bundled schema). The first call starts the download; open Kestra
   * flows are re-checked when it arrives.
   */
  private kestraSchema(settings: FlowGuardSettings): string | undefined {
    const url = settings.kestra.url.trim();
    if (!this.trusted || !settings.online.enabled || !url) return undefined;
    let source = this.kestraSources.get(url);
    if (!source) {
      const dir = typeof this.init.storageDir === 'string' ? this.init.storageDir : undefined;
      source = new KestraSchemaSource({
        url,
        auth: this.init.kestraAuth,
        tenant: this.init.kestraTenant,
        cacheFile: dir ? join(dir, `kestra-schema-${createHash('sha256').update(url).digest('hex').slice(0, 16)}.json`) : undefined,
      });
      this.kestraSources.set(url, source);
      const loading = source;
      void this.guard('Kestra schema download', () => this.loadKestraSchema(url, loading));
    }
    return source.current();
  }

  /**
   * GitHub facts for the remote `uses:` of this document (online mode, trusted workspaces only). What is
   * not known yet is fetched in the background; GitHub documents are re-checked when it arrives.
   */
  private githubFacts(text: string, path: string, settings: FlowGuardSettings): OnlineFacts | undefined {
    if (!this.trusted || !settings.online.enabled) return undefined;
    const kind = detectKind(path, text, toAssociations(settings));
    if (kind !== 'github-workflow' && kind !== 'github-action') return undefined;
    this.githubOnline ??= new GithubOnline({
      token: this.init.githubToken,
      apiUrl: this.init.githubApiUrl,
      storageDir: typeof this.init.storageDir === 'string' ? this.init.storageDir : undefined,
      log: (m) => this.connection.console.info(m),
      onFacts: () => {
        this.generation++;
        for (const d of this.documents.all()) if (d.lint?.result.kind === 'github-workflow' || d.lint?.result.kind === 'github-action') this.schedule(d.doc.uri, 0);
      },
    });
    return this.githubOnline.factsFor(onlineRequests(text, kind));
  }

  private async loadKestraSchema(url: string, source: KestraSchemaSource): Promise<void> {
    const started = performance.now();
    const result = await source.load();
    if (this.kestraSources.get(url) !== source) return; // settings changed meanwhile
    if (!result.ok) {
      this.connection.console.warn(`Kestra schema from ${result.url}: ${result.error}`);
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `FlowGuard: could not load the Kestra flow schema from ${result.url}: ${result.error} The bundled schema is used.` });
      return;
    }
    if (result.warning) this.connection.console.warn(`Kestra schema: ${result.warning}`);
    this.connection.console.info(`Kestra schema from ${result.url} (${result.from}, ${result.text.length} chars) in ${(performance.now() - started).toFixed(0)} ms`);
    this.generation++;
    for (const d of this.documents.all()) if (d.lint?.result.kind === 'kestra-flow') this.schedule(d.doc.uri, 0);
  }

  private view(folder: WorkspaceFolder): WorkspaceView {
    let v = this.views.get(folder.fsPath);
    if (!v) this.views.set(folder.fsPath, (v = folderView(folder.fsPath, (p) => this.openText(p))));
    return v;
  }

  private openText(fsPath: string): string | undefined {
    return this.documents.get(pathToUri(fsPath))?.doc.getText();
  }

  /** Current entry for an open document, linting now if the cache is stale. */
  private async currentEntry(uri: string): Promise<{ entry: LintEntry; settings: FlowGuardSettings } | undefined> {
    const open = this.documents.get(uri);
    if (!open) return undefined;
    const settings = await this.settingsFor(uri);
    const now = this.documents.get(uri);
    if (!now || !settings.enable) return undefined;
    const located = this.folders.locate(uri);
    if (located.folder && isConfigFileName(located.path)) return undefined;
    return { entry: this.lintEntry(now, settings), settings };
  }

  // ---- requests ------------------------------------------------------------------------------------

  async codeAction(params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    const cur = await this.currentEntry(params.textDocument.uri);
    if (token.isCancellationRequested) throw cancelled();
    if (!cur) return [];
    const { entry, settings } = cur;
    return codeActions({
      uri: params.textDocument.uri,
      entry,
      span: { start: entry.lines.offset(params.range.start), end: entry.lines.offset(params.range.end) },
      only: params.context.only,
      diagnostics: params.context.diagnostics,
      documentChanges: this.caps.documentChanges,
      relint: (text) => this.lintText(text, entry.located, settings).findings,
    });
  }

  async hover(params: HoverParams, token: CancellationToken): Promise<Hover | null> {
    const cur = await this.currentEntry(params.textDocument.uri);
    if (token.isCancellationRequested) throw cancelled();
    if (!cur) return null;
    const { entry, settings } = cur;
    return lspHover({
      entry,
      position: params.position,
      config: effectiveConfig(settings, entry.located.folder ? this.configs.get(entry.located.folder.fsPath)?.config : undefined),
      settings: toLintSettings(settings),
      associations: toAssociations(settings),
      docs: this.ruleDocs,
      docsLinks: settings.docsLinks,
      rules: this.rules,
      log: (m) => this.connection.console.error(m),
    });
  }

  async fixAll(params: FixAllParams): Promise<FixAllResult> {
    if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'flowguard/fixAll needs { uri }');
    const open = this.documents.get(params.uri);
    if (!open) return this.fixAllOnDisk(params);
    const base: FixAllResult = { uri: params.uri, version: open.doc.version, fixes: 0, edits: [], applied: false };
    if (params.version !== undefined && params.version !== open.doc.version) {
      return { ...base, reason: `Stale document: fixes were requested for version ${params.version}, the document is at version ${open.doc.version}` };
    }
    const cur = await this.currentEntry(params.uri);
    if (!cur) return { ...base, reason: 'FlowGuard is disabled for this document' };
    const { entry, settings } = cur;
    const all = safeFixAll(entry, (text) => this.lintText(text, entry.located, settings).findings);
    const edits = all.edit ? toLspEdits(entry.lines, [all.edit]) : [];
    const result: FixAllResult = { uri: params.uri, version: entry.version, fixes: all.fixes, edits, applied: false };
    if (!edits.length) return { ...result, reason: 'No safe fixes' };
    if (params.apply === false) return result;
    if (this.documents.get(params.uri)?.doc.version !== entry.version) return { ...result, reason: 'The document changed while the fixes were computed' };
    const applied = await this.connection.workspace.applyEdit({ label: 'FlowGuard: fix all safe problems', edit: toWorkspaceEdit(params.uri, entry.version, edits, this.caps.documentChanges) });
    return applied.applied ? { ...result, applied: true } : { ...result, reason: applied.failureReason ?? 'The client did not apply the edit' };
  }

  /** fixAll for a file that is not open: read from disk (inside a workspace folder only), version -1. */
  private async fixAllOnDisk(params: FixAllParams): Promise<FixAllResult> {
    const base: FixAllResult = { uri: params.uri, version: -1, fixes: 0, edits: [], applied: false };
    const located = this.folders.locate(params.uri);
    if (!located.folder || !located.fsPath) return { ...base, reason: 'The document is neither open nor a file in a workspace folder' };
    const settings = await this.settingsFor(params.uri);
    if (!settings.enable) return { ...base, reason: 'FlowGuard is disabled for this document' };
    const read = readWorkspaceFile(located.fsPath, this.options.maxFileSize ?? 10 * 1024 * 1024);
    if (read.text === undefined) return { ...base, reason: `Could not read the file: ${read.error}` };
    const text = read.text;
    const result = this.lintText(text, located, settings);
    const all = safeFixAll({ text, result }, (t) => this.lintText(t, located, settings).findings);
    const edits = all.edit ? toLspEdits(new LineIndex(text), [all.edit]) : [];
    const out: FixAllResult = { ...base, fixes: all.fixes, edits };
    if (!edits.length) return { ...out, reason: 'No safe fixes' };
    if (params.apply === false) return out;
    // Unversioned: the client applies it to the file as it is on disk.
    const applied = await this.connection.workspace.applyEdit({ label: 'FlowGuard: fix all safe problems', edit: { changes: { [params.uri]: edits } } });
    return applied.applied ? { ...out, applied: true } : { ...out, reason: applied.failureReason ?? 'The client did not apply the edit' };
  }

  ruleDocsRequest(params: RuleDocsParams): RuleDocsResult {
    const rule = params && typeof params.ruleId === 'string' ? getRule(params.ruleId) : undefined;
    if (!rule) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown FlowGuard rule: ${JSON.stringify(params?.ruleId)}`);
    return this.ruleDocs.describe(rule);
  }

  async auditWorkspaceRequest(params: AuditWorkspaceParams | undefined, token: CancellationToken): Promise<AuditSummary> {
    const wanted = params?.folders;
    if (wanted !== undefined && (!Array.isArray(wanted) || wanted.some((u) => typeof u !== 'string'))) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'flowguard/auditWorkspace: folders must be an array of folder URIs');
    }
    const folders = wanted?.length ? wanted.map((u) => this.folders.byUri(u)).filter((f): f is WorkspaceFolder => !!f) : [...this.folders.all];
    if (wanted?.length && folders.length !== wanted.length) throw new ResponseError(ErrorCodes.InvalidParams, 'flowguard/auditWorkspace: not a workspace folder: ' + wanted.filter((u) => !this.folders.byUri(u)).join(', '));

    let reporter: WorkDoneProgressReporter | undefined;
    let progressToken: CancellationToken | undefined;
    if (params?.workDoneToken !== undefined) reporter = this.connection.window.attachWorkDoneProgress(params.workDoneToken);
    else if (this.caps.workDoneProgress) {
      try {
        const r = await this.connection.window.createWorkDoneProgress();
        reporter = r;
        progressToken = r.token;
      } catch (e) {
        this.error('Could not create audit progress', e);
      }
    }
    reporter?.begin('FlowGuard: auditing workspace', 0, 'Looking for YAML files', true);
    let lastPercent = -1;
    const settingsByFolder = new Map<string, FlowGuardSettings>();
    for (const f of folders) settingsByFolder.set(f.fsPath, await this.settingsFor(f.uri));
    const summary = await auditWorkspace(folders, {
      exclude: (f) => settingsByFolder.get(f.fsPath)?.exclude ?? [],
      cancelled: () => token.isCancellationRequested || !!progressToken?.isCancellationRequested || this.shuttingDown,
      progress: (done, total, message) => {
        const percent = total ? Math.floor((done / total) * 100) : 0;
        if (percent === lastPercent && done !== total) return;
        lastPercent = percent;
        reporter?.report(percent, total ? `${done}/${total} ${message}` : message);
      },
      lintFile: (file) => this.auditOne(file, settingsByFolder.get(file.folder.fsPath)),
    });
    reporter?.done();
    this.connection.console.info(
      `Audit: ${summary.files} file(s), ${summary.findings} finding(s) (high ${summary.bySeverity.high}, medium ${summary.bySeverity.medium}, low ${summary.bySeverity.low}, info ${summary.bySeverity.info}) in ${summary.durationMs} ms${summary.cancelled ? ' (cancelled)' : ''}`,
    );
    return summary;
  }

  /** Lints one workspace file for an audit; publishes its diagnostics unless the file is open. */
  private async auditOne(file: AuditFile, folderSettings?: FlowGuardSettings): Promise<{ uri: string; result?: LintResult; text?: string; error?: string }> {
    const uri = pathToUri(file.fsPath);
    const open = this.documents.get(uri);
    if (open) {
      const cur = await this.currentEntry(uri);
      return { uri, result: cur?.entry.result ?? { kind: 'unknown', findings: [], skipped: true }, text: cur?.entry.text };
    }
    const settings = folderSettings ?? (await this.settingsFor(file.folder.uri));
    if (!settings.enable) return { uri, result: { kind: 'unknown', findings: [], skipped: true } };
    const read = readWorkspaceFile(file.fsPath, this.options.maxFileSize ?? 10 * 1024 * 1024);
    if (read.text === undefined) return { uri, error: read.error };
    const located: Located = { folder: file.folder, path: file.path, fsPath: file.fsPath };
    const result = this.lintText(read.text, located, settings);
    if (result.findings.length || this.audited.has(uri)) {
      const lines = new LineIndex(read.text);
      const diagnostics = result.findings.map((f, i) => toDiagnostic(f, i, lines, { uri, version: -1, relatedInformation: this.caps.relatedInformation, href: (x) => this.ruleDocs.link(x.ruleId, settings.docsLinks) }));
      this.connection.sendDiagnostics({ uri, diagnostics });
      this.audited.add(uri);
    }
    return { uri, result, text: read.text };
  }
}

export const docRootsFor = (bundleDir: string) => [join(bundleDir, '..'), bundleDir];
