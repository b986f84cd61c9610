// Hover on `permissions:`: on a scope key or level, what read/write allow in that scope, what the token
// can never do and which steps of this job use it; on `write-all` / `read-all` and on a job without any
// block, what the job gets and what it actually needs.
import type { HoverProvider } from '../hover.js';
import type { Job, PermissionsBlock, Workflow } from '../model/github.js';
import type { Span } from '../types.js';
import { defaultLevels, isScope, scopeMarkdown, SCOPE_NAMES, TOKEN_NEVER, type DefaultPermissions, type LevelMap, type PermissionScope } from './scopes.js';
import { workflowPermissions, type JobPermissions } from './solver.js';

const inside = (s: Span, offset: number) => s.start <= offset && offset <= s.end;

function usage(jp: JobPermissions, scope: PermissionScope): string {
  const c = jp.minimal.get(scope);
  const head = `Job \`${jp.job.id}\``;
  if (!c) {
    return jp.status === 'known'
      ? `${head}: no step uses \`${scope}\`.`
      : `${head}: no analysed step uses \`${scope}\`, but some steps could not be analysed (${jp.unknown[0]?.why ?? 'unknown'}).`;
  }
  const lines = c.needs.slice(0, 6).map((n) => `- \`${n.scope}: ${n.level}\` ${n.by}${n.why ? ` ${n.why}` : ''} (step: ${n.step})${n.certain ? '' : ', if configured'}`);
  if (c.needs.length > 6) lines.push(`- ... and ${c.needs.length - 6} more`);
  return `${head} needs \`${scope}: ${c.level}\`:\n${lines.join('\n')}`;
}

function minimalText(jp: JobPermissions): string {
  const entries = [...jp.minimal].map(([s, c]) => `${s}: ${c.level}`);
  const block = entries.length ? entries.join(', ') : '{}';
  return `Least privilege for job \`${jp.job.id}\`: \`${block}\`${jp.status === 'unknown' ? ` (not fully analysed: ${jp.unknown[0]?.why})` : ''}.`;
}

function levelsText(levels: LevelMap): string {
  const granted = SCOPE_NAMES.filter((s) => levels[s] && levels[s] !== 'none').map((s) => `${s}: ${levels[s]}`);
  return granted.length ? granted.join(', ') : 'nothing beyond metadata: read';
}

function defaultText(mode: DefaultPermissions): string {
  if (mode === 'restricted') return `the restricted repository default: ${levelsText(defaultLevels('restricted', 'lower'))}`;
  if (mode === 'permissive') return `the permissive repository default: ${levelsText(defaultLevels('permissive', 'upper'))}`;
  return `the repository default, which FlowGuard does not know: permissive (${levelsText(defaultLevels('permissive', 'upper'))}) or restricted (contents: read, packages: read). Repositories and organisations created since February 2023 default to restricted; set \`default-permissions\` in .flowguard.yml`;
}

function blockHover(block: PermissionsBlock, jobs: JobPermissions[], offset: number, workflowLevel: boolean): { markdown: string; span: Span } | undefined {
  for (const e of block.entries) {
    const span = inside(e.keySpan, offset) ? e.keySpan : inside(e.valueSpan, offset) ? e.valueSpan : undefined;
    if (!span) continue;
    if (!isScope(e.scope)) return { markdown: `\`${e.scope}\` is not a GITHUB_TOKEN permission scope. Scopes: ${SCOPE_NAMES.join(', ')}.`, span };
    const parts = [scopeMarkdown(e.scope), `\n${TOKEN_NEVER}`];
    if (workflowLevel && !jobs.length) parts.push('\nEvery job sets its own block, so this workflow-level entry applies to no job.');
    for (const jp of jobs.slice(0, 8)) parts.push(`\n${usage(jp, e.scope)}`);
    return { markdown: parts.join('\n'), span };
  }
  if ((block.shape === 'write-all' || block.shape === 'read-all') && block.node?.range && inside({ start: block.node.range[0], end: block.node.range[1] }, offset)) {
    const what = block.shape === 'write-all'
      ? '`write-all` grants write on every scope (read where only read exists), including `id-token: write`: every step can mint OIDC tokens, push code, create releases, approve runs.'
      : '`read-all` grants read on every scope: private contents, Actions logs and artifacts, code scanning and Dependabot alerts.';
    const parts = [what, `\n${TOKEN_NEVER}`, ...jobs.slice(0, 8).map((jp) => `\n${minimalText(jp)}`)];
    return { markdown: parts.join('\n'), span: { start: block.node.range[0], end: block.node.range[1] } };
  }
  if (inside(block.keySpan, offset)) {
    return { markdown: ['A `permissions:` block replaces (never merges with) the one above it; scopes it does not name are `none` (metadata stays read).', ...jobs.slice(0, 8).map((jp) => `\n${minimalText(jp)}`)].join('\n'), span: block.keySpan };
  }
  return undefined;
}

export const permissionsHover: HoverProvider = {
  kinds: ['github-workflow'],
  provide(ctx) {
    const wf = ctx.model as Workflow | undefined;
    if (!wf || !('jobs' in wf)) return undefined;
    const touches = (b: PermissionsBlock | undefined) => b && inside(b.span, ctx.offset);
    const onJobId = (j: Job) => inside(j.idSpan, ctx.offset) && !j.permissions && !wf.permissions;
    const relevant = touches(wf.permissions) || wf.jobs.some((j) => touches(j.permissions) || onJobId(j));
    if (!relevant) return undefined;
    const wp = workflowPermissions(wf, ctx.text, ctx.settings, undefined);
    if (wf.permissions && touches(wf.permissions)) {
      return blockHover(wf.permissions, wp.jobs.filter((j) => !j.job.permissions), ctx.offset, true);
    }
    for (const jp of wp.jobs) {
      if (jp.job.permissions && touches(jp.job.permissions)) return blockHover(jp.job.permissions, [jp], ctx.offset, false);
      if (onJobId(jp.job)) {
        const who = wp.reusableOnly ? 'the token of the calling job (a reusable workflow cannot raise it)' : defaultText(ctx.settings.defaultPermissions);
        return { markdown: `Job \`${jp.job.id}\` has no \`permissions:\` block, so it gets ${who}.\n\n${minimalText(jp)}`, span: jp.job.idSpan };
      }
    }
    return undefined;
  },
};
