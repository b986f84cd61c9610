// Runs the extension's in-editor mocha suite (extensionTestsPath) inside code-server's real VS Code workbench,
// the way @vscode/test-electron's runTests does with desktop VS Code, with no download. The extension is loaded
// from its folder (extensionDevelopmentPath). Exit code = the suite's, reported by the workbench through
// window.codeAutomationExit. code-server must run with `--vscode-option enable-smoke-test-driver`: without it the
// built workbench ignores extensionDevelopmentPath/extensionTestsPath in the URL payload.
// Usage: node run-suite.mjs <code-server base url> <extensionDevelopmentPath> <extensionTestsPath> <folder> <outDir>
// Env: FLOWGUARD_E2E_CACHE (where setup.sh put playwright-core), CHROMIUM, FLOWGUARD_E2E_TIMEOUT (s, default 300),
//      FLOWGUARD_E2E_GREP (only tests whose title matches), FLOWGUARD_E2E_VERBOSE=1 (also the workbench's own log).
//      Every FLOWGUARD_E2E_* variable is passed on to the suite (extensionEnvironment).
// A test that logs `[flowguard-e2e screenshot] <name>` gets a screenshot of the workbench in <outDir>/<name>.png.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';

const cache = process.env.FLOWGUARD_E2E_CACHE || path.join(os.homedir(), '.cache', 'flowguard-e2e');
const { chromium } = createRequire(path.join(cache, 'tools', 'package.json'))('playwright-core');

const [base, extDev, extTests, folder, outDir] = process.argv.slice(2);
if (!base || !extDev || !extTests || !folder || !outDir) {
  console.error('usage: node run-suite.mjs <base url> <extensionDevelopmentPath> <extensionTestsPath> <folder> <outDir>');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const authority = new URL(base).host; // code-server's remote authority is host:port
const remote = (p) => `vscode-remote://${authority}${p}`;
// The suite sees the harness's FLOWGUARD_E2E_* variables, and where screenshots it asks for are saved.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('FLOWGUARD_E2E_')));
env.FLOWGUARD_E2E_SCREENSHOTS = path.resolve(outDir);
const payload = [
  ['extensionDevelopmentPath', remote(extDev)],
  ['extensionTestsPath', remote(extTests)],
  ['extensionEnvironment', JSON.stringify(env)],
];
const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

const t0 = Date.now();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const lines = [];
const verbose = process.env.FLOWGUARD_E2E_VERBOSE === '1';
// The extension host's console (mocha's reporter, our timing lines) reaches the page console in test mode.
const noise = /^(Resolv|Creating a socket|\[reconnection-grace-time\]|The web worker|Updating additional|\[Service Worker\]|An iframe which|Failed to load resource|ERR Failed: getaddrinfo ENOTFOUND|\[AgentHost|\[AccountPolicyGate\]|ERR Canceled: Canceled|Ignoring fetching additional builtin|\s*$)/;
page.on('console', async (m) => {
  let args = await Promise.all(m.args().map((a) => a.jsonValue().catch(() => '?')));
  if (typeof args[0] === 'string' && args[0].includes('%c')) {
    const styles = (args[0].match(/%c/g) || []).length;
    args = [args[0].replace(/%c/g, '').trim(), ...args.slice(1 + styles)];
  }
  if (args[0] === 'INFO' && typeof args[1] === 'string') args = args.slice(1);
  const text = util.format(...args);
  lines.push(text);
  if (verbose || !noise.test(text)) console.log(text);
  const shot = /^\[flowguard-e2e screenshot\] ([\w.-]+)$/.exec(text);
  if (shot) await page.screenshot({ path: path.join(outDir, `${shot[1]}.png`) }).catch((e) => console.log(`[e2e] screenshot ${shot[1]} failed: ${e.message}`));
});
page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
let done;
const exited = new Promise((r) => { done = r; });
await page.exposeFunction('codeAutomationExit', async (code) => { done(code); });
console.log(`[e2e] loading the workbench; the suite starts when the extension host is up`);
await page.goto(url);
const limit = Number(process.env.FLOWGUARD_E2E_TIMEOUT || 300);
const timeout = setTimeout(() => done('timeout'), limit * 1000);
const code = await exited;
clearTimeout(timeout);
await page.screenshot({ path: path.join(outDir, 'suite-finished.png') }).catch(() => {});
fs.writeFileSync(path.join(outDir, 'suite-browser-console.log'), lines.join('\n') + '\n');
await browser.close();
console.log(`[e2e] in-editor suite exit code: ${code} after ${((Date.now() - t0) / 1000).toFixed(2)} s (browser console: ${path.join(outDir, 'suite-browser-console.log')})`);
process.exit(code === 0 ? 0 : 1);
