// GitLab's predefined CI/CD variables that matter for security, with who controls their value.
// Source: docs.gitlab.com/ci/variables/predefined_variables (gitlabhq/gitlabhq doc/ci/variables/predefined_variables.md).

/**
 * `attacker`: anyone who can push a branch, open a merge request (also from a fork) or write a commit
 * message chooses the value (free text or a ref name);
 * `member`: project members with at least Developer access choose it;
 * `gitlab`: GitLab or the runner sets it (ids, SHAs, URLs, slugs restricted to [a-z0-9-]);
 * `secret`: a credential.
 */
export type Control = 'attacker' | 'member' | 'gitlab' | 'secret';

export interface PredefinedVariable {
  name: string;
  control: Control;
  description: string;
}

const V = (name: string, control: Control, description: string): PredefinedVariable => ({ name, control, description });

export const PREDEFINED: readonly PredefinedVariable[] = [
  V('CI_COMMIT_MESSAGE', 'attacker', 'The full commit message. Free text written by whoever made the commit, including fork contributors.'),
  V('CI_COMMIT_TITLE', 'attacker', 'The first line of the commit message. Free text chosen by the committer.'),
  V('CI_COMMIT_DESCRIPTION', 'attacker', 'The commit message without its first line. Free text chosen by the committer.'),
  V('CI_COMMIT_AUTHOR', 'attacker', 'The commit author as `Name <email>`: set by the committer\'s git config, not verified.'),
  V('CI_COMMIT_BRANCH', 'attacker', 'The branch name (branch pipelines only). Anyone who can push chooses it; branch names may contain `$`, `` ` ``, `;`, quotes and `/`.'),
  V('CI_COMMIT_REF_NAME', 'attacker', 'The branch or tag name the pipeline runs for. Chosen by whoever pushed the ref.'),
  V('CI_COMMIT_TAG', 'member', 'The tag name (tag pipelines only). Chosen by whoever can push tags.'),
  V('CI_COMMIT_TAG_MESSAGE', 'member', 'The message of an annotated tag. Free text chosen by the tagger.'),
  V('CI_COMMIT_REF_SLUG', 'gitlab', '`CI_COMMIT_REF_NAME` lower-cased, shortened to 63 bytes, with everything except `0-9` and `a-z` replaced by `-`. Safe in URLs, hostnames and shell words.'),
  V('CI_COMMIT_SHA', 'gitlab', 'The commit SHA (hex).'),
  V('CI_COMMIT_SHORT_SHA', 'gitlab', 'The first eight characters of the commit SHA.'),
  V('CI_COMMIT_REF_PROTECTED', 'gitlab', '`true` when the ref is protected. Gate deploy jobs on it: only maintainers can push protected refs.'),
  V('CI_DEFAULT_BRANCH', 'member', 'The project\'s default branch name (set by maintainers).'),
  V('CI_MERGE_REQUEST_TITLE', 'attacker', 'The merge request title. Free text chosen by its author, who may be an outsider with a fork.'),
  V('CI_MERGE_REQUEST_DESCRIPTION', 'attacker', 'The merge request description (truncated to 2700 characters). Free text chosen by its author.'),
  V('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', 'attacker', 'The source branch of the merge request, possibly in a fork. Chosen by the MR author.'),
  V('CI_MERGE_REQUEST_SOURCE_BRANCH_SHA', 'gitlab', 'The HEAD SHA of the MR source branch.'),
  V('CI_MERGE_REQUEST_SOURCE_PROJECT_PATH', 'attacker', 'The path of the project the MR comes from: a fork\'s namespace and name are chosen by the forker.'),
  V('CI_MERGE_REQUEST_SOURCE_PROJECT_ID', 'gitlab', 'The ID of the project the MR comes from. Compare it with `CI_PROJECT_ID` to tell fork MRs apart.'),
  V('CI_MERGE_REQUEST_TARGET_BRANCH_NAME', 'member', 'The target branch of the MR (an existing branch of this project).'),
  V('CI_MERGE_REQUEST_LABELS', 'member', 'Comma-separated MR labels, set by project members.'),
  V('CI_MERGE_REQUEST_ASSIGNEES', 'member', 'Comma-separated usernames of the MR assignees.'),
  V('CI_MERGE_REQUEST_EVENT_TYPE', 'gitlab', '`detached`, `merged_result` or `merge_train`.'),
  V('CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME', 'attacker', 'Source branch of a GitHub pull request (external repositories). Chosen by the PR author.'),
  V('CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME', 'member', 'Target branch of a GitHub pull request.'),
  V('CI_PIPELINE_NAME', 'attacker', 'The pipeline name from `workflow:name`, which often interpolates the commit title or branch name.'),
  V('CI_PIPELINE_SOURCE', 'gitlab', 'How the pipeline was triggered: `push`, `merge_request_event`, `schedule`, `web`, `api`, `trigger`, `pipeline`, `parent_pipeline`...'),
  V('CI_PIPELINE_ID', 'gitlab', 'Instance-wide pipeline ID.'),
  V('CI_PROJECT_ID', 'gitlab', 'The project ID.'),
  V('CI_PROJECT_PATH', 'member', 'The project namespace with its name.'),
  V('CI_PROJECT_DIR', 'gitlab', 'Where the repository is cloned and the job runs.'),
  V('CI_SERVER_URL', 'gitlab', 'The GitLab instance URL (`https://gitlab.example.com`). Send `CI_JOB_TOKEN` only to it.'),
  V('CI_SERVER_HOST', 'gitlab', 'The GitLab instance host name.'),
  V('CI_SERVER_FQDN', 'gitlab', 'The instance FQDN, with the port if any.'),
  V('CI_API_V4_URL', 'gitlab', 'The instance REST API v4 root URL.'),
  V('CI_REGISTRY', 'gitlab', 'The container registry host of the instance.'),
  V('CI_REGISTRY_IMAGE', 'gitlab', 'The project\'s image repository in the registry.'),
  V('CI_REGISTRY_USER', 'gitlab', '`gitlab-ci-token`, the user to pair with `CI_REGISTRY_PASSWORD`.'),
  V('CI_REGISTRY_PASSWORD', 'secret', 'The job token again, for the container registry: valid while the job runs, with the triggering user\'s access.'),
  V('CI_JOB_TOKEN', 'secret', 'A token unique to the job, valid while it runs. It carries the access of the user who triggered the pipeline to a fixed set of APIs (packages, registry, releases, artifacts, environments, raw files, pipeline triggers...) of this project and of the projects whose job-token allowlist ("Authorized groups and projects") names this one. Public and internal projects expose some resources to any job token. Masked in logs, but anything it is sent to can use it until the job ends.'),
  V('CI_DEPLOY_PASSWORD', 'secret', 'The password of the `gitlab-deploy-token` deploy token, when one exists.'),
  V('CI_DEPENDENCY_PROXY_PASSWORD', 'secret', 'Password for the dependency proxy (the job token).'),
  V('CI_JOB_JWT', 'secret', 'Removed in GitLab 17.0: an always-on OIDC token. Use `id_tokens:` instead.'),
  V('CI_JOB_JWT_V1', 'secret', 'Removed in GitLab 17.0 (alias of CI_JOB_JWT). Use `id_tokens:`.'),
  V('CI_JOB_JWT_V2', 'secret', 'Removed in GitLab 17.0: the always-on OIDC token for cloud providers. Use `id_tokens:` with an explicit `aud`.'),
  V('CI_DEBUG_TRACE', 'member', 'When `true`, the runner prints every shell command with expanded variables: masked values aside, secrets and tokens can appear in the job log.'),
  V('CI_DEBUG_SERVICES', 'member', 'When `true`, service container logs are added to the job log; they can contain secrets.'),
  V('GITLAB_USER_NAME', 'attacker', 'The display name of the user who started the pipeline, free text they set in their profile.'),
  V('GITLAB_USER_EMAIL', 'attacker', 'The e-mail of the user who started the pipeline.'),
  V('GITLAB_USER_LOGIN', 'gitlab', 'The username of the user who started the pipeline (restricted characters).'),
  V('CI_JOB_NAME', 'member', 'The job name, from the CI configuration.'),
  V('CI_JOB_ID', 'gitlab', 'Instance-wide job ID.'),
  V('CI_ENVIRONMENT_NAME', 'member', 'The environment name of the job (after variable expansion: may contain attacker text if built from the branch name).'),
];

