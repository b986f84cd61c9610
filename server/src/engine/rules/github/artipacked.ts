import { isMap, type Node, type Pair } from 'yaml';
import { withValue, type ActionMetadata, type Job, type Step, type Workflow } from '../../model/github.js';
import type { Fix, TextEdit } from '../../types.js';
import { getPair } from '../../yaml/nodes.js';
import { shown } from '../../github/persona.js';
import { defineRule, type RuleContext } from '../rule.js';

/** Later steps that need the persisted token (they push or fetch with it). */
const NEEDS_GIT_AUTH = /\bgit\s+(push|fetch|pull|ls-remote|submodule|remote\s+update)\b|\bgit\s+-C\s+\S+\s+(push|fetch|pull)\b/;
const PUSHING_ACTIONS = /^(peter-evans\/create-pull-request|stefanzweifel\/git-auto-commit-action|ad-m\/github-push-action|changesets\/action|endbug\/add-and-commit|googleapis\/release-please-action|cycjimmy\/semantic-release-action|crazy-max\/ghaction-github-pages|peaceiris\/actions-gh-pages|jamesives\/github-pages-deploy-action|devops-infra\/action-commit-push|test-room-7\/action-update-file)$/;

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'artipacked',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'actions/checkout leaves the token in the workspace',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { zizmor: ['artipacked'] },
  },
  check(ctx) {
    const model = ctx.model;
    const groups: { steps: Step[]; job?: Job }[] = 'jobs' in model ? model.jobs.map((j) => ({ steps: j.steps, job: j })) : [{ steps: model.steps }];
    for (const { steps } of groups) {
      steps.forEach((step, i) => {
        if (step.uses?.ref.slug !== 'actions/checkout') return;
        const persist = withValue(step, 'persist-credentials', ctx.doc);
        if (persist && persist.value.trim().toLowerCase() === 'false') return;
        const major = versionOf(ctx, step);
        const later = steps.slice(i + 1);
        const checkoutPath = withValue(step, 'path', ctx.doc)?.value;
        const upload = later.find((s) => uploadsWorkspace(ctx, s, checkoutPath));
        // checkout v6 keeps the credentials in a file under $RUNNER_TEMP, outside the workspace.
        const outside = major !== undefined && major >= 6;
        if (persist && !persist.value.includes('${{')) {
          // persist-credentials: true written out: a deliberate choice.
          const persona = upload && !outside ? 'regular' : 'auditor';
          if (shown(ctx.settings, persona)) ctx.report({ span: persist.span, severity: upload && !outside ? 'high' : 'low', persona, message: `persist-credentials: true keeps the job's token in ${outside ? "the runner's temp directory" : '.git/config'} for every later step${upload ? `; the artifact uploaded by '${label(upload)}' includes the workspace` : ''}` });
          return;
        }
        if (upload && !outside) {
          const fix = addPersistFalse(ctx, step, persist?.node);
          ctx.report({
            span: step.uses.span,
            related: [{ span: upload.uses!.span, message: 'uploads the workspace, .git/config included' }],
            message: `actions/checkout stores the job's GITHUB_TOKEN in .git/config, and '${label(upload)}' uploads the workspace with hidden files: anyone who can download the artifact gets the token. Set persist-credentials: false`,
            fixes: fix ? [fix] : undefined,
          });
          return;
        }
        // What is left is pedantic (or auditor when a later step needs the token): skipped when not shown.
        if (!shown(ctx.settings, 'pedantic')) return;
        const needsAuth = later.some((s) => NEEDS_GIT_AUTH.test(s.run?.value ?? '') || PUSHING_ACTIONS.test(s.uses?.ref.slug ?? ''));
        if (!shown(ctx.settings, needsAuth ? 'auditor' : 'pedantic')) return;
        const fix = addPersistFalse(ctx, step, persist?.node);
        ctx.report({
          span: step.uses.span,
          severity: needsAuth ? 'low' : 'medium',
          confidence: needsAuth ? 'low' : 'medium',
          persona: needsAuth ? 'auditor' : 'pedantic',
          message: `actions/checkout keeps the job's GITHUB_TOKEN ${outside ? "in the runner's temp directory" : 'in .git/config'} for every later step${needsAuth ? ' (a later step pushes or fetches with it)' : ''}: any tool or script that runs afterwards can read it. Set persist-credentials: false unless a later git command needs it`,
          fixes: fix ? [fix] : undefined,
        });
      });
    }
  },
});

function label(step: Step): string {
  return step.name?.value ?? step.id?.value ?? step.uses?.value ?? `step ${step.index + 1}`;
}

