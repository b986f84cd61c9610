// The in-editor suites through @vscode/test-electron: downloads desktop VS Code (needs network access to
// update.code.visualstudio.com) and runs
//   1. out/test/vscode/index.js against a copy of the fixture workspace (runTests, which always passes
//      --disable-workspace-trust: the main suite needs a trusted workspace), then
//   2. out/test/vscode-restricted/index.js with workspace trust ON and the folder left untrusted. runTests cannot
//      leave trust on, so this run starts the downloaded VS Code itself with runTests' other arguments, a fresh
//      user data folder holding the settings of scripts/e2e/restricted-workspace.mjs, and the suite's fake server
//      port in FLOWGUARD_E2E_FAKE_PORT.
// FLOWGUARD_VSCODE_EXECUTABLE=<path to an installed VS Code> skips the download. Offline (and without it) it fails
// within a second with ENOTFOUND; `npm run test:e2e` runs the same suites in code-server.
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareRestricted } from './restricted-workspace.mjs';

const root = resolve('.');
const version = process.env.FLOWGUARD_VSCODE_VERSION ?? 'stable';
const grep = process.env.FLOWGUARD_E2E_GREP ?? '';

const freePort = () => new Promise((done, fail) => {
  const server = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});

async function restrictedRun(vscodeExecutablePath) {
  const dir = mkdtempSync(join(tmpdir(), 'flowguard-restricted-'));
  const port = await freePort();
  const userData = join(dir, 'user-data');
  // Desktop VS Code windows are local: machine-scoped settings are read from the user settings.
  const { workspace } = prepareRestricted({ dir, port, userSettings: join(userData, 'User', 'settings.json') });
  const args = [
    workspace,
    '--no-sandbox', '--disable-gpu-sandbox', '--disable-updates', '--skip-welcome', '--skip-release-notes',
    '--no-cached-data', '--disable-extensions',
    `--extensionDevelopmentPath=${root}`,
    `--extensionTestsPath=${join(root, 'out/test/vscode-restricted/index.js')}`,
    `--user-data-dir=${userData}`,
    `--extensions-dir=${join(dir, 'extensions')}`,
  ];
  const env = { ...process.env, FLOWGUARD_E2E_GREP: grep, FLOWGUARD_E2E_FAKE_PORT: String(port) };
  const code = await new Promise((done, fail) => spawn(vscodeExecutablePath, args, { env, stdio: 'inherit' }).once('error', fail).once('exit', (c, signal) => done(c ?? signal)));
  if (code !== 0) throw new Error(`the Restricted Mode suite exited with ${code}`);
}

const workspace = mkdtempSync(join(tmpdir(), 'flowguard-ws-'));
cpSync(join(root, 'test/vscode/workspace'), workspace, { recursive: true });
const t0 = Date.now();
try {
  const vscodeExecutablePath = process.env.FLOWGUARD_VSCODE_EXECUTABLE || (await downloadAndUnzipVSCode(version));
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/vscode/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { FLOWGUARD_E2E_GREP: grep },
  });
  console.log(`[test:vscode] main suite passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = Date.now();
  await restrictedRun(vscodeExecutablePath);
  console.log(`[test:vscode] Restricted Mode suite passed in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`[test:vscode] failed after ${Date.now() - t0} ms: ${message}`);
  if (/ENOTFOUND|EAI_AGAIN|fetch failed|ECONNREFUSED/.test(message)) {
    console.error('[test:vscode] VS Code could not be downloaded (no network). Run the same suites in code-server: npm run test:e2e');
  }
  process.exit(1);
}
