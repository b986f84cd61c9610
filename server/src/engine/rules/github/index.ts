// GitHub Actions rules (workflows, action metadata, dependabot.yml). Sorted by id; one import and one
// list entry per line, so concurrent additions merge cleanly.
import type { Rule } from '../rule.js';
import templateInjection from './template-injection.js';
import unpinnedUses from './unpinned-uses.js';

export const GITHUB_RULES = [
  templateInjection,
  unpinnedUses,
] as readonly Rule[];
