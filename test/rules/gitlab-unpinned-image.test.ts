import rule from '../../server/src/engine/rules/gitlab/gitlab-unpinned-image.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    { name: 'tags (regular persona)', code: 'build:\n  image: node:20.11-alpine\n  services:\n    - name: postgres:16.2\n      alias: db\n    - docker:24-dind\n  script: x\n', settings: { persona: 'regular' } },
    { name: 'digest', code: 'build:\n  image: alpine@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1\n  script: x\n' },
    { name: 'variables and macOS runner images', code: 'build:\n  image: $BUILD_IMAGE\n  script: x\nmac:\n  image: macos-14-xcode-15\n  script: y\n', settings: { persona: 'regular' } },
  ],
  invalid: [
    { code: 'build:\n  image: alpine\n  script: x\n', errors: [{ text: 'alpine', message: /no tag/ }] },
    { code: 'default:\n  image:\n    name: registry.example.com:5000/tools/ci:latest\n    entrypoint: [""]\n', errors: [{ text: 'registry.example.com:5000/tools/ci:latest', message: /':latest'/ }] },
    { name: 'tag without digest: info for auditors', code: 'build:\n  image: node:20.11\n  script: x\n', errors: [{ text: 'node:20.11', severity: 'info' }] },
    { name: 'digest policy', code: 'image: ruby:3.3\nbuild:\n  script: x\n', options: { pin: 'digest' }, errors: [{ text: 'ruby:3.3', severity: 'medium' }] },
    { name: 'untagged service', code: 'build:\n  services:\n    - postgres\n  script: x\n', errors: [{ text: 'postgres', message: /^Service/ }] },
  ],
});
