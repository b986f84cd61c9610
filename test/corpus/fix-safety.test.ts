// Fix safety on real files: for every corpus file, applying all safe fixes (in passes, as fix-all and
// `flowguard audit --fix` do) gives YAML that still parses, removes the fixed findings, adds no new
// finding, and is stable (another fix-all pass changes nothing). Skips without ../shared.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, lint, selectFixes, type DocumentKind, type Finding } from '../../server/src/engine/index.js';

const CORPUS = join('..', 'shared', 'corpus');

function files(platform: string): { path: string; abs: string; kind?: DocumentKind }[] {
  const base = join(CORPUS, platform);
  if (!existsSync(base)) return [];
  const out: { path: string; abs: string; kind?: DocumentKind }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push({ abs: p, path: relative(base, p).split(/[\\/]/).slice(1).join('/'), kind: platform === 'gitlab' ? 'gitlab-ci' : platform === 'kestra' ? 'kestra-flow' : undefined });
    }
  };
  walk(base);
  return out;
}

const count = (fs: Finding[]) => {
  const m = new Map<string, number>();
  for (const f of fs) m.set(f.ruleId, (m.get(f.ruleId) ?? 0) + 1);
  return m;
};

/** Applies safe fixes pass by pass until none is left (bounded). */
export function fixAll(text: string, opts: { path: string; kind?: DocumentKind }): { text: string; passes: number; fixed: Map<string, number> } {
  const fixed = new Map<string, number>();
  let cur = text;
  for (let pass = 1; pass <= 10; pass++) {
    const findings = lint(cur, { ...opts, settings: { persona: 'auditor' } }).findings;
    const withFix = findings.filter((f) => f.fixes?.some((x) => x.safe));
    const sel = selectFixes(withFix, (x) => x.safe);
    if (!sel.edits.length) return { text: cur, passes: pass - 1, fixed };
    for (const f of withFix) if (sel.fixes.includes(f.fixes!.find((x) => x.safe)!)) fixed.set(f.ruleId, (fixed.get(f.ruleId) ?? 0) + 1);
    cur = applyEdits(cur, sel.edits);
  }
  return { text: cur, passes: 10, fixed };
}

describe('safe fixes on the corpus', () => {
  for (const platform of ['github', 'gitlab', 'kestra']) {
    const list = files(platform);
    it(`${platform}: fixed files parse, lose the fixed findings, gain none, and are stable`, (t) => {
      if (!list.length) {
        t.skip(`${CORPUS}/${platform} not found: the corpus lives in ../shared beside the project`);
        return;
      }
      const problems: string[] = [];
      let changed = 0;
      for (const f of list) {
        const text = readFileSync(f.abs, 'utf8');
        const opts = { path: f.path, kind: f.kind };
        const before = lint(text, { ...opts, settings: { persona: 'auditor' } }).findings;
        if (!before.some((x) => x.fixes?.some((y) => y.safe))) continue;
        const res = fixAll(text, opts);
        if (res.text === text) continue;
        changed++;
        const after = lint(res.text, { ...opts, settings: { persona: 'auditor' } }).findings;
        const b = count(before);
        const a = count(after);
        if ((a.get('yaml-syntax') ?? 0) > (b.get('yaml-syntax') ?? 0)) problems.push(`${f.abs}: fixes broke the YAML`);
        for (const [rule, n] of a) {
          const limit = (b.get(rule) ?? 0) - (res.fixed.has(rule) ? 1 : 0);
          if (n > limit && !(n === 0)) problems.push(`${f.abs}: ${rule} went from ${b.get(rule) ?? 0} to ${n} after fixing ${res.fixed.get(rule) ?? 0}`);
        }
        const again = fixAll(res.text, opts);
        if (again.text !== res.text) problems.push(`${f.abs}: not stable, a further pass changed it`);
      }
      assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problem(s) in ${changed} fixed files`);
    });
  }
});
