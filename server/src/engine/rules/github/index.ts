// GitHub Actions rules (workflows, action metadata, dependabot.yml). Sorted by id; one import and one
// list entry per line, so concurrent additions merge cleanly.
import type { Rule } from '../rule.js';
import actionInputInjection from './action-input-injection.js';
import actionSchema from './action-schema.js';
import adhocPackages from './adhoc-packages.js';
import anonymousDefinition from './anonymous-definition.js';
import archivedUses from './archived-uses.js';
import artipacked from './artipacked.js';
import botConditions from './bot-conditions.js';
import cachePoisoning from './cache-poisoning.js';
import concurrencyLimits from './concurrency-limits.js';
import dangerousTriggers from './dangerous-triggers.js';
import dependabotCooldown from './dependabot-cooldown.js';
import dependabotExecution from './dependabot-execution.js';
import dependabotSchema from './dependabot-schema.js';
import excessivePermissions from './excessive-permissions.js';
import forbiddenTriggers from './forbidden-triggers.js';
import forbiddenUses from './forbidden-uses.js';
import githubApp from './github-app.js';
import githubEnv from './github-env.js';
import hardcodedCredentials from './hardcoded-credentials.js';
import impostorCommit from './impostor-commit.js';
import insecureCommands from './insecure-commands.js';
import insufficientPermissions from './insufficient-permissions.js';
import knownVulnerableActions from './known-vulnerable-actions.js';
import misfeature from './misfeature.js';
import obfuscation from './obfuscation.js';
import onlineUnavailable from './online-unavailable.js';
import overprovisionedSecrets from './overprovisioned-secrets.js';
import permissionsCeiling from './permissions-ceiling.js';
import refConfusion from './ref-confusion.js';
import refVersionMismatch from './ref-version-mismatch.js';
import remoteCodeExecution from './remote-code-execution.js';
import secretsInherit from './secrets-inherit.js';
import secretsOutsideEnv from './secrets-outside-env.js';
import selfHostedRunner from './self-hosted-runner.js';
import staleActionRefs from './stale-action-refs.js';
import superfluousActions from './superfluous-actions.js';
import templateInjection from './template-injection.js';
import typosquatUses from './typosquat-uses.js';
import undocumentedPermissions from './undocumented-permissions.js';
import unpinnedImages from './unpinned-images.js';
import unpinnedTools from './unpinned-tools.js';
import unpinnedUses from './unpinned-uses.js';
import unredactedSecrets from './unredacted-secrets.js';
import unsoundCondition from './unsound-condition.js';
import unsoundContains from './unsound-contains.js';
import unsoundTernary from './unsound-ternary.js';
import untrustedCheckout from './untrusted-checkout.js';
import useTrustedPublishing from './use-trusted-publishing.js';
import workflowSchema from './workflow-schema.js';

export const GITHUB_RULES = [
  actionInputInjection,
  actionSchema,
  adhocPackages,
  anonymousDefinition,
  archivedUses,
  artipacked,
  botConditions,
  cachePoisoning,
  concurrencyLimits,
  dangerousTriggers,
  dependabotCooldown,
  dependabotExecution,
  dependabotSchema,
  excessivePermissions,
  forbiddenTriggers,
  forbiddenUses,
  githubApp,
  githubEnv,
  hardcodedCredentials,
  impostorCommit,
  insecureCommands,
  insufficientPermissions,
  knownVulnerableActions,
  misfeature,
  obfuscation,
  onlineUnavailable,
  overprovisionedSecrets,
  permissionsCeiling,
  refConfusion,
  refVersionMismatch,
  remoteCodeExecution,
  secretsInherit,
  secretsOutsideEnv,
  selfHostedRunner,
  staleActionRefs,
  superfluousActions,
  templateInjection,
  typosquatUses,
  undocumentedPermissions,
  unpinnedImages,
  unpinnedTools,
  unpinnedUses,
  unredactedSecrets,
  unsoundCondition,
  unsoundContains,
  unsoundTernary,
  untrustedCheckout,
  useTrustedPublishing,
  workflowSchema,
] as readonly Rule[];
