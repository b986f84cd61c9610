// Hover for GitLab CI files: predefined variables (what they hold, who controls their value),
// CI_JOB_TOKEN (what it reaches, the allowlist), `$[[ inputs.x ]]` (the input's constraints) and the
// security-relevant keywords (id_tokens, secrets, include forms, trigger:forward, image, services...).
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { HoverProvider } from '../hover.js';
import type { Span } from '../types.js';
import { findInterpolations, findVariables } from '../expressions/gitlab.js';
import { GLOBAL_KEYWORDS, type Pipeline } from '../model/gitlab.js';
import { get, keyString, pairs, resolve, scalarString } from '../yaml/nodes.js';
import { controlLabel, PREDEFINED_BY_NAME } from './predefined.js';

const DOCS = 'https://docs.gitlab.com/ci/yaml/';

/** Security notes for keywords, keyed by `parent>key` or `key`. */
const KEYWORDS: Record<string, string> = {
  id_tokens: `**id_tokens**: OIDC identity tokens (JWTs) issued to this job only, each under the variable name you choose, with the audience (\`aud\`) of the service that will accept it (a cloud provider, Vault...). Claims include the project, ref, ref type and whether the ref is protected, so the receiving side can restrict which pipelines get credentials. Declare them only in jobs that use them, one audience per token. They replace \`CI_JOB_JWT*\`, removed in GitLab 17.0. [Docs](https://docs.gitlab.com/ci/secrets/id_token_authentication/)`,
  aud: `**aud**: the audience of the ID token: the one service meant to accept it. A token valid for several audiences can be replayed by any of them against the others; wildcards let any matching service accept it.`,
  secrets: `**secrets**: CI/CD secrets fetched at job start from an external manager (HashiCorp Vault, Azure Key Vault, GCP Secret Manager, AWS Secrets Manager), authenticated with an ID token (\`token:\`). By default exposed as file-type variables, which keeps them out of \`env\` output. Prefer this to CI/CD variables for the most sensitive values. [Docs](${DOCS}#secrets)`,
  include: `**include**: pulls other YAML into this pipeline; the included jobs run with this project's variables, job token and runners. \`local\` and \`template\` are fixed by this repository and GitLab; \`project\` should pin \`ref\` to a commit SHA; \`remote\` should carry \`integrity: sha256-...\`; \`component\` should pin a full version. [Docs](${DOCS}#include)`,
  'include>ref': `**include:ref**: the branch, tag or commit of the included project. Without it GitLab uses the project's default branch (HEAD) at pipeline creation: whoever can push there changes this pipeline. Pin a full commit SHA.`,
  'include>remote': `**include:remote**: a YAML file fetched over HTTPS when the pipeline is created. Whoever controls the server decides what runs unless \`integrity\` pins its SHA-256.`,
  'include>integrity': `**include:integrity** (GitLab 17.9): \`sha256-<base64>\` of the remote file; the pipeline fails when the content differs.`,
  'include>component': `**include:component**: a CI/CD component, \`<fqdn>/<project>/<component>@<version>\`. \`~latest\` and branches move; pin a full version or a commit SHA.`,
  'include>project': `**include:project**: files from another project of this instance, read with the permissions of the user running the pipeline. Pin \`ref\` to a commit SHA.`,
  trigger: `**trigger**: starts a downstream (multi-project or child) pipeline. With \`forward: pipeline_variables: true\` the variables this pipeline was started with override the downstream pipeline's own. [Docs](${DOCS}#trigger)`,
  pipeline_variables: `**trigger:forward:pipeline_variables**: forward the variables this pipeline was started with (API, schedule, "Run pipeline" form, upstream trigger) to the downstream pipeline, where they take precedence over its own variables. Default: false.`,
  image: `**image**: the container image the job runs in, with all its variables and its job token. Pin a version tag (never \`latest\` or no tag) and ideally a digest (\`@sha256:\`). Variables in it are expanded by GitLab: never let branch names or commit text choose the image. [Docs](${DOCS}#image)`,
  services: `**services**: extra containers linked to the job (databases, \`docker:dind\`). They get the job's \`.gitlab-ci.yml\` variables. \`docker:dind\` needs a privileged runner; keep its TLS on (\`DOCKER_TLS_CERTDIR: "/certs"\`). [Docs](${DOCS}#services)`,
  environment: `**environment**: the deployment target. Protect production environments in the project settings and gate the job on protected refs (\`if: $CI_COMMIT_REF_PROTECTED == "true"\`); merge request pipelines run unreviewed code. [Docs](${DOCS}#environment)`,
  allow_failure: `**allow_failure**: let the pipeline pass when this job fails. On security scanners this hides crashes and findings.`,
  rules: `**rules**: when the job runs. For jobs that deploy or use secrets, tie them to protected refs and keep them out of merge request pipelines from forks (\`$CI_MERGE_REQUEST_SOURCE_PROJECT_ID == $CI_PROJECT_ID\`). [Docs](${DOCS}#rules)`,
  hooks: `**hooks:pre_get_sources_script**: commands run on the runner before the repository is fetched, with the job's variables.`,
  inherit: `**inherit**: which \`default:\` keywords and global variables the job inherits. \`inherit: variables: false\` on trigger jobs keeps global variables out of downstream pipelines.`,
  variables: `**variables**: CI/CD variables defined in the file are visible to anyone who can read the repository and are never masked: no secrets here. GitLab expands \`$VAR\` references in them (unless \`expand: false\`).`,
  artifacts: `**artifacts**: files uploaded after the job; \`reports:dotenv\` turns a file into variables of later jobs. With \`public: false\` (or \`access\`) only members can download them.`,
  spec: `**spec:inputs**: the parameters of a component or pipeline, interpolated as text with \`$[[ inputs.name ]]\` before the YAML is read. Constrain free-text inputs with \`options\`, \`regex\` or a \`boolean\`/\`number\` type before using them in scripts.`,
};

