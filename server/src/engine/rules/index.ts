// The explicit registry of every rule. Each platform keeps its own sorted list.
import type { Rule } from './rule.js';
import { CORE_RULES } from './core/index.js';
import { GITHUB_RULES } from './github/index.js';
import { GITLAB_RULES } from './gitlab/index.js';
import { KESTRA_RULES } from './kestra/index.js';

export const RULES: readonly Rule[] = [...CORE_RULES, ...GITHUB_RULES, ...GITLAB_RULES, ...KESTRA_RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
