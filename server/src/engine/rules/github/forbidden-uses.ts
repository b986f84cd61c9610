import { globMatch } from '../../kinds.js';
import { usesOf, type ActionMetadata, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';

interface UsesPolicy {
  allow?: string[];
  deny?: string[];
}

/** `owner/repo[/path]@ref` without the ref, lower-cased, for matching against policy globs. */
function target(raw: string): string {
  return raw.replace(/@.*$/, '').toLowerCase();
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'forbidden-uses',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Action not allowed by the organisation policy',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['forbidden-uses'] },
    optionsSchema: {
      type: 'object',
      properties: {
        allow: { type: 'array', items: { type: 'string' }, description: 'Globs of owner/repo[/path] that may be used; anything else is reported.' },
        deny: { type: 'array', items: { type: 'string' }, description: 'Globs of owner/repo[/path] that must not be used.' },
      },
    },
  },
  check(ctx) {
    // Rule options win; otherwise `policy.github.uses` from .flowguard.yml. Without either the rule is silent.
    const fromPolicy = (ctx.settings.policy.github as { uses?: UsesPolicy } | undefined)?.uses;
    const policy: UsesPolicy = ctx.options.allow || ctx.options.deny ? (ctx.options as UsesPolicy) : (fromPolicy ?? {});
    if (!policy.allow && !policy.deny) return;
    const uses = usesOf(ctx.model);
    for (const u of uses) {
      if (u.ref.kind === 'local') continue;
      const t = u.ref.kind === 'docker' ? `docker://${(u.ref.image ?? '').toLowerCase()}` : target(u.value);
      const matches = (globs: string[]) => globs.find((g) => globMatch(g.toLowerCase(), t) || globMatch(g.toLowerCase(), t.split('/').slice(0, 2).join('/')));
      const denied = policy.deny && matches(policy.deny);
      if (denied) {
        ctx.report({ span: u.span, message: `'${u.value}' is denied by the policy ('${denied}')` });
        continue;
      }
      if (policy.allow && !matches(policy.allow)) ctx.report({ span: u.span, message: `'${u.value}' is not on the allow-list of actions (${policy.allow.slice(0, 5).join(', ')}${policy.allow.length > 5 ? ', ...' : ''})` });
    }
  },
});
