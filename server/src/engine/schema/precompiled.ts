// Validators compiled ahead of time. Empty in the sources (tests and tsx compile on first use); the
// bundles replace this module with ajv standalone code generated from the same schemas and the same
// ajv options (ajv-options.json) by scripts/gen-schema-validators.mjs, wired in esbuild.mjs, so the
// server and the CLI do not compile the ~190-definition workflow schema at start-up.
import type { ValidateFunction } from 'ajv';

export const PRECOMPILED: Partial<Record<'github-workflow' | 'github-action' | 'github-dependabot', ValidateFunction>> = {};
