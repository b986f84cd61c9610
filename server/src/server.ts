// The FlowGuard language server: the connection, its capabilities and handlers. Thin: the behaviour lives
// in lsp/session.ts. Runs over IPC (VS Code: --node-ipc) or stdio (`node dist/server.js --stdio`).
import { createConnection, ProposedFeatures, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { AUDIT_WORKSPACE_REQUEST, FIX_ALL_REQUEST, RULE_DOCS_REQUEST, type AuditWorkspaceParams, type FixAllParams, type RuleDocsParams } from './lsp/protocol.js';
import { applyServerHeapSettings } from './lsp/launch.js';
import { docRootsFor, Session } from './lsp/session.js';
import { testRules } from './lsp/testHooks.js';

applyServerHeapSettings();
const connection = createConnection(ProposedFeatures.all);
// The bundle is CommonJS, so __dirname is dist/; rule docs sit in dist/docs/rules.
const bundleDir = typeof __dirname === 'string' ? __dirname : process.cwd();
const session = new Session(connection, {
  docRoots: docRootsFor(bundleDir),
  extraRules: testRules(process.env.FLOWGUARD_TEST_HOOKS),
});

// Last net: a bug anywhere is logged, never fatal.
process.on('uncaughtException', (e) => session.error('Uncaught exception', e));
process.on('unhandledRejection', (e) => session.error('Unhandled rejection', e));

connection.onInitialize((params) => session.initialize(params));
connection.onInitialized(() => void session.guard('initialized', () => session.initialized()));
connection.onShutdown(() => session.shutdown());

connection.onDidOpenTextDocument((p) => session.guard('didOpen', () => session.opened(p)));
connection.onDidChangeTextDocument((p) => session.guard('didChange', () => session.changed(p)));
connection.onDidSaveTextDocument((p) => session.guard('didSave', () => session.saved(p)));
connection.onDidCloseTextDocument((p) => session.guard('didClose', () => session.closed(p)));
connection.onDidChangeConfiguration((p) => session.guard('didChangeConfiguration', () => session.configurationChanged(p)));
connection.onDidChangeWatchedFiles((p) => session.guard('didChangeWatchedFiles', () => session.watchedFilesChanged(p)));

/** Requests: an unexpected error is logged and answered as an error response; the server carries on. */
const logged =
  <P, R>(name: string, handler: (params: P, token: CancellationToken) => R | Promise<R>) =>
  async (params: P, token: CancellationToken): Promise<R> => {
    const started = performance.now();
    try {
      return await handler(params, token);
    } catch (e) {
      if (!(e instanceof ResponseError)) session.error(`${name} failed`, e);
      throw e;
    } finally {
      session.debug(`${name} answered in ${(performance.now() - started).toFixed(1)} ms`);
    }
  };
connection.onCodeAction(logged('textDocument/codeAction', (p, token) => session.codeAction(p, token)));
connection.onHover(logged('textDocument/hover', (p, token) => session.hover(p, token)));
connection.onRequest(AUDIT_WORKSPACE_REQUEST, logged(AUDIT_WORKSPACE_REQUEST, (p: AuditWorkspaceParams | undefined, token) => session.auditWorkspaceRequest(p, token)));
connection.onRequest(FIX_ALL_REQUEST, logged(FIX_ALL_REQUEST, (p: FixAllParams) => session.fixAll(p)));
connection.onRequest(RULE_DOCS_REQUEST, logged(RULE_DOCS_REQUEST, (p: RuleDocsParams) => session.ruleDocsRequest(p)));

connection.listen();
