// Kestra flows. Kestra reads flows with Jackson (SnakeYAML underneath); the YAML 1.2 core schema the
// engine parses with agrees with it on everything flows use (Jackson also coerces scalars to the
// property's type, which the schema validation mirrors with ajv's `coerceTypes`). Every `---`
// document of a file is a flow, as `/api/v1/flows/validate` treats them.
import { buildFlow } from '../model/kestra.js';
import type { PlatformAdapter } from './index.js';

export const kestra: PlatformAdapter = {
  platform: 'kestra',
  kinds: ['kestra-flow'],
  buildModel(_kind, doc) {
    return buildFlow(doc);
  },
};
