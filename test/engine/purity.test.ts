// The engine stays pure: it imports only itself, `yaml`, `ajv`, `@actions/expressions`, `picomatch`
// and the bundled JSON schemas. Anything else (vscode, fs, process, network) belongs at the edges.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ALLOWED = [/^\.\.?\//, /^yaml$/, /^ajv(\/.*)?$/, /^ajv-formats$/, /^@actions\/expressions$/, /^picomatch$/];
const FORBIDDEN_GLOBALS = /\b(process\.(env|exit|cwd|argv|stdout|stderr)|require\(|fetch\(|XMLHttpRequest|setTimeout\(|setInterval\()/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('engine imports only itself and its allowed libraries', () => {
  const bad: string[] = [];
  for (const f of files('server/src/engine')) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (!ALLOWED.some((r) => r.test(spec))) bad.push(`${f}: ${spec}`);
      if (spec.startsWith('.') && /schemas\//.test(spec) === false && spec.includes('../../..') && !spec.includes('schemas')) bad.push(`${f}: reaches outside the engine: ${spec}`);
    }
    const code = src.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    const g = FORBIDDEN_GLOBALS.exec(code);
    if (g) bad.push(`${f}: uses ${g[1]}`);
  }
  assert.deepEqual(bad, []);
});
