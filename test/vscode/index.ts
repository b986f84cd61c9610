// extensionTestsPath entry (compiled to out/test/vscode/index.js by scripts/e2e/build-tests.mjs): the extension
// host require()s it and awaits run(). The same file serves code-server (scripts/e2e/run.sh) and
// @vscode/test-electron (scripts/e2e/test-electron.mjs). test/vscode-restricted/index.ts runs its own folder with
// runSuite().
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** Runs the compiled `*.test.js` files of `dir` in name order; rejects when a test fails. */
export function runSuite(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  const grep = process.env.FLOWGUARD_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`[flowguard-e2e] ${runner.stats?.passes ?? '?'} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} tests failed.`));
      else resolve();
    });
  });
}

// Suites run in name order; 00-activation first, so it measures a cold start.
export function run(): Promise<void> {
  return runSuite(__dirname);
}
