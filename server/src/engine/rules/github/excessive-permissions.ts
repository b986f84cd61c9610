import type { PermissionsBlock, Workflow } from '../../model/github.js';
import { jobFix, workflowFix } from '../../permissions/fix.js';
import { isScope, LEVEL_RANK, type Level } from '../../permissions/scopes.js';
import { shown } from '../../github/persona.js';
import { workflowPermissions, type JobPermissions } from '../../permissions/solver.js';
import type { Fix } from '../../types.js';
import { defineRule } from '../rule.js';

const fixes = (...f: (Fix | undefined)[]) => f.filter((x): x is Fix => !!x);

function neededBy(jp: JobPermissions, scope: string): string {
  const c = jp.minimal.get(scope as never);
  if (!c) return '';
  const names = [...new Set(c.needs.map((n) => n.by))];
  return names.slice(0, 2).join(', ') + (names.length > 2 ? ` and ${names.length - 2} more` : '');
}

export default defineRule<Workflow>({
  meta: {
    id: 'excessive-permissions',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'GITHUB_TOKEN permissions broader than the job needs',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['excessive-permissions'] },
  },
  check(ctx) {
    const mode = ctx.settings.defaultPermissions;
    // Pedantic findings (read levels, the restricted default) are not built for a caller who will not see them.
    const pedantic = shown(ctx.settings, 'pedantic');
    const wp = workflowPermissions(ctx.model, ctx.text, ctx.settings, ctx.path);
    const wf = ctx.model;
    let wfFix: Fix | undefined | null = null;
    const wholeFix = () => (wfFix === null ? (wfFix = workflowFix(wp, ctx.text)) : wfFix);

    // write-all / read-all, wherever written.
    const shorthand = (block: PermissionsBlock | undefined, jp?: JobPermissions) => {
      if (!block || (block.shape !== 'write-all' && block.shape !== 'read-all')) return;
      const where = jp ? `job '${jp.job.id}'` : 'every job of this workflow';
      if (block.shape === 'write-all') {
        ctx.report({
          span: block.span,
          severity: 'high',
          message: `permissions: write-all gives ${where} write access to every scope, including id-token (any step can mint OIDC cloud credentials) and contents (push code, create releases)`,
          fixes: fixes(jp ? jobFix(jp, ctx.text) : undefined, wholeFix()),
        });
      } else if (pedantic) {
        ctx.report({
          span: block.span,
          severity: 'low',
          persona: 'pedantic',
          message: `permissions: read-all lets ${where} read every scope (code scanning and Dependabot alerts, private contents, Actions logs); name only the scopes the steps need`,
          fixes: fixes(jp ? jobFix(jp, ctx.text) : undefined, wholeFix()),
        });
      }
    };
    shorthand(wf.permissions);
    for (const jp of wp.jobs) shorthand(jp.job.permissions, jp);

    // No block anywhere: the repository default applies.
    if (!wf.permissions && !wp.reusableOnly) {
      for (const jp of wp.jobs) {
        if (jp.job.permissions) continue;
        const need = [...jp.minimal].map(([s, c]) => `${s}: ${c.level}`).join(', ') || 'no scope';
        const known = jp.status === 'known' ? `; its steps need ${need}` : '';
        if (mode === 'restricted') {
          if (pedantic) ctx.report({ span: jp.job.idSpan, severity: 'low', persona: 'pedantic', message: `Job '${jp.job.id}' has no permissions block and relies on the restricted repository default (contents: read, packages: read)${known}`, fixes: fixes(jobFix(jp, ctx.text), wholeFix()) });
        } else {
          const dflt = mode === 'permissive' ? 'the permissive repository default: read/write on most scopes' : 'the repository default GITHUB_TOKEN, which is read/write on most scopes unless the repository or organisation is set to restricted';
          ctx.report({ span: jp.job.idSpan, severity: mode === 'permissive' ? 'high' : 'medium', message: `Job '${jp.job.id}' has no permissions block, so it gets ${dflt}${known}`, fixes: fixes(jobFix(jp, ctx.text), wholeFix()) });
        }
      }
    }

    // Scopes an explicit job block grants beyond what its (fully analysed) steps need.
    for (const jp of wp.jobs) {
      const block = jp.job.permissions;
      if (!block || block.shape !== 'map' || jp.status !== 'known' || !jp.grant.valid) continue;
      for (const e of block.entries) {
        if (!isScope(e.scope) || !['read', 'write'].includes(e.level)) continue;
        const granted = jp.grant.upper[e.scope] ?? 'none';
        const used: Level = jp.minimal.get(e.scope)?.level ?? 'none';
        if (LEVEL_RANK[granted] <= LEVEL_RANK[used]) continue;
        // An endpoint both scopes can serve (issue endpoints on a pull request): never call either unused.
        if (jp.needs.some((n) => !n.possible && n.alternatives?.length && (n.scope === e.scope || n.alternatives.includes(e.scope as never)) && LEVEL_RANK[n.level] >= LEVEL_RANK[granted])) continue;
        const write = granted === 'write';
        if (!write && !pedantic) continue;
        const message = used === 'none'
          ? `${e.scope}: ${granted} — no step in job '${jp.job.id}' uses it`
          : `${e.scope}: ${granted} — job '${jp.job.id}' only needs ${e.scope}: ${used} (${neededBy(jp, e.scope)})`;
        ctx.report({ span: { start: e.keySpan.start, end: e.valueSpan.end }, severity: write ? 'medium' : 'low', persona: write ? 'regular' : 'pedantic', message, fixes: fixes(jobFix(jp, ctx.text), wholeFix()) });
      }
    }

    // The workflow-level block, judged against the jobs that inherit it.
    const block = wf.permissions;
    const heirs = wp.jobs.filter((j) => !j.job.permissions);
    if (block && block.shape === 'map' && heirs.length && heirs.every((j) => j.status === 'known')) {
      for (const e of block.entries) {
        if (!isScope(e.scope) || !['read', 'write'].includes(e.level)) continue;
        const granted = e.level as Level;
        const levels = heirs.map((j) => j.minimal.get(e.scope as never)?.level ?? 'none');
        const top = levels.reduce<Level>((a, b) => (LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a), 'none');
        const span = { start: e.keySpan.start, end: e.valueSpan.end };
        const jobsWord = heirs.length === 1 ? `job '${heirs[0].job.id}'` : `the ${heirs.length} jobs that inherit it`;
        if (LEVEL_RANK[granted] > LEVEL_RANK[top]) {
          if (granted !== 'write' && !pedantic) continue;
          const message = top === 'none' ? `${e.scope}: ${granted} — no step in ${jobsWord} uses it` : `${e.scope}: ${granted} — ${jobsWord} only need${heirs.length === 1 ? 's' : ''} ${e.scope}: ${top}`;
          ctx.report({ span, severity: granted === 'write' ? 'medium' : 'low', persona: granted === 'write' ? 'regular' : 'pedantic', message, fixes: fixes(heirs.length === 1 ? jobFix(heirs[0], ctx.text) : undefined, wholeFix()) });
        } else if (granted === 'write' && heirs.length > 1) {
          const users = heirs.filter((j, i) => levels[i] === 'write');
          if (users.length < heirs.length) {
            ctx.report({
              span,
              message: `${e.scope}: write is granted to all ${heirs.length} jobs at the workflow level but only ${users.map((j) => `'${j.job.id}'`).join(', ')} need${users.length === 1 ? 's' : ''} it; grant it on ${users.length === 1 ? 'that job' : 'those jobs'} only`,
              fixes: fixes(wholeFix()),
            });
          }
        }
      }
    }
  },
});
