// Typed model of GitHub Actions documents over the YAML AST: workflow -> jobs -> steps, action
// metadata (composite steps). Nodes are kept so rules can report exact spans and build fixes.
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { expressionsIn, firstExpressionAt, parseBareExpressionIn, type Expression } from '../expressions/github.js';
import { asMap, asSeq, get, getPair, isMergeKey, items, keySpan, keyString, pairs, resolve, scalarString, spanOf } from '../yaml/nodes.js';

export interface ScalarField {
  value: string;
  node: Node;
  span: Span;
}

export interface Trigger {
  name: string;
  span: Span;
  node?: Node;
}

export type PermissionLevel = 'read' | 'write' | 'none';

export interface PermissionEntry {
  scope: string;
  level: string;
  pair: Pair<unknown, unknown>;
  keySpan: Span;
  valueSpan: Span;
}

export interface PermissionsBlock {
  pair: Pair<unknown, unknown>;
  /** The `permissions` key. */
  keySpan: Span;
  /** The value node (scalar or mapping). */
  node?: Node;
  span: Span;
  shape: 'read-all' | 'write-all' | 'map' | 'empty' | 'invalid';
  entries: PermissionEntry[];
}

export interface UsesRef {
  raw: string;
  kind: 'local' | 'docker' | 'repository' | 'invalid';
  owner?: string;
  repo?: string;
  /** Sub-path inside the repository, for actions and reusable workflows. */
  path?: string;
  ref?: string;
  /** `owner/repo[/path]` lower-cased, for knowledge-base lookups. */
  slug?: string;
  isShaPinned: boolean;
  /** For docker://: image reference. */
  image?: string;
}

export interface Step {
  index: number;
  node: YAMLMap<unknown, unknown>;
  span: Span;
  id?: ScalarField;
  name?: ScalarField;
  uses?: ScalarField & { ref: UsesRef };
  run?: ScalarField;
  shell?: ScalarField;
  if?: ScalarField;
  /** `with:` mapping node. */
  with?: Node;
  env?: Node;
  workingDirectory?: ScalarField;
  job?: Job;
}

export interface Job {
  id: string;
  idSpan: Span;
  pair: Pair<unknown, unknown>;
  node: YAMLMap<unknown, unknown>;
  span: Span;
  name?: ScalarField;
  runsOn?: Node;
  permissions?: PermissionsBlock;
  /** Reusable workflow call. */
  uses?: ScalarField & { ref: UsesRef };
  with?: Node;
  secrets?: Node;
  steps: Step[];
  stepsNode?: Node;
  container?: Node;
  services?: Node;
  env?: Node;
  if?: ScalarField;
  environment?: Node;
  strategy?: Node;
  needs: string[];
  concurrency?: Node;
  outputs?: Node;
}

export interface Workflow {
  doc: YamlDocument;
  root: YAMLMap<unknown, unknown>;
  name?: ScalarField;
  onPair?: Pair<unknown, unknown>;
  triggers: Trigger[];
  permissions?: PermissionsBlock;
  env?: Node;
  concurrency?: Node;
  defaults?: Node;
  jobsPair?: Pair<unknown, unknown>;
  jobs: Job[];
}

export interface ActionMetadata {
  doc: YamlDocument;
  root: YAMLMap<unknown, unknown>;
  name?: ScalarField;
  inputs?: Node;
  runs?: Node;
  using?: ScalarField;
  /** Composite action steps. */
  steps: Step[];
  /** Docker action image. */
  image?: ScalarField;
}

const FULL_SHA = /^[0-9a-f]{40}$/i;

export function parseUses(raw: string): UsesRef {
  const value = raw.trim();
  if (value.startsWith('./') || value.startsWith('../') || value === '.') return { raw, kind: 'local', path: value, isShaPinned: false };
  if (value.startsWith('docker://')) {
    const image = value.slice('docker://'.length);
    return { raw, kind: 'docker', image, isShaPinned: /@sha256:[0-9a-f]{64}$/i.test(image) };
  }
  const at = value.lastIndexOf('@');
  const target = at > 0 ? value.slice(0, at) : value;
  const ref = at > 0 ? value.slice(at + 1) : undefined;
  const parts = target.split('/');
  if (parts.length < 2 || !parts[0] || !parts[1]) return { raw, kind: 'invalid', isShaPinned: false, ref };
  const [owner, repo, ...rest] = parts;
  const path = rest.length ? rest.join('/') : undefined;
  return {
    raw,
    kind: 'repository',
    owner,
    repo,
    path,
    ref,
    slug: target.toLowerCase(),
    isShaPinned: ref !== undefined && FULL_SHA.test(ref),
  };
}

