// Kestra flow rules, sorted by id.
import type { Rule } from '../rule.js';
import kestraDagDependency from './kestra-dag-dependency.js';
import kestraDuplicateId from './kestra-duplicate-id.js';
import kestraFlowTriggerUnscoped from './kestra-flow-trigger-unscoped.js';
import kestraInputCycle from './kestra-input-cycle.js';
import kestraPebbleInjection from './kestra-pebble-injection.js';
import kestraPlaintextCredential from './kestra-plaintext-credential.js';
import kestraSchema from './kestra-schema.js';
import kestraSubflowRecursion from './kestra-subflow-recursion.js';
import kestraSystemLabel from './kestra-system-label.js';

export const KESTRA_RULES: readonly Rule[] = [kestraDagDependency, kestraDuplicateId, kestraFlowTriggerUnscoped, kestraInputCycle, kestraPebbleInjection, kestraPlaintextCredential, kestraSchema, kestraSubflowRecursion, kestraSystemLabel] as Rule[];
