// GitLab CI rules (.gitlab-ci.yml and the files it includes). Sorted by id; one import per file.
import type { Rule } from '../rule.js';
import gitlabAllowFailureSecurity from './gitlab-allow-failure-security.js';
import gitlabDebugTrace from './gitlab-debug-trace.js';
import gitlabDindTls from './gitlab-dind-tls.js';
import gitlabForwardPipelineVariables from './gitlab-forward-pipeline-variables.js';
import gitlabHardcodedSecret from './gitlab-hardcoded-secret.js';
import gitlabIdTokens from './gitlab-id-tokens.js';
import gitlabJobTokenLeak from './gitlab-job-token-leak.js';
import gitlabPrivilegedService from './gitlab-privileged-service.js';
import gitlabReferences from './gitlab-references.js';
import gitlabRemoteIncludeIntegrity from './gitlab-remote-include-integrity.js';
import gitlabRemoteScript from './gitlab-remote-script.js';
import gitlabSchema from './gitlab-schema.js';
import gitlabScriptInjection from './gitlab-script-injection.js';
import gitlabUnpinnedComponent from './gitlab-unpinned-component.js';
import gitlabUnpinnedImage from './gitlab-unpinned-image.js';
import gitlabUnpinnedInclude from './gitlab-unpinned-include.js';
import gitlabUnprotectedDeploy from './gitlab-unprotected-deploy.js';

export const GITLAB_RULES: readonly Rule[] = [
  gitlabAllowFailureSecurity,
  gitlabDebugTrace,
  gitlabDindTls,
  gitlabForwardPipelineVariables,
  gitlabHardcodedSecret,
  gitlabIdTokens,
  gitlabJobTokenLeak,
  gitlabPrivilegedService,
  gitlabReferences,
  gitlabRemoteIncludeIntegrity,
  gitlabRemoteScript,
  gitlabSchema,
  gitlabScriptInjection,
  gitlabUnpinnedComponent,
  gitlabUnpinnedImage,
  gitlabUnpinnedInclude,
  gitlabUnprotectedDeploy,
] as Rule[];