function scalarField(node: unknown, doc: YamlDocument): ScalarField | undefined {
  const n = resolve(node, doc);
  const value = scalarString(n, doc);
  const span = spanOf(node) ?? spanOf(n);
  if (value === undefined || !n || !span) return undefined;
  return { value, node: n, span };
}

function field(map: unknown, key: string, doc: YamlDocument): ScalarField | undefined {
  return scalarField(get(map, key, doc), doc);
}

function usesOfField(f: ScalarField | undefined): (ScalarField & { ref: UsesRef }) | undefined {
  return f ? { value: f.value, node: f.node, span: f.span, ref: parseUses(f.value) } : undefined;
}

/** Keys a model reads, each with its slot in the array `firstPairs` returns. */
class KeySlots<K extends string> {
  readonly slot = new Map<string, number>();
  constructor(readonly keys: readonly K[]) {
    keys.forEach((k, i) => this.slot.set(k, i));
  }
}

/**
 * The first pair of each of `keys.keys` in a mapping (what `getPair` finds for each), from one pass: a model
 * reads a dozen keys of every job and step, and `getPair` walks (and copies) the mapping each time.
 */
function firstPairs<K extends string>(map: YAMLMap<unknown, unknown>, doc: YamlDocument, keys: KeySlots<K>): (Pair<unknown, unknown> | undefined)[] {
  const out: (Pair<unknown, unknown> | undefined)[] = new Array(keys.keys.length).fill(undefined);
  const ps = hasMergePair(map) ? pairs(map, doc) : map.items;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    if (!isPair(p)) continue;
    const k = keyString(p, doc);
    const at = k === undefined ? undefined : keys.slot.get(k);
    if (at !== undefined && out[at] === undefined) out[at] = p;
  }
  return out;
}

/** `get()` of a pair found by `firstPairs()`. */
function valueOf(pair: Pair<unknown, unknown> | undefined): Node | undefined {
  const v = pair?.value;
  return v == null ? undefined : (v as Node);
}

const STEP_KEYS = new KeySlots(['id', 'name', 'uses', 'run', 'shell', 'if', 'with', 'env', 'working-directory'] as const);
const JOB_KEYS = new KeySlots(['needs', 'name', 'runs-on', 'permissions', 'uses', 'with', 'secrets', 'steps', 'container', 'services', 'env', 'if', 'environment', 'strategy', 'concurrency', 'outputs'] as const);

export function readPermissions(map: unknown, doc: YamlDocument): PermissionsBlock | undefined {
  return permissionsOf(getPair(map, 'permissions', doc), doc);
}

function permissionsOf(pair: Pair<unknown, unknown> | undefined, doc: YamlDocument): PermissionsBlock | undefined {
  if (!pair) return undefined;
  const ks = keySpan(pair);
  if (!ks) return undefined;
  const node = resolve(pair.value, doc);
  const valueSpan = spanOf(pair.value);
  const span = valueSpan ? { start: ks.start, end: valueSpan.end } : ks;
  const block: PermissionsBlock = { pair, keySpan: ks, node, span, shape: 'invalid', entries: [] };
  const s = scalarString(node, doc);
  if (s === 'read-all' || s === 'write-all') block.shape = s;
  else if (isMap(node)) {
    for (const p of pairs(node, doc)) {
      const scope = keyString(p, doc);
      const pk = keySpan(p);
      if (!scope || !pk) continue;
      block.entries.push({ scope, level: scalarString(p.value, doc) ?? '', pair: p, keySpan: pk, valueSpan: spanOf(p.value) ?? pk });
    }
    block.shape = block.entries.length ? 'map' : 'empty';
  } else if (node == null || (s === undefined && !isMap(node))) {
    // `permissions:` with no value is null: GitHub rejects it; `{}` parses as an empty map above.
    block.shape = 'invalid';
  }
  return block;
}

