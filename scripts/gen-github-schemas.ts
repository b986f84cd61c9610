// Generates schemas/github-workflow.json and schemas/github-action.json (draft-07 JSON Schema) from the
// template schemas GitHub ships in @actions/workflow-parser (workflow-v1.0.json, action-v1.0.json; MIT).
// Usage: npm run gen:schemas            (writes the files)
//        npm run gen:schemas -- --check (exits 1 when the committed files are stale)
//
// The template-schema format is not JSON Schema. Its semantics, as implemented by the parser's
// template-reader.js, and how each one is rendered here:
// - `context` on a definition allows `${{ }}` at that node and everything below it; an expression may then
//   stand for any value (scalar, mapping or sequence). Rendered as `if <expression string> then true else
//   <body>`, so a definition reached both inside and outside an expression context gets two variants.
//   Outside any context, a string that reads a context (`${{ matrix.os }}`) is rejected (`x-no-expr`), as
//   the parser does ("Unrecognized named-value").
// - `one-of` dispatches on the YAML node kind (it is not JSON Schema's oneOf): a mapping is checked against
//   the mapping definitions, narrowed by the keys present; a sequence against the one sequence definition;
//   a scalar against the scalar definitions. Rendered as `type` plus `if {type} then ...` parts, and the
//   mapping narrowing as an if/else chain on the keys that only one variant has, so ajv reports the errors
//   of the one variant the user meant instead of a oneOf cascade.
// - A non-string scalar is accepted where only a string is allowed (the parser stringifies it); a string
//   is never accepted for a boolean or a number.
// - `x-*` keys are annotations the engine's error mapper reads (ajv ignores them with strict: false).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type TemplateDef = {
  description?: string;
  context?: string[];
  mapping?: { properties?: Record<string, string | { type: string; required?: boolean; description?: string }>; 'loose-key-type'?: string; 'loose-value-type'?: string };
  sequence?: { 'item-type': string };
  string?: { constant?: string; 'require-non-empty'?: boolean; 'ignore-case'?: boolean; 'is-expression'?: boolean };
  boolean?: Record<string, never>;
  number?: Record<string, never>;
  null?: Record<string, never>;
  'one-of'?: string[];
  'allowed-values'?: string[];
};
type Defs = Record<string, TemplateDef>;
type JsonSchema = Record<string, unknown>;

/** Matches a scalar that the parser turns into an expression token. */
export const EXPRESSION_PATTERN = '\\$\\{\\{[\\s\\S]*\\}\\}';

/**
 * A string that reads a context (`${{ matrix.os }}`): where the template schema allows no expression, the
 * parser (and GitHub) reject it with "Unrecognized named-value". Expressions without a context, such as
 * `${{ 'literal' }}`, are legal everywhere and not matched.
 */
export const CONTEXT_EXPRESSION_PATTERN = '\\$\\{\\{[^}]*\\b(github|inputs|vars|secrets|matrix|steps|needs|env|job|jobs|runner|strategy)\\b';

/**
 * Known defects of the upstream schema, patched so valid workflows validate. Each entry says why; the
 * generator fails loudly when an entry no longer applies, so fixed upstream bugs get removed here.
 */
const FIXUPS: { source: string; def: string; why: string; apply(def: TemplateDef): boolean }[] = [
  {
    source: 'workflow-v1.0.min.json',
    def: 'repository-dispatch-string',
    why: "upstream gives `on: repository_dispatch` the constant 'branch_protection_rule', rejecting the string form of a valid event",
    apply: (d) => {
      if (d.string?.constant !== 'branch_protection_rule') return false;
      d.string.constant = 'repository_dispatch';
      return true;
    },
  },
];

/** Human names for mapping variants, used in messages such as "a job that calls a reusable workflow". */
const VARIANT_NAMES: Record<string, string> = {
  'job-factory': 'a job that runs steps',
  'workflow-job': "a job that calls a reusable workflow ('uses')",
  'run-step': "a step that runs a script ('run')",
  'regular-step': "a step that runs an action ('uses')",
  'wait-step': "a 'wait' step",
  'wait-all-step': "a 'wait-all' step",
  'cancel-step': "a 'cancel' step",
  'parallel-step': "a 'parallel' step",
  'uses-step': "a step that runs an action ('uses')",
  'container-runs-strict': 'a Docker action',
  'node-runs-strict': 'a JavaScript action',
  'composite-runs-strict': 'a composite action',
};

/**
 * Which variant wins when a mapping has keys of several: a job with `uses` is a reusable-workflow call
 * (so `runs-on` next to it is the mistake), whatever other keys it has.
 */
