import { stepsOf, type ActionMetadata, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';
import { shown } from '../../github/persona.js';

/** Actions whose whole job is one command of a tool preinstalled on GitHub-hosted runners. */
const REPLACEABLE: Record<string, string> = {
  'dtolnay/rust-toolchain': '`rustup toolchain install <version>` (rustup is preinstalled)',
  'actions-rs/toolchain': '`rustup toolchain install <version>` (rustup is preinstalled)',
  'dcarbone/install-jq-action': 'jq, which is preinstalled on GitHub-hosted runners',
  'mikefarah/yq': 'yq, which is preinstalled on GitHub-hosted Ubuntu runners',
  'softprops/action-gh-release': '`gh release create` (the GitHub CLI is preinstalled)',
  'ncipollo/release-action': '`gh release create` (the GitHub CLI is preinstalled)',
  'marvinpinto/action-automatic-releases': '`gh release create` (the GitHub CLI is preinstalled)',
  'svenstaro/upload-release-action': '`gh release upload` (the GitHub CLI is preinstalled)',
  'peter-evans/create-or-update-comment': '`gh pr comment` / `gh issue comment` (the GitHub CLI is preinstalled)',
  'actions-ecosystem/action-add-labels': '`gh pr edit --add-label` / `gh issue edit --add-label`',
  'actions-ecosystem/action-remove-labels': '`gh pr edit --remove-label` / `gh issue edit --remove-label`',
  'andymckay/labeler': '`gh issue edit --add-label`',
};

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'superfluous-actions',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Third-party action that a preinstalled tool replaces',
    severity: 'info',
    confidence: 'medium',
    persona: 'pedantic',
    equivalents: { zizmor: ['superfluous-actions'] },
  },
  check(ctx) {
    // Every finding of this rule is pedantic-level: nothing to do for a caller who will not see them.
    if (!shown(ctx.settings, 'pedantic')) return;
    for (const step of stepsOf(ctx.model)) {
      const u = step.uses;
      if (!u || u.ref.kind !== 'repository' || !u.ref.owner || !u.ref.repo) continue;
      const instead = REPLACEABLE[`${u.ref.owner}/${u.ref.repo}`.toLowerCase()];
      if (instead) ctx.report({ span: u.span, message: `${u.ref.owner}/${u.ref.repo} adds third-party code (and its token access) for something ${instead} does` });
    }
  },
});
