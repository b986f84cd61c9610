import { asMap } from '../yaml/nodes.js';
import { buildAction, buildWorkflow } from '../model/github.js';
import type { PlatformAdapter } from './index.js';

export const github: PlatformAdapter = {
  platform: 'github',
  kinds: ['github-workflow', 'github-action', 'github-dependabot'],
  buildModel(kind, doc) {
    if (kind === 'github-workflow') return buildWorkflow(doc);
    if (kind === 'github-action') return buildAction(doc);
    // dependabot.yml: rules read the mapping directly.
    return asMap(doc.contents, doc);
  },
};
