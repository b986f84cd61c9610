// Which `${{ }}` contexts an outsider controls, and how much. The model follows zizmor's context
// capabilities (arbitrary / structured / fixed, MIT) but is written as rules over the path so it covers
// every webhook payload, plus a `writer` grade for values only people with write access choose
// (branch names on push, dispatch inputs, release texts), and it follows `inputs.*`, `env.*`,
// `matrix.*`, `steps.*.outputs` and `needs.*.outputs` back to where their values come from.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ActionMetadata, Job, Step, Workflow } from '../model/github.js';
import { expressionsIn, type ContextRef } from '../expressions/github.js';
import type { YamlDocument } from '../yaml/parse.js';
import { asMap, get, items, keyString, pairs, resolve, scalarString, spanOf } from '../yaml/nodes.js';
import type { Span } from '../types.js';

/**
 * - `arbitrary`: free text anyone who can open an issue, a pull request or a comment chooses.
 * - `writer`: free text, but only people with write access (or the caller of a reusable workflow)
 *   choose it.
 * - `caller`: depends on what the caller of a reusable workflow or action passes in.
 * - `structured`: outsider-influenced but in a constrained format (URLs, logins).
 * - `unknown`: not traceable from this file (e.g. set through `$GITHUB_ENV` or by an action).
 * - `fixed`: cannot carry code (numbers, SHAs, ids, booleans, enums, values set in this file).
 */
export type Capability = 'arbitrary' | 'writer' | 'caller' | 'structured' | 'unknown' | 'fixed';

const RANK: Record<Capability, number> = { fixed: 0, structured: 1, unknown: 2, writer: 3, caller: 4, arbitrary: 5 };
export const worse = (a: Capability, b: Capability): Capability => (RANK[a] >= RANK[b] ? a : b);
export const capabilityRank = (c: Capability) => RANK[c];

// ---------------------------------------------------------------------------------------------
// The `github` context

/** `github.<key>` outside `github.event`. */
const GITHUB_TOP: Record<string, Capability> = {
  head_ref: 'arbitrary',
  ref: 'writer',
  ref_name: 'writer',
  base_ref: 'writer',
  workflow: 'writer',
  event_name: 'fixed',
  sha: 'fixed',
  actor: 'fixed',
  actor_id: 'fixed',
  triggering_actor: 'fixed',
  repository: 'fixed',
  repository_id: 'fixed',
  repository_owner: 'fixed',
  repository_owner_id: 'fixed',
  repositoryurl: 'fixed',
  repository_visibility: 'fixed',
  run_id: 'fixed',
  run_number: 'fixed',
  run_attempt: 'fixed',
  retention_days: 'fixed',
  server_url: 'fixed',
  api_url: 'fixed',
  graphql_url: 'fixed',
  workspace: 'fixed',
  action: 'fixed',
  action_path: 'fixed',
  action_ref: 'fixed',
  action_repository: 'fixed',
  action_status: 'fixed',
  job: 'fixed',
  job_workflow_sha: 'fixed',
  workflow_ref: 'fixed',
  workflow_sha: 'fixed',
  ref_type: 'fixed',
  ref_protected: 'fixed',
  secret_source: 'fixed',
  token: 'fixed',
  env: 'fixed',
  path: 'fixed',
  output: 'fixed',
  state: 'fixed',
  step_summary: 'fixed',
  event_path: 'fixed',
};

/** Payload fields that are numbers, hashes, ids, timestamps, booleans or enums. */
const FIXED_LEAVES = new Set([
  'id', 'number', 'sha', 'before', 'after', 'node_id', 'size', 'additions', 'deletions', 'changed_files', 'commits',
  'comments', 'review_comments', 'draft', 'locked', 'merged', 'mergeable', 'rebaseable', 'mergeable_state',
  'maintainer_can_modify', 'state', 'state_reason', 'author_association', 'type', 'site_admin', 'private', 'fork',
  'default', 'protected', 'conclusion', 'status', 'action', 'run_attempt', 'run_number', 'login', 'gravatar_id',
  'color', 'visibility', 'forced', 'created', 'deleted', 'distinct', 'position', 'line', 'original_line',
  'start_line', 'original_start_line', 'side', 'start_side', 'original_position', 'commit_id', 'merge_commit_sha',
  'timestamp', 'event', 'user_view_type', 'prerelease', 'immutable', 'answer_chosen_at', 'archived', 'disabled',
  'is_template', 'has_issues', 'has_wiki', 'has_pages', 'has_projects', 'has_downloads', 'has_discussions',
  'stargazers_count', 'watchers', 'forks', 'open_issues', 'auto_merge', 'active_lock_reason', 'tree_id', 'path_sha',
  'workflow_id', 'check_suite_id', 'run_started_at', 'language', 'license', 'topics', 'is_answerable', 'ref_type',
  'pusher_type', 'master_branch', 'resolved', 'base_sha', 'head_sha', 'previous_attempt_url', 'total_count',
]);

