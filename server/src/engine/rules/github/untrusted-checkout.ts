import { stepCaches, stepExecutes, type Execution } from '../../github/execution.js';
import { scriptText } from '../../github/script.js';
import { bashOf } from '../../github/shell.js';
import type { Job, Step, Workflow } from '../../model/github.js';
import type { Span } from '../../types.js';
import { get, getString, spanOf } from '../../yaml/nodes.js';
import { shown } from '../../github/persona.js';
import { defineRule, type RuleContext } from '../rule.js';

/** Triggers that run with the base repository's token and secrets while outsiders choose the code. */
const PRIVILEGED = ['pull_request_target', 'workflow_run', 'issue_comment'];

/** Contexts naming the pull request's (or triggering run's) head: code an outsider wrote. */
const UNTRUSTED_REF = /github\.event\.pull_request\.head\.(sha|ref|label|repo\.full_name|repo\.clone_url|repo\.html_url|repo\.ssh_url)|github\.head_ref|github\.event\.pull_request\.merge_commit_sha|github\.event\.workflow_run\.(head_sha|head_branch|head_commit\.id|head_repository\.(full_name|clone_url|html_url)|pull_requests)|github\.event\.(issue|pull_request)\.number\s*\}\}\/(head|merge)/i;
/** Literal PR refs: `refs/pull/123/merge`, `pull/${{ ... }}/head`. */
const PULL_REFSPEC = /(^|[\s:/'"])(refs\/)?pull\/(\$\{\{[^}]*\}\}|\$\{?\w+\}?|\d+|\*)\/(head|merge)\b/;
/** Outputs that, by name, carry a PR head (for issue_comment workflows that look the PR up first). */
const HEADISH_OUTPUT = /(steps|needs)\.[\w-]+\.outputs\.[\w-]*(head|sha|ref|branch|pr)[\w-]*/i;

interface CheckoutPoint {
  step: Step;
  span: Span;
  what: string;
  /** Low when only the name of a step output suggests a PR head. */
  certain: boolean;
  /** For `run:` checkouts: commands after this document offset run on the untrusted tree. */
  after?: number;
}

export default defineRule<Workflow>({
  meta: {
    id: 'untrusted-checkout',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Privileged workflow checks out and runs untrusted pull request code',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['dangerous-triggers'], poutine: ['untrusted_checkout_exec'] },
  },
  check(ctx) {
    const wf = ctx.model;
    let privileged = wf.triggers.map((t) => t.name).filter((t) => PRIVILEGED.includes(t));
    // A reusable workflow runs with its caller's event: dangerous only if a caller is privileged (auditor level).
    const reusable = !privileged.length && wf.triggers.some((t) => t.name === 'workflow_call');
    if (reusable) privileged = ['workflow_call (when a caller runs on pull_request_target, workflow_run or issue_comment)'];
    if (!privileged.length) return;
    // A reusable workflow's findings are all auditor-level.
    if (reusable && !shown(ctx.settings, 'auditor')) return;
    for (const job of wf.jobs) {
      const jobGuard = guardOf(job.if?.value);
      if (jobGuard === 'safe') continue;
      let scriptGuard: Guard;
      for (const step of job.steps) {
        const stepGuard = guardOf(step.if?.value);
        if (stepGuard === 'safe') continue;
        const checkout = checkoutPoint(ctx, step);
        if (!checkout) {
          const guard = guardInScript(ctx, step);
          scriptGuard = worstGuard(scriptGuard, guard);
          if (guard === 'safe') break;
          continue;
        }
        const exec = runsAfter(ctx, job, checkout);
        report(ctx, job, checkout, exec, privileged, worstGuard(worstGuard(jobGuard, stepGuard), scriptGuard), reusable);
        break;
      }
    }
  },
});

type Guard = 'safe' | 'gated' | undefined;

/** `if:` conditions that keep outsiders out (same-repository PRs, other events) or gate them (labels, roles). */
function guardOf(cond: string | undefined): Guard {
  if (!cond) return undefined;
  const c = cond.replace(/\s+/g, ' ');
  // With `||`, a safe-looking part does not restrict the others: only gating can be read off.
  if (c.includes('||')) return /author_association|github\.actor\s*==|==\s*github\.actor|triggering_actor|\.user\.login|labels\.\*\.name|github\.event\.label\.name|\.permission\b|is_member|collaborator/i.test(c) ? 'gated' : undefined;
  if (/head\.repo\.full_name\s*==\s*github\.repository\b|github\.repository\s*==\s*github\.event\.pull_request\.head\.repo\.full_name/.test(c)) return 'safe';
  if (/head\.repo\.fork\s*==\s*false|!\s*github\.event\.pull_request\.head\.repo\.fork\b|head_repository\.full_name\s*==\s*github\.repository/.test(c)) return 'safe';
  if (/github\.event_name\s*==\s*'(push|pull_request|schedule|workflow_dispatch|release|merge_group)'/.test(c) && !/\|\|/.test(c)) return 'safe';
  // Pull requests opened by Dependabot or Renovate come from branches of this repository.
  if (/pull_request\.user\.login\s*==\s*'(dependabot|renovate|github-actions)\[bot\]'/.test(c) && !/\|\|/.test(c)) return 'safe';
  if (/author_association|github\.actor\s*==|==\s*github\.actor|triggering_actor|\.user\.login|labels\.\*\.name|github\.event\.label\.name|\.permission\b|is_member|collaborator/i.test(c)) return 'gated';
  return undefined;
}

const worstGuard = (a: Guard, b: Guard): Guard => (a === 'gated' || b === 'gated' ? 'gated' : undefined);

/**
 * Checks made in an earlier step's script: a step that fails for forks stops the job ('safe'); one
 * that reads the commenter's association or permission gates it.
 */
function guardInScript(ctx: RuleContext<Workflow>, step: Step): Guard {
  const node = step.run?.node ?? (step.uses?.ref.slug === 'actions/github-script' ? get(step.with, 'script', ctx.doc) : undefined);
  const span = spanOf(node);
  if (!span) return undefined;
  const src = ctx.text.slice(span.start, span.end);
  const failsForForks = /head\.repo\.(fork|full_name)|headRepository|isCrossRepository|head_repo/.test(src) && /setFailed|exit 1|throw /.test(src);
  if (failsForForks && !step.node.items.some((p) => String((p as { key?: { value?: unknown } }).key?.value) === 'continue-on-error')) return 'safe';
  if (/author_association|authorAssociation|getCollaboratorPermissionLevel|checkMembership|\/permission\b/.test(src)) return 'gated';
  return undefined;
}

function checkoutPoint(ctx: RuleContext<Workflow>, step: Step): CheckoutPoint | undefined {
  const slug = step.uses?.ref.slug;
  if (slug === 'actions/checkout') {
    for (const key of ['ref', 'repository']) {
      const node = get(step.with, key, ctx.doc);
      const span = spanOf(node);
      if (!span) continue;
      const src = ctx.text.slice(span.start, span.end);
      if (UNTRUSTED_REF.test(src) || PULL_REFSPEC.test(src)) return { step, span, what: `actions/checkout with ${key}: ${src.trim()}`, certain: true };
      if (HEADISH_OUTPUT.test(src)) return { step, span, what: `actions/checkout with ${key}: ${src.trim()}`, certain: false };
    }
    return undefined;
  }
  if (!step.run) return undefined;
  const script = scriptText(step.run.node, ctx.text);
  if (!script || !mayCheckOut(script.value)) return undefined;
  const parsed = bashOf(script, true);
  for (const cmd of parsed.commands) {
    const raw = script.value.slice(cmd.start, cmd.end);
    const words = raw.split(/\s+/);
    const git = words[0] === 'git' ? words.slice(1).filter((w) => !w.startsWith('-')) : undefined;
    const gh = (words[0] === 'gh' || words[0] === 'hub') && words[1] === 'pr' && words[2] === 'checkout';
    let hit = gh;
    let certain = true;
    if (git && /^(fetch|checkout|switch|pull|clone|reset|worktree)$/.test(git[0] ?? '')) {
      const args = raw.slice(raw.indexOf(git[0]) + git[0].length);
      if (UNTRUSTED_REF.test(args) || PULL_REFSPEC.test(args)) hit = true;
      else if (HEADISH_OUTPUT.test(args) && git[0] !== 'clone') {
        hit = true;
        certain = false;
      }
    }
    if (!hit) continue;
    const start = script.map[cmd.start];
    const end = script.map[cmd.end] ?? script.end;
    return { step, span: { start, end }, what: `\`${raw.trim().split('\n')[0].slice(0, 80)}\``, certain, after: end };
  }
  return undefined;
}

/** The core of PULL_REFSPEC without its boundaries: found in any text PULL_REFSPEC matches a part of. */
const PULL_REF = /pull\/(\$\{\{[^}]*\}\}|\$\{?\w+\}?|\d+|\*)\/(head|merge)/;

/**
 * False when no command of the script can check out a pull request head (below, `gh pr checkout` or git
 * with an untrusted ref in its arguments, which are part of the script): most scripts are then not lexed.
 */
function mayCheckOut(script: string): boolean {
  return script.includes('checkout') || (script.includes('git') && (UNTRUSTED_REF.test(script) || PULL_REF.test(script) || HEADISH_OUTPUT.test(script)));
}

/** The first thing after the checkout that runs or caches the checked-out code. */
function runsAfter(ctx: RuleContext<Workflow>, job: Job, checkout: CheckoutPoint): Execution | undefined {
  const from = job.steps.indexOf(checkout.step);
  // A checkout into `path: X` only puts the untrusted code under X: what runs elsewhere is the base's.
  const dir = checkout.step.uses ? getString(checkout.step.with, 'path', ctx.doc)?.replace(/^\.\/|\/+$/g, '') : undefined;
  const touchesDir = (step: Step, exec: Execution) => {
    if (!dir || dir === '.') return true;
    if (step.uses) return step.uses.ref.kind === 'local' && (step.uses.ref.path ?? '').replace(/^\.\//, '').startsWith(dir + '/');
    const wd = getString(step.node, 'working-directory', ctx.doc) ?? '';
    if (wd.replace(/^\.\//, '').startsWith(dir)) return true;
    // A program inside X (`./X/build.sh`, `bash X/ci.sh`, `python X/setup.py`), or a build run after `cd X`.
    // A tool that merely reads X (`site build --input X`) runs the base repository's code.
    const words = ctx.text.slice(exec.span.start, exec.span.end).split(/\s+/).map((w) => w.replace(/^["']|["']$/g, '').replace(/^\.\//, ''));
    const program = /^(bash|sh|zsh|python3?|node|ruby|perl|pwsh|source|\.)$/.test(words[0] ?? '') ? words.slice(1).find((w) => !w.startsWith('-')) : words[0];
    if (program?.startsWith(dir + '/')) return true;
    const script = step.run?.value ?? '';
    return new RegExp(`\\bcd\\s+["']?(\\./)?${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(script);
  };
  let cached: Execution | undefined;
  for (let i = from; i < job.steps.length; i++) {
    const step = job.steps[i];
    if (i === from && checkout.after === undefined) continue;
    const exec = stepExecutes(step, ctx.doc, ctx.text, i === from ? checkout.after : undefined);
    if (exec && touchesDir(step, exec)) return exec;
    const cache = stepCaches(step, ctx.doc);
    if (cache && step.uses && !cached && (!dir || dir === '.')) cached = { step, span: step.uses.span, what: `${cache.action} saves a cache built from the checkout, which later privileged runs restore` };
  }
  return cached;
}

function report(ctx: RuleContext<Workflow>, job: Job, checkout: CheckoutPoint, exec: Execution | undefined, triggers: string[], guard: Guard, reusable = false) {
  const on = triggers.join('/');
  const gated = guard === 'gated' ? ' The job is gated by a label or author check, which narrows but does not close this: the code can change after the check passes.' : '';
  const related = exec ? [{ span: exec.span, message: `runs the untrusted code: ${exec.what}` }] : undefined;
  if (exec) {
    ctx.report({
      span: checkout.span,
      severity: guard === 'gated' ? 'medium' : 'high',
      confidence: reusable ? 'low' : checkout.certain ? 'high' : 'medium',
      persona: reusable ? 'auditor' : undefined,
      message: `Job '${job.id}' runs on ${on} with the base repository's token and secrets, checks out the pull request's code (${checkout.what}) and then ${exec.what}: whoever opens the pull request runs code in this job.${gated}`,
      related,
    });
    return;
  }
  ctx.report({
    span: checkout.span,
    severity: 'medium',
    confidence: checkout.certain ? 'medium' : 'low',
    persona: reusable ? 'auditor' : guard === 'gated' || !checkout.certain ? 'pedantic' : 'regular',
    message: `Job '${job.id}' runs on ${on} and checks out the pull request's code (${checkout.what}). Nothing here appears to run it, but any build, test or script step added later would run an outsider's code with this job's token and secrets.${gated}`,
  });
}
