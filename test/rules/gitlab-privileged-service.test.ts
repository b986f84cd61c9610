import rule from '../../server/src/engine/rules/gitlab/gitlab-privileged-service.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'build:\n  image: gcr.io/kaniko-project/executor:v1.23.0-debug\n  script:\n    - docker run --rm alpine:3.20 echo hi\n    - echo --privileged\n',
    { name: 'dind in the regular persona', code: 'build:\n  services: [docker:27-dind]\n  script: docker build .\n', settings: { persona: 'regular' } },
  ],
  invalid: [
    { name: 'dind service (pedantic)', code: 'build:\n  services: [docker:27-dind]\n  script: docker build .\n', errors: [{ text: 'docker:27-dind', severity: 'low' }] },
    { name: 'docker run flags', code: 'test:\n  script:\n    - docker run --rm --privileged -v /var/run/docker.sock:/var/run/docker.sock img:1\n    - sudo podman run --pid=host img:1\n', errors: [{ text: '--privileged' }, { text: '-v /var/run/docker.sock:/var/run/docker.sock' }, { text: '--pid=host' }] },
  ],
});
