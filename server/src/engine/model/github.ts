// Typed model of GitHub Actions documents over the YAML AST: workflow -> jobs -> steps, action
// metadata (composite steps). Nodes are kept so rules can report exact spans and build fixes.
import { isMap, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { isScalar } from 'yaml';
import { findExpressions, parseBareExpression, type Expression } from '../expressions/github.js';
import { asMap, asSeq, get, getPair, items, keySpan, keyString, pairs, resolve, scalarString, spanOf, walk, walkBudget } from '../yaml/nodes.js';

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
    slug: [owner, repo, ...rest].join('/').toLowerCase(),
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

function usesField(map: unknown, doc: YamlDocument): (ScalarField & { ref: UsesRef }) | undefined {
  const f = field(map, 'uses', doc);
  return f ? { ...f, ref: parseUses(f.value) } : undefined;
}

export function readPermissions(map: unknown, doc: YamlDocument): PermissionsBlock | undefined {
  const pair = getPair(map, 'permissions', doc);
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
    steps.push({
      index,
      node,
      span,
      id: field(node, 'id', doc),
      name: field(node, 'name', doc),
      uses: usesField(node, doc),
      run: field(node, 'run', doc),
      shell: field(node, 'shell', doc),
      if: field(node, 'if', doc),
      with: get(node, 'with', doc),
      env: get(node, 'env', doc),
      workingDirectory: field(node, 'working-directory', doc),
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
    const needsNode = get(node, 'needs', doc);
    const needs = scalarString(needsNode, doc) !== undefined ? [scalarString(needsNode, doc)!] : items(needsNode, doc).map((n) => scalarString(n, doc)).filter((x): x is string => !!x);
    const job: Job = {
      id,
      idSpan,
      pair: p,
      node,
      span,
      name: field(node, 'name', doc),
      runsOn: get(node, 'runs-on', doc),
      permissions: readPermissions(node, doc),
      uses: usesField(node, doc),
      with: get(node, 'with', doc),
      secrets: get(node, 'secrets', doc),
      steps: [],
      stepsNode: get(node, 'steps', doc),
      container: get(node, 'container', doc),
      services: get(node, 'services', doc),
      env: get(node, 'env', doc),
      if: field(node, 'if', doc),
      environment: get(node, 'environment', doc),
      strategy: get(node, 'strategy', doc),
      needs,
      concurrency: get(node, 'concurrency', doc),
      outputs: get(node, 'outputs', doc),
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
  return 'jobs' in model ? model.jobs.flatMap((j) => j.steps) : model.steps;
}

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
 * Every `${{ }}` expression in a document, plus the bare expressions of `if:` keys, each once (anchored
 * values reached through several aliases are reported at their one source location).
 */
const expressionCache = new WeakMap<YamlDocument, LocatedExpression[]>();

export function documentExpressions(doc: YamlDocument, text: string): LocatedExpression[] {
  // Several rules read the same list: computed once per parsed document (documents are never mutated).
  const cached = expressionCache.get(doc);
  if (cached) return cached;
  const out: LocatedExpression[] = [];
  expressionCache.set(doc, out);
  const seen = new Set<number>();
  walk(
    doc.contents,
    (node, path) => {
      if (!isScalar(node) || !node.range || seen.has(node.range[0])) return;
      seen.add(node.range[0]);
      const [start, end] = node.range;
      const key = path[path.length - 1];
      const src = text.slice(start, end);
      if (src.includes('${{')) {
        for (const expr of findExpressions(text, start, end)) out.push({ expr, path });
      } else if (key === 'if' && typeof node.value === 'string' && node.value.trim()) {
        // Bare `if:` conditions: quoted scalars start after the quote.
        const q = src[0] === '"' || src[0] === "'" ? 1 : 0;
        out.push({ expr: parseBareExpression(text, start + q, end - q), path });
      }
    },
    doc,
    walkBudget(200_000),
  );
  return out;
}

/** Every remote or local `uses:` of a workflow (steps and reusable-workflow jobs) or of a composite action. */
export function usesOf(model: Workflow | ActionMetadata): (ScalarField & { ref: UsesRef })[] {
  return [...stepsOf(model).flatMap((s) => (s.uses ? [s.uses] : [])), ...('jobs' in model ? model.jobs.flatMap((j) => (j.uses ? [j.uses] : [])) : [])];
}

/** The `uses:` of a model that pin a repository action or workflow to a full commit SHA. */
export function shaPins(model: Workflow | ActionMetadata): { uses: ScalarField & { ref: UsesRef }; owner: string; repo: string; sha: string }[] {
  return usesOf(model).flatMap((u) => {
    const r = u.ref;
    return r.kind === 'repository' && r.isShaPinned && r.owner && r.repo && r.ref ? [{ uses: u, owner: r.owner, repo: r.repo, sha: r.ref }] : [];
  });
}
