import { dockerSettings } from '../../kestra/docker.js';
import type { KestraFlow } from '../../model/kestra.js';
import { get, items, scalarString, spanOf } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

/** Host paths whose mount gives a container control of the host. */
const SENSITIVE: [RegExp, string][] = [
  [/^\/(var\/)?run\/docker\.sock$/, 'the Docker socket: the container can start privileged containers, i.e. it is root on the host'],
  [/^\/$/, 'the host root filesystem'],
  [/^\/etc(\/.*)?$/, "the host's configuration (users, sudoers, credentials)"],
  [/^\/root(\/.*)?$/, "root's home directory (SSH keys, cloud credentials)"],
  [/^\/(proc|sys|dev|boot)(\/.*)?$/, 'a kernel or device filesystem of the host'],
  [/^\/var\/lib\/(docker|containerd|kubelet)(\/.*)?$/, 'the container runtime state of the host'],
  [/^\/home(\/.*)?$/, 'user home directories (SSH keys, credentials)'],
];

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-docker-volumes',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Container mounts a sensitive host path',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    for (const s of dockerSettings(ctx.model, ctx.doc)) {
      for (const item of items(get(s.map, 'volumes', ctx.doc), ctx.doc)) {
        const v = scalarString(item, ctx.doc);
        if (!v || v.includes('{{')) continue;
        const host = v.split(':')[0].replace(/\/+$/, '') || '/';
        const hit = SENSITIVE.find(([re]) => re.test(host));
        if (!hit) continue;
        ctx.report({
          span: spanOf(item)!,
          severity: host.endsWith('docker.sock') || host === '/' ? 'high' : 'medium',
          message: `${s.where} mounts ${host}, ${hit[1]}; mount only the directory the task needs (volumes are disabled by default in Kestra's Docker runner for this reason)`,
        });
      }
    }
  },
});
