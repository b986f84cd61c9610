// GitHub Actions rules (workflows, action metadata, dependabot.yml). Sorted by id; one import per file.
import type { Rule } from '../rule.js';
import unpinnedUses from './unpinned-uses.js';

export const GITHUB_RULES: readonly Rule[] = [unpinnedUses as Rule];
