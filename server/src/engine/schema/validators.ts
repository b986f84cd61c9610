// The ajv validators the engine checks documents with, one per schema, each compiled with a named set of
// options from ajv-options.json. The bundles ship them precompiled (ajv standalone code generated at build
// time by scripts/gen-schema-validators.mjs from the same schemas and options, see precompiled.ts); the
// sources and tests compile each on first use.
//
// github: allErrors; verbose (errors carry the schema object they come from, whose x-* annotations drive
// the messages); inlineRefs off (each definition compiled once instead of inlined at every use: 2-3x faster
// compile for the ~190-definition workflow schema, same validation speed).
// gitlab: allErrors and verbose too (gitlab/schema.ts reduces oneOf/anyOf branches by their schema paths,
// which depend on these options: they must not change without its tests).
import Ajv, { type Options, type ValidateFunction } from 'ajv';
import workflowSchema from '../../../../schemas/github-workflow.json' with { type: 'json' };
import actionSchema from '../../../../schemas/github-action.json' with { type: 'json' };
import dependabotSchema from '../../../../schemas/github-dependabot.json' with { type: 'json' };
import gitlabSchema from '../../../../schemas/gitlab-ci.json' with { type: 'json' };
import ajvOptions from './ajv-options.json' with { type: 'json' };
import { precompiled, type ValidatorName } from './precompiled.js';

export type { ValidatorName } from './precompiled.js';

/** Also listed, with the same option sets, in scripts/gen-schema-validators.mjs. */
const SOURCES: Record<ValidatorName, { schema: object; options: keyof typeof ajvOptions }> = {
  'github-workflow': { schema: workflowSchema, options: 'github' },
  'github-action': { schema: actionSchema, options: 'github' },
  'github-dependabot': { schema: dependabotSchema, options: 'github' },
  'gitlab-ci': { schema: gitlabSchema, options: 'gitlab' },
};

const instances = new Map<string, Ajv>();
const compiled = new Map<ValidatorName, ValidateFunction>();

/** The validator of a schema: precompiled in the bundles, compiled once per process from the sources. */
export function validatorFor(name: ValidatorName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const { schema, options } = SOURCES[name];
    v = precompiled(name);
    if (!v) {
      let ajv = instances.get(options);
      if (!ajv) instances.set(options, (ajv = new Ajv(ajvOptions[options] as Options)));
      v = ajv.compile(schema);
    }
    compiled.set(name, v);
  }
  return v;
}