/** Major version from the ref (`v4`, `v4.2.1`) or, for a SHA pin, from the `# v4.2.1` comment. */
function versionOf(ctx: RuleContext<Workflow | ActionMetadata>, step: Step): number | undefined {
  const ref = step.uses?.ref.ref ?? '';
  const m = /^v?(\d+)/.exec(ref);
  if (m && !step.uses?.ref.isShaPinned) return Number(m[1]);
  const lineEnd = ctx.text.indexOf('\n', step.uses!.span.end);
  const comment = /#\s*v?(\d+)/.exec(ctx.text.slice(step.uses!.span.end, lineEnd < 0 ? undefined : lineEnd));
  return comment ? Number(comment[1]) : undefined;
}

/** An upload-artifact step whose paths cover the workspace root (or .git) and that keeps hidden files. */
function uploadsWorkspace(ctx: RuleContext<Workflow | ActionMetadata>, step: Step, checkoutPath: string | undefined): boolean {
  if (step.uses?.ref.slug !== 'actions/upload-artifact') return false;
  const path = withValue(step, 'path', ctx.doc)?.value ?? '';
  const roots = new Set(['.', './', '*', '**', './*', './**', '${{github.workspace}}', '${{github.workspace}}/', '..', '../']);
  if (checkoutPath) for (const p of [checkoutPath, `./${checkoutPath}`, `${checkoutPath}/`, `\${{github.workspace}}/${checkoutPath}`]) roots.add(p.replace(/\s+/g, ''));
  const covers = path
    .split('\n')
    .map((l) => l.trim().replace(/^["']|["']$/g, '').replace(/\s+/g, ''))
    .filter((l) => l && !l.startsWith('!'))
    .some((l) => roots.has(l) || /(^|\/)\.git(\/|$)/.test(l));
  if (!covers) return false;
  // upload-artifact v4.4+ leaves hidden files (.git) out unless include-hidden-files is true.
  if (withValue(step, 'include-hidden-files', ctx.doc)?.value === 'true') return true;
  const ref = step.uses.ref.ref ?? '';
  const m = /^v?(\d+)(?:\.(\d+))?/.exec(step.uses.ref.isShaPinned ? (/#\s*(v?[\d.]+)/.exec(ctx.text.slice(step.uses.span.end, ctx.text.indexOf('\n', step.uses.span.end)))?.[1] ?? '') : ref);
  if (!m) return false;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? undefined : Number(m[2]);
  return major < 4 || (major === 4 && minor !== undefined && minor < 4);
}

/** Adds `persist-credentials: false` under `with:` (creating `with:` when missing). */
function addPersistFalse(ctx: RuleContext<Workflow | ActionMetadata>, step: Step, existing: Node | undefined): Fix | undefined {
  const text = ctx.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const column = (o: number) => o - (text.lastIndexOf('\n', o - 1) + 1);
  const title = 'Set persist-credentials: false';
  if (existing?.range) {
    return { title, safe: false, edits: [{ start: existing.range[0], end: existing.range[1], newText: 'false' }] };
  }
  const withPair = getPair(step.node, 'with', ctx.doc) as Pair<Node, Node> | undefined;
  let edit: TextEdit | undefined;
  if (withPair) {
    const map = withPair.value;
    if (!isMap(map) || map.flow || !map.items.length) return undefined;
    const first = (map.items[0] as Pair<Node, Node>).key;
    const last = map.items[map.items.length - 1] as Pair<Node, Node>;
    const end = lineEnd(text, (last.value ?? last.key)?.range?.[1]);
    if (!first?.range || end === undefined) return undefined;
    edit = { start: end, end, newText: `${eol}${' '.repeat(column(first.range[0]))}persist-credentials: false` };
  } else {
    const items = step.node.items as Pair<Node, Node>[];
    const first = items[0]?.key;
    const last = items[items.length - 1];
    const end = lineEnd(text, (last?.value ?? last?.key)?.range?.[1]);
    if (!first?.range || end === undefined || step.node.flow) return undefined;
    const indent = column(first.range[0]);
    edit = { start: end, end, newText: `${eol}${' '.repeat(indent)}with:${eol}${' '.repeat(indent + 2)}persist-credentials: false` };
  }
  return { title, safe: false, edits: [edit] };
}

function lineEnd(text: string, offset: number | undefined): number | undefined {
  if (offset === undefined) return undefined;
  let q = offset - 1;
  while (q > 0 && /\s/.test(text[q])) q--;
  const nl = text.indexOf('\n', q);
  let end = nl < 0 ? text.length : nl;
  if (text[end - 1] === '\r') end--;
  return end;
}
