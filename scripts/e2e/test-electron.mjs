// The in-editor suite through @vscode/test-electron: downloads desktop VS Code (needs network access to
// update.code.visualstudio.com) and runs out/test/vscode/index.js in it against a copy of the fixture workspace.
// Offline it fails within a second with ENOTFOUND; `npm run test:e2e` runs the same suite in code-server.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve('.');
const workspace = mkdtempSync(join(tmpdir(), 'flowguard-ws-'));
cpSync(join(root, 'test/vscode/workspace'), workspace, { recursive: true });
const t0 = Date.now();
try {
  await runTests({
    version: process.env.FLOWGUARD_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out/test/vscode/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { FLOWGUARD_E2E_GREP: process.env.FLOWGUARD_E2E_GREP ?? '' },
  });
  console.log(`[test:vscode] passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  console.error(`[test:vscode] failed after ${Date.now() - t0} ms: ${message}`);
  if (/ENOTFOUND|EAI_AGAIN|fetch failed|ECONNREFUSED/.test(message)) {
    console.error('[test:vscode] VS Code could not be downloaded (no network). Run the same suite in code-server: npm run test:e2e');
  }
  process.exit(1);
}
