import rule from '../../server/src/engine/rules/kestra/kestra-docker-volumes.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const runner = (vols: string) => `id: f\nnamespace: company.team\ntasks:\n  - id: s\n    type: io.kestra.plugin.scripts.shell.Commands\n    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n      volumes:\n${vols}    commands: [echo]\n`;

ruleTester(rule as Rule, {
  valid: [runner('        - /srv/data:/data:ro\n        - /tmp/cache:/cache\n'), runner('        - /etcetera:/x\n')],
  invalid: [
    { code: runner('        - /var/run/docker.sock:/var/run/docker.sock\n        - /:/host\n        - /etc/ssl:/certs:ro\n'), errors: [{ text: '/var/run/docker.sock:/var/run/docker.sock', severity: 'high', message: /Docker socket/ }, { text: '/:/host', severity: 'high' }, { text: '/etc/ssl:/certs:ro', severity: 'medium' }] },
  ],
});
