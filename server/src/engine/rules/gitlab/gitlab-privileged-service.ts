import { allScripts, effective, jobLabel, readServices, visibleJobs, type Pipeline } from '../../model/gitlab.js';
import { commandName, readShell } from '../../gitlab/shell.js';
import { isDind } from './gitlab-dind-tls.js';
import { defineRule } from '../rule.js';

const RISKY: { re: RegExp; what: string }[] = [
  { re: /--privileged(?:=true)?(?=\s|$)/, what: '--privileged gives the container every capability and all host devices' },
  { re: /--cap-add[=\s]+(?:ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|NET_ADMIN)\b/i, what: 'this capability lets the container escape to the host' },
  { re: /(?:-v|--volume|--mount)[=\s]+\S*\/var\/run\/docker\.sock/, what: 'mounting the Docker socket hands the container the host\'s Docker daemon (root on the runner)' },
  { re: /--(?:pid|ipc|userns)[=\s]+host\b/, what: 'sharing the host namespaces exposes the runner\'s processes' },
  { re: /--security-opt[=\s]+(?:seccomp|apparmor)[=:]unconfined/, what: 'disabling seccomp/AppArmor removes the container sandbox' },
];

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-privileged-service',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Privileged containers: docker:dind services, docker run --privileged, the Docker socket',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { glsec: ['GL054', 'GL055', 'GL056', 'GL057', 'GL059', 'GL060', 'GL076'] },
  },
  check(ctx) {
    const p = ctx.model;
    const seen = new Set<number>();
    for (const job of visibleJobs(p)) {
      for (const s of readServices(effective(p, job, 'services')?.value, p.doc)) {
        if (!isDind(s.name.value) || seen.has(s.name.span.start)) continue;
        seen.add(s.name.span.start);
        ctx.report({
          span: s.name.span,
          severity: 'low',
          persona: 'pedantic',
          message: `${s.name.value} needs a runner in privileged mode: every job on that runner can take over the host, and anyone who can run a pipeline there can too; prefer rootless builders (Kaniko, Buildah, BuildKit rootless) or dedicated, ephemeral runners`,
        });
      }
    }
    for (const { line, job } of allScripts(p, ctx.text)) {
      if (!/docker|podman|nerdctl/.test(line.value)) continue;
      const shell = readShell(line.value);
      for (const cmd of shell.commands) {
        const name = commandName(cmd);
        if (!['docker', 'podman', 'nerdctl'].includes(name)) continue;
        const sub = cmd.words[cmd.head + 1]?.text;
        if (sub !== 'run' && sub !== 'create' && !(sub === 'container' && /^(run|create)$/.test(cmd.words[cmd.head + 2]?.text ?? ''))) continue;
        const text = line.value.slice(cmd.start, cmd.end);
        for (const r of RISKY) {
          const m = r.re.exec(text);
          if (!m) continue;
          const at = cmd.start + m.index;
          ctx.report({ span: { start: line.offsetAt(at), end: line.offsetAt(at + m[0].length) }, message: `${jobLabel(job)[0].toUpperCase()}${jobLabel(job).slice(1)} starts a container with ${m[0]}: ${r.what}` });
        }
      }
    }
  },
});
