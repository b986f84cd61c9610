// Compiles the in-editor mocha suites (test/vscode/*.ts and the Restricted Mode run, test/vscode-restricted/*.ts)
// to CommonJS in out/test/<suite>/: the extension host require()s extensionTestsPath, and the repository's
// package.json says "type": "module".
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

mkdirSync('out', { recursive: true });
writeFileSync('out/package.json', '{ "type": "commonjs" }\n');
for (const suite of ['vscode', 'vscode-restricted']) {
  const src = `test/${suite}`;
  const out = `out/test/${suite}`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const entryPoints = readdirSync(src).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(src, f));
  await esbuild.build({
    entryPoints,
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  console.log(`[e2e] compiled ${entryPoints.length} files of ${src} to ${out}`);
}
