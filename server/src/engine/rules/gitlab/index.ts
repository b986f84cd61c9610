// GitLab CI rules (.gitlab-ci.yml and the files it includes). Sorted by id; one import per file.
import type { Rule } from '../rule.js';
import gitlabReferences from './gitlab-references.js';
import gitlabSchema from './gitlab-schema.js';
import gitlabScriptInjection from './gitlab-script-injection.js';

export const GITLAB_RULES: readonly Rule[] = [gitlabReferences as Rule, gitlabSchema as Rule, gitlabScriptInjection as Rule];
