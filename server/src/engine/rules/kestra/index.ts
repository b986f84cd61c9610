// Kestra flow rules, sorted by id.
import type { Rule } from '../rule.js';
import kestraDagDependency from './kestra-dag-dependency.js';
import kestraDeprecatedType from './kestra-deprecated-type.js';
import kestraDockerHostNetwork from './kestra-docker-host-network.js';
import kestraDockerPrivileged from './kestra-docker-privileged.js';
import kestraDockerVolumes from './kestra-docker-volumes.js';
import kestraDuplicateId from './kestra-duplicate-id.js';
import kestraDynamicWorkerGroup from './kestra-dynamic-worker-group.js';
import kestraFlowTriggerUnscoped from './kestra-flow-trigger-unscoped.js';
import kestraIamBroadGrant from './kestra-iam-broad-grant.js';
import kestraInputCycle from './kestra-input-cycle.js';
import kestraPebbleInjection from './kestra-pebble-injection.js';
import kestraPlaintextCredential from './kestra-plaintext-credential.js';
import kestraProcessRunnerInjection from './kestra-process-runner-injection.js';
import kestraRenderUntrusted from './kestra-render-untrusted.js';
import kestraSchema from './kestra-schema.js';
import kestraSecretInKv from './kestra-secret-in-kv.js';
import kestraSubflowRecursion from './kestra-subflow-recursion.js';
import kestraSystemLabel from './kestra-system-label.js';
import kestraUnpinnedImage from './kestra-unpinned-image.js';
import kestraWebhookKey from './kestra-webhook-key.js';

export const KESTRA_RULES: readonly Rule[] = [
  kestraDagDependency,
  kestraDeprecatedType,
  kestraDockerHostNetwork,
  kestraDockerPrivileged,
  kestraDockerVolumes,
  kestraDuplicateId,
  kestraDynamicWorkerGroup,
  kestraFlowTriggerUnscoped,
  kestraIamBroadGrant,
  kestraInputCycle,
  kestraPebbleInjection,
  kestraPlaintextCredential,
  kestraProcessRunnerInjection,
  kestraRenderUntrusted,
  kestraSchema,
  kestraSecretInKv,
  kestraSubflowRecursion,
  kestraSystemLabel,
  kestraUnpinnedImage,
  kestraWebhookKey,
] as Rule[];
