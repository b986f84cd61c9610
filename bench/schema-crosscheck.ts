import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseWorkflow, NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseYaml } from '../server/src/engine/yaml/parse.js';
import { validateDocument } from '../server/src/engine/schema/validate.js';
import { detectKind } from '../server/src/engine/kinds.js';
const base = join('..', 'shared', 'corpus', 'github');
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [join(d, e.name)] : []);
let n = 0, skipped = 0, both = 0;
for (const f of walk(base)) {
  const rel = relative(base, f).split('/').slice(1).join('/');
  const text = readFileSync(f, 'utf8');
  if (detectKind(rel, text, []) !== 'github-workflow') continue;
  n++;
  const file = parseYaml(text);
  if (file.documents[0]?.errors.some((e) => e.code !== 'DUPLICATE_KEY')) skipped++;
  const ours = file.documents.length ? validateDocument(file.documents[0], 'github-workflow') : [];
  const r = parseWorkflow({ name: rel, content: text }, new NoOperationTraceWriter());
  const theirs = r.context.errors.getErrors().map((e: any) => e.message).filter((m: string) => !/Unrecognized named-value|Unrecognized function|expression|Unexpected symbol|Unexpected end|Expected /i.test(m) || /Unexpected value/.test(m));
  if (ours.length || theirs.length) {
    console.log(`== ${relative(base, f)}`);
    for (const p of ours) console.log(`  ours:   ${p.message}`);
    for (const m of theirs) console.log(`  theirs: ${m}`);
  }
}
console.log({ n, skipped });
