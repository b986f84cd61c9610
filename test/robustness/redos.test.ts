// Every regular expression in the engine is free of catastrophic backtracking: each regex literal and
// each `new RegExp('<literal>')` is checked with recheck (a ReDoS checker). Exponential ones fail the test
// outright. For polynomial ones recheck builds an attack string; a 20,000-character attack (longer than any
// line FlowGuard's rules apply these patterns to) must still run in well under a second here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'acorn';
import { simple } from 'acorn-walk';
import { transformSync } from 'esbuild';
import { checkSync } from 'recheck';

interface Found {
  file: string;
  source: string;
  flags: string;
}

function engineFiles(dir = join('server', 'src', 'engine')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? engineFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

export function collectRegexes(): Found[] {
  const out: Found[] = [];
  for (const file of engineFiles()) {
    const js = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022' }).code;
    const ast = parse(js, { ecmaVersion: 'latest', sourceType: 'module' });
    simple(ast, {
      Literal(node) {
        const r = (node as unknown as { regex?: { pattern: string; flags: string } }).regex;
        if (r) out.push({ file, source: r.pattern, flags: r.flags });
      },
      NewExpression(node) {
        const n = node as unknown as { callee: { name?: string }; arguments: { type: string; value?: unknown }[] };
        if (n.callee.name !== 'RegExp') return;
        const [src, flags] = n.arguments;
        if (src?.type === 'Literal' && typeof src.value === 'string') out.push({ file, source: src.value, flags: flags?.type === 'Literal' ? String(flags.value) : '' });
      },
    });
  }
  return out;
}

describe('regular expressions in the engine', () => {
  const regexes = collectRegexes();
  it(`finds the engine's regexes (${regexes.length})`, () => {
    assert.ok(regexes.length > 10, 'the collector should see the engine regexes');
  });
  it('has no regex vulnerable to catastrophic backtracking', () => {
    const bad: string[] = [];
    const polynomial: string[] = [];
    for (const r of regexes) {
      const res = checkSync(r.source, r.flags, { timeout: 10_000 });
      if (res.status === 'vulnerable') {
        // Time a bounded prefix of the attack string: enough to show the blow-up, cheap enough for CI.
        const attack = res.attack.string.slice(0, 20_000);
        const t = performance.now();
        new RegExp(r.source, r.flags).test(attack);
        const took = performance.now() - t;
        const line = `${r.file}: /${r.source}/${r.flags} is ${res.complexity.type} (${attack.length}-char attack: ${took.toFixed(0)} ms)`;
        if (res.complexity.type === 'exponential' || took > 1000) bad.push(line);
        else polynomial.push(line);
      }
    }
    if (polynomial.length) console.log(`polynomial but fast on a 20,000-character attack (${polynomial.length}):\n  ${polynomial.join('\n  ')}`);
    assert.deepEqual(bad, []);
  });
});
