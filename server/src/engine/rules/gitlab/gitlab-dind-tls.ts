import { effective, jobLabel, jobVariables, readServices, visibleJobs, type Pipeline } from '../../model/gitlab.js';
import { parseImage } from '../../gitlab/pinning.js';
import { defineRule } from '../rule.js';

/** `docker:dind`, `docker:27-dind`, `registry/docker:dind-rootless`... */
export function isDind(name: string): boolean {
  const img = parseImage(name);
  return (/(^|\/)docker$/.test(img.name) && /dind/.test(img.tag ?? '')) || /dind/.test(img.name.split('/').pop() ?? '');
}

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-dind-tls',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Docker-in-Docker with TLS disabled',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { glsec: ['GL031'] },
  },
  check(ctx) {
    const p = ctx.model;
    const reported = new Set<number>();
    for (const job of visibleJobs(p)) {
      const services = readServices(effective(p, job, 'services')?.value, p.doc).filter((s) => isDind(s.name.value));
      if (!services.length) continue;
      for (const v of jobVariables(p, job)) {
        const value = v.value?.value.trim();
        if (value === undefined) continue;
        const off = (v.name === 'DOCKER_TLS_CERTDIR' && value === '') || (v.name === 'DOCKER_HOST' && /^tcp:\/\/[^/]+:2375\/?$/.test(value)) || (v.name === 'DOCKER_TLS_VERIFY' && /^(0|false)$/i.test(value));
        if (!off || reported.has(v.nameSpan.start)) continue;
        reported.add(v.nameSpan.start);
        ctx.report({
          span: v.nameSpan,
          message: `${v.name}${v.name === 'DOCKER_HOST' ? ' points at the unencrypted port 2375' : v.name === 'DOCKER_TLS_CERTDIR' ? ' is empty' : ' is off'}: the Docker daemon of the dind service (${jobLabel(job)}) listens without TLS or authentication, so any container or process that reaches it on the network controls a privileged daemon; keep DOCKER_TLS_CERTDIR: "/certs" and DOCKER_HOST: tcp://docker:2376`,
        });
      }
      for (const s of services) {
        const cmd = s.command ? ctx.text.slice(s.command.range?.[0] ?? 0, s.command.range?.[1] ?? 0) : '';
        if (/--tls=false|--tls\s*false/.test(cmd) && !reported.has(s.name.span.start)) {
          reported.add(s.name.span.start);
          ctx.report({ span: s.name.span, message: `The dind service is started with --tls=false: its Docker daemon accepts unauthenticated connections` });
        }
      }
    }
  },
});