/** Objects whose free-text fields only people with write access (or apps) set. */
const WRITER_OBJECTS = new Set([
  'repository', 'organization', 'enterprise', 'installation', 'release', 'deployment', 'deployment_status',
  'workflow', 'milestone', 'label', 'labels', 'base', 'check_run', 'check_suite', 'registry_package', 'package',
  'project', 'project_card', 'project_column', 'team', 'membership', 'member', 'rule', 'alert', 'changes',
  'merge_group',
]);

/** Objects an outsider writes. */
const OUTSIDER_OBJECTS = new Set([
  'issue', 'pull_request', 'comment', 'review', 'review_comment', 'discussion', 'answer', 'head_commit', 'commits',
  'commit', 'head', 'workflow_run', 'pages', 'forkee', 'pull_requests', 'author', 'committer', 'user', 'sender',
  'head_repository', 'thread',
]);

/** Free-text leaves. */
const TEXT_LEAVES = new Set([
  'title', 'body', 'body_text', 'body_html', 'message', 'email', 'label', 'description', 'homepage', 'page_name',
  'summary', 'text', 'display_title', 'head_branch', 'filename', 'content', 'diff_hunk', 'path', 'tag_name',
  'target_commitish', 'slug', 'value', 'key',
]);

/** Parents whose `name` is a person's free-text name rather than a repository or branch identifier. */
const PERSON_OBJECTS = new Set(['author', 'committer', 'user', 'pusher', 'sender', 'owner', 'assignee', 'assignees', 'requested_reviewers', 'creator', 'merged_by', 'answer_chosen_by']);

/** Classifies `github.*` given the lower-cased path segments after `github`. */
export function githubCapability(segs: string[]): Capability {
  if (segs.length === 0) return 'arbitrary'; // `toJSON(github)` carries the whole event
  if (segs[0] !== 'event') return GITHUB_TOP[segs[0]] ?? 'unknown';
  return eventCapability(segs.slice(1));
}

function eventCapability(segs: string[]): Capability {
  if (segs.length === 0) return 'arbitrary'; // the whole payload
  if (segs[0] === 'client_payload') return 'writer'; // repository_dispatch needs a write token
  if (segs[0] === 'inputs') return 'writer'; // workflow_dispatch; refined by the caller with input types
  const leaf = segs[segs.length - 1];
  const parent = segs[segs.length - 2] ?? '';
  const full = segs.join('.');
  // Well-known paths first.
  if (/^(pull_request|workflow_run\.pull_requests\.\*)\.head\.(ref|label)$/.test(full)) return 'arbitrary';
  if (/^(pull_request|workflow_run\.pull_requests\.\*)\.base\.(ref|label)$/.test(full)) return 'writer';
  if (/^(pull_request\.head\.repo|workflow_run\.head_repository|pull_request\.head\.repository)\.(default_branch|description|homepage)$/.test(full)) return 'arbitrary';
  if (full === 'ref' || full === 'base_ref' || full === 'master_branch') return 'writer';
  if (full === 'compare') return 'structured';
  if ((leaf === 'commits' || leaf === 'comments') && parent === 'pull_request') return 'fixed'; // counts
  // Whole objects (`toJSON(github.event.issue)`): as dangerous as their worst field.
  if (leaf === '*' || OUTSIDER_OBJECTS.has(leaf)) return segs.some((s) => OUTSIDER_OBJECTS.has(s)) ? 'arbitrary' : 'writer';
  if (FIXED_LEAVES.has(leaf) || /(_id|_sha|_at|_count|_number)$/.test(leaf)) return 'fixed';
  if (leaf === 'url' || leaf.endsWith('_url')) return 'structured';
  const fromOutsider = segs.some((s) => OUTSIDER_OBJECTS.has(s)) && !segs.slice(0, -1).some((s) => WRITER_OBJECTS.has(s) && s !== 'changes');
  if (leaf === 'name' || leaf === 'full_name') {
    if (PERSON_OBJECTS.has(parent) && leaf === 'name') return fromOutsider || parent === 'author' || parent === 'committer' ? 'arbitrary' : 'writer';
    if (parent === 'repo' || parent === 'repository' || parent === 'head_repository' || parent === 'forkee' || parent === 'organization') return 'fixed';
    if (parent === 'workflow_run') return 'writer'; // the workflow's name
    return fromOutsider ? 'arbitrary' : 'writer';
  }
  if (TEXT_LEAVES.has(leaf) || segs.includes('added') || segs.includes('removed') || segs.includes('modified')) return fromOutsider ? 'arbitrary' : 'writer';
  return fromOutsider ? 'arbitrary' : 'unknown';
}

