// Ajv standalone code for the schemas the engine validates with (schema/validators.ts: the GitHub schemas
// and the GitLab CI one), generated at build time: esbuild.mjs puts it in place of
// server/src/engine/schema/precompiled.ts in the bundles. Same schemas, same ajv options
// (schema/ajv-options.json, one named set per group of schemas) as the runtime compile the sources use.
//
//   node scripts/gen-schema-validators.mjs [out.js]            (writes the module, for inspection)
//   node scripts/gen-schema-validators.mjs --check [dir ...]   (precompiled vs runtime, see check())
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p) => JSON.parse(readFileSync(root + p, 'utf8'));
const OPTIONS = 'server/src/engine/schema/ajv-options.json';

/** Validator name (schema/precompiled.ts) -> schema file and option set; the same table as schema/validators.ts. */
export const VALIDATORS = {
  'github-workflow': { file: 'schemas/github-workflow.json', options: 'github' },
  'github-action': { file: 'schemas/github-action.json', options: 'github' },
  'github-dependabot': { file: 'schemas/github-dependabot.json', options: 'github' },
  'gitlab-ci': { file: 'schemas/gitlab-ci.json', options: 'gitlab' },
};

/** Every input of the generated module (for watch mode and caching). */
export const inputs = () => [...new Set(Object.values(VALIDATORS).map((v) => v.file)), OPTIONS].map((p) => root + p);

/**
 * The ESM source of a module exporting `precompiled(name)`, the same shape as precompiled.ts. Each option
 * set's standalone code sits in a function run on the first request for one of its validators, so a
 * process that only checks GitHub files never evaluates the GitLab validators (nor their schema objects).
 */
export function schemaValidatorsSource() {
  const sets = read(OPTIONS);
  const AjvClass = Ajv.default ?? Ajv;
  const groups = [];
  const groupOf = {};
  for (const [set, options] of Object.entries(sets)) {
    const names = Object.entries(VALIDATORS).filter(([, v]) => v.options === set);
    if (!names.length) continue;
    // CommonJS standalone code (`exports["name"] = validateN`), wrapped in a function of `exports`.
    const ajv = new AjvClass({ ...options, code: { source: true } });
    const refs = {};
    for (const [name, { file }] of names) {
      const schema = read(file);
      if (!schema.$id) throw new Error(`${file} has no $id`);
      if (!ajv.getSchema(schema.$id)) ajv.addSchema(schema);
      refs[name] = schema.$id;
      groupOf[name] = set;
    }
    groups.push(`  ${JSON.stringify(set)}: function (exports) {\n${(standaloneCode.default ?? standaloneCode)(ajv, refs)}\nreturn exports;\n},`);
  }
  return `// Generated at build time by scripts/gen-schema-validators.mjs. Do not edit.
const groups = {
${groups.join('\n')}
};
const groupOf = ${JSON.stringify(groupOf)};
const made = {};
export function precompiled(name) {
  const set = Object.prototype.hasOwnProperty.call(groupOf, name) ? groupOf[name] : undefined;
  if (set === undefined) return undefined;
  return (made[set] ??= groups[set]({}))[name];
}
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] !== '--check') {
  const t = performance.now();
  const code = schemaValidatorsSource();
  const out = process.argv[2];
  if (out) writeFileSync(out, code);
  console.log(`schema validators: ${(code.length / 1024).toFixed(0)} KiB of code in ${(performance.now() - t).toFixed(0)} ms${out ? ` -> ${out}` : ''}`);
}

/**
 * `--check [dir ...]`: the generated validators must give exactly the errors of the runtime compile, on every
 * YAML file under each dir and on seeded mutations of each (a value replaced by a number, a string or a list,
 * an unknown key added), so a bundle never reports differently from the sources and tests. Files under a dir
 * named `gitlab` are GitLab CI files; elsewhere workflows, action metadata and Dependabot files are told by path.
 */
async function check(dirs) {
  const { readdirSync, mkdirSync, rmSync } = await import('node:fs');
  const { basename, join } = await import('node:path');
  const { parse } = await import('yaml');
  const gen = join(root, 'node_modules', '.cache', `flowguard-precompiled-${process.pid}.mjs`);
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  // ajv's standalone output require()s its runtime helpers (esbuild resolves them in the bundles).
  writeFileSync(gen, `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n${schemaValidatorsSource()}`);
  const { precompiled } = await import(gen);
  rmSync(gen);
  const AjvClass = Ajv.default ?? Ajv;
  const sets = read(OPTIONS);
  const instances = {};
  const runtime = Object.fromEntries(Object.entries(VALIDATORS).map(([n, v]) => [n, (instances[v.options] ??= new AjvClass(sets[v.options])).compile(read(v.file))]));
  const files = [];
  const walk = (d, gitlab) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name), gitlab) : /\.ya?ml$/i.test(e.name) && files.push({ path: join(d, e.name), gitlab })));
  for (const dir of dirs) walk(dir, basename(dir) === 'gitlab');
  const schemaOf = (f) => (f.gitlab ? 'gitlab-ci' : /[\\/]\.github[\\/]workflows[\\/]/.test(f.path) ? 'github-workflow' : /(^|[\\/])action\.ya?ml$/.test(f.path) ? 'github-action' : /dependabot\.ya?ml$/.test(f.path) ? 'github-dependabot' : undefined);
  const errs = (v, data) => (v(data), JSON.stringify((v.errors ?? []).map((e) => [e.instancePath, e.schemaPath, e.keyword, e.params, e.message, typeof e.data === 'object' ? null : e.data, e.parentSchema?.['x-format'], e.parentSchema?.['x-variant']])));
  let docs = 0;
  let errors = 0;
  const bad = [];
  let seed = 1;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const mutate = (obj) => {
    const c = structuredClone(obj);
    let node = c;
    for (let depth = 0; depth < 6 && node && typeof node === 'object'; depth++) {
      const keys = Object.keys(node);
      if (!keys.length) break;
      const k = keys[rnd(keys.length)];
      if (rnd(3) === 0 || typeof node[k] !== 'object' || node[k] === null) {
        node[k] = [42, 'x', ['a'], { 'unknwon-key': 1 }, true, null][rnd(6)];
        break;
      }
      if (rnd(4) === 0) node['unknwon-key'] = 1;
      node = node[k];
    }
    return c;
  };
  const reference = { tag: '!reference', collection: 'seq', identify: () => false };
  for (const f of files) {
    const name = schemaOf(f);
    if (!name) continue;
    let data;
    try {
      data = parse(readFileSync(f.path, 'utf8'), f.gitlab ? { maxAliasCount: 1000, merge: true, version: '1.1', customTags: [reference] } : { maxAliasCount: 1000, merge: true });
    } catch {
      continue;
    }
    for (const d of [data, mutate(data), mutate(data), mutate(data)]) {
      docs++;
      const a = errs(precompiled(name), d);
      const b = errs(runtime[name], d);
      errors += JSON.parse(b).length;
      if (a !== b) bad.push(f.path);
    }
  }
  console.log(`precompiled vs runtime: ${docs} documents (${files.length} files and mutations), ${errors} errors, ${bad.length} differing`);
  for (const f of bad.slice(0, 10)) console.log(`  differs: ${f}`);
  if (bad.length || !docs) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === '--check') {
  await check(process.argv.length > 3 ? process.argv.slice(3) : ['../shared/corpus/github', '../shared/corpus/gitlab']);
}