export const PREDEFINED_BY_NAME: ReadonlyMap<string, PredefinedVariable> = new Map(PREDEFINED.map((v) => [v.name, v]));

/** Predefined variables whose value an outside contributor can choose. */
export const ATTACKER_CONTROLLED: ReadonlySet<string> = new Set(PREDEFINED.filter((v) => v.control === 'attacker').map((v) => v.name));

/** Values that are always one shell word: git ref names (no whitespace or glob characters, but `$`, `;`, quotes and backticks are allowed) and validated e-mail addresses. */
export const SINGLE_WORD_VARIABLES: ReadonlySet<string> = new Set(['CI_COMMIT_BRANCH', 'CI_COMMIT_REF_NAME', 'CI_COMMIT_TAG', 'CI_MERGE_REQUEST_SOURCE_BRANCH_NAME', 'CI_MERGE_REQUEST_TARGET_BRANCH_NAME', 'CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_NAME', 'CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_NAME', 'CI_DEFAULT_BRANCH', 'GITLAB_USER_EMAIL']);

export function controlLabel(c: Control): string {
  switch (c) {
    case 'attacker':
      return 'anyone who can push a branch, write a commit or open a merge request (forks included)';
    case 'member':
      return 'project members (Developer or above)';
    case 'gitlab':
      return 'GitLab itself';
    case 'secret':
      return 'GitLab (a credential)';
  }
}
