import rule from '../../server/src/engine/rules/github/untrusted-checkout.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (on: string, steps: string, jobIf = '') => `on: ${on}\njobs:\n  build:\n    runs-on: ubuntu-latest\n${jobIf ? `    if: ${jobIf}\n` : ''}    steps:\n${steps}`;
const headCheckout = '      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n';

ruleTester(rule as Rule, {
  valid: [
    { name: 'reusable workflow below the auditor level', code: wf('workflow_call', headCheckout + '      - run: npm ci\n'), settings: { persona: 'pedantic' } },
    // pull_request runs fork code without secrets: checking out the head is the normal case.
    wf('pull_request', headCheckout + '      - run: npm ci && npm test\n'),
    // pull_request_target checking out the base (the default) is safe.
    wf('pull_request_target', '      - uses: actions/checkout@v4\n      - run: npm ci\n'),
    // Same-repository pull requests only.
    wf('pull_request_target', headCheckout + '      - run: make\n', 'github.event.pull_request.head.repo.full_name == github.repository'),
    // A step guard that only runs on another event.
    wf('[pull_request, pull_request_target]', '      - uses: actions/checkout@v4\n        if: github.event_name == \'pull_request\'\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: make\n'),
    // Dependabot's own pull requests come from this repository.
    wf('pull_request_target', headCheckout + '      - run: npm ci\n', "github.event.pull_request.user.login == 'dependabot[bot]'"),
    // workflow_run checking out the default branch.
    wf('workflow_run', '      - uses: actions/checkout@v4\n      - run: ./deploy.sh\n'),
    // An earlier step that fails for forks.
    wf('issue_comment', "      - uses: actions/github-script@v7\n        id: pr\n        with:\n          script: |\n            const { data: pull } = await github.rest.pulls.get({ ...context.repo, pull_number: context.issue.number });\n            if (pull.head.repo.full_name !== process.env.GITHUB_REPOSITORY) core.setFailed('fork');\n            core.setOutput('ref', pull.head.ref);\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ steps.pr.outputs.ref }}\n      - run: npm ci\n"),
  ],
  invalid: [
    {
      name: 'reusable workflow: auditor level, depends on the caller',
      code: wf('workflow_call', headCheckout + '      - run: npm ci\n'),
      errors: [{ severity: 'high', message: /when a caller runs on pull_request_target/ }],
    },
    {
      name: 'the untrusted tree in its own directory, only read as data by the base tools: milder',
      code: wf('pull_request_target', "      - uses: actions/checkout@v4\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n          path: pr\n      - run: npm ci && node tools/lint-docs.js pr/docs\n"),
      errors: [{ severity: 'medium', message: /Nothing here appears to run it/ }],
    },
    {
      name: 'checkout into a directory, then a script from it',
      code: wf('pull_request_target', "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n          path: pr\n      - run: |\n          cd pr\n          make\n"),
      errors: [{ severity: 'high', message: /runs `make`/ }],
    },
    {
      name: 'pull_request_target: head checkout then npm install',
      code: wf('pull_request_target', headCheckout + '      - uses: actions/setup-node@v4\n      - run: npm install\n'),
      errors: [{ text: '${{ github.event.pull_request.head.sha }}', severity: 'high', message: /runs `npm install`/ }],
    },
    {
      name: 'workflow_run head branch then a local action',
      code: wf('workflow_run', '      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.workflow_run.head_branch }}\n      - uses: ./.github/actions/build\n'),
      errors: [{ text: '${{ github.event.workflow_run.head_branch }}', message: /local action/ }],
    },
    {
      name: 'issue_comment: refs/pull/N/merge fetched in the script, then a script from the tree',
      code: wf('issue_comment', '      - uses: actions/checkout@v4\n      - run: |\n          git fetch origin refs/pull/${{ github.event.issue.number }}/merge:pr\n          git checkout pr\n          ./ci/build.sh\n'),
      errors: [{ text: 'git fetch origin refs/pull/${{ github.event.issue.number }}/merge:pr', message: /runs \.\/ci\/build\.sh/ }],
    },
    {
      name: 'gh pr checkout followed by make',
      code: wf('issue_comment', '      - run: gh pr checkout ${{ github.event.issue.number }}\n      - run: make test\n'),
      errors: [{ text: 'gh pr checkout ${{ github.event.issue.number }}', severity: 'high' }],
    },
    {
      name: 'caches written from the untrusted tree',
      code: wf('pull_request_target', headCheckout + '      - uses: actions/setup-node@v4\n        with:\n          cache: npm\n'),
      errors: [{ message: /saves a cache/, severity: 'high' }],
    },
    {
      name: 'only labelling: milder',
      code: wf('pull_request_target', headCheckout + '      - uses: actions/labeler@v5\n'),
      errors: [{ text: '${{ github.event.pull_request.head.sha }}', severity: 'medium', message: /Nothing here appears to run it/ }],
    },
    {
      name: 'gated by the commenter association: medium',
      code: wf('issue_comment', '      - uses: actions/checkout@v4\n        with:\n          ref: refs/pull/${{ github.event.issue.number }}/head\n      - run: cargo test\n', "contains(fromJSON('[\"OWNER\",\"MEMBER\"]'), github.event.comment.author_association)"),
      errors: [{ severity: 'medium', message: /gated/ }],
    },
  ],
});
