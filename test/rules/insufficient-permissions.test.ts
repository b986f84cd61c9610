import rule from '../../server/src/engine/rules/github/insufficient-permissions.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'on: push\npermissions:\n  contents: write\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n',
    { name: 'token is a PAT: GITHUB_TOKEN not used', code: 'on: push\npermissions: {}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n        with:\n          token: ${{ secrets.RELEASE_PAT }}\n' },
    { name: 'gh with a PAT', code: 'on: push\npermissions: {}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh release create v1\n        env:\n          GH_TOKEN: ${{ secrets.PAT }}\n' },
    { name: 'no block, unknown default: only what no default grants is judged', code: 'on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n' },
    { name: 'missing read is pedantic only', code: 'on: push\npermissions: {}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n', settings: { persona: 'regular' } },
    { name: 'aws static keys: no OIDC', code: 'on: push\npermissions: {}\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          aws-access-key-id: ${{ secrets.KEY }}\n          role-to-assume: arn:aws:iam::1:role/x\n' },
  ],
  invalid: [
    {
      name: 'action under a read-only workflow block',
      code: 'on: push\npermissions:\n  contents: read\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n',
      errors: [{ text: 'softprops/action-gh-release@v2', message: "softprops/action-gh-release needs contents: write to create the release and upload assets, but job 'release' gets contents: read from the workflow-level permissions block: GitHub will refuse it at run time" }],
      output: 'on: push\npermissions:\n  contents: read\njobs:\n  release:\n    permissions:\n      contents: write # softprops/action-gh-release to create the release and upload assets\n    runs-on: ubuntu-latest\n    steps:\n      - uses: softprops/action-gh-release@v2\n',
    },
    {
      name: 'gh pr comment, exact command span',
      code: 'on: pull_request\njobs:\n  c:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: |\n          echo hi\n          gh pr comment "$PR" --body ok\n        env:\n          GH_TOKEN: ${{ github.token }}\n',
      errors: [{ text: 'gh pr comment "$PR" --body ok', message: /gh pr comment needs pull-requests: write/ }],
    },
    {
      name: 'OIDC without id-token even with no block (no default grants it)',
      code: 'on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::1:role/x\n',
      errors: [{ text: 'aws-actions/configure-aws-credentials@v4', message: /id-token: write/ }],
    },
    {
      name: 'github-script call',
      code: 'on: issues\njobs:\n  c:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            await github.rest.issues.addLabels({ ...context.repo, issue_number: 1, labels: ["x"] })\n',
      errors: [{ text: 'github.rest.issues.addLabels', message: /needs issues: write \(or pull-requests: write\)/ }],
    },
    {
      name: 'restricted default: release without a block',
      code: 'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push origin v1.2.3\n      - uses: actions/checkout@v4\n      - run: git push --tags\n',
      settings: { defaultPermissions: 'restricted' },
      errors: [{ text: 'git push --tags', message: /git push needs contents: write to push tags.*restricted repository default/ }],
    },
  ],
});
