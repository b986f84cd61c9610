// Runs every *.test.ts under test/ (except the in-editor suite) with Node's test runner via tsx.
// Node 20's `--test` has no glob support, so the files are collected here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filter = process.argv.slice(2);
const files = [];
(function collect(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      // The in-editor suites (test/vscode, test/vscode-restricted) run inside VS Code: scripts/e2e.
      if (p === join('test', 'vscode') || p === join('test', 'vscode-restricted') || e.name === 'fixtures') continue;
      collect(p);
    } else if (e.name.endsWith('.test.ts') && (!filter.length || filter.some((f) => p.includes(f)))) files.push(p);
  }
})('test');
files.sort();
const res = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(res.status ?? 1);
