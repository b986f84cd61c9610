import rule from '../../server/src/engine/rules/gitlab/gitlab-dind-tls.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'build:\n  services: [docker:27-dind]\n  variables:\n    DOCKER_TLS_CERTDIR: "/certs"\n    DOCKER_HOST: tcp://docker:2376\n  script: docker build .\n',
    { name: 'no dind service', code: 'variables:\n  DOCKER_TLS_CERTDIR: ""\nbuild:\n  script: x\n' },
  ],
  invalid: [
    { name: 'global variable, job service', code: 'variables:\n  DOCKER_TLS_CERTDIR: ""\nbuild:\n  services:\n    - name: docker.io/library/docker:27-dind\n  script: docker build .\n', errors: [{ text: 'DOCKER_TLS_CERTDIR', message: /is empty/ }] },
    { name: 'port 2375 via default services', code: 'default:\n  services: [docker:dind]\nbuild:\n  variables:\n    DOCKER_HOST: tcp://docker:2375\n  script: docker build .\n', errors: [{ text: 'DOCKER_HOST', message: /2375/ }] },
    { name: '--tls=false command', code: 'build:\n  services:\n    - name: docker:dind\n      command: ["--tls=false"]\n  script: docker build .\n', errors: [{ text: 'docker:dind', message: /--tls=false/ }] },
  ],
});
