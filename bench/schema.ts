// Cost of schema validation: ajv compile time (once per process) and per-file cost on the GitHub corpus,
// split into YAML parse, conversion to JS (toJS) and the validator with error mapping.
//   node --import tsx bench/schema.ts [rounds]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectKind } from '../server/src/engine/kinds.js';
import { MAX_ALIAS_COUNT, validateDocument, validatorFor, type SchemaName } from '../server/src/engine/schema/validate.js';
import { parseYaml } from '../server/src/engine/yaml/parse.js';

const base = join('..', 'shared', 'corpus', 'github');
if (!existsSync(base)) {
  console.log(`${base} not found: the benchmark needs the shared corpus beside the project`);
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? 5);

const compile: Record<string, number> = {};
for (const name of ['github-workflow', 'github-action'] as SchemaName[]) {
  const t = performance.now();
  validatorFor(name);
  compile[name] = performance.now() - t;
}

const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [join(d, e.name)] : []));
const files = walk(base).flatMap((f) => {
  const rel = relative(base, f).split(/[\\/]/).slice(1).join('/');
  const text = readFileSync(f, 'utf8');
  const kind = detectKind(rel, text, []);
  return kind === 'github-workflow' || kind === 'github-action' ? [{ text, schema: kind as SchemaName }] : [];
});
const bytes = files.reduce((n, f) => n + f.text.length, 0);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const parse: number[] = [];
const toJS: number[] = [];
const validate: number[] = [];
for (let r = 0; r < rounds; r++) {
  let p = 0;
  let j = 0;
  let v = 0;
  for (const f of files) {
    let t = performance.now();
    const doc = parseYaml(f.text).documents[0];
    p += performance.now() - t;
    if (!doc) continue;
    t = performance.now();
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    j += performance.now() - t;
    t = performance.now();
    validateDocument(doc, f.schema); // includes its own toJS
    v += performance.now() - t;
  }
  parse.push(p);
  toJS.push(j);
  validate.push(v);
}
const per = (ms: number) => `${((ms / files.length) * 1000).toFixed(0)} µs/file`;
console.log(`ajv compile (first use, once per process): workflow ${compile['github-workflow'].toFixed(0)} ms, action ${compile['github-action'].toFixed(0)} ms`);
console.log(`${files.length} GitHub files, ${(bytes / 1024).toFixed(0)} KiB, median of ${rounds} rounds:`);
console.log(`  YAML parse             ${median(parse).toFixed(0)} ms  (${per(median(parse))})`);
console.log(`  toJS                   ${median(toJS).toFixed(0)} ms  (${per(median(toJS))})`);
console.log(`  validateDocument       ${median(validate).toFixed(0)} ms  (${per(median(validate))}; toJS + ajv + error mapping)`);
