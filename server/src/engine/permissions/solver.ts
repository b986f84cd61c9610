// The least-privilege solver: for every job, what each step needs from GITHUB_TOKEN (knowledge base,
// run-step and github-script analysis, local composite actions and reusable workflows read through the
// caller's WorkspaceView), the minimal block that satisfies it, and what the job is actually granted.
import { actionKey } from '../online/facts.js';
import type { ActionMetadata, Job, PermissionsBlock, Step, Workflow } from '../model/github.js';
import { buildAction, buildWorkflow, stepLabel } from '../model/github.js';
import type { LintSettings } from '../rules/rule.js';
import type { Span } from '../types.js';
import { Pair, Scalar, YAMLMap } from 'yaml';
import { getPair, pairs, keyString, scalarString, spanOf, valueString } from '../yaml/nodes.js';
import { parseYaml } from '../yaml/parse.js';
import { entryNeeds, lookupAction, type StepFacts } from './knowledge.js';
import { octokitPermission, endpointPermission } from './rest.js';
import { analyseRun, type JobState, type RunStep } from './run.js';
import { defaultLevels, isScope, LEVEL_RANK, legalLevel, NO_LEVELS, shorthandLevels, SCOPE_NAMES, sortByScope, type DefaultPermissions, type Level, type LevelMap, type PermissionScope } from './scopes.js';
import type { Need, StepResult, TokenKind, UnknownUse } from './types.js';

export interface Grant {
  source: 'job' | 'workflow' | 'default';
  block?: PermissionsBlock;
  /** What the token may hold (for defaults: the permissive bound when the repository default is unknown). */
  upper: LevelMap;
  /** What the token surely holds (for defaults: the restricted bound when unknown). */
  lower: LevelMap;
  /** False when the block is invalid (FlowGuard then judges nothing about it). */
  valid: boolean;
}

export interface ScopeChoice {
  level: Level;
  needs: Need[];
}

export interface JobPermissions {
  job: Job;
  needs: Need[];
  unknown: UnknownUse[];
  status: 'known' | 'unknown';
  /** The least-privilege block: scope -> level, with the needs that justify it. */
  minimal: Map<PermissionScope, ScopeChoice>;
  grant: Grant;
}

export interface WorkflowPermissions {
  workflow: Workflow;
  events: string[];
  jobs: JobPermissions[];
  /** Only `workflow_call`: jobs without a block inherit the caller's token, not the repository default. */
  reusableOnly: boolean;
}

export interface SolverOptions {
  settings: Pick<LintSettings, 'defaultPermissions' | 'workspace' | 'online'>;
  /** Workspace-relative path of the workflow (to resolve local actions and workflows). */
  path?: string;
  depth?: number;
}

const TOKEN_RE = /\b(github\.token|secrets\.GITHUB_TOKEN|github\[\s*'token'\s*\])/i;
const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
const MAX_DEPTH = 4;

/** How a YAML value relates to GITHUB_TOKEN. `inputs` resolves `inputs.x` inside composite actions. */
export function tokenKind(value: string, inputs?: (name: string) => TokenKind): TokenKind {
  if (TOKEN_RE.test(value)) return 'github';
  if (!value.includes('${{')) return value.trim() ? 'other' : 'none';
  const input = /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/.exec(value);
  if (input && inputs) return inputs(input[1]);
  if (/\b(inputs|env|github\.event\.inputs)\./.test(value)) return 'maybe';
  return 'other';
}

/**
 * A mapping's scalar values by key (`<<` merges applied, other values left out), each passed through
 * `value` when given. A mapping of plain scalars (most `env:` and `with:`) is read directly: what
 * `pairs`, `keyString` and `scalarString` give for it, without resolving each node again.
 */
