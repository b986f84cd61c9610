// Validating flows against a Kestra JSON Schema: the bundled offline one (schemas/kestra-flow.json) or
// the one a Kestra server generates from its installed plugins (`GET /api/v1/plugins/schemas/flow`,
// passed in as text by the editor; the engine never fetches it).
//
// Kestra's generated schema needs care with ajv (see ../shared/reference/kestra-and-gitlab.md, A3, C):
// non-standard keywords (`$dynamic`, `$beta`, `markdownDescription`...) -> `strict: false`; the
// `.*{{.*}}.*` pattern -> `unicodeRegExp: false`; Java full-match `@Pattern`s -> re-anchored here;
// and the giant `oneOf` over every plugin type -> replaced by a dispatch on `type` that compiles
// each type's sub-schema lazily, the first time a flow uses it (better errors, far less work).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import bundled from '../../../../schemas/kestra-flow.json' with { type: 'json' };
import { ALIASES, canonicalType } from './types.js';

export interface SchemaProblem {
  /** JSON pointer of the offending value. */
  pointer: string;
  /** For unknown / missing properties: the property name. */
  property?: string;
  keyword: string;
  message: string;
}

const DISPATCH = 'x-kestra-dispatch';
const MESSAGE = 'x-flowguard-message';
const REAL_PATH = 'x-schema-path';
const realPath = (e: ErrorObject): string => ((e as unknown as Json)[REAL_PATH] as string | undefined) ?? e.schemaPath;

interface Dispatch {
  /** lower-cased type name -> `#/definitions/...` */
  map: Record<string, string>;
  /** lower-cased type name -> the name the definition's `type` accepts (aliases and case resolved). */
  names: Record<string, string>;
  fallback?: string;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function refTarget(root: Json, ref: unknown): Json | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let cur: unknown = root;
  for (const seg of ref.slice(2).split('/')) {
    const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return isObj(cur) ? cur : undefined;
}

/** The type names a definition is selected by: `properties.type.const` / `.enum`, following one `allOf`/`$ref` level. */
function typeNames(root: Json, def: Json | undefined, depth = 0): string[] {
  if (!def || depth > 4) return [];
  const t = isObj(def.properties) ? def.properties.type : undefined;
  if (isObj(t)) {
    if (typeof t.const === 'string') return [t.const];
    if (Array.isArray(t.enum) && t.enum.every((x) => typeof x === 'string') && t.enum.length) return t.enum as string[];
  }
  if (typeof def.$ref === 'string') return typeNames(root, refTarget(root, def.$ref), depth + 1);
  // Generated schemas may split a plugin into allOf: [base, {properties: {type: {const}}}].
  if (Array.isArray(def.allOf)) for (const part of def.allOf) {
    const names = isObj(part) ? typeNames(root, part, depth + 1) : [];
    if (names.length) return names;
  }
  return [];
}

/**
 * Rewrites the schema in place for ajv: anchors Java patterns and turns every `oneOf`/`anyOf` of
 * `$ref`s discriminated by `type` into a lazy dispatch.
 */
function prepare(root: Json, anchor: boolean): void {
  const seen = new Set<unknown>();
  const visit = (node: unknown) => {
    if (!isObj(node) && !Array.isArray(node)) return;
    if (seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (anchor && typeof node.pattern === 'string' && node.pattern.startsWith('^') && !node.pattern.endsWith('$')) node.pattern = `${node.pattern}$`;
    for (const key of ['oneOf', 'anyOf']) {
      const branches = node[key];
      if (!Array.isArray(branches) || branches.length < 2 || !branches.every((b) => isObj(b) && typeof b.$ref === 'string')) continue;
      const map: Record<string, string> = {};
      const canonical: Record<string, string> = {};
      const untyped: string[] = [];
      for (const b of branches as { $ref: string }[]) {
        const names = typeNames(root, refTarget(root, b.$ref));
        if (!names.length) untyped.push(b.$ref);
        for (const n of names) {
          map[n.toLowerCase()] ??= b.$ref;
          canonical[n.toLowerCase()] ??= n;
        }
      }
      if (Object.keys(map).length < 2 || untyped.length > 1) continue;
      // Deprecated aliases select the definition of their current name, as Kestra resolves them.
      for (const [alias, current] of ALIASES) {
        const c = current.toLowerCase();
        if (map[c] && !map[alias.toLowerCase()]) {
          map[alias.toLowerCase()] = map[c];
          canonical[alias.toLowerCase()] = canonical[c];
        }
      }
      const dispatch: Dispatch = { map, names: canonical, fallback: untyped[0] };
      delete node[key];
      node[DISPATCH] = dispatch;
    }
    for (const v of Object.values(node)) visit(v);
  };
  visit(root);
}

const ISO_DURATION = /^P(?!$)(\d+(?:[.,]\d+)?Y)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?W)?(\d+(?:[.,]\d+)?D)?(T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/i;

/** A RegExp constructor that never throws: a pattern JavaScript cannot compile matches everything. */
const safeRegExp = Object.assign(
  (pattern: string, flags: string) => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      return /(?:)/;
    }
  },
  { code: 'new RegExp' },
);

