import rule from '../../server/src/engine/rules/github/unsound-contains.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (cond: string, on = 'pull_request_target') => `on: ${on}\njobs:\n  a:\n    if: ${cond}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;

ruleTester(rule as Rule, {
  valid: [
    wf(`contains(fromJSON('["alice", "bob"]'), github.actor)`),
    wf(`contains(github.event.pull_request.labels.*.name, 'safe to test')`),
    wf(`contains(github.event.comment.body, '/deploy')`),
    { name: 'fixed value at regular level', code: wf(`contains('push schedule', github.event_name)`), settings: { persona: 'regular' } },
  ],
  invalid: [
    {
      name: 'actor allow-list as a string',
      code: wf(`contains('alice bob', github.actor)`),
      errors: [{ text: `contains('alice bob', github.actor)`, severity: 'high', message: /substring/ }],
      output: null,
      outputAll: wf(`contains(fromJSON('["alice","bob"]'), github.actor)`),
    },
    {
      name: 'branch list in a ${{ }} step condition',
      code: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy\n        if: ${{ contains('refs/heads/main,refs/heads/release', github.ref) }}\n",
      errors: [{ text: "contains('refs/heads/main,refs/heads/release', github.ref)", severity: 'high' }],
    },
    {
      name: 'event name: informational',
      code: wf(`contains('push schedule', github.event_name)`),
      errors: [{ severity: 'info' }],
    },
  ],
});