interface Hit {
  kind: 'key' | 'value';
  key: string;
  path: string[];
  span: Span;
  node: Node;
}

/** The innermost key or scalar value at `offset`, with the key path leading to it. */
function nodeAt(root: unknown, offset: number, doc: Parameters<typeof resolve>[1]): Hit | undefined {
  let best: Hit | undefined;
  const rec = (n: unknown, path: string[], depth: number) => {
    if (depth > 60 || n == null) return;
    const node = n as Node;
    if (node.range && (offset < node.range[0] || offset > node.range[1])) return;
    if (isMap(node)) {
      for (const p of node.items as Pair<unknown, unknown>[]) {
        if (!isPair(p)) continue;
        const k = keyString(p, doc);
        const kn = p.key as Node | undefined;
        if (kn?.range && offset >= kn.range[0] && offset <= kn.range[1] && k !== undefined) best = { kind: 'key', key: k, path, span: { start: kn.range[0], end: kn.range[1] }, node: kn };
        rec(p.value, k !== undefined ? [...path, k] : path, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const it of node.items) rec(it, path, depth + 1);
    } else if (isScalar(node) && node.range && offset >= node.range[0] && offset <= node.range[1]) {
      best = { kind: 'value', key: path[path.length - 1] ?? '', path, span: { start: node.range[0], end: node.range[1] }, node };
    }
  };
  rec(root, [], 0);
  return best;
}

function variableHover(name: string): string | undefined {
  const v = PREDEFINED_BY_NAME.get(name);
  if (!v) return undefined;
  const who = `**Who controls it:** ${controlLabel(v.control)}.`;
  const risk = v.control === 'attacker'
    ? '\n\nThe shell does not re-parse an expanded variable, so `echo "$' + name + '"` is safe; never put it into `eval`, `sh -c "..."`, `ssh host "..."`, generated scripts or `image:`.'
    : v.control === 'secret'
      ? '\n\nA credential: send it only to this GitLab instance (`$CI_SERVER_URL`, `$CI_API_V4_URL`, `$CI_REGISTRY`), never print it.'
      : '';
  const allowlist = name === 'CI_JOB_TOKEN'
    ? '\n\n**Reach:** other projects accept it only if their *job token allowlist* ("CI/CD > Job token permissions > Authorized groups and projects") names this project; keep that list short and never switch it to "All groups and projects". Pushing with it needs "Allow Git push requests to the repository". [Docs](https://docs.gitlab.com/ci/jobs/ci_job_token/)'
    : '';
  return `**$${name}** (predefined)\n\n${v.description}\n\n${who}${risk}${allowlist}`;
}

function inputHover(p: Pipeline, name: string): string {
  const def = resolve(get(get(p.spec, 'inputs', p.doc), name, p.doc), p.doc);
  if (!p.spec) return `**inputs.${name}**: no \`spec:inputs\` in this file; the value is whatever the includer passes, pasted into the text before the YAML is read.`;
  if (!isMap(def)) return `**inputs.${name}**: not declared in \`spec:inputs\` (GitLab rejects the file).`;
  const type = scalarString(get(def, 'type', p.doc), p.doc) ?? 'string';
  const options = get(def, 'options', p.doc);
  const regex = scalarString(get(def, 'regex', p.doc), p.doc);
  const dflt = scalarString(get(def, 'default', p.doc), p.doc);
  const constrained = !!options || !!regex || type === 'boolean' || type === 'number';
  const lines = [`**inputs.${name}**: type \`${type}\``];
  if (options) lines.push(`options: ${pairs(options, p.doc).length ? '' : (isSeq(resolve(options, p.doc)) ? (resolve(options, p.doc) as import('yaml').YAMLSeq<unknown>).items.map((i) => '`' + scalarString(i, p.doc) + '`').join(', ') : '')}`);
  if (regex) lines.push(`regex: \`${regex}\``);
  if (dflt !== undefined) lines.push(`default: \`${dflt}\``);
  lines.push(constrained ? 'Constrained: safe to interpolate where its allowed values are safe.' : 'Unconstrained free text: it is pasted into scripts as code; add `options`, `regex` or a boolean/number type before using it in `script:`.');
  return lines.join('\n\n');
}

export const gitlabHover: HoverProvider = {
  kinds: ['gitlab-ci'],
  provide(ctx) {
    const p = ctx.model as Pipeline;
    if (!p || !p.root) return undefined;
    const hit = nodeAt(ctx.doc.contents, ctx.offset, ctx.doc);
    if (!hit) return undefined;
    const src = ctx.text.slice(hit.span.start, hit.span.end);
    // $[[ inputs.x ]] and $VAR inside a value (or a variable name as a key under variables:).
    for (const it of findInterpolations(src, (i) => hit.span.start + i)) {
      if (it.input && ctx.offset >= it.span.start && ctx.offset <= it.span.end) return { markdown: inputHover(p, it.input), span: it.span };
    }
    for (const r of findVariables(src, (i) => hit.span.start + i)) {
      if (ctx.offset < r.span.start || ctx.offset > r.span.end) continue;
      const md = variableHover(r.name);
      if (md) return { markdown: md, span: r.span };
    }
    if (hit.kind === 'key') {
      if (hit.path[hit.path.length - 1] === 'variables' || (hit.path.length >= 2 && hit.path[hit.path.length - 2] === 'variables')) {
        const md = variableHover(hit.key);
        if (md) return { markdown: md, span: hit.span };
      }
      const parent = hit.path[hit.path.length - 1];
      const inJobOrGlobal = hit.path.length <= 2 || GLOBAL_KEYWORDS.has(hit.path[0]);
      const md = (parent && KEYWORDS[`${parent}>${hit.key}`]) ?? (parent === 'include' || hit.path.includes('include') ? KEYWORDS[`include>${hit.key}`] : undefined) ?? (inJobOrGlobal || hit.key === 'aud' || hit.key === 'pipeline_variables' ? KEYWORDS[hit.key] : undefined);
      if (md) return { markdown: md, span: hit.span };
    }
    return undefined;
  },
};