export class KestraSchema {
  private readonly ajv: Ajv;
  private readonly key: string;
  private readonly cache = new Map<string, ValidateFunction | undefined>();
  private readonly root: ValidateFunction;
  /** Type names the schema knows (lower-cased), aliases included. */
  readonly knownTypes = new Set<string>();
  private readonly definitions: Json;
  /** Instance paths of `$deprecated` properties seen by the current validation (prefixed by dispatch). */
  private deprecatedAt: string[] = [];
  /** Full instance path of each dispatched sub-validation in progress (sub-validators see relative paths). */
  private readonly bases: string[] = [];

  constructor(schema: Json, readonly origin: 'bundled' | 'instance') {
    const copy = JSON.parse(JSON.stringify(schema)) as Json;
    delete copy.$id;
    delete copy.$schema;
    // The bundled schema is written anchored; a server's carries Java patterns that need anchoring.
    prepare(copy, origin === 'instance');
    this.definitions = isObj(copy.definitions) ? copy.definitions : {};
    this.key = `kestra-${origin}`;
    this.ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, coerceTypes: true, logger: false, verbose: true, code: { regExp: safeRegExp } });
    for (const f of ['date-time', 'date', 'time', 'partial-time', 'uri', 'uri-reference', 'email', 'regex', 'uuid', 'hostname', 'ipv4', 'ipv6']) this.ajv.addFormat(f, true);
    this.ajv.addFormat('duration', (s: string) => ISO_DURATION.test(s) || s.includes('{{'));
    const self = this;
    const dispatchValidate = function validate(sch: Dispatch, data: unknown, _parent?: unknown, cxt?: { instancePath: string }): boolean {
      const base = cxt?.instancePath ?? '';
      const errs: Partial<ErrorObject>[] = [];
      (validate as unknown as { errors: Partial<ErrorObject>[] }).errors = errs;
      if (!isObj(data)) return true; // `type: object` and friends report the shape
      const t = data.type;
      let ref: string | undefined;
      let subject: Json = data;
      if (typeof t === 'string') {
        const key = sch.map[t.toLowerCase()] ? t.toLowerCase() : canonicalType(t).toLowerCase();
        ref = sch.map[key];
        // An alias or another spelling: validate as the name the definition accepts (Kestra resolves it so).
        if (ref && sch.names[key] && sch.names[key] !== t) subject = { ...data, type: sch.names[key] };
      }
      if (!ref) {
        if (sch.fallback) ref = sch.fallback;
        else if (typeof t === 'string') {
          errs.push({ instancePath: `${base}/type`, keyword: 'x-kestra-unknown-type', params: { type: t }, message: `unknown type '${t}': no plugin of that name is installed on the Kestra server` });
          return false;
        } else {
          errs.push({ instancePath: base, keyword: 'required', params: { missingProperty: 'type' }, message: "must have required property 'type'" });
          return false;
        }
      }
      const v = self.subValidator(ref);
      if (!v) return true;
      self.bases.push((self.bases.at(-1) ?? '') + base);
      let ok: boolean;
      try {
        ok = v(subject) as boolean;
      } finally {
        self.bases.pop();
      }
      if (ok) return true;
      // ajv rewrites `schemaPath` of a keyword's errors; keep the real one for summarise().
      for (const e of v.errors ?? []) errs.push({ ...e, instancePath: base + e.instancePath, [REAL_PATH]: realPath(e) } as Partial<ErrorObject>);
      return false;
    };
    this.ajv.addKeyword({ keyword: DISPATCH, schemaType: 'object', errors: true, validate: dispatchValidate as never });
    this.ajv.addKeyword({ keyword: MESSAGE, schemaType: 'string' });
    // Kestra's generator annotations: declared so they are known keywords, not silently-ignored typos.
    for (const keyword of ['$dynamic', '$beta', '$examples', '$metrics', '$required', '$internalStorageURI', 'markdownDescription', '$group', '$pluginGroup']) this.ajv.addKeyword({ keyword });
    // `$deprecated: true` on a property the flow uses: recorded, reported as a warning.
    this.ajv.addKeyword({
      keyword: '$deprecated',
      errors: false,
      validate: ((sch: unknown, _data: unknown, _parent: unknown, cxt?: { instancePath: string }) => {
        if (sch === true || sch === 'true') self.deprecatedAt.push((self.bases.at(-1) ?? '') + (cxt?.instancePath ?? ''));
        return true;
      }) as never,
    });
    this.ajv.addSchema(copy, this.key);
    this.root = this.ajv.getSchema(this.key)!;
    const collect = (n: unknown) => {
      if (Array.isArray(n)) n.forEach(collect);
      else if (isObj(n)) {
        if (isObj(n[DISPATCH])) for (const k of Object.keys((n[DISPATCH] as unknown as Dispatch).map)) this.knownTypes.add(k);
        Object.values(n).forEach(collect);
      }
    };
    collect(copy);
  }

  private subValidator(ref: string): ValidateFunction | undefined {
    if (!this.cache.has(ref)) {
      let v: ValidateFunction | undefined;
      try {
        v = this.ajv.getSchema(this.key + ref);
      } catch {
        v = undefined; // a sub-schema ajv cannot compile is skipped, never fatal
      }
      this.cache.set(ref, v);
    }
    return this.cache.get(ref);
  }

  /** The closed property set of a type (its `propertyNames` enum), when the schema declares one. */
  propertyNames(type: string): Set<string> | undefined {
    const def = this.definitions[canonicalType(type)];
    const names = isObj(def) && isObj(def.propertyNames) ? def.propertyNames.enum : undefined;
    return Array.isArray(names) ? new Set(names as string[]) : undefined;
  }

  /** True when the schema knows this type (or its current name). */
  knows(type: string): boolean {
    return this.knownTypes.has(type.toLowerCase()) || this.knownTypes.has(canonicalType(type).toLowerCase());
  }

  validate(value: unknown): SchemaProblem[] {
    this.deprecatedAt = [];
    const ok = this.root(value);
    const problems = ok ? [] : summarise(this.root.errors ?? []);
    for (const pointer of new Set(this.deprecatedAt)) problems.push({ pointer, keyword: 'deprecated', message: 'deprecated in this Kestra version' });
    return problems;
  }
}

