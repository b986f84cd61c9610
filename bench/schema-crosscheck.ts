// Cross-checks workflow-schema and action-schema against GitHub's own parser (@actions/workflow-parser) on
// the GitHub corpus (1240 workflows, 169 action metadata files).
//   node --import tsx bench/schema-crosscheck.ts            each corpus workflow as it is
//   node --import tsx bench/schema-crosscheck.ts --mutate N  N seeded random mutations per workflow (a key
//       renamed, a pair deleted, a scalar turned into a mapping or into a word) to compare verdicts on
//       invalid files too; disagreements are printed for review.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
// Not in the package's exports map: imported by path (this is a dev-only cross-check, not shipped code).
import { parseAction } from '../node_modules/@actions/workflow-parser/dist/actions/action-parser.js';
import { isMap, isPair, isScalar, parseDocument, visit, type Pair, type Scalar } from 'yaml';
import { parseYaml } from '../server/src/engine/yaml/parse.js';
import { validateDocument, type SchemaName } from '../server/src/engine/schema/validate.js';
import { detectKind } from '../server/src/engine/kinds.js';

const base = join('..', 'shared', 'corpus', 'github');
const args = process.argv.slice(2);
const mutations = args.includes('--mutate') ? Number(args[args.indexOf('--mutate') + 1] ?? 3) : 0;
const STRUCTURAL = /Unexpected value|mapping was not expected|sequence was not expected|Required property is missing|not enough info|is already defined|Unrecognized named-value/;
// GitHub's parser rejects background steps unless a feature flag is on; GitHub runs them, we accept them.
const FLAGGED = /Unexpected value '(background|wait|wait-all|cancel)'/;

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];

function mutate(text: string): { text: string; what: string } | undefined {
  const doc = parseDocument(text);
  const pairs: Pair[] = [];
  visit(doc, { Pair: (_, p) => void pairs.push(p as Pair) });
  if (!pairs.length) return undefined;
  const p = pick(pairs);
  const key = isScalar(p.key) ? String((p.key as Scalar).value) : '?';
  switch (Math.floor(random() * 4)) {
    case 0:
      (p.key as Scalar).value = key + 'x';
      return { text: doc.toString(), what: `renamed '${key}'` };
    case 1: {
      visit(doc, { Pair: (_, q) => (q === p ? visit.REMOVE : undefined) });
      return { text: doc.toString(), what: `deleted '${key}'` };
    }
    case 2:
      if (!isScalar(p.value)) return undefined;
      p.value = doc.createNode({ a: 1 });
      return { text: doc.toString(), what: `'${key}' made a mapping` };
    default:
      if (!isScalar(p.value)) return undefined;
      (p.value as Scalar).value = 'zzz';
      return { text: doc.toString(), what: `'${key}' set to 'zzz'` };
  }
}

function verdicts(name: string, text: string, schema: SchemaName) {
  const file = parseYaml(text);
  if (!file.documents.length || file.problems.some((p) => p.ruleId === 'yaml-syntax')) return undefined;
  const ours = validateDocument(file.documents[0], schema).filter((p) => p.kind !== 'unreadable');
  const parse = schema === 'github-workflow' ? parseWorkflow : parseAction;
  const errs = parse({ name, content: text }, new NoOperationTraceWriter()).context.errors.getErrors().map((e: { message: string }) => e.message);
  const theirs = errs.filter((m) => STRUCTURAL.test(m) && !FLAGGED.test(m));
  return { ours: ours.map((p) => p.message), theirs };
}

const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [join(d, e.name)] : []));
let files = 0;
let cases = 0;
let agree = 0;
let bothInvalid = 0;
const disagreements: string[] = [];
/** How many findings one mutation produced (one mistake should give one finding). */
const perMistake = new Map<number, number>();
const several: string[] = [];
for (const f of walk(base)) {
  const rel = relative(base, f).split(/[\\/]/).slice(1).join('/');
  const text = readFileSync(f, 'utf8');
  const kind = detectKind(rel, text, []);
  if (kind !== 'github-workflow' && kind !== 'github-action') continue;
  files++;
  const variants = mutations ? Array.from({ length: mutations }, () => mutate(text)).filter((m): m is { text: string; what: string } => !!m) : [{ text, what: 'as is' }];
  for (const v of variants) {
    const r = verdicts(rel, v.text, kind);
    if (!r) continue;
    cases++;
    const o = r.ours.length > 0;
    const t = r.theirs.length > 0;
    if (o === t) {
      agree++;
      if (o) bothInvalid++;
      if (o && mutations) {
        perMistake.set(r.ours.length, (perMistake.get(r.ours.length) ?? 0) + 1);
        if (r.ours.length > 1) several.push(`${relative(base, f)} (${v.what}): ${JSON.stringify(r.ours)}`);
      }
    } else disagreements.push(`${relative(base, f)} (${v.what}): ours ${JSON.stringify(r.ours)} | GitHub's parser ${JSON.stringify(r.theirs)}`);
  }
}
for (const d of disagreements) console.log(d);
if (mutations) {
  for (const d of several.slice(0, Number(process.env.SHOW ?? 20))) console.log(`several: ${d}`);
  console.log(`findings per mutation: ${[...perMistake].sort((a, b) => a[0] - b[0]).map(([n, c]) => `${n}: ${c}`).join(', ')}`);
}
console.log(`\n${files} workflows and actions, ${cases} cases (${mutations ? `${mutations} mutations each` : 'unmodified'}): ${agree} agree (${bothInvalid} invalid for both), ${disagreements.length} disagree`);
