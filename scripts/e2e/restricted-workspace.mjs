// Prepares the Restricted Mode run (test/vscode-restricted) for either harness (run.sh, test-electron.mjs):
//   <dir>/workspace       a copy of test/vscode-restricted/workspace, its .vscode/settings.json asking for online
//                         features at http://127.0.0.1:<port> (the suite's fake server, which counts requests)
//   <dir>/outside-action  an action BESIDE the folder, which the workspace references as `./../outside-action`
// and writes user settings (and, for code-server, machine settings) that keep workspace trust ON, never prompt
// (the folder stays untrusted) and turn the same online features on at the user level, where VS Code itself
// would honour them: only FlowGuard's own restricted-mode handling can keep them off.
// Usage: node restricted-workspace.mjs <dir> <port> <user settings.json> [<machine settings.json>]
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

export function prepareRestricted({ dir, port, userSettings, machineSettings }) {
  const origin = `http://127.0.0.1:${port}`;
  const workspace = join(dir, 'workspace');
  cpSync(join(root, 'test/vscode-restricted/workspace'), workspace, { recursive: true });
  cpSync(join(root, 'test/vscode-restricted/outside-action'), join(dir, 'outside-action'), { recursive: true });
  const wsSettings = join(workspace, '.vscode/settings.json');
  writeFileSync(wsSettings, readFileSync(wsSettings, 'utf8').replaceAll('127.0.0.1:FAKE_PORT', `127.0.0.1:${port}`));
  const online = {
    'flowguard.online.enabled': true,
    'flowguard.kestra.url': origin,
    'flowguard.online.githubApiUrl': `${origin}/api/v3`,
  };
  const base = JSON.parse(readFileSync(join(here, 'settings.json'), 'utf8'));
  const user = {
    ...base,
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false,
    ...online,
  };
  const write = (file, value) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value, null, 2) + '\n');
  };
  write(userSettings, user);
  // A code-server window is remote: machine-scoped settings (online.githubApiUrl) come from its machine settings.
  if (machineSettings) write(machineSettings, { 'flowguard.online.githubApiUrl': online['flowguard.online.githubApiUrl'] });
  return { workspace, origin };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dir, port, userSettings, machineSettings] = process.argv.slice(2);
  if (!dir || !port || !userSettings) {
    console.error('usage: node restricted-workspace.mjs <dir> <port> <user settings.json> [<machine settings.json>]');
    process.exit(2);
  }
  console.log(prepareRestricted({ dir, port: Number(port), userSettings, machineSettings }).workspace);
}
