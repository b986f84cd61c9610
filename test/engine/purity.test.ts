// The engine stays pure: it imports only itself, `yaml`, `ajv`, `@actions/expressions`, `picomatch`
// and bundled JSON data, and never touches process, network, timers or dynamic require. Checked on the
// AST (so strings that merely mention `process.env`, e.g. in a generated fix, are fine).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'acorn';
import { ancestor } from 'acorn-walk';
import { transformSync } from 'esbuild';

const ALLOWED = [/^\.\.?\//, /^yaml$/, /^ajv(\/.*)?$/, /^ajv-formats$/, /^@actions\/expressions$/, /^picomatch$/];
const FORBIDDEN_GLOBALS = new Set(['process', 'require', 'fetch', 'XMLHttpRequest', 'setTimeout', 'setInterval', 'setImmediate', 'WebSocket', 'Buffer', '__dirname', '__filename']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('engine imports only itself and its allowed libraries, and uses no host globals', () => {
  const bad: string[] = [];
  for (const f of files(join('server', 'src', 'engine'))) {
    const js = transformSync(readFileSync(f, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022' }).code;
    const ast = parse(js, { ecmaVersion: 'latest', sourceType: 'module' });
    for (const node of ast.body) {
      if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
        const spec = String(node.source.value);
        if (!ALLOWED.some((r) => r.test(spec))) bad.push(`${f}: imports ${spec}`);
        if (spec.startsWith('.') && /(\.\.\/){3,}/.test(spec) && !/\/schemas\//.test(spec)) bad.push(`${f}: reads outside the engine: ${spec}`);
      }
    }
    ancestor(ast, {
      Identifier(node, _state, ancestors) {
        const name = (node as unknown as { name: string }).name;
        if (!FORBIDDEN_GLOBALS.has(name)) return;
        const parent = ancestors[ancestors.length - 2] as { type: string; property?: unknown; computed?: boolean; key?: unknown } | undefined;
        // `x.process` / `{ process: 1 }` are property names, not the global.
        if (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
        if (parent?.type === 'Property' && parent.key === node) return;
        bad.push(`${f}: uses the host global '${name}'`);
      },
      ImportExpression() {
        bad.push(`${f}: dynamic import()`);
      },
    });
  }
  assert.deepEqual(bad, []);
});

test('lint() keeps no document text in module-level caches once it returns', async () => {
  const { lint } = await import('../../server/src/engine/index.js');
  const { cachedExpressionTextLength, expressionsIn } = await import('../../server/src/engine/expressions/github.js');
  const workflow = 'on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
  expressionsIn(workflow);
  assert.equal(cachedExpressionTextLength(), workflow.length, 'the rules of one lint share one parse of the expressions');
  const result = lint(workflow, { path: '.github/workflows/x.yml' });
  assert.ok(result.findings.some((f) => f.ruleId === 'template-injection'), 'the rules read the expressions');
  assert.equal(cachedExpressionTextLength(), 0, 'a long-running server would otherwise keep the last document alive');
});