/** Which triggers carry a payload object, so `github.event.issue.title` in a push-only workflow is moot. */
const EVENT_OBJECT_TRIGGERS: Record<string, string[]> = {
  issue: ['issues', 'issue_comment'],
  pull_request: ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'],
  comment: ['issue_comment', 'commit_comment', 'pull_request_review_comment', 'discussion_comment'],
  review: ['pull_request_review'],
  discussion: ['discussion', 'discussion_comment'],
  answer: ['discussion_comment'],
  head_commit: ['push'],
  commits: ['push'],
  workflow_run: ['workflow_run'],
  pages: ['gollum'],
  release: ['release'],
};

/** False when none of the workflow's triggers carries the payload object the path reads. */
export function eventPathPossible(path: string, triggers: readonly string[]): boolean {
  const m = /^github\.event\.([a-z_]+)/.exec(path);
  if (!m || !EVENT_OBJECT_TRIGGERS[m[1]]) return true;
  if (triggers.length === 0 || triggers.includes('workflow_call')) return true;
  return EVENT_OBJECT_TRIGGERS[m[1]].some((t) => triggers.includes(t));
}

// ---------------------------------------------------------------------------------------------
// Grading a reference in its scope

export interface Scope {
  doc: YamlDocument;
  text: string;
  /** The workflow (undefined for action metadata). */
  workflow?: Workflow;
  action?: ActionMetadata;
  job?: Job;
  step?: Step;
  /** Steps visible to `steps.<id>` (the job's or the composite action's). */
  steps: Step[];
}

export interface Grade {
  capability: Capability;
  /** The context path the grade comes from (the worst one, after following definitions). */
  path: string;
  /** Where the value was traced to, when it was followed through env/matrix/outputs/inputs. */
  via?: { what: string; span: Span }[];
}

/** Known actions whose outputs carry text an outsider controls (file names, comment bodies, branch names). */
const ARBITRARY_OUTPUTS: { action: RegExp; outputs?: RegExp }[] = [
  { action: /^tj-actions\/changed-files$/, outputs: /^(?!.*_count$).*(files|dirs|_list|matrix)/ },
  { action: /^tj-actions\/branch-names$/ },
  { action: /^dorny\/paths-filter$/, outputs: /_files$/ },
  { action: /^jitterbit\/get-changed-files$/ },
  { action: /^lots0logs\/gh-action-get-changed-files$/ },
  { action: /^peter-evans\/find-comment$/, outputs: /comment-body|body/ },
  { action: /^xt0rted\/pull-request-comment-branch$/, outputs: /head_ref|base_ref|ref/ },
  { action: /^khan\/pull-request-comment-trigger$/, outputs: /comment_body/ },
  { action: /^octokit\/request-action$/, outputs: /^data$/ },
  { action: /^dawidd6\/action-download-artifact$/ },
  { action: /^actions-ecosystem\/action-get-merged-pull-request$/, outputs: /title|body|labels/ },
  { action: /^8bitjonny\/gh-get-current-pr$/, outputs: /pr_title|pr_body|pr/ },
];