function readSteps(stepsNode: unknown, doc: YamlDocument, job?: Job): Step[] {
  const steps: Step[] = [];
  items(stepsNode, doc).forEach((raw, index) => {
    const node = asMap(raw, doc);
    const span = spanOf(raw);
    if (!node || !span) return;
    const [id, name, uses, run, shell, if_, with_, env, workingDirectory] = firstPairs(node, doc, STEP_KEYS);
    steps.push({
      index,
      node,
      span,
      id: scalarField(valueOf(id), doc),
      name: scalarField(valueOf(name), doc),
      uses: usesOfField(scalarField(valueOf(uses), doc)),
      run: scalarField(valueOf(run), doc),
      shell: scalarField(valueOf(shell), doc),
      if: scalarField(valueOf(if_), doc),
      with: valueOf(with_),
      env: valueOf(env),
      workingDirectory: scalarField(valueOf(workingDirectory), doc),
      job,
    });
  });
  return steps;
}

function readTriggers(onNode: unknown, doc: YamlDocument): Trigger[] {
  const n = resolve(onNode, doc);
  const s = scalarString(n, doc);
  const span = spanOf(onNode);
  if (s !== undefined && span) return [{ name: s, span }];
  const seq = asSeq(n, doc);
  if (seq) return items(seq, doc).flatMap((it) => {
    const name = scalarString(it, doc);
    const sp = spanOf(it);
    return name && sp ? [{ name, span: sp }] : [];
  });
  return pairs(n, doc).flatMap((p) => {
    const name = keyString(p, doc);
    const sp = keySpan(p);
    return name && sp ? [{ name, span: sp, node: (p.value ?? undefined) as Node | undefined }] : [];
  });
}

export function buildWorkflow(doc: YamlDocument): Workflow | undefined {
  const root = asMap(doc.contents, doc);
  if (!root) return undefined;
  // `on` may be parsed as the key "on" (YAML 1.2) or, under YAML 1.1 schemas, as boolean true.
  const onPair = getPair(root, 'on', doc) ?? getPair(root, 'true', doc);
  const jobsPair = getPair(root, 'jobs', doc);
  const wf: Workflow = {
    doc,
    root,
    name: field(root, 'name', doc),
    onPair,
    triggers: onPair ? readTriggers(onPair.value, doc) : [],
    permissions: readPermissions(root, doc),
    env: get(root, 'env', doc),
    concurrency: get(root, 'concurrency', doc),
    defaults: get(root, 'defaults', doc),
    jobsPair,
    jobs: [],
  };
  for (const p of pairs(jobsPair?.value, doc)) {
    const id = keyString(p, doc);
    const idSpan = keySpan(p);
    const node = asMap(p.value, doc);
    const span = spanOf(p.value);
    if (!id || !idSpan || !node || !span) continue;
    const [needsPair, name, runsOn, permissions, uses, with_, secrets, steps, container, services, env, if_, environment, strategy, concurrency, outputs] = firstPairs(node, doc, JOB_KEYS);
    const needsNode = valueOf(needsPair);
    const needs = scalarString(needsNode, doc) !== undefined ? [scalarString(needsNode, doc)!] : items(needsNode, doc).map((n) => scalarString(n, doc)).filter((x): x is string => !!x);
    const job: Job = {
      id,
      idSpan,
      pair: p,
      node,
      span,
      name: scalarField(valueOf(name), doc),
      runsOn: valueOf(runsOn),
      permissions: permissionsOf(permissions, doc),
      uses: usesOfField(scalarField(valueOf(uses), doc)),
      with: valueOf(with_),
      secrets: valueOf(secrets),
      steps: [],
      stepsNode: valueOf(steps),
      container: valueOf(container),
      services: valueOf(services),
      env: valueOf(env),
      if: scalarField(valueOf(if_), doc),
      environment: valueOf(environment),
      strategy: valueOf(strategy),
      needs,
      concurrency: valueOf(concurrency),
      outputs: valueOf(outputs),
    };
    job.steps = readSteps(job.stepsNode, doc, job);
    wf.jobs.push(job);
  }
  return wf;
}

