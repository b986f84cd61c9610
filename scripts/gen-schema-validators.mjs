// Ajv standalone code for the GitHub schemas the engine validates with (schema/validate.ts), generated
// at build time: esbuild.mjs puts it in place of server/src/engine/schema/precompiled.ts in the bundles.
// Same schemas, same ajv options (schema/ajv-options.json) as the runtime compile the sources use.
//
//   node scripts/gen-schema-validators.mjs [out.js]   (writes the module, for inspection)
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (p) => JSON.parse(readFileSync(root + p, 'utf8'));

/** Schema name in validate.ts -> file under schemas/. */
export const PRECOMPILED_SCHEMAS = {
  'github-workflow': 'schemas/github-workflow.json',
  'github-action': 'schemas/github-action.json',
  'github-dependabot': 'schemas/github-dependabot.json',
};

/** Every input of the generated module (for watch mode and caching). */
export const inputs = () => [...Object.values(PRECOMPILED_SCHEMAS), 'server/src/engine/schema/ajv-options.json'].map((p) => root + p);

/** The ESM source of a module exporting `PRECOMPILED`, the same shape as precompiled.ts. */
export function schemaValidatorsSource() {
  const options = read('server/src/engine/schema/ajv-options.json');
  const AjvClass = Ajv.default ?? Ajv;
  const ajv = new AjvClass({ ...options, code: { source: true, esm: true } });
  const refs = {};
  const names = {};
  Object.entries(PRECOMPILED_SCHEMAS).forEach(([name, file], i) => {
    const schema = read(file);
    if (!schema.$id) throw new Error(`${file} has no $id`);
    ajv.addSchema(schema);
    refs[`precompiled_${i}`] = schema.$id;
    names[name] = `precompiled_${i}`;
  });
  const standalone = (standaloneCode.default ?? standaloneCode)(ajv, refs);
  const table = Object.entries(names).map(([name, fn]) => `  ${JSON.stringify(name)}: ${fn},`).join('\n');
  return `// Generated at build time by scripts/gen-schema-validators.mjs. Do not edit.\n${standalone}\nexport const PRECOMPILED = {\n${table}\n};\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] !== '--check') {
  const t = performance.now();
  const code = schemaValidatorsSource();
  const out = process.argv[2];
  if (out) writeFileSync(out, code);
  console.log(`schema validators: ${(code.length / 1024).toFixed(0)} KiB of code in ${(performance.now() - t).toFixed(0)} ms${out ? ` -> ${out}` : ''}`);
}

/**
 * `--check <dir>`: the generated validators must give exactly the errors of the runtime compile, on every
 * YAML file under <dir> and on seeded mutations of each (a value replaced by a number, a string or a list,
 * an unknown key added), so a bundle never reports differently from the sources and tests.
 */
async function check(dir) {
  const { readdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { parse } = await import('yaml');
  const gen = join(root, 'node_modules', '.cache', `flowguard-precompiled-${process.pid}.mjs`);
  (await import('node:fs')).mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  // ajv's esm output still require()s its runtime helpers (esbuild resolves them in the bundles).
  writeFileSync(gen, `import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n${schemaValidatorsSource()}`);
  const { PRECOMPILED } = await import(gen);
  (await import('node:fs')).rmSync(gen);
  const AjvClass = Ajv.default ?? Ajv;
  const ajv = new AjvClass(read('server/src/engine/schema/ajv-options.json'));
  const runtime = Object.fromEntries(Object.entries(PRECOMPILED_SCHEMAS).map(([n, f]) => [n, ajv.compile(read(f))]));
  const files = [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.ya?ml$/i.test(e.name) && files.push(join(d, e.name))));
  walk(dir);
  const schemaOf = (p) => (/[\\/]\.github[\\/]workflows[\\/]/.test(p) ? 'github-workflow' : /(^|[\\/])action\.ya?ml$/.test(p) ? 'github-action' : /dependabot\.ya?ml$/.test(p) ? 'github-dependabot' : undefined);
  const errs = (v, data) => (v(data), JSON.stringify((v.errors ?? []).map((e) => [e.instancePath, e.schemaPath, e.keyword, e.params, e.message, e.parentSchema?.['x-format'], e.parentSchema?.['x-variant']])));
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
  for (const f of files) {
    const name = schemaOf(f);
    if (!name) continue;
    let data;
    try {
      data = parse(readFileSync(f, 'utf8'), { maxAliasCount: 1000, merge: true });
    } catch {
      continue;
    }
    for (const d of [data, mutate(data), mutate(data), mutate(data)]) {
      docs++;
      const a = errs(PRECOMPILED[name], d);
      const b = errs(runtime[name], d);
      errors += JSON.parse(b).length;
      if (a !== b) bad.push(f);
    }
  }
  console.log(`precompiled vs runtime: ${docs} documents (${files.length} files and mutations), ${errors} errors, ${bad.length} differing`);
  for (const f of bad.slice(0, 10)) console.log(`  differs: ${f}`);
  if (bad.length || !docs) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2] === '--check') await check(process.argv[3] ?? '../shared/corpus/github');
