import rule from '../../server/src/engine/rules/github/bot-conditions.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (on: string, cond: string) => `on: ${on}\njobs:\n  a:\n    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr merge --auto "$PR"\n`;

ruleTester(rule as Rule, {
  valid: [
    wf('pull_request_target', "github.event.pull_request.user.login == 'dependabot[bot]'"),
    wf('push', "github.actor == 'dependabot[bot]'"),
    wf('pull_request', "github.actor != 'dependabot[bot]'"),
    wf('pull_request_target', "github.actor == 'dependabot[bot]' && github.event.pull_request.user.login == 'dependabot[bot]'"),
    wf('pull_request', "github.actor == 'octocat'"),
  ],
  invalid: [
    {
      name: 'pull_request_target: high, safe fix to the PR author',
      code: wf('pull_request_target', "github.actor == 'dependabot[bot]'"),
      errors: [{ text: "github.actor == 'dependabot[bot]'", severity: 'high' }],
      output: wf('pull_request_target', "github.event.pull_request.user.login == 'dependabot[bot]'"),
    },
    {
      name: 'pull_request: medium; reversed operands and ${{ }}',
      code: wf('pull_request', "${{ 'renovate[bot]' == github.triggering_actor }}"),
      errors: [{ text: "'renovate[bot]' == github.triggering_actor", severity: 'medium' }],
      output: wf('pull_request', "${{ 'renovate[bot]' == github.event.pull_request.user.login }}"),
    },
    {
      name: 'issue_comment: the issue author',
      code: wf('issue_comment', "github.event.sender.login == 'dependabot[bot]'"),
      errors: [{ severity: 'high' }],
      output: wf('issue_comment', "github.event.issue.user.login == 'dependabot[bot]'"),
    },
    {
      name: 'workflow_run: no fix, multi-line condition',
      code: "on: workflow_run\njobs:\n  a:\n    if: |\n      github.event.workflow_run.conclusion == 'success' &&\n      github.actor == 'dependabot[bot]'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
      errors: [{ text: "github.actor == 'dependabot[bot]'" }],
      output: null,
    },
  ],
});
