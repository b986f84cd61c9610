import { isScalar } from 'yaml';
import type { ActionMetadata, Workflow } from '../../model/github.js';
import { asMap, get, pairs, keyString, resolve, spanOf } from '../../yaml/nodes.js';
import type { Span } from '../../types.js';
import { parseImage } from '../../images.js';
import { defineRule } from '../rule.js';

export { parseImage } from '../../images.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'unpinned-images',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Container image not pinned by digest',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['unpinned-images'] },
  },
  check(ctx) {
    const { doc } = ctx;
    const images: { value: string; span: Span; where: string }[] = [];
    const add = (node: unknown, where: string) => {
      const n = resolve(node, doc);
      const span = spanOf(node);
      if (!isScalar(n) || n.value == null || !span) return;
      images.push({ value: String(n.value), span, where });
    };
    if ('jobs' in ctx.model) {
      for (const job of ctx.model.jobs) {
        if (job.container) add(asMap(job.container, doc) ? get(job.container, 'image', doc) : job.container, `container of job '${job.id}'`);
        for (const p of pairs(job.services, doc)) {
          const svc = p.value;
          add(asMap(svc, doc) ? get(svc, 'image', doc) : svc, `service '${keyString(p, doc)}' of job '${job.id}'`);
        }
        for (const step of job.steps) if (step.uses?.ref.kind === 'docker') images.push({ value: step.uses.ref.image!, span: step.uses.span, where: 'a docker:// step' });
      }
    } else {
      for (const step of ctx.model.steps) if (step.uses?.ref.kind === 'docker') images.push({ value: step.uses.ref.image!, span: step.uses.span, where: 'a docker:// step' });
      const image = ctx.model.image;
      if (image?.value.startsWith('docker://')) images.push({ value: image.value.slice('docker://'.length), span: image.span, where: "the action's image" });
    }
    for (const img of images) {
      if (!img.value.trim()) continue;
      if (img.value.includes('${{')) {
        ctx.report({ span: img.span, severity: 'medium', confidence: 'low', persona: 'auditor', message: `The image for ${img.where} is chosen by an expression, so its pinning cannot be checked` });
        continue;
      }
      const ref = parseImage(img.value);
      if (ref.digest?.startsWith('sha256:')) continue;
      if (!ref.tag || ref.tag === 'latest') {
        ctx.report({ span: img.span, message: `The image for ${img.where} ('${img.value}') ${ref.tag ? "uses 'latest'" : 'has no tag'}: every run may pull different code; pin a digest (image:tag@sha256:...)` });
      } else {
        ctx.report({ span: img.span, severity: 'low', persona: 'pedantic', message: `The image for ${img.where} ('${img.value}') is pinned to the tag '${ref.tag}', which its publisher can move; pin a digest as well (image:${ref.tag}@sha256:...)` });
      }
    }
  },
});
