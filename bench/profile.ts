// Where the engine's time goes on a corpus, beyond parsing: YAML parse, model building, and each rule's
// `check`, measured in one process on the same files (rules wrapped with a timer and passed as
// `options.rules`, so lint() itself runs unchanged). Also the one-off costs paid on first use (ajv compile).
//
//   node --import tsx bench/profile.ts [github|gitlab|kestra] [rounds]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments, visit } from 'yaml';
import { lint } from '../server/src/engine/index.js';
import { detectKind } from '../server/src/engine/kinds.js';
import { platformFor } from '../server/src/engine/platforms/index.js';
import { RULES } from '../server/src/engine/rules/index.js';
import type { Rule } from '../server/src/engine/rules/rule.js';
import type { DocumentKind } from '../server/src/engine/types.js';
import { parseYaml } from '../server/src/engine/yaml/parse.js';

const platform = process.argv[2] ?? 'github';
const rounds = Number(process.argv[3] ?? 5);
const base = join('..', 'shared', 'corpus', platform);
if (!existsSync(base)) {
  console.log(`profile: ${base} not found; this benchmark needs the shared corpus beside the project. Skipping.`);
  process.exit(0);
}

const walkDir = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walkDir(join(d, e.name)) : /\.ya?ml$/i.test(e.name) ? [join(d, e.name)] : []));
const forced: DocumentKind | undefined = platform === 'gitlab' ? 'gitlab-ci' : platform === 'kestra' ? 'kestra-flow' : undefined;
const files = walkDir(base).map((p) => {
  const rel = relative(base, p).split(/[\\/]/).slice(1).join('/');
  const text = readFileSync(p, 'utf8');
  return { rel, text, kind: forced ?? detectKind(rel, text, []) };
});

const spent = new Map<string, number>();
const add = (k: string, t: number) => spent.set(k, (spent.get(k) ?? 0) + t);
const timed: Rule[] = RULES.map((r) => ({
  meta: r.meta,
  check(ctx) {
    const t = performance.now();
    try {
      r.check(ctx);
    } finally {
      add(`rule ${r.meta.id}`, performance.now() - t);
    }
  },
}));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perRound: Record<string, number[]> = {};
// First round is the warm-up (JIT, ajv compile, lazy tables); its one-off costs are shown separately.
const firstUse = new Map<string, number>();
for (let r = 0; r <= rounds; r++) {
  spent.clear();
  let t = performance.now();
  for (const f of files) parseAllDocuments(f.text);
  add('floor: yaml parseAllDocuments', performance.now() - t);
  t = performance.now();
  for (const f of files) for (const d of [parseAllDocuments(f.text)].flat()) visit(d, () => {});
  add('floor: parse + AST walk', performance.now() - t);
  for (const f of files) {
    const p = platformFor(f.kind);
    if (!p) continue;
    let t0 = performance.now();
    const file = parseYaml(f.text, p.parseOptions?.(f.kind));
    add('engine: parseYaml', performance.now() - t0);
    t0 = performance.now();
    for (const d of file.documents) if (d.contents != null) p.buildModel(f.kind, d, file);
    add('engine: buildModel', performance.now() - t0);
  }
  t = performance.now();
  for (const f of files) lint(f.text, { path: f.rel, kind: forced, rules: timed });
  add('lint total (timed rules)', performance.now() - t);
  t = performance.now();
  for (const f of files) lint(f.text, { path: f.rel, kind: forced });
  add('lint total', performance.now() - t);
  if (r === 0) for (const [k, v] of spent) firstUse.set(k, v);
  else for (const [k, v] of spent) (perRound[k] ??= []).push(v);
}

const rows = Object.entries(perRound).map(([k, v]) => [k, median(v)] as const);
const ruleSum = rows.filter(([k]) => k.startsWith('rule ')).reduce((n, [, v]) => n + v, 0);
const floor2 = rows.find(([k]) => k === 'floor: parse + AST walk')![1];
console.log(`# Engine profile: ${files.length} ${platform} files, median of ${rounds} rounds (after one warm-up round)\n`);
console.log(`| phase | ms (all files) | µs per file | vs parse+walk floor | first (cold) round ms |`);
console.log(`|---|---|---|---|---|`);
const row = (k: string, v: number) => console.log(`| ${k} | ${v.toFixed(1)} | ${((v / files.length) * 1000).toFixed(0)} | ${(v / floor2).toFixed(3)} | ${(firstUse.get(k) ?? 0).toFixed(0)} |`);
for (const [k, v] of rows.filter(([k]) => !k.startsWith('rule '))) row(k, v);
row('all rules (sum)', ruleSum);
console.log();
console.log(`| rule (top 20) | ms (all files) | µs per file | share of rules | cold round ms |`);
console.log(`|---|---|---|---|---|`);
for (const [k, v] of rows.filter(([k]) => k.startsWith('rule ')).sort((a, b) => b[1] - a[1]).slice(0, 20)) {
  console.log(`| ${k.slice(5)} | ${v.toFixed(1)} | ${((v / files.length) * 1000).toFixed(0)} | ${((v / ruleSum) * 100).toFixed(1)}% | ${(firstUse.get(k) ?? 0).toFixed(0)} |`);
}
