// Table tests of the GitLab supply-chain rules: includes, components, images, remote scripts.
import unpinnedInclude from '../../server/src/engine/rules/gitlab/gitlab-unpinned-include.js';
import remoteIntegrity from '../../server/src/engine/rules/gitlab/gitlab-remote-include-integrity.js';
import unpinnedComponent from '../../server/src/engine/rules/gitlab/gitlab-unpinned-component.js';
import unpinnedImage from '../../server/src/engine/rules/gitlab/gitlab-unpinned-image.js';
import remoteScript from '../../server/src/engine/rules/gitlab/gitlab-remote-script.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(unpinnedInclude as Rule, {
  valid: [
    'include:\n  - project: org/templates\n    ref: 5e57cd118135c172c3672efd75eb46360885c0ef\n    file: ci.yml\n',
    { name: 'tags are fine by default (regular persona)', code: 'include:\n  - project: org/templates\n    ref: v1.2.3\n    file: ci.yml\n', settings: { persona: 'regular' } },
    { name: 'local and template includes', code: 'include:\n  - local: ci/a.yml\n  - template: Jobs/SAST.gitlab-ci.yml\n' },
    { name: 'variables', code: 'include:\n  - project: $TEMPLATES\n    file: ci.yml\n  - project: org/t\n    ref: $REF\n    file: ci.yml\n' },
  ],
  invalid: [
    { name: 'no ref', code: 'include:\n  - project: org/templates\n    file: ci.yml\n', errors: [{ text: 'org/templates', message: /has no ref/ }] },
    { name: 'branch ref', code: 'include:\n  - project: org/templates\n    ref: main\n    file: ci.yml\n', errors: [{ text: 'main', message: /branch 'main'/ }] },
    { name: 'tag with the sha policy', code: 'include:\n  - project: org/templates\n    ref: v1.2.3\n    file: ci.yml\n', options: { pin: 'sha' }, errors: [{ text: 'v1.2.3', severity: 'medium' }] },
    { name: 'tag, pedantic', code: 'include:\n  project: org/templates\n  ref: "2.0"\n  file: [a.yml, b.yml]\n', errors: [{ text: '"2.0"', severity: 'low' }] },
  ],
});

ruleTester(remoteIntegrity as Rule, {
  valid: ['include:\n  - remote: https://example.com/ci.yml\n    integrity: sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8=\n', 'include:\n  - local: a.yml\n'],
  invalid: [
    { code: 'include:\n  - remote: https://example.com/ci.yml\n', errors: [{ text: 'https://example.com/ci.yml', severity: 'medium' }] },
    { name: 'string form', code: 'include: "https://example.com/ci.yml"\n', errors: ['"https://example.com/ci.yml"'] },
    { name: 'plain http', code: 'include:\n  - remote: http://example.com/ci.yml\n    integrity: sha256-x\n', errors: [{ severity: 'high' }] },
    { name: 'commit in the URL: low', code: 'include:\n  - remote: https://gitlab.example.com/g/p/-/raw/a4eb2bbf65c482f024cae7ee178b8fe0cfef0537/t.yml\n', errors: [{ severity: 'low' }] },
  ],
});

ruleTester(unpinnedComponent as Rule, {
  valid: ['include:\n  - component: $CI_SERVER_FQDN/org/comp/build@1.4.2\n  - component: gitlab.com/org/c/x@5e57cd118135c172c3672efd75eb46360885c0ef\n'],
  invalid: [
    { code: 'include:\n  - component: gitlab.com/org/comp/build@~latest\n', errors: [{ text: 'gitlab.com/org/comp/build@~latest', message: /~latest/ }] },
    { code: 'include:\n  - component: gitlab.com/org/comp/build@master\n', errors: [{ message: /branch 'master'/ }] },
    { name: 'partial version', code: 'include:\n  - component: "gitlab.com/org/comp/build@25.5"\n', errors: [{ text: '"gitlab.com/org/comp/build@25.5"', severity: 'low' }] },
  ],
});

ruleTester(unpinnedImage as Rule, {
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

ruleTester(remoteScript as Rule, {
  valid: [
    'build:\n  script:\n    - curl -fsSL https://example.com/x.tar.gz | tar -xz\n    - wget -qO- https://example.com/x | sha256sum -c sums\n',
    { name: 'commit-pinned raw URL', code: 'build:\n  script:\n    - curl -sSL https://raw.githubusercontent.com/org/repo/5e57cd118135c172c3672efd75eb46360885c0ef/install.sh | bash\n' },
    { name: 'u-boot style: /share is not sh', code: 'build:\n  script:\n    - wget -O - https://example.com/opensbi.tar.xz | tar -C /tmp -xJ; export OPENSBI=/tmp/share/opensbi/fw.bin\n' },
    { name: 'pipe into python -m json.tool', code: 'build:\n  script:\n    - curl -s https://api.example.com/x | python3 -m json.tool\n' },
  ],
  invalid: [
    { code: 'lint:\n  script:\n    - curl https://raw.githubusercontent.com/helm/helm/master/scripts/get-helm-3 | bash\n', errors: ['curl https://raw.githubusercontent.com/helm/helm/master/scripts/get-helm-3 | bash'] },
    { name: 'process substitution', code: 'cov:\n  script:\n    - bash <(curl -s https://codecov.io/bash) -f x\n', errors: ['bash <(curl -s https://codecov.io/bash)'] },
    { name: 'sudo and a block scalar', code: 'setup:\n  before_script:\n    - |\n      set -e\n      wget -qO- https://get.example.com | sudo sh -s -- --yes\n', errors: ['wget -qO- https://get.example.com | sudo sh -s -- --yes'] },
    { name: 'eval of a download', code: 'setup:\n  script:\n    - eval "$(curl -fsSL https://example.com/env)"\n', errors: [{ message: /from the network/ }] },
  ],
});