const VARIANT_ORDER: Record<string, string[]> = { job: ['workflow-job', 'job-factory'] };

/** Keys named when nothing tells the variants apart (the preview step kinds would only add noise). */
const NEED_ONE_OF: Record<string, string[]> = { job: ['runs-on', 'uses'], 'steps-item': ['run', 'uses'], 'composite-step': ['run', 'uses'] };

/** Discriminators that beat key-based narrowing: `runs.using` names the kind of action. */
const VALUE_DISCRIMINATORS: Record<string, { key: string; cases: { pattern: string; def: string }[] }> = {
  'runs-strict': {
    key: 'using',
    cases: [
      { pattern: '^docker$', def: 'container-runs-strict' },
      { pattern: '^node\\d+$', def: 'node-runs-strict' },
      { pattern: '^composite$', def: 'composite-runs-strict' },
    ],
  },
};

const BUILTINS: Defs = {
  null: { null: {} },
  boolean: { boolean: {} },
  number: { number: {} },
  string: { string: {} },
  sequence: { sequence: { 'item-type': 'any' } },
  mapping: { mapping: { 'loose-key-type': 'string', 'loose-value-type': 'any' } },
  any: { 'one-of': ['null', 'boolean', 'number', 'string', 'sequence', 'mapping'] },
};

type Kind = 'mapping' | 'sequence' | 'string' | 'boolean' | 'number' | 'null' | 'one-of';

function kindOf(def: TemplateDef, name: string): Kind {
  for (const k of ['mapping', 'sequence', 'string', 'boolean', 'number', 'null', 'one-of'] as const) if (def[k] !== undefined) return k;
  if (def['allowed-values']) return 'one-of';
  throw new Error(`definition '${name}' has no type`);
}

class Converter {
  private readonly defs: Defs;
  private readonly out: Record<string, JsonSchema> = {};
  private readonly pending: [string, boolean][] = [];

  constructor(source: Defs, file: string) {
    this.defs = { ...BUILTINS };
    for (const [name, def] of Object.entries(structuredClone(source))) {
      // allowed-values: a one-of over string constants named `<def>-<value>` (template-schema.js).
      if (def['allowed-values']) {
        for (const v of def['allowed-values']) this.defs[`${name}-${v}`] = { string: { constant: v } };
        def['one-of'] = def['allowed-values'].map((v) => `${name}-${v}`);
      }
      this.defs[name] = def;
    }
    for (const fix of FIXUPS.filter((f) => f.source === file)) {
      const def = this.defs[fix.def];
      if (!def || !fix.apply(def)) throw new Error(`fixup for '${fix.def}' no longer applies (${fix.why}): remove it`);
    }
  }

  def(name: string): TemplateDef {
    const d = this.defs[name];
    if (!d) throw new Error(`unknown definition '${name}'`);
    return d;
  }

  /** `$ref` to the variant of `name` reached with (`expr`) or without an inherited expression context. */
  ref(name: string, expr: boolean): JsonSchema {
    const own = !!this.def(name).context?.length;
    const key = expr && !own ? `${name}.expr` : name;
    if (!(key in this.out)) {
      this.out[key] = {};
      this.pending.push([name, expr || own]);
    }
    return { $ref: `#/definitions/${key}` };
  }

  run(root: string): Record<string, JsonSchema> {
    this.ref(root, false);
    while (this.pending.length) {
      const [name, expr] = this.pending.shift()!;
      const own = !!this.def(name).context?.length;
      const key = expr && !own ? `${name}.expr` : name;
      this.out[key] = this.convert(name, expr);
    }
    return Object.fromEntries(Object.keys(this.out).sort().map((k) => [k, this.out[k]]));
  }

  private convert(name: string, expr: boolean): JsonSchema {
    const def = this.def(name);
    const body = this.body(name, expr);
    if (expr) body['x-expr'] = true;
    const types = ([] as unknown[]).concat(body.type ?? []);
    if (!expr && types.includes('string') && body.not === undefined) Object.assign(body, { 'x-no-expr': true, not: { type: 'string', pattern: CONTEXT_EXPRESSION_PATTERN } });
    const schema: JsonSchema = expr ? { if: { type: 'string', pattern: EXPRESSION_PATTERN }, then: true, else: body } : body;
    if (def.description) return { description: def.description, ...schema };
    return schema;
  }

