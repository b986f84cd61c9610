import type { Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';
import { shown } from '../../github/persona.js';

/** Triggers whose runs get the base repository's secrets and write token while outsiders shape the input. */
const DANGEROUS: Record<string, string> = {
  pull_request_target: "runs for pull requests from forks with this repository's secrets and a write token",
  workflow_run: "runs after another workflow (often a fork's pull_request run) with this repository's secrets and a write token, and its artifacts and head branch come from that run",
};

/** Jobs that only label, comment or triage with well-known actions do not handle untrusted code. */
const HARMLESS = /^(actions\/labeler|actions\/first-interaction|actions\/stale|actions\/github-script|peter-evans\/create-or-update-comment|marocchino\/sticky-pull-request-comment|thollander\/actions-comment-pull-request|amannn\/action-semantic-pull-request|dependabot\/fetch-metadata|actions-ecosystem\/action-add-labels|srvaroa\/labeler)$/;

export default defineRule<Workflow>({
  meta: {
    id: 'dangerous-triggers',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Workflow runs on a privileged trigger',
    severity: 'medium',
    confidence: 'low',
    persona: 'auditor',
    equivalents: { zizmor: ['dangerous-triggers'] },
  },
  check(ctx) {
    // Every finding of this rule is auditor-level: nothing to do for a caller who will not see them.
    if (!shown(ctx.settings, 'auditor')) return;
    const wf = ctx.model;
    if (!('jobs' in wf)) return;
    for (const t of wf.triggers) {
      const why = DANGEROUS[t.name];
      if (!why) continue;
      // Only well-known labelling/commenting actions and no run: steps or reusable calls: nothing to review.
      const harmless = wf.jobs.every((j) => !j.uses && j.steps.every((s) => !s.run && HARMLESS.test(s.uses?.ref.slug ?? '')));
      if (harmless && wf.jobs.length) continue;
      ctx.report({
        span: t.span,
        message: `'${t.name}' ${why}. Review every job for what it does with pull request data; untrusted-checkout, template-injection and github-env report the concrete problems`,
      });
    }
  },
});