/** Grades one context reference as it appears in `scope`. `depth` bounds definition following. */
export function gradeContext(ref: Pick<ContextRef, 'path'>, scope: Scope, depth = 0): Grade {
  const path = ref.path;
  const segs = path.toLowerCase().split('.');
  const head = segs[0];
  const grade = (capability: Capability, via?: Grade['via']): Grade => ({ capability, path, via });
  if (depth > 6) return grade('unknown');
  switch (head) {
    case 'github': {
      if (segs[1] === 'event' && segs[2] === 'inputs' && segs[3]) return inputGrade(segs[3], scope, path, true);
      let c = githubCapability(segs.slice(1));
      if (c === 'arbitrary' && scope.workflow && !eventPathPossible(path.toLowerCase(), scope.workflow.triggers.map((t) => t.name))) c = 'unknown';
      return grade(c);
    }
    case 'inputs':
      return segs[1] ? inputGrade(segs[1], scope, path, false) : grade('caller');
    case 'env':
      return segs[1] ? envGrade(path.split('.')[1], scope, depth) : grade('unknown');
    case 'matrix':
      return matrixGrade(segs.slice(1), scope, path, depth);
    case 'steps':
      return stepsGrade(segs, scope, path, depth);
    case 'needs':
      return needsGrade(path.split('.'), scope, depth);
    case 'secrets':
    case 'vars':
    case 'runner':
    case 'strategy':
    case 'job':
    case 'jobs':
      return grade('fixed');
    default:
      return grade('unknown');
  }
}

/** Grades every context that reaches the result of the expressions in a YAML value node. */
export function gradeValue(node: Node | undefined, scope: Scope, depth: number): Grade | undefined {
  const n = resolve(node, scope.doc);
  const span = spanOf(node);
  if (!n || !span) return undefined;
  let worst: Grade | undefined;
  const consider = (from: number, to: number) => {
    for (const e of expressionsIn(scope.text, from, to)) {
      for (const c of e.contexts) {
        if (!c.flowsToResult) continue;
        const g = gradeContext(c, scope, depth + 1);
        if (!worst || capabilityRank(g.capability) > capabilityRank(worst.capability)) worst = g;
      }
    }
  };
  if (isScalar(n) || isSeq(n) || isMap(n)) {
    const s = spanOf(n)!;
    consider(s.start, s.end);
  }
  return worst;
}

function inputGrade(name: string, scope: Scope, path: string, dispatchOnly: boolean): Grade {
  const grade = (capability: Capability, span?: Span, what?: string): Grade => ({ capability, path, via: span ? [{ what: what ?? `input '${name}'`, span }] : undefined });
  const { doc } = scope;
  if (scope.action) {
    // Composite action inputs: whatever the calling workflow passes.
    const def = findKey(scope.action.inputs, name, doc);
    return grade('caller', def ? spanOf(def.key) : undefined, `input '${name}' of this action`);
  }
  const wf = scope.workflow;
  if (!wf) return grade('unknown');
  const triggers = wf.triggers;
  let result: Capability | undefined;
  let span: Span | undefined;
  for (const t of triggers) {
    if (t.name !== 'workflow_dispatch' && t.name !== 'workflow_call') continue;
    if (dispatchOnly && t.name !== 'workflow_dispatch') continue;
    const def = findKey(get(t.node, 'inputs', doc), name, doc);
    if (!def) continue;
    span ??= spanOf(def.key);
    const type = scalarString(get(def.value, 'type', doc), doc) ?? 'string';
    const options = items(get(def.value, 'options', doc), doc);
    let c: Capability;
    if (type === 'boolean' || type === 'number' || type === 'choice') c = 'fixed';
    else if (type === 'environment') c = 'fixed';
    else if (options.length && type !== 'string') c = 'fixed';
    else c = t.name === 'workflow_call' ? 'caller' : 'writer';
    result = result ? worse(result, c) : c;
  }
  if (!result) {
    // Not declared here (invalid, or a dispatch input read without a declaration).
    const callable = triggers.some((t) => t.name === 'workflow_call');
    return grade(callable && !dispatchOnly ? 'caller' : 'unknown');
  }
  return grade(result, span);
}