function mapValues(node: unknown, doc: Workflow['doc'] | ActionMetadata['doc'], value?: (v: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  if (node instanceof YAMLMap && node.items.every(isPlainPair)) {
    for (const p of node.items as Pair<Scalar, Scalar>[]) {
      const k = valueString(p.key.value);
      const v = valueString(p.value!.value);
      if (k !== undefined && v !== undefined) out.set(k, value ? value(v) : v);
    }
    return out;
  }
  for (const p of pairs(node, doc)) {
    const k = keyString(p, doc);
    const v = scalarString(p.value, doc);
    if (k !== undefined && v !== undefined) out.set(k, value ? value(v) : v);
  }
  return out;
}

/** A pair of scalars whose key is not `<<` (a merge key, a string or a symbol depending on the parser options). */
function isPlainPair(item: unknown): boolean {
  if (!(item instanceof Pair) || !(item.key instanceof Scalar) || !(item.value instanceof Scalar)) return false;
  const k = item.key.value;
  return k !== '<<' && typeof k !== 'symbol';
}

export function expandBlock(block: PermissionsBlock): LevelMap | undefined {
  if (block.shape === 'read-all' || block.shape === 'write-all') return shorthandLevels(block.shape);
  if (block.shape === 'invalid') return undefined;
  const out: LevelMap = { ...NO_LEVELS };
  for (const e of block.entries) {
    if (!isScope(e.scope) || !['read', 'write', 'none'].includes(e.level)) continue;
    out[e.scope] = legalLevel(e.scope, e.level as Level);
  }
  return out;
}

export function grantFor(job: Job, wf: Workflow, mode: DefaultPermissions): Grant {
  const block = job.permissions ?? wf.permissions;
  if (block) {
    const levels = expandBlock(block);
    return { source: job.permissions ? 'job' : 'workflow', block, upper: levels ?? {}, lower: levels ?? {}, valid: !!levels };
  }
  return { source: 'default', upper: defaultLevels(mode, 'upper'), lower: defaultLevels(mode, 'lower'), valid: true };
}

interface Ctx {
  text: string;
  doc: Workflow['doc'];
  events: string[];
  opts: SolverOptions;
  depth: number;
  /** `tokenKind` of values outside composite actions (the same env and with: values recur in every step). */
  kindOf(value: string): TokenKind;
}

/** `tokenKind(value)` remembered per value for one analysis. */
function tokenKinds(): (value: string) => TokenKind {
  const known = new Map<string, TokenKind>();
  return (value) => {
    let k = known.get(value);
    if (k === undefined) known.set(value, (k = tokenKind(value)));
    return k;
  };
}

export function analyseWorkflow(wf: Workflow, text: string, opts: SolverOptions): WorkflowPermissions {
  const events = wf.triggers.map((t) => t.name);
  const ctx: Ctx = { text, doc: wf.doc, events, opts, depth: opts.depth ?? 0, kindOf: tokenKinds() };
  const wfEnv = mapValues(wf.env, wf.doc);
  const jobs = wf.jobs.map((job) => {
    const result = job.uses ? analyseCall(job, ctx) : analyseSteps(job.steps, ctx, { env: [mapValues(job.env, wf.doc), wfEnv], job });
    if (!job.uses) containerNeeds(job, ctx, result);
    const grant = grantFor(job, wf, opts.settings.defaultPermissions);
    const jp: JobPermissions = { job, needs: result.needs, unknown: result.unknown, status: result.unknown.length ? 'unknown' : 'known', minimal: new Map(), grant };
    jp.minimal = minimalBlock(result.needs, events, grant);
    return jp;
  });
  return { workflow: wf, events, jobs, reusableOnly: events.length > 0 && events.every((e) => e === 'workflow_call') };
}

/** Chooses, per scope, the lowest level that satisfies every need (alternatives resolved once). */
export function minimalBlock(needs: readonly Need[], events: readonly string[], grant?: Grant): Map<PermissionScope, ScopeChoice> {
  const out = new Map<PermissionScope, ScopeChoice>();
  const explicit = grant && grant.source !== 'default' && grant.valid;
  for (const n of needs) {
    if (n.possible) {
      // Kept only where the job already grants it: never added, never taken away.
      if (explicit && LEVEL_RANK[grant.upper[n.scope] ?? 'none'] >= LEVEL_RANK[n.level]) addNeed(out, n.scope, n);
      continue;
    }
    if (!n.alternatives?.length) addNeed(out, n.scope, n);
  }
  const prOnly = events.length > 0 && events.every((e) => PR_EVENTS.has(e));
  for (const n of needs) {
    if (!n.alternatives?.length || n.possible) continue;
    const options = [n.scope, ...n.alternatives];
    const covered = options.find((s) => LEVEL_RANK[out.get(s)?.level ?? 'none'] >= LEVEL_RANK[n.level]);
    const granted = grant && grant.source !== 'default' ? options.find((s) => LEVEL_RANK[grant.upper[s] ?? 'none'] >= LEVEL_RANK[n.level]) : undefined;
    // Else upgrade a scope the job already names rather than add another.
    const named = grant && grant.source !== 'default' ? options.find((s) => (grant.upper[s] ?? 'none') !== 'none') : undefined;
    const choice = covered ?? (prOnly && options.includes('pull-requests') ? 'pull-requests' : undefined) ?? granted ?? named ?? n.scope;
    addNeed(out, choice, n);
  }
  return new Map(sortByScope([...out]));
}

/** Adds a need to the block, raising the scope's level if it needs more. */
function addNeed(out: Map<PermissionScope, ScopeChoice>, scope: PermissionScope, n: Need): void {
  const cur = out.get(scope);
  const level = legalLevel(scope, n.level);
  if (!cur) out.set(scope, { level, needs: [n] });
  else {
    if (LEVEL_RANK[level] > LEVEL_RANK[cur.level]) cur.level = level;
    cur.needs.push(n);
  }
}

/** Whether `levels` satisfies a need (directly or through an alternative). */
export function satisfies(levels: LevelMap, n: Need): boolean {
  return [n.scope, ...(n.alternatives ?? [])].some((s) => LEVEL_RANK[levels[s] ?? 'none'] >= LEVEL_RANK[legalLevel(s, n.level)]);
}

interface StepScope {
  /** Environment layers, innermost first (job, workflow; or the composite's caller chain). */
  env: Map<string, string>[];
  job?: Job;
  inputs?: (name: string) => TokenKind;
  label?: string;
}

function analyseSteps(steps: readonly Step[], ctx: Ctx, scope: StepScope, state: JobState = newState()): StepResult {
  const out: StepResult = { needs: [], unknown: [] };
  for (const step of steps) analyseStep(step, ctx, scope, state, out);
  return out;
}

/** Every variable name of the environment layers, innermost first, once each. */
function layerNames(layers: readonly Map<string, string>[]): Set<string> {
  const names = new Set<string>();
  for (const l of layers) for (const k of l.keys()) names.add(k);
  return names;
}

function newState(): JobState {
  return { persisted: 'none', ghcr: 'none', gprNpm: false, exportedEnv: new Map() };
}

/**
 * What a step sees: its environment (step, then job or caller layers, then $GITHUB_ENV exports of earlier
 * steps), its `with:` values, how a value relates to the token, and its label. Read by the run-script
 * analysis and by the knowledge base's conditions.
 */
class StepView implements StepFacts, RunStep {
  readonly events: readonly string[];
  readonly stepEnv: Map<string, string>;
  /** `with:` values, `${{ env.X }}` substituted where the environment sets X (uses steps only). */
  withMap = new Map<string, string>();
  private readonly layers: Map<string, string>[];

  constructor(
    readonly step: Step,
    private readonly ctx: Ctx,
    private readonly scope: StepScope,
    private readonly state: JobState,
  ) {
    this.events = ctx.events;
    this.stepEnv = mapValues(step.env, ctx.doc);
    this.layers = [this.stepEnv, ...scope.env];
  }

  env(name: string): string | undefined {
    for (const l of this.layers) if (l.has(name)) return l.get(name);
    return this.state.exportedEnv.get(name);
  }

  input(name: string): string | undefined {
    return this.withMap.get(name);
  }

  tokenKind(value: string): TokenKind {
    const inputs = this.scope.inputs;
    return inputs ? tokenKind(value, inputs) : this.ctx.kindOf(value);
  }

  label(): string {
    return (this.scope.label ? `${this.scope.label} > ` : '') + stepLabel(this.step);
  }

  envNames(): Set<string> {
    return layerNames(this.layers);
  }

  /** Whether the step hands the token to its action (through `with:` or its own `env:`). */
  passesToken(): boolean {
    for (const values of [this.withMap.values(), this.stepEnv.values()]) {
      for (const v of values) {
        const k = this.tokenKind(v);
        if (k === 'github' || k === 'maybe') return true;
      }
    }
    return false;
  }
}

/** Adds what one step needs (and what cannot be told) to `out`. */
function analyseStep(step: Step, ctx: Ctx, scope: StepScope, state: JobState, out: StepResult): void {
  const doc = ctx.doc;
  const view = new StepView(step, ctx, scope, state);

  if (step.run) {
    const node = step.run.node as { range?: [number, number, number] };
    const start = node.range?.[0] ?? step.run.span.start;
    const end = node.range?.[1] ?? step.run.span.end;
    // The label is asked for only when a command needs something (an unnamed step's label reads its whole script).
    analyseRun({ script: step.run.value, source: ctx.text.slice(start, end), sourceStart: start, step: view, workingDirectory: step.workingDirectory?.value, state }, out);
    return;
  }
  // `${{ env.REGISTRY }}` in inputs: substitute what the workflow sets, so `registry: ${{ env.REGISTRY }}` reads as ghcr.io.
  const withMap = (view.withMap = mapValues(step.with, doc, (v) => (v.includes('${{') ? v.replace(/\$\{\{\s*env\.(\w+)\s*\}\}/g, (m, n: string) => { const e = view.env(n); return e !== undefined && !e.includes('${{') ? e : m; }) : v)));
  const label = view.label();

  const uses = step.uses;
  if (!uses) return;
  const ref = uses.ref;
  // Whether the step passes the token on is asked only where the knowledge base cannot tell.
  if (ref.kind === 'local') return append(out, analyseLocalAction(step, ctx, scope, state, withMap, label, view.passesToken()));
  if (ref.kind === 'docker') {
    if (view.passesToken()) out.unknown.push({ span: uses.span, step: label, why: `the container ${ref.image} receives GITHUB_TOKEN and FlowGuard cannot tell what it does with it` });
    return;
  }
  if (ref.kind !== 'repository' || !ref.slug) {
    out.unknown.push({ span: uses.span, step: label, why: `\`${uses.value}\` cannot be resolved` });
    return;
  }
  const entry = lookupAction(ref.slug);
  // Online mode: an action the knowledge base does not know is read from its own action.yml.
  const remote = !entry && ref.owner && ref.repo && ref.ref ? ctx.opts.settings.online?.actions[actionKey(ref.owner, ref.repo, ref.path, ref.ref)] : undefined;
  if (remote !== undefined) return append(out, analyseActionMetadata(remote, step, ctx, scope, state, withMap, label, view.passesToken(), `${ref.slug}@${ref.ref}`));
  if (!entry || entry.kind === 'workflow') {
    out.unknown.push({
      span: uses.span,
      step: label,
      why: view.passesToken()
        ? `${ref.slug} receives GITHUB_TOKEN and is not in FlowGuard's knowledge base`
        : `${ref.slug} is not in FlowGuard's knowledge base (an action can read github.token through an input default)`,
    });
    return;
  }
  const slug = ref.slug;
  const { needs, token } = entryNeeds(entry, view, state.persisted);
  for (const n of needs) {
    const need: Need = { scope: n.scope, level: n.level, by: slug, why: n.why, span: uses.span, step: label, certain: n.certain };
    if (n.alternatives) need.alternatives = n.alternatives;
    if (n.possible) need.possible = true;
    out.needs.push(need);
  }

  if (slug === 'actions/checkout') {
    const persist = withMap.get('persist-credentials');
    const persisted = persist !== undefined && /^false$/i.test(persist.trim()) ? 'none' : token;
    state.persisted = persist !== undefined && persist.includes('${{') && token === 'github' ? 'maybe' : persisted;
  } else if (slug === 'docker/login-action') {
    const registry = withMap.get('registry') ?? '';
    if (/ghcr\.io/.test(registry)) {
      state.ghcr = view.tokenKind(withMap.get('password') ?? '');
      if (state.ghcr === 'github' || state.ghcr === 'maybe') out.needs.push({ scope: 'packages', level: 'read', by: slug, why: 'to log in to ghcr.io with GITHUB_TOKEN', span: uses.span, step: label, certain: state.ghcr === 'github' });
    }
  } else if (slug === 'docker/build-push-action' || slug === 'docker/bake-action') {
    // `push: true`, or `outputs: type=image,...,push=true` / `type=registry`.
    const outputs = withMap.get('outputs') ?? '';
    const push = withMap.get('push') ?? (/push=true|type=registry/.test(outputs) ? 'true' : /push=\$\{\{/.test(outputs) ? '${{ }}' : '');
    const targets = (withMap.get('tags') ?? '') + (withMap.get('set') ?? '') + (withMap.get('targets') ?? '');
    if ((state.ghcr === 'github' || state.ghcr === 'maybe') && (/^true$/i.test(push.trim()) || push.includes('${{'))) {
      out.needs.push({ scope: 'packages', level: 'write', by: slug, why: 'to push the image to ghcr.io', span: uses.span, step: label, certain: state.ghcr === 'github' && /^true$/i.test(push.trim()) && /ghcr\.io/.test(targets) });
    }
  } else if (slug === 'actions/setup-node') {
    if (/npm\.pkg\.github\.com/.test(withMap.get('registry-url') ?? '')) state.gprNpm = true;
  }
  if (entry.dynamic === 'github-script' && token !== 'other' && token !== 'none') {
    const script = getPair(step.with, 'script', doc);
    const r = analyseScript(withMap.get('script') ?? '', script ? spanOf(script.value) ?? uses.span : uses.span, label, token === 'github', ctx.text);
    append(out, r);
  } else if (entry.dynamic === 'command' || entry.dynamic === 'run') {
    const key = entry.dynamic;
    const p = getPair(step.with, key, doc);
    const node = p?.value as { range?: [number, number, number] } | undefined;
    if (p && node?.range) {
      analyseRun({ script: withMap.get(key) ?? '', source: ctx.text.slice(node.range[0], node.range[1]), sourceStart: node.range[0], step: view, state }, out);
    }
  }
}

function append(out: StepResult, r: StepResult): void {
  for (const n of r.needs) out.needs.push(n);
  for (const u of r.unknown) out.unknown.push(u);
}

/** actions/github-script: octokit calls mapped through the REST endpoint table. */
export function analyseScript(script: string, span: Span, step: string, certain: boolean, text?: string): StepResult {
  const out: StepResult = { needs: [], unknown: [] };
  const code = script.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  // Exact spans when the script is written inline: find each call in the document text.
  const source = text ? text.slice(span.start, span.end) : '';
  const spanOfCall = (call: string): Span => {
    const at = source.indexOf(call);
    return at >= 0 ? { start: span.start + at, end: span.start + at + call.length } : span;
  };
  let matched = false;
  for (const m of code.matchAll(/\b(?:github|octokit)\s*\.\s*(?:rest\s*\.\s*)?(issues|pulls|repos|git|checks|actions|reactions|codeScanning|dependabot|dependencyGraph|packages|teams|orgs|users|search|activity|apps|gists|projects|migrations|secretScanning|securityAdvisories)\s*\.\s*(\w+)/g)) {
    matched = true;
    const by = `github.rest.${m[1]}.${m[2]}`;
    const r = octokitPermission(m[1], m[2]);
    if (r.kind === 'need') out.needs.push({ scope: r.need.scope, level: r.need.level, by, why: `for ${by}`, span: spanOfCall(m[0]), step, certain, ...(r.need.alternatives ? { alternatives: r.need.alternatives } : {}) });
    else if (r.kind === 'unknown') out.unknown.push({ span: spanOfCall(m[0]), step, why: r.why });
  }
  for (const m of code.matchAll(/\b(?:github|octokit)\s*\.\s*request\s*\(\s*(['"`])(\w+)\s+([^'"`]+)\1/g)) {
    matched = true;
    const r = endpointPermission(m[2], m[3]);
    const by = `github.request('${m[2]} ${m[3]}')`;
    if (r.kind === 'need') out.needs.push({ scope: r.need.scope, level: r.need.level, by, why: `for ${m[2]} ${m[3]}`, span: spanOfCall(m[0]), step, certain, ...(r.need.alternatives ? { alternatives: r.need.alternatives } : {}) });
    else if (r.kind === 'unknown') out.unknown.push({ span: spanOfCall(m[0]), step, why: r.why });
  }
  const opaque: [RegExp, string][] = [
    [/\b(?:github|octokit)\s*\.\s*graphql\b/, 'calls the GraphQL API, which FlowGuard does not map to scopes'],
    [/\b(?:github|octokit)\s*\.\s*request\s*\(\s*(?!['"`]\w+\s)/, 'calls github.request with a computed endpoint'],
    [/\brequire\s*\(\s*['"`]\.|\bimport\s*\(/, 'loads a script file FlowGuard does not read'],
    [/[(,]\s*github\s*[,)]|=\s*github\s*[;\n]|\bgithub\s*\[/, 'passes the octokit client around, so FlowGuard cannot follow its calls'],
    [/\bexec\s*\.\s*(?:exec|getExecOutput)\s*\(/, 'runs commands through @actions/exec'],
    [/process\.env\.(GITHUB_TOKEN|GH_TOKEN)|core\.getInput\(\s*['"]github-token/, 'reads the token itself'],
  ];
  for (const [re, why] of opaque) if (re.test(code)) out.unknown.push({ span, step, why: `the github-script ${why}` });
  if (!matched && !out.unknown.length && /\bgithub\b(?!\.(?:com|io|event|ref|sha|repository|actor|run_id|run_number|workflow|server_url|api_url|token))/i.test(code.replace(/['"`][^'"`\n]*['"`]/g, '')) && /\bgithub\s*\./.test(code)) {
    out.unknown.push({ span, step, why: 'the github-script uses the octokit client in a way FlowGuard does not recognise' });
  }
  return out;
}

function analyseLocalAction(step: Step, ctx: Ctx, scope: StepScope, state: JobState, withMap: Map<string, string>, label: string, passesToken: boolean): StepResult {
  const uses = step.uses!;
  const out: StepResult = { needs: [], unknown: [] };
  const ws = ctx.opts.settings.workspace;
  const dir = uses.value.replace(/^\.\//, '').replace(/\/$/, '');
  const text = ws ? ws.readFile(`${dir}/action.yml`) ?? ws.readFile(`${dir}/action.yaml`) : undefined;
  if (text === undefined || ctx.depth >= MAX_DEPTH) {
    out.unknown.push({ span: uses.span, step: label, why: `the local action ${uses.value} could not be read${ws ? '' : ' (no workspace given)'}` });
    return out;
  }
  return analyseActionMetadata(text, step, ctx, scope, state, withMap, label, passesToken, `local action ${uses.value}`);
}

/** What a step needs when it runs the action described by this metadata (local, or fetched online). */
function analyseActionMetadata(text: string, step: Step, ctx: Ctx, scope: StepScope, state: JobState, withMap: Map<string, string>, label: string, passesToken: boolean, what: string): StepResult {
  const uses = step.uses!;
  const out: StepResult = { needs: [], unknown: [] };
  if (ctx.depth >= MAX_DEPTH) {
    out.unknown.push({ span: uses.span, step: label, why: `the ${what} nests actions too deeply to follow` });
    return out;
  }
  const file = parseYaml(text);
  const doc = file.documents[0];
  const action = doc ? buildAction(doc) : undefined;
  if (!action || !doc) {
    out.unknown.push({ span: uses.span, step: label, why: `the ${what} could not be parsed` });
    return out;
  }
  // Input values as the composite's steps see them: the caller's `with:` or the input's default.
  const inputKinds = new Map<string, TokenKind>();
  for (const p of pairs(action.inputs, doc)) {
    const name = keyString(p, doc);
    if (!name) continue;
    const given = withMap.get(name);
    const def = scalarString(getPair(p.value, 'default', doc)?.value, doc);
    const v = given ?? def;
    inputKinds.set(name, v === undefined ? 'none' : given !== undefined ? tokenKind(given, scope.inputs) : tokenKind(v));
  }
  const usesToken = [...inputKinds.values()].some((k) => k === 'github' || k === 'maybe') || passesToken;
  if (action.using?.value !== 'composite') {
    if (usesToken) out.unknown.push({ span: uses.span, step: label, why: `the ${what} (${action.using?.value ?? 'unknown runtime'}) receives GITHUB_TOKEN and FlowGuard does not read its code` });
    return out;
  }
  const inner: Ctx = { ...ctx, text, doc, depth: ctx.depth + 1 };
  const r = analyseSteps(action.steps, inner, { env: [mapValues(step.env, ctx.doc), ...scope.env], inputs: (n) => inputKinds.get(n) ?? 'none', label: `${label} (${uses.value})` }, state);
  // Spans inside the action file mean nothing in this document: point at the `uses:`.
  for (const n of r.needs) out.needs.push({ ...n, span: uses.span });
  for (const u of r.unknown) out.unknown.push({ ...u, span: uses.span });
  return out;
}

/** A job calling a reusable workflow needs what the called jobs request or need. */
function analyseCall(job: Job, ctx: Ctx): StepResult {
  const uses = job.uses!;
  const out: StepResult = { needs: [], unknown: [] };
  const label = `calls ${uses.value}`;
  const ref = uses.ref;
  if (ref.kind === 'repository' && ref.slug) {
    const entry = lookupAction(ref.slug);
    if (entry?.kind === 'workflow') {
      for (const [scope, level] of Object.entries(entry.permissions) as [PermissionScope, Level][]) {
        out.needs.push({ scope, level, by: ref.slug, why: entry.reasons?.[scope] ?? '', span: uses.span, step: label, certain: true });
      }
      return out;
    }
    out.unknown.push({ span: uses.span, step: label, why: `the reusable workflow ${ref.slug} is not in FlowGuard's knowledge base` });
    return out;
  }
  const ws = ctx.opts.settings.workspace;
  const path = uses.value.replace(/^\.\//, '');
  const text = ref.kind === 'local' && ws && ctx.depth < MAX_DEPTH ? ws.readFile(path) : undefined;
  if (text === undefined) {
    out.unknown.push({ span: uses.span, step: label, why: `the reusable workflow ${uses.value} could not be read${ws ? '' : ' (no workspace given)'}` });
    return out;
  }
  const doc = parseYaml(text).documents[0];
  const callee = doc ? buildWorkflow(doc) : undefined;
  if (!callee) {
    out.unknown.push({ span: uses.span, step: label, why: `the reusable workflow ${uses.value} could not be parsed` });
    return out;
  }
  const inner = analyseWorkflow(callee, text, { ...ctx.opts, path, depth: ctx.depth + 1 });
  for (const j of inner.jobs) {
    const block = j.job.permissions ?? callee.permissions;
    const declared = block ? expandBlock(block) : undefined;
    if (declared) {
      // The called job requests these; the call fails if the caller grants less.
      for (const s of SCOPE_NAMES) {
        const level = declared[s];
        if (level && level !== 'none') out.needs.push({ scope: s, level, by: path, why: `(job '${j.job.id}' requests it)`, span: uses.span, step: label, certain: true });
      }
      continue;
    }
    for (const [s, c] of j.minimal) {
      const n0 = c.needs.find((n) => n.level === c.level) ?? c.needs[0];
      out.needs.push({ scope: s, level: c.level, by: path, why: `(job '${j.job.id}': ${n0.by}${n0.why ? ' ' + n0.why : ''})`, span: uses.span, step: label, certain: c.needs.every((n) => n.certain), ...(c.needs.every((n) => n.possible) ? { possible: true } : {}) });
    }
    for (const u of j.unknown) out.unknown.push({ span: uses.span, step: label, why: `${path} job '${j.job.id}': ${u.why}` });
  }
  return out;
}

/** Job containers and services pulled from ghcr.io with GITHUB_TOKEN need packages: read. */
function containerNeeds(job: Job, ctx: Ctx, out: StepResult): void {
  for (const node of [job.container, ...pairs(job.services, ctx.doc).map((p) => p.value)]) {
    const creds = getPair(node, 'credentials', ctx.doc);
    const password = creds ? scalarString(getPair(creds.value, 'password', ctx.doc)?.value, ctx.doc) : undefined;
    if (password && tokenKind(password) === 'github') out.needs.push({ scope: 'packages', level: 'read', by: 'container credentials', why: 'to pull the job container from ghcr.io', span: spanOf(creds!.value) ?? job.idSpan, step: `job ${job.id}`, certain: true });
  }
}



const CACHE = new WeakMap<Workflow, { key: string; result: WorkflowPermissions }>();

/** The analysis of a linted workflow, computed once per document and shared by the permission rules. */
export function workflowPermissions(wf: Workflow, text: string, settings: Pick<LintSettings, 'defaultPermissions' | 'workspace' | 'online'>, path?: string): WorkflowPermissions {
  const key = `${settings.defaultPermissions}\u0000${path ?? ''}`;
  const hit = CACHE.get(wf);
  if (hit && hit.key === key) return hit.result;
  const result = analyseWorkflow(wf, text, { settings, path });
  CACHE.set(wf, { key, result });
  return result;
}

/** Short description of where a job's token comes from, for messages. */
export function grantOrigin(g: Grant, mode: DefaultPermissions): string {
  if (g.source === 'job') return 'its permissions block';
  if (g.source === 'workflow') return 'the workflow-level permissions block';
  return mode === 'unknown' ? 'the repository default (unknown)' : `the ${mode} repository default`;
}
