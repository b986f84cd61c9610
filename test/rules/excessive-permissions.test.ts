import rule from '../../server/src/engine/rules/github/excessive-permissions.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    {
      name: 'least-privilege job block under an empty workflow block',
      code: 'on: push\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n',
    },
    {
      name: 'unknown action: an unused-looking scope is not judged',
      code: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      issues: write\n    steps:\n      - uses: some-org/unknown-action@v1\n',
    },
    {
      name: 'reusable-only workflow: jobs inherit the caller token',
      code: 'on: workflow_call\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
    },
    {
      name: 'comment on a PR: pull-requests: write satisfies the shared endpoint',
      code: 'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      pull-requests: write\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            await github.rest.issues.createComment({ ...context.repo, issue_number: context.issue.number, body: "hi" })\n',
    },
    {
      name: 'restricted default: no block is not a regular finding',
      code: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
      settings: { persona: 'regular', defaultPermissions: 'restricted' },
    },
  ],
  invalid: [
    {
      name: 'missing block: fix writes the minimal block with the reason',
      code: 'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n',
      errors: [{ text: 'release', message: /no permissions block.*contents: write/ }],
      output: 'on: push\njobs:\n  release:\n    permissions:\n      contents: write # softprops/action-gh-release to create the release and upload assets (+1 more)\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n',
    },
    {
      name: 'write-all at the workflow level',
      code: 'on: push\npermissions: write-all\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n',
      errors: [{ text: 'permissions: write-all', severity: 'high' }],
      output: 'on: push\npermissions: {}\njobs:\n  test:\n    permissions: {}\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n',
    },
    {
      name: 'unused write scope in a job block, comment on the entry is replaced',
      code: 'on: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n      issues: write # old\n    steps:\n      - uses: actions/checkout@v4\n',
      errors: [{ text: 'issues: write', message: "issues: write — no step in job 'lint' uses it" }],
      output: 'on: pull_request\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read # actions/checkout to clone the repository\n    steps:\n      - uses: actions/checkout@v4\n',
    },
    {
      name: 'write where read is enough',
      code: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: actions/checkout@v4\n',
      errors: [{ text: 'contents: write', message: /only needs contents: read \(actions\/checkout\)/ }],
    },
    {
      name: 'workflow-level write only one of two jobs needs',
      code: 'on: push\npermissions:\n  contents: write\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh release create v1\n        env:\n          GH_TOKEN: ${{ github.token }}\n',
      errors: [{ text: 'contents: write', message: /granted to all 2 jobs .* only 'release' needs it/ }],
      output: "on: push\npermissions: {}\njobs:\n  build:\n    permissions:\n      contents: read # actions/checkout to clone the repository\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n  release:\n    permissions:\n      contents: write # gh release create to create the release\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh release create v1\n        env:\n          GH_TOKEN: ${{ github.token }}\n",
    },
    {
      name: 'read-all is pedantic',
      code: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: read-all\n    steps:\n      - run: make\n',
      errors: [{ text: 'permissions: read-all', severity: 'low' }],
    },
    {
      name: 'unknown job: the fix is offered but not as safe',
      code: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./release.sh\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n',
      errors: ['a'],
      output: null,
      outputAll: 'on: push\njobs:\n  a:\n    permissions: {}\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./release.sh\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n',
    },
  ],
});
