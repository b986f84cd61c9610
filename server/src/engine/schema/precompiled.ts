// Validators compiled ahead of time. None in the sources (tests and tsx compile on first use, see
// validators.ts); the bundles replace this module with ajv standalone code generated from the same schemas
// and the same ajv options (ajv-options.json) by scripts/gen-schema-validators.mjs, wired in esbuild.mjs,
// so the server and the CLI do not compile the ~190-definition workflow schema (or the GitLab one) at
// start-up. Each option set's code is evaluated on the first request for one of its validators.
import type { ValidateFunction } from 'ajv';

export type ValidatorName = 'github-workflow' | 'github-action' | 'github-dependabot' | 'gitlab-ci';

export function precompiled(_name: ValidatorName): ValidateFunction | undefined {
  return undefined;
}
