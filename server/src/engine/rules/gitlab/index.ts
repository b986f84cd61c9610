// GitLab CI rules (.gitlab-ci.yml and the files it includes). Sorted by id; one import per file.
import type { Rule } from '../rule.js';
import gitlabReferences from './gitlab-references.js';
import gitlabRemoteIncludeIntegrity from './gitlab-remote-include-integrity.js';
import gitlabRemoteScript from './gitlab-remote-script.js';
import gitlabSchema from './gitlab-schema.js';
import gitlabScriptInjection from './gitlab-script-injection.js';
import gitlabUnpinnedComponent from './gitlab-unpinned-component.js';
import gitlabUnpinnedImage from './gitlab-unpinned-image.js';
import gitlabUnpinnedInclude from './gitlab-unpinned-include.js';

export const GITLAB_RULES: readonly Rule[] = [
  gitlabReferences,
  gitlabRemoteIncludeIntegrity,
  gitlabRemoteScript,
  gitlabSchema,
  gitlabScriptInjection,
  gitlabUnpinnedComponent,
  gitlabUnpinnedImage,
  gitlabUnpinnedInclude,
] as Rule[];
