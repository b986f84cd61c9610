import { globMatch } from '../../kinds.js';
import { usesOf, type ActionMetadata, type UsesRef, type Workflow } from '../../model/github.js';
import { refKey } from '../../online/facts.js';
import type { Fix } from '../../types.js';
import { defineRule, type RuleContext } from '../rule.js';

type Policy = 'hash-pin' | 'ref-pin' | 'any';

/** First matching pattern wins; `*` matches every owner. */
const DEFAULT_POLICIES: Record<string, Policy> = { 'actions/*': 'ref-pin', 'github/*': 'ref-pin', '*': 'hash-pin' };

function policyFor(ref: UsesRef, policies: Record<string, Policy>): { pattern: string; policy: Policy } {
  const target = [ref.owner, ref.repo, ref.path].filter(Boolean).join('/');
  for (const [pattern, policy] of Object.entries(policies)) {
    if (pattern === '*' || globMatch(pattern, target) || globMatch(pattern, `${ref.owner}/${ref.repo}`)) return { pattern, policy };
  }
  return { pattern: '*', policy: 'hash-pin' };
}

/** With online facts: pin to the commit the ref points at now, keeping the ref as a comment. */
function pinFix(ctx: RuleContext<unknown>, u: { value: string; span: { start: number; end: number }; ref: UsesRef }): Fix[] {
  const ref = u.ref;
  const facts = ref.owner && ref.repo && ref.ref ? ctx.settings.online?.refs[refKey(ref.owner, ref.repo, ref.ref)] : undefined;
  if (!facts?.sha || !ref.ref) return [];
  const at = ctx.text.lastIndexOf('@', u.span.end);
  if (at < u.span.start) return [];
  // Pinning a tag keeps today's behaviour; pinning a branch stops following it, which is a change.
  const safe = facts.kind === 'tag' && !facts.ambiguous;
  return [
    {
      title: `Pin to ${facts.sha.slice(0, 12)} (${ref.ref} today)`,
      safe,
      edits: [
        { start: at + 1, end: at + 1 + ref.ref.length, newText: facts.sha },
        { start: u.span.end, end: u.span.end, newText: ` # ${ref.ref}` },
      ],
    },
  ];
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'unpinned-uses',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Action or reusable workflow not pinned to a full commit SHA',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['unpinned-uses'] },
    defaultOptions: { policies: DEFAULT_POLICIES },
    optionsSchema: {
      type: 'object',
      properties: {
        policies: {
          type: 'object',
          description: 'owner/repo glob -> "hash-pin" | "ref-pin" | "any"; the first matching pattern wins.',
          additionalProperties: { enum: ['hash-pin', 'ref-pin', 'any'] },
        },
      },
    },
  },
  check(ctx) {
    const policies = { ...(ctx.options.policies as Record<string, Policy>) };
    // Organisation policy in .flowguard.yml (`policy.github.pinning`) comes before the defaults.
    const orgPolicy = (ctx.settings.policy.github as { pinning?: Record<string, Policy> } | undefined)?.pinning;
    const ordered: Record<string, Policy> = { ...orgPolicy };
    for (const [k, v] of Object.entries(policies)) if (!(k in ordered)) ordered[k] = v;
    const uses = usesOf(ctx.model);
    for (const u of uses) {
      const ref = u.ref;
      if (ref.kind !== 'repository' || ref.isShaPinned) continue;
      if (u.value.includes('${{')) continue; // dynamic uses: GitHub rejects it; not a pinning question
      const { pattern, policy } = policyFor(ref, ordered);
      if (policy === 'any') continue;
      if (!ref.ref) {
        ctx.report({ span: u.span, severity: 'high', message: `'${u.value}' has no version: it runs whatever the default branch holds at run time` });
      } else if (policy === 'hash-pin') {
        const what = /^[0-9a-f]{7,39}$/i.test(ref.ref) ? 'an abbreviated SHA, which GitHub resolves like a mutable ref' : `'${ref.ref}', a tag or branch its owner can move`;
        ctx.report({
          span: u.span,
          message: `'${ref.owner}/${ref.repo}${ref.path ? '/' + ref.path : ''}' is pinned to ${what}; pin it to a full 40-character commit SHA (policy '${pattern}': hash-pin)`,
          fixes: pinFix(ctx, u),
        });
      } else if (policy === 'ref-pin' && /^(main|master|develop|dev|trunk|HEAD)$/i.test(ref.ref)) {
        ctx.report({ span: u.span, message: `'${u.value}' follows the branch '${ref.ref}': every push to it changes what runs here; pin a release tag or a commit SHA`, fixes: pinFix(ctx, u) });
      }
    }
  },
});