  private body(name: string, expr: boolean): JsonSchema {
    const def = this.def(name);
    const kind = kindOf(def, name);
    if (name === 'any') return {};
    if (kind === 'mapping') return this.mapping([name], expr, name);
    if (kind === 'sequence') return { type: 'array', items: this.ref(def.sequence!['item-type'], expr) };
    if (kind !== 'one-of') return this.scalars([name]);
    // one-of: mapping and sequence members one level deep; scalars expanded through nested one-ofs.
    const mappings: string[] = [];
    let sequence: string | undefined;
    const scalars: string[] = [];
    const expand = (n: string, top: boolean) => {
      const k = kindOf(this.def(n), n);
      if (k === 'one-of') for (const m of this.def(n)['one-of']!) expand(m, false);
      else if (k === 'mapping') top && mappings.push(n);
      else if (k === 'sequence') top && (sequence = n);
      else scalars.push(n);
    };
    for (const m of def['one-of']!) expand(m, true);
    const types = new Set<string>();
    const parts: JsonSchema[] = [];
    if (mappings.length) {
      types.add('object');
      parts.push({ if: { type: 'object' }, then: this.mapping(mappings, expr, name) });
    }
    if (sequence) {
      types.add('array');
      parts.push({ if: { type: 'array' }, then: { items: this.ref(this.def(sequence).sequence!['item-type'], expr) } });
    }
    if (scalars.length) {
      const s = this.scalars(scalars);
      for (const t of s.type as string[]) types.add(t);
      delete s.type;
      if (Object.keys(s).length) parts.push(s);
    }
    const out: JsonSchema = { type: [...types] };
    if (parts.length === 1) Object.assign(out, parts[0]);
    else if (parts.length > 1) out.allOf = parts;
    return out;
  }

  /** Scalar definitions (string/boolean/number/null) accepted at one node. */
  private scalars(names: string[]): JsonSchema {
    const types = new Set<string>();
    const constants: string[] = [];
    let freeString = false;
    let nonEmpty = false;
    for (const n of names) {
      const d = this.def(n);
      if (d.null) types.add('null');
      else if (d.boolean) types.add('boolean');
      else if (d.number) types.add('number');
      else if (d.string) {
        if (d.string['ignore-case']) throw new Error(`'${n}': ignore-case constants are not supported by the generator`);
        if (d.string.constant) constants.push(d.string.constant);
        else {
          freeString = true;
          nonEmpty = !!d.string['require-non-empty'];
        }
      }
    }
    const out: JsonSchema = {};
    if (freeString) {
      // Other scalars are stringified: `name: 42` is the string "42". null becomes "", so it only passes
      // when empty strings do.
      for (const t of ['string', 'number', 'boolean']) types.add(t);
      if (!nonEmpty) types.add('null');
      if (nonEmpty) Object.assign(out, { if: { type: 'string' }, then: { minLength: 1 } });
    } else if (constants.length) {
      types.add('string');
      Object.assign(out, { if: { type: 'string' }, then: { enum: constants } });
    }
    return { type: [...types], ...out };
  }

  /** One or several mapping definitions at one node, narrowed by the keys present. */
  private mapping(unordered: string[], expr: boolean, owner: string): JsonSchema {
    if (unordered.length === 1) return this.mappingBody(unordered[0], expr);
    const order = VARIANT_ORDER[owner] ?? [];
    const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
    const names = [...unordered].sort((a, b) => rank(a) - rank(b) || unordered.indexOf(a) - unordered.indexOf(b));
    const props = names.map((n) => Object.keys(this.def(n).mapping?.properties ?? {}));
    const unique = props.map((ks, i) => ks.filter((k) => props.every((other, j) => j === i || !other.includes(k))));
    const requiredUnique = names.map((n, i) => unique[i].filter((k) => this.property(n, k).required));
    const allKeys = [...new Set(props.flat())];
    const branch = (i: number): JsonSchema => ({ ...this.mappingBody(names[i], expr), 'x-variant': VARIANT_NAMES[names[i]] ?? names[i], 'x-suggest': allKeys });
    const has = (keys: string[]): JsonSchema => (keys.length === 1 ? { required: keys } : { anyOf: keys.map((k) => ({ required: [k] })) });
    // Order of tests: a value discriminator, then each variant's required unique keys, then any unique key.
    const tests: [JsonSchema, number][] = [];
    const vd = VALUE_DISCRIMINATORS[owner];
    if (vd) for (const c of vd.cases) tests.push([{ required: [vd.key], properties: { [vd.key]: { type: 'string', pattern: c.pattern } } }, names.indexOf(c.def)]);
    names.forEach((_, i) => requiredUnique[i].length && tests.push([has(requiredUnique[i]), i]));
    names.forEach((_, i) => unique[i].length && tests.push([has(unique[i]), i]));
    if (tests.some(([, i]) => i < 0)) throw new Error(`discriminator of '${owner}' names a definition it does not contain`);
    // Nothing tells the variants apart: accept only known keys and report the ambiguity once.
    const needed = [...new Set(requiredUnique.flat())];
    const union: Record<string, JsonSchema> = {};
    names.forEach((n) => {
      for (const k of Object.keys(this.def(n).mapping?.properties ?? {})) union[k] ??= this.propertySchema(n, k, expr);
    });
    let chain: JsonSchema = {
      properties: union,
      additionalProperties: false,
      ...(expr ? { patternProperties: { [EXPRESSION_PATTERN]: true } } : {}),
      'x-suggest': allKeys,
      'x-need-one-of': NEED_ONE_OF[owner] ?? (needed.length ? needed : [...new Set(unique.flat())]),
      not: {},
    };
    for (const [cond, i] of tests.reverse()) chain = { if: cond, then: branch(i), else: chain };
    return { type: 'object', ...chain };
  }