/** The first pair of a mapping by lower-cased key, per mapping node: env blocks and inputs are looked up for every reference. */
const keyIndexes = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

function findKey(map: unknown, name: string, doc: YamlDocument) {
  const m = asMap(map, doc);
  if (!m) return undefined;
  let index = keyIndexes.get(m);
  if (!index) {
    index = new Map();
    for (const p of pairs(m, doc)) {
      const k = keyString(p, doc)?.toLowerCase();
      if (k !== undefined && !index.has(k)) index.set(k, p);
    }
    keyIndexes.set(m, index);
  }
  return index.get(name.toLowerCase());
}

/** `env.X`: the closest definition (step, job, workflow) decides. */
export function envDefinition(name: string, scope: Scope) {
  const { doc } = scope;
  for (const holder of [scope.step?.env, scope.job?.env, scope.workflow?.env]) {
    if (!holder) continue;
    const p = findKey(holder, name, doc);
    if (p) return p;
  }
  return undefined;
}

function envGrade(name: string, scope: Scope, depth: number): Grade {
  const path = `env.${name}`;
  const def = envDefinition(name, scope);
  if (!def) return { capability: 'unknown', path };
  const via = [{ what: `env '${name}'`, span: spanOf(def.key) ?? spanOf(def.value)! }];
  // A value defined at job or workflow level is graded in that scope: no step there.
  const g = gradeValue(def.value as Node, { ...scope, step: isIn(def, scope.step?.env, scope.doc) ? scope.step : undefined }, depth);
  if (!g) return { capability: 'fixed', path, via };
  return { capability: g.capability, path: g.path, via: [...via, ...(g.via ?? [])] };
}

function isIn(pair: unknown, holder: unknown, doc: YamlDocument): boolean {
  return !!holder && pairs(holder, doc).includes(pair as never);
}

function matrixGrade(segs: string[], scope: Scope, path: string, depth: number): Grade {
  const { doc } = scope;
  const matrix = get(scope.job?.strategy, 'matrix', doc);
  if (!matrix) return { capability: 'unknown', path };
  const m = resolve(matrix, doc);
  if (isScalar(m)) {
    // `matrix: ${{ fromJSON(...) }}`: as trustworthy as what it is built from; dynamic otherwise.
    const g = gradeValue(matrix, scope, depth);
    return g && capabilityRank(g.capability) > RANK.unknown ? { ...g, via: [{ what: 'the matrix', span: spanOf(matrix)! }, ...(g.via ?? [])] } : { capability: 'unknown', path };
  }
  const key = segs[0];
  if (!key) return gradeValue(matrix, scope, depth) ?? { capability: 'fixed', path };
  let worst: Grade = { capability: 'fixed', path };
  const consider = (node: unknown) => {
    const g = gradeValue(node as Node, scope, depth);
    if (g && capabilityRank(g.capability) > capabilityRank(worst.capability)) worst = { ...g, via: [{ what: `matrix value '${key}'`, span: spanOf(node)! }, ...(g.via ?? [])] };
  };
  let defined = false;
  for (const p of pairs(m, doc)) {
    const k = keyString(p, doc)?.toLowerCase();
    if (k === key) {
      defined = true;
      consider(p.value);
    } else if (k === 'include') {
      const inc = resolve(p.value, doc);
      if (isScalar(inc)) {
        defined = true;
        consider(p.value);
      }
      for (const entry of items(p.value, doc)) {
        const e = asMap(entry, doc);
        if (!e) {
          consider(entry);
          continue;
        }
        const v = findKey(e, key, doc);
        if (v) {
          defined = true;
          consider(v.value);
        }
      }
    }
  }
  if (!defined) return { capability: 'unknown', path };
  return worst;
}