export function buildAction(doc: YamlDocument): ActionMetadata | undefined {
  const root = asMap(doc.contents, doc);
  if (!root) return undefined;
  const runs = get(root, 'runs', doc);
  return {
    doc,
    root,
    name: field(root, 'name', doc),
    inputs: get(root, 'inputs', doc),
    runs,
    using: field(runs, 'using', doc),
    steps: readSteps(get(runs, 'steps', doc), doc),
    image: field(runs, 'image', doc),
  };
}

export function hasTrigger(wf: Workflow, ...names: string[]): boolean {
  return wf.triggers.some((t) => names.includes(t.name));
}

/** String value of `with.<key>` on a step, or undefined. */
export function withValue(step: Step, key: string, doc: YamlDocument): ScalarField | undefined {
  return field(step.with, key, doc);
}

/** Every step of a workflow (all jobs) or of a composite action. */
export function stepsOf(model: Workflow | ActionMetadata): Step[] {
  if (!('jobs' in model)) return model.steps;
  // Asked by most rules for every document: one shared array per workflow (models are never mutated).
  let steps = allSteps.get(model);
  if (!steps) allSteps.set(model, (steps = model.jobs.flatMap((j) => j.steps)));
  return steps;
}
const allSteps = new WeakMap<Workflow, Step[]>();

/** A human label for a step: its name, id, `uses:` or first line of `run:`. */
export function stepLabel(step: Step): string {
  const label = step.name?.value ?? step.id?.value ?? step.uses?.value ?? step.run?.value.split('\n')[0] ?? `step ${step.index + 1}`;
  return label.length > 60 ? label.slice(0, 57) + '...' : label;
}

export interface LocatedExpression {
  expr: Expression;
  /** Keys/indexes from the document root to the scalar holding the expression. */
  path: (string | number)[];
}

/**
 * Every scalar of a document in walk order, in parallel arrays (no object per node): `walk()` of
 * yaml/nodes.ts with a 200,000-node budget, aliases followed and merge keys applied, so a scalar reached
 * through several aliases is listed once per path. Shared by the rules that read every value (credentials,
 * expressions): one walk per document.
 */
export class DocumentScalars {
  /** The scalars. */
  readonly nodes: Scalar[] = [];
  /** The pair each scalar is the value of (undefined for sequence items and the root). */
  readonly parents: (Pair<unknown, unknown> | undefined)[] = [];
  /** Each scalar's place: an index into the key chain (-1 for the root). */
  readonly places: number[] = [];
  /** The key chain: the key or index of a node in its parent, and the place of that parent (-1 at the top). */
  readonly chainKeys: (string | number)[] = [];
  readonly chainUp: number[] = [];

  /** The key or index of scalar `i` in its parent (undefined for the root). */
  key(i: number): string | number | undefined {
    const at = this.places[i];
    return at < 0 ? undefined : this.chainKeys[at];
  }

  /** Keys/indexes from the document root to scalar `i`. */
  path(i: number): (string | number)[] {
    const path: (string | number)[] = [];
    for (let at = this.places[i]; at >= 0; at = this.chainUp[at]) path.push(this.chainKeys[at]);
    return path.reverse();
  }
}

const scalarCache = new WeakMap<YamlDocument, DocumentScalars>();

