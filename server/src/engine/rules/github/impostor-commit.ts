import { shaPins, type ActionMetadata, type Workflow } from '../../model/github.js';
import { commitKey } from '../../online/facts.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'impostor-commit',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: "SHA pin to a commit that is not in the action's repository (online)",
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['impostor-commit'] },
  },
  check(ctx) {
    const facts = ctx.settings.online;
    if (!facts) return;
    for (const { uses: u, owner, repo, sha } of shaPins(ctx.model)) {
      const c = facts.commits[commitKey(owner, repo, sha)];
      if (c?.inRepository !== false) continue;
      ctx.report({
        span: u.span,
        message: `Commit ${sha.slice(0, 12)} is not on any branch or tag of ${owner}/${repo}: GitHub serves commits of forks under the parent's name, so this pin can run code that the action's owners never published`,
      });
    }
  },
});
