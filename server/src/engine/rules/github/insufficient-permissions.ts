import type { Workflow } from '../../model/github.js';
import { jobFix, workflowFix } from '../../permissions/fix.js';
import { defaultLevels } from '../../permissions/scopes.js';
import { shown } from '../../github/persona.js';
import { grantOrigin, satisfies, workflowPermissions } from '../../permissions/solver.js';
import type { Fix } from '../../types.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow>({
  meta: {
    id: 'insufficient-permissions',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'A step needs a GITHUB_TOKEN permission its job does not grant',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: {},
  },
  check(ctx) {
    const mode = ctx.settings.defaultPermissions;
    const wp = workflowPermissions(ctx.model, ctx.text, ctx.settings, ctx.path);
    let wfFix: Fix | undefined | null = null;
    for (const jp of wp.jobs) {
      if (!jp.grant.valid) continue;
      // Without a block: judge against what the default surely grants. When the default is unknown,
      // only what even a permissive default lacks (id-token, scopes with no published default).
      let levels = jp.grant.lower;
      if (jp.grant.source === 'default') {
        if (wp.reusableOnly) continue; // the caller's token applies, not the repository default
        levels = mode === 'unknown' ? defaultLevels('permissive', 'lower') : jp.grant.lower;
      }
      const seen = new Set<string>();
      for (const n of jp.needs) {
        if (!n.certain || satisfies(levels, n)) continue;
        const key = `${n.span.start}:${n.scope}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // Reads work without a scope on public repositories: a missing read only fails in private ones.
        const read = n.level === 'read';
        // (Pedantic: not built for a caller who will not see it.)
        if (read && !shown(ctx.settings, 'pedantic')) continue;
        const has = levels[n.scope] ?? 'none';
        const alt = n.alternatives?.length ? ` (or ${n.alternatives.map((a) => `${a}: ${n.level}`).join(', ')})` : '';
        const fixesOut: Fix[] = [];
        const jf = jobFix(jp, ctx.text);
        if (jf) fixesOut.push(jf);
        if (wfFix === null) wfFix = workflowFix(wp, ctx.text);
        if (wfFix) fixesOut.push(wfFix);
        ctx.report({
          span: n.span,
          severity: read ? 'low' : 'medium',
          persona: read ? 'pedantic' : 'regular',
          message: `${n.by} needs ${n.scope}: ${n.level}${alt}${n.why ? ` ${n.why}` : ''}, but job '${jp.job.id}' gets ${n.scope}: ${has} from ${grantOrigin(jp.grant, mode)}: ${read ? 'this fails in a private repository' : 'GitHub will refuse it at run time'}`,
          fixes: fixesOut,
        });
      }
    }
  },
});