export function documentScalars(doc: YamlDocument): DocumentScalars {
  const cached = scalarCache.get(doc);
  if (cached) return cached;
  const out = new DocumentScalars();
  const { nodes, parents, places, chainKeys, chainUp } = out;
  // walk()'s traversal and budget, without a path array per node.
  let remaining = 200_000;
  const rec = (raw: unknown, place: number, parent: Pair<unknown, unknown> | undefined, depth: number) => {
    if (remaining-- <= 0) return;
    if (depth > 500) return;
    const node = isAlias(raw) || raw == null ? resolve(raw, doc) : (raw as Node);
    if (!node) return;
    if (isScalar(node)) {
      nodes.push(node);
      parents.push(parent);
      places.push(place);
      return;
    }
    if (isMap(node)) {
      const ps = hasMergePair(node) ? pairs(node, doc) : node.items;
      for (let i = 0; i < ps.length; i++) {
        const p = ps[i];
        if (!isPair(p)) continue;
        const k = p.key;
        chainKeys.push(isScalar(k) && typeof k.value === 'string' ? k.value : keyString(p, doc) ?? '?');
        chainUp.push(place);
        rec(p.value, chainKeys.length - 1, p, depth + 1);
      }
    } else if (isSeq(node)) {
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        chainKeys.push(i);
        chainUp.push(place);
        rec(items[i], chainKeys.length - 1, undefined, depth + 1);
      }
    }
  };
  rec(doc.contents, -1, undefined, 0);
  scalarCache.set(doc, out);
  return out;
}

function hasMergePair(map: YAMLMap<unknown, unknown>): boolean {
  for (const item of map.items) if (isPair(item) && isMergeKey(item.key) && (isAlias(item.value) || isSeq(item.value) || isMap(item.value))) return true;
  return false;
}

/**
 * Every `${{ }}` expression in a document, plus the bare expressions of `if:` keys, each once (anchored
 * values reached through several aliases are reported at their one source location).
 */
const expressionCache = new WeakMap<YamlDocument, LocatedExpression[]>();

/** A LocatedExpression whose path is built when read (few rules read it). */
class Located implements LocatedExpression {
  #path: (string | number)[] | undefined;

  constructor(
    readonly expr: Expression,
    private readonly scalars: DocumentScalars,
    private readonly index: number,
  ) {}

  get path(): (string | number)[] {
    return (this.#path ??= this.scalars.path(this.index));
  }
}

export function documentExpressions(doc: YamlDocument, text: string): LocatedExpression[] {
  // Several rules read the same list: computed once per parsed document (documents are never mutated).
  const cached = expressionCache.get(doc);
  if (cached) return cached;
  const out: LocatedExpression[] = [];
  const seen = new Set<number>();
  const scalars = documentScalars(doc);
  for (let i = 0; i < scalars.nodes.length; i++) {
    const node = scalars.nodes[i];
    if (!node.range || seen.has(node.range[0])) continue;
    seen.add(node.range[0]);
    const [start, end] = node.range;
    if (firstExpressionAt(text, start, end - 2) >= 0) {
      for (const expr of expressionsIn(text, start, end)) out.push(new Located(expr, scalars, i));
    } else if (scalars.key(i) === 'if' && typeof node.value === 'string' && node.value.trim()) {
      // Bare `if:` conditions: quoted scalars start after the quote.
      const q = text[start] === '"' || text[start] === "'" ? 1 : 0;
      out.push(new Located(parseBareExpressionIn(text, start + q, end - q), scalars, i));
    }
  }
  expressionCache.set(doc, out);
  return out;
}

/** Every remote or local `uses:` of a workflow (steps and reusable-workflow jobs) or of a composite action. */
export function usesOf(model: Workflow | ActionMetadata): (ScalarField & { ref: UsesRef })[] {
  // Ten rules ask for every document: one shared array per model (models are never mutated).
  let uses = allUses.get(model);
  if (uses) return uses;
  uses = [];
  for (const s of stepsOf(model)) if (s.uses) uses.push(s.uses);
  if ('jobs' in model) for (const j of model.jobs) if (j.uses) uses.push(j.uses);
  allUses.set(model, uses);
  return uses;
}
const allUses = new WeakMap<Workflow | ActionMetadata, (ScalarField & { ref: UsesRef })[]>();

/** The `uses:` of a model that pin a repository action or workflow to a full commit SHA. */
export function shaPins(model: Workflow | ActionMetadata): { uses: ScalarField & { ref: UsesRef }; owner: string; repo: string; sha: string }[] {
  return usesOf(model).flatMap((u) => {
    const r = u.ref;
    return r.kind === 'repository' && r.isShaPinned && r.owner && r.repo && r.ref ? [{ uses: u, owner: r.owner, repo: r.repo, sha: r.ref }] : [];
  });
}