/** One problem per mistake: combinator noise removed, custom messages applied. */
function summarise(errors: ErrorObject[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  // Branch errors of a failed anyOf/oneOf are folded into the combinator's own error.
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inBranch = (e: ErrorObject) => combinators.some((c) => c !== e && realPath(e).startsWith(realPath(c) + '/') && e.instancePath.startsWith(c.instancePath));
  for (const e of errors) {
    if (e.keyword === 'if' || inBranch(e)) continue;
    if (realPath(e).includes('/propertyNames/')) continue; // the name's own error; propertyNames reports it
    const custom = (e.parentSchema as Json | undefined)?.[MESSAGE];
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const branches = errors.filter((b) => b !== e && realPath(b).startsWith(realPath(e) + '/') && b.instancePath === e.instancePath);
      const required = branches.filter((b) => b.keyword === 'required').map((b) => (b.params as { missingProperty: string }).missingProperty);
      const expected = [...new Set(branches.flatMap((b) => (b.keyword === 'type' ? [String((b.params as { type: string }).type)] : b.keyword === 'enum' ? [`one of ${((b.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`] : b.keyword === 'pattern' && /\{\\\{/.test(String((b.params as { pattern: string }).pattern)) ? ['a {{ expression }}'] : [])))];
      let message = typeof custom === 'string' ? custom : expected.length ? `must be ${expected.join(' or ')}` : required.length ? `must have one of the properties ${required.map((r) => `'${r}'`).join(', ')}` : 'does not match any allowed form';
      out.push({ pointer: e.instancePath, keyword: e.keyword, message });
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      out.push({ pointer: e.instancePath, property: prop, keyword: e.keyword, message: `unknown property '${prop}'` });
    } else if (e.keyword === 'propertyNames') {
      const prop = (e.params as { propertyName: string }).propertyName;
      out.push({ pointer: e.instancePath, property: prop, keyword: 'additionalProperties', message: `unknown property '${prop}'` });
    } else if (e.keyword === 'required') {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      out.push({ pointer: e.instancePath, property: prop, keyword: e.keyword, message: `missing required property '${prop}'` });
    } else if (e.keyword === 'enum') {
      out.push({ pointer: e.instancePath, keyword: e.keyword, message: typeof custom === 'string' ? custom : `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}` });
    } else if ((e.keyword === 'minItems' || e.keyword === 'minProperties') && (e.params as { limit: number }).limit === 1) {
      out.push({ pointer: e.instancePath, keyword: e.keyword, message: typeof custom === 'string' ? custom : 'must not be empty' });
    } else {
      out.push({ pointer: e.instancePath, keyword: e.keyword, message: typeof custom === 'string' ? custom : (e.message ?? 'invalid') });
    }
  }
  // An empty id breaks both minLength and pattern: say it once.
  const tooShort = new Set(out.filter((p) => p.keyword === 'minLength').map((p) => p.pointer));
  for (const p of out) if (p.keyword === 'minLength') p.message = 'must not be empty';
  const seen = new Set<string>();
  return out.filter((p) => {
    if (p.keyword === 'pattern' && tooShort.has(p.pointer)) return false;
    const k = `${p.pointer}|${p.property ?? ''}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

let bundledSchema: KestraSchema | undefined;
export function getBundledSchema(): KestraSchema {
  return (bundledSchema ??= new KestraSchema(bundled as Json, 'bundled'));
}

let instance: { text: string; schema?: KestraSchema; error?: string } | undefined;
/** The schema of a Kestra server from its JSON text (compiled once per distinct text). */
export function getInstanceSchema(text: string): { schema?: KestraSchema; error?: string } {
  if (instance?.text !== text) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (!isObj(parsed)) throw new Error('the schema is not a JSON object');
      instance = { text, schema: new KestraSchema(parsed, 'instance') };
    } catch (e) {
      instance = { text, error: e instanceof Error ? e.message : String(e) };
    }
  }
  return instance;
}
