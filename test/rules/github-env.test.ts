import rule from '../../server/src/engine/rules/github/github-env.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (on: string, steps: string, runsOn = 'ubuntu-latest') => `on: ${on}\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps:\n${steps}`;
const bodyEnv = '        env:\n          BODY: ${{ github.event.issue.body }}\n';

ruleTester(rule as Rule, {
  valid: [
    wf('issues', '      - run: echo "NUMBER=${{ github.event.issue.number }}" >> "$GITHUB_ENV"\n'),
    wf('push', '      - run: echo "STATIC=1" >> $GITHUB_ENV\n'),
    // A random heredoc delimiter keeps a multi-line value to one variable.
    wf('issues', '      - run: |\n          EOF=$(openssl rand -hex 16)\n          {\n            echo "BODY<<$EOF"\n            echo "$BODY"\n            echo "$EOF"\n          } >> "$GITHUB_ENV"\n' + bodyEnv),
    // The output of a command is not its arguments.
    wf('issues', '      - run: gh issue view "$BODY" --json number --jq .number >> "$GITHUB_OUTPUT"\n' + bodyEnv),
    // Validated before it is written.
    wf('workflow_run', '      - uses: dawidd6/action-download-artifact@v6\n      - run: |\n          PR=$(cat pr.txt)\n          [[ "$PR" =~ ^[0-9]+$ ]] || exit 1\n          echo "PR=$PR" >> "$GITHUB_ENV"\n'),
    // Writing the body somewhere else.
    wf('issues', '      - run: echo "$BODY" > body.txt\n' + bodyEnv),
    { name: 'single-line title: only at the pedantic level', code: wf('issues', '      - run: echo "TITLE=$TITLE" >> $GITHUB_ENV\n        env:\n          TITLE: ${{ github.event.issue.title }}\n'), settings: { persona: 'regular' } },
  ],
  invalid: [
    {
      name: 'issue body through env into GITHUB_ENV',
      code: wf('issues', '      - run: echo "BODY=$BODY" >> "$GITHUB_ENV"\n' + bodyEnv),
      errors: [{ text: 'echo "BODY=$BODY" >> "$GITHUB_ENV"', severity: 'high', message: /newline can set any environment variable/ }],
    },
    {
      name: 'inline expression, fixed heredoc delimiter in a block',
      code: wf('issue_comment', '      - run: |\n          {\n            echo "C<<EOF"\n            echo "${{ github.event.comment.body }}"\n            echo "EOF"\n          } >> $GITHUB_ENV\n'),
      errors: [{ text: '} >> $GITHUB_ENV', severity: 'high' }],
    },
    {
      name: 'through a local variable and tee',
      code: wf('issues', '      - run: |\n          MSG="$BODY"\n          printf "%s\\n" "M=$MSG" | tee -a "$GITHUB_OUTPUT"\n' + bodyEnv),
      errors: [{ text: 'tee -a "$GITHUB_OUTPUT"', severity: 'medium' }],
    },
    {
      name: 'artifact from another run (workflow_run)',
      code: wf('workflow_run', '      - uses: actions/download-artifact@v4\n        with:\n          run-id: ${{ github.event.workflow_run.id }}\n          github-token: ${{ github.token }}\n      - run: echo "PR_NUMBER=$(cat pr/number)" >> $GITHUB_ENV\n'),
      errors: [{ message: /artifact/, severity: 'high' }],
    },
    {
      name: 'event payload read with jq',
      code: wf('pull_request_target', '      - run: jq -r .pull_request.body "$GITHUB_EVENT_PATH" >> "$GITHUB_ENV"\n'),
      errors: [{ text: 'jq -r .pull_request.body "$GITHUB_EVENT_PATH" >> "$GITHUB_ENV"', message: /event payload/ }],
    },
    {
      name: 'pwsh',
      code: wf('issues', '      - run: |\n          "BODY=$env:BODY" >> $env:GITHUB_ENV\n          Add-Content -Path $env:GITHUB_PATH -Value "$env:BODY"\n' + bodyEnv, 'windows-latest'),
      errors: [{ text: '"BODY=$env:BODY" >> $env:GITHUB_ENV', severity: 'high' }, { text: 'Add-Content -Path $env:GITHUB_PATH -Value "$env:BODY"', severity: 'high' }],
    },
    {
      name: 'single-line title at pedantic level',
      code: wf('pull_request_target', '      - run: echo "T=${{ github.event.pull_request.title }}" >> $GITHUB_ENV\n'),
      settings: { persona: 'pedantic' },
      errors: [{ severity: 'low' }],
    },
  ],
});
