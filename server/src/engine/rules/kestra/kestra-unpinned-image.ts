import { containerImages } from '../../kestra/docker.js';
import type { KestraFlow } from '../../model/kestra.js';
import { scalarString, spanOf } from '../../yaml/nodes.js';
import { parseImage } from '../../images.js';
import { defineRule } from '../rule.js';

export { parseImage } from '../../images.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-unpinned-image',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Container image not pinned',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    for (const { where, node } of containerImages(ctx.model, ctx.doc)) {
      const ref = scalarString(node, ctx.doc)?.trim();
      const span = spanOf(node);
      if (!ref || !span || ref.includes('{{')) continue;
      const img = parseImage(ref);
      if (img.digest && /^sha256:[0-9a-f]{64}$/i.test(img.digest)) continue;
      if (!img.tag || img.tag === 'latest') {
        ctx.report({ span, message: `${where} runs '${ref}' ${img.tag ? 'with the :latest tag' : 'without a tag (so :latest)'}: each pull can bring different code, and with Kestra's default pullPolicy ALWAYS every run pulls; pin a version tag and, better, its digest (image:tag@sha256:...)` });
      } else {
        ctx.report({ span, severity: 'low', persona: 'pedantic', message: `${where} runs '${ref}' pinned to a tag, which its publisher can move; pin the digest too (${img.name}:${img.tag}@sha256:...)` });
      }
    }
  },
});
