import { getPair } from '../../yaml/nodes.js';
import { readImage, readServices, type ImageRef, type Pipeline } from '../../model/gitlab.js';
import { parseImage } from '../../gitlab/pinning.js';
import { defineRule } from '../rule.js';

type Pin = 'tag' | 'digest';

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-unpinned-image',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Image or service without a tag, with :latest, or without a digest',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { glsec: ['GL001'] },
    defaultOptions: { pin: 'tag' },
    optionsSchema: { type: 'object', properties: { pin: { enum: ['tag', 'digest'], description: '"tag": a fixed tag is enough; "digest": require @sha256:...' } } },
  },
  check(ctx) {
    const p = ctx.model;
    const policy = (ctx.settings.policy.gitlab as { 'image-pinning'?: Pin } | undefined)?.['image-pinning'];
    const pin: Pin = policy ?? (ctx.options.pin as Pin) ?? 'tag';
    const refs: ImageRef[] = [];
    const collect = (container: unknown) => {
      const img = readImage(getPair(container, 'image', p.doc)?.value, 'image', p.doc);
      if (img) refs.push(img);
      refs.push(...readServices(getPair(container, 'services', p.doc)?.value, p.doc));
    };
    collect(p.root);
    collect(p.default);
    for (const job of p.jobs) collect(job.node);
    const seen = new Set<number>();
    for (const r of refs) {
      if (seen.has(r.name.span.start)) continue;
      seen.add(r.name.span.start);
      const raw = r.name.value;
      if (raw.includes('$') || raw.trim() === '') continue;
      // GitLab-hosted macOS and Windows runners name VM images, not container images.
      if (/^(macos|windows|saas)-[\w.-]+$/i.test(raw.trim())) continue;
      const img = parseImage(raw);
      const what = r.where === 'image' ? 'Image' : 'Service';
      if (img.digest) continue;
      if (!img.tag) ctx.report({ span: r.name.span, message: `${what} '${raw}' has no tag: it runs whatever ':latest' is when the job starts; pin a version tag${pin === 'digest' ? ' and a digest' : ''}` });
      else if (img.tag === 'latest') ctx.report({ span: r.name.span, message: `${what} '${raw}' uses ':latest', which changes under you; pin a version tag${pin === 'digest' ? ' and a digest' : ''}` });
      else if (pin === 'digest') ctx.report({ span: r.name.span, message: `${what} '${raw}' is not pinned to a digest: a tag can be re-pushed; append @sha256:<digest> (policy: digest)` });
      else ctx.report({ span: r.name.span, severity: 'info', persona: 'auditor', confidence: 'medium', message: `${what} '${raw}' is pinned to a tag, not a digest: a tag can be re-pushed` });
    }
  },
});
