import rule from '../../server/src/engine/rules/gitlab/gitlab-remote-script.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
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
