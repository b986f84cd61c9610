// extensionTestsPath entry of the Restricted Mode run (compiled to out/test/vscode-restricted/index.js): the
// workspace is opened with workspace trust on and left untrusted, so it runs apart from the main suite
// (test/vscode), which needs a trusted workspace. Prepared by scripts/e2e/restricted-workspace.mjs.
import { runSuite } from '../vscode/index.js';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
