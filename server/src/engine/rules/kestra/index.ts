// Kestra flow rules, sorted by id.
import type { Rule } from '../rule.js';
import kestraSchema from './kestra-schema.js';

export const KESTRA_RULES: readonly Rule[] = [kestraSchema as Rule];
