// Findings the engine itself produces (parser problems, internal errors). They are rules too, so they
// have ids, docs, config switches and SARIF entries like any other.
import { defineRule, type Rule } from '../rule.js';

const parserProblem = { platform: 'core', kinds: [], confidence: 'high', persona: 'regular' } as const;

export const yamlSyntax = defineRule({
  meta: { ...parserProblem, id: 'yaml-syntax', title: 'YAML syntax error', severity: 'high' },
  check() {},
});

export const yamlDuplicateKey = defineRule({
  meta: { ...parserProblem, id: 'yaml-duplicate-key', title: 'Duplicate key in a mapping', severity: 'high', equivalents: { actionlint: ['syntax-check'] } },
  check() {},
});

export const internalError = defineRule({
  meta: { ...parserProblem, id: 'internal-error', title: 'A check failed on this file', severity: 'info' },
  check() {},
});

export const fileTooLarge = defineRule({
  meta: { ...parserProblem, id: 'file-too-large', title: 'File too large to check', severity: 'info' },
  check() {},
});

export const CORE_RULES: readonly Rule[] = [fileTooLarge, internalError, yamlDuplicateKey, yamlSyntax];