  private property(def: string, key: string): { type: string; required?: boolean; description?: string } {
    const p = this.def(def).mapping!.properties![key];
    return typeof p === 'string' ? { type: p } : p;
  }

  private propertySchema(def: string, key: string, expr: boolean): JsonSchema {
    const p = this.property(def, key);
    const r = this.ref(p.type, expr);
    return p.description ? { description: p.description, ...r } : r;
  }

  private mappingBody(name: string, expr: boolean): JsonSchema {
    const m = this.def(name).mapping ?? {};
    const keys = Object.keys(m.properties ?? {});
    const out: JsonSchema = { type: 'object' };
    if (keys.length) out.properties = Object.fromEntries(keys.map((k) => [k, this.propertySchema(name, k, expr)]));
    const required = keys.filter((k) => this.property(name, k).required);
    if (required.length) out.required = required;
    // Keys that are expressions are accepted where expressions are (the value is then read as `any`).
    if (expr) out.patternProperties = { [EXPRESSION_PATTERN]: true };
    if (m['loose-key-type']) {
      const keyDef = this.def(m['loose-key-type']);
      if (keyDef.string?.['require-non-empty']) out.propertyNames = { minLength: 1 };
      out.additionalProperties = this.ref(m['loose-value-type']!, expr);
    } else {
      out.additionalProperties = false;
    }
    return out;
  }
}

export interface GeneratedSchema {
  file: string;
  json: string;
}

function packageDir(): string {
  // The package's `exports` hide package.json and dist/*.json, so look it up the way Node searches.
  const require = createRequire(import.meta.url);
  for (const base of require.resolve.paths('@actions/workflow-parser') ?? []) {
    const dir = join(base, '@actions', 'workflow-parser');
    if (readFileSyncSafe(join(dir, 'package.json'))) return dir;
  }
  throw new Error('@actions/workflow-parser is not installed: run npm install');
}

function readFileSyncSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function build(id: string, title: string, source: string, root: string, version: string): string {
  const template = JSON.parse(readFileSync(join(packageDir(), 'dist', source), 'utf8')) as { definitions: Defs };
  const definitions = new Converter(template.definitions, source).run(root);
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://flowguard.dev/schemas/${id}.json`,
    title,
    $comment: `Generated by scripts/gen-github-schemas.ts from @actions/workflow-parser ${version} dist/${source} (MIT, github.com/actions/languageservices); root '${root}'. Do not edit: run npm run gen:schemas.`,
    $ref: `#/definitions/${root}`,
    definitions,
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

/** The generated schemas as text, in memory (the test compares them with the committed files). */
export function generate(): GeneratedSchema[] {
  const version = (JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as { version: string }).version;
  return [
    { file: 'schemas/github-workflow.json', json: build('github-workflow', 'GitHub Actions workflow', 'workflow-v1.0.min.json', 'workflow-root-strict', version) },
    { file: 'schemas/github-action.json', json: build('github-action', 'GitHub Actions action metadata (action.yml)', 'action-v1.0.min.json', 'action-root-strict', version) },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const s of generate()) {
    const path = join(root, s.file);
    if (check) {
      if (readFileSyncSafe(path) !== s.json) {
        console.error(`${s.file} is stale: run npm run gen:schemas`);
        stale++;
      }
    } else {
      writeFileSync(path, s.json);
      console.log(`wrote ${s.file} (${s.json.length} bytes)`);
    }
  }
  process.exit(stale ? 1 : 0);
}
