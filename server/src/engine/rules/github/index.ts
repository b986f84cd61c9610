// GitHub Actions rules (workflows, action metadata, dependabot.yml). Sorted by id; one import and one
// list entry per line, so concurrent additions merge cleanly.
import type { Rule } from '../rule.js';
import actionSchema from './action-schema.js';
import templateInjection from './template-injection.js';
import unpinnedUses from './unpinned-uses.js';
import workflowSchema from './workflow-schema.js';

export const GITHUB_RULES = [
  actionSchema,
  templateInjection,
  unpinnedUses,
  workflowSchema,
] as readonly Rule[];