function stepsGrade(segs: string[], scope: Scope, path: string, depth: number): Grade {
  const [, id, kind, name] = segs;
  if (kind === 'outcome' || kind === 'conclusion') return { capability: 'fixed', path };
  if (kind !== 'outputs' || !id) return { capability: 'unknown', path };
  const step = scope.steps.find((s) => s.id?.value.toLowerCase() === id);
  if (!step) return { capability: 'unknown', path };
  const via = [{ what: `step '${step.id!.value}'`, span: step.id!.span }];
  if (step.uses?.ref.slug) {
    const slug = step.uses.ref.slug;
    const known = ARBITRARY_OUTPUTS.find((a) => a.action.test(slug) && (!a.outputs || !name || a.outputs.test(name)));
    if (known) return { capability: 'arbitrary', path, via };
    return { capability: 'unknown', path, via };
  }
  if (step.run && name) {
    // `echo "name=<value>" >> "$GITHUB_OUTPUT"`: grade the expressions in the written value.
    const run = step.run;
    const src = scope.text.slice(run.span.start, run.span.end);
    const re = new RegExp(`(?:^|[\\s"'])${escapeRegExp(name)}=([^\\n]*)`, 'gi');
    let worst: Grade | undefined;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      const from = run.span.start + m.index + m[0].length - m[1].length;
      for (const e of expressionsIn(scope.text, from, from + m[1].length)) {
        for (const c of e.contexts) {
          if (!c.flowsToResult) continue;
          const cg = gradeContext(c, { ...scope, step }, depth + 1);
          if (!worst || capabilityRank(cg.capability) > capabilityRank(worst.capability)) worst = cg;
        }
      }
    }
    if (worst) return { ...worst, via: [...via, ...(worst.via ?? [])] };
  }
  return { capability: 'unknown', path, via };
}

function needsGrade(parts: string[], scope: Scope, depth: number): Grade {
  const path = parts.join('.');
  const [, jobId, kind, name] = parts;
  if (kind === 'result') return { capability: 'fixed', path };
  if (kind !== 'outputs' || !jobId || !name || !scope.workflow) return { capability: 'unknown', path };
  const job = scope.workflow.jobs.find((j) => j.id.toLowerCase() === jobId.toLowerCase());
  if (!job) return { capability: 'unknown', path };
  const out = findKey(job.outputs, name, scope.doc);
  if (!out) return { capability: 'unknown', path };
  const g = gradeValue(out.value as Node, { ...scope, job, step: undefined, steps: job.steps }, depth);
  const via = [{ what: `output '${name}' of job '${job.id}'`, span: spanOf(out.key)! }];
  if (!g) return { capability: 'fixed', path, via };
  return { ...g, via: [...via, ...(g.via ?? [])] };
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A readable env-var name for a context path (`github.event.pull_request.title` -> `PR_TITLE`). */
export function envNameFor(path: string): string {
  const segs = path.split('.').filter((s) => s !== '*');
  let parts: string[];
  const lower = segs.map((s) => s.toLowerCase());
  if (lower[0] === 'github' && lower[1] === 'event') {
    parts = segs.slice(2);
    if (parts.length > 2) parts = parts.slice(-2);
    if (lower[2] === 'inputs') parts = ['INPUT', ...segs.slice(3)].slice(-2).map((p, i) => (i === 0 && p === 'INPUT' ? 'INPUTS' : p));
  } else if (lower[0] === 'github') parts = segs.slice(1);
  else if (lower[0] === 'steps' && lower[2] === 'outputs') parts = [segs[1], ...segs.slice(3)];
  else if (lower[0] === 'needs' && lower[2] === 'outputs') parts = [segs[1], ...segs.slice(3)];
  else if (lower[0] === 'inputs' || lower[0] === 'matrix') parts = [lower[0] === 'inputs' ? 'INPUTS' : 'MATRIX', ...segs.slice(1)];
  else parts = segs;
  const name = parts
    .map((p) => (p.toLowerCase() === 'pull_request' ? 'PR' : p))
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
  return /^[A-Z_]/.test(name) ? name : `V_${name}`;
}

/** Variables the runner sets or that programs rely on: never shadow them. */
export function isReservedEnvName(name: string): boolean {
  return /^(GITHUB_|RUNNER_|ACTIONS_|INPUT_|STATE_|IMAGEOS|IMAGEVERSION)/.test(name) || ['PATH', 'HOME', 'SHELL', 'USER', 'PWD', 'CI', 'LANG', 'TEMP', 'TMP', 'TMPDIR', 'IFS', 'PS1', 'PS4', 'ENV', 'BASH_ENV', 'NODE_OPTIONS', 'LD_PRELOAD', 'SHELLOPTS', 'PROMPT_COMMAND'].includes(name);
}

