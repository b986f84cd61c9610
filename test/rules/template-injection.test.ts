import rule from '../../server/src/engine/rules/github/template-injection.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (on: string, steps: string, job = '') => `on: ${on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n${job}    steps:\n${steps}`;

ruleTester(rule as Rule, {
  valid: [
    // Values that cannot carry code: numbers, SHAs, results, outcomes, ids, logins.
    wf('pull_request_target', '      - run: |\n          echo ${{ github.event.pull_request.number }} ${{ github.event.pull_request.head.sha }}\n          echo ${{ github.sha }} ${{ github.run_id }} ${{ github.actor }} ${{ github.triggering_actor }}\n          echo ${{ github.event.pull_request.user.login }} ${{ github.event.issue.id }}\n'),
    wf('push', '      - id: s\n        run: echo\n      - run: echo ${{ steps.s.outcome }} ${{ needs.b.result }} ${{ job.status }} ${{ runner.os }}\n'),
    // Only a boolean reaches the script.
    wf('issues', "      - run: echo ${{ contains(github.event.issue.title, 'bug') }} ${{ startsWith(github.head_ref, 'x') }}\n"),
    // The safe pattern: through env, referenced as a variable.
    wf('issues', '      - run: echo "$TITLE"\n        env:\n          TITLE: ${{ github.event.issue.title }}\n'),
    // Static env, static matrix, typed inputs.
    wf('push', '      - run: echo ${{ env.GREETING }} ${{ matrix.os }}\n        env:\n          GREETING: hello\n', '    strategy:\n      matrix:\n        os: [ubuntu, macos]\n'),
    { name: 'typed dispatch inputs', code: 'on:\n  workflow_dispatch:\n    inputs:\n      dry:\n        type: boolean\n      level:\n        type: choice\n        options: [a, b]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.dry }} ${{ inputs.level }} ${{ github.event.inputs.dry }}\n' },
    // Not a code sink.
    wf('issues', '      - uses: peter-evans/create-or-update-comment@v4\n        with:\n          body: ${{ github.event.issue.title }}\n'),
    { name: 'writer-controlled values are below the regular persona', code: wf('push', '      - run: echo ${{ github.ref_name }}\n'), settings: { persona: 'regular' } },
    { name: "a bot's own pull requests: the branch name is the bot's", code: wf('pull_request', '      - run: git push origin "HEAD:${{ github.event.pull_request.head.ref }}"\n', "    if: github.event.pull_request.user.login == 'dependabot[bot]'\n"), settings: { persona: 'regular' } },
    { name: 'bot guard inherited through needs', code: "on: pull_request\njobs:\n  meta:\n    if: github.event.pull_request.user.login == 'dependabot[bot]'\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n  push:\n    needs: meta\n    runs-on: ubuntu-latest\n    steps:\n      - run: git push origin \"HEAD:${{ github.head_ref }}\"\n", settings: { persona: 'regular' } },
    { name: 'secrets and vars', code: wf('push', '      - run: echo ${{ secrets.TOKEN }} ${{ vars.NAME }}\n') },
    // zizmor's most reported false positives: && || ternaries over fixed values, base/head SHAs.
    wf('pull_request_target', "      - run: echo ${{ github.event_name == 'push' && 'a' || 'b' }} ${{ github.event.pull_request.head.repo.fork && 'fork' || 'same' }} ${{ github.event.pull_request.base.sha }}\n"),
  ],
  invalid: [
    {
      name: 'double-quoted bash: safe fix',
      code: wf('issues', '      - name: greet\n        run: |\n          echo "Title: ${{ github.event.issue.title }}"\n'),
      errors: [{ text: '${{ github.event.issue.title }}', severity: 'high', message: /github\.event\.issue\.title/ }],
      output: wf('issues', '      - name: greet\n        run: |\n          echo "Title: $ISSUE_TITLE"\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n'),
    },
    {
      name: 'single quotes: the literal is closed around the variable',
      code: wf('pull_request_target', "      - run: echo 'pr ${{ github.event.pull_request.title }}' '${{ github.head_ref }}'\n        env:\n          KEEP: 1\n"),
      errors: ['${{ github.event.pull_request.title }}', '${{ github.head_ref }}'],
      output: wf('pull_request_target', "      - run: echo 'pr '\"$PR_TITLE\"'' \"$HEAD_REF\"\n        env:\n          KEEP: 1\n          PR_TITLE: ${{ github.event.pull_request.title }}\n          HEAD_REF: ${{ github.head_ref }}\n"),
    },
    {
      name: 'unquoted: only an unsafe fix (word splitting changes)',
      code: wf('issue_comment', '      - run: echo ${{ github.event.comment.body }}\n'),
      errors: ['${{ github.event.comment.body }}'],
      output: null,
      outputAll: wf('issue_comment', '      - run: echo "$COMMENT_BODY"\n        env:\n          COMMENT_BODY: ${{ github.event.comment.body }}\n'),
    },
    {
      name: 'assignment right-hand side is safe to quote',
      code: wf('pull_request', '      - run: |\n          BRANCH=${{ github.head_ref }}\n          git push origin "$BRANCH"\n'),
      errors: ['${{ github.head_ref }}'],
      output: wf('pull_request', '      - run: |\n          BRANCH="$HEAD_REF"\n          git push origin "$BRANCH"\n        env:\n          HEAD_REF: ${{ github.head_ref }}\n'),
    },
    {
      name: 'a name the script already uses is not taken',
      code: wf('issues', '      - run: |\n          ISSUE_TITLE=draft\n          echo "$ISSUE_TITLE: ${{ github.event.issue.title }}"\n'),
      errors: ['${{ github.event.issue.title }}'],
      output: wf('issues', '      - run: |\n          ISSUE_TITLE=draft\n          echo "$ISSUE_TITLE: $ISSUE_TITLE_2"\n        env:\n          ISSUE_TITLE_2: ${{ github.event.issue.title }}\n'),
    },
    {
      name: 'env indirection that is expanded by the template engine again',
      code: wf('issues', '      - run: echo "${{ env.TITLE }}"\n        env:\n          TITLE: ${{ github.event.issue.title }}\n'),
      errors: [{ text: '${{ env.TITLE }}', message: /traced through env 'TITLE'/ }],
      output: wf('issues', '      - run: echo "$TITLE"\n        env:\n          TITLE: ${{ github.event.issue.title }}\n'),
    },
    {
      name: 'an existing variable holding the expression is reused',
      code: 'on: pull_request_target\nenv:\n  PR_BODY: ${{ github.event.pull_request.body }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.body }}"\n',
      errors: ['${{ github.event.pull_request.body }}'],
      output: 'on: pull_request_target\nenv:\n  PR_BODY: ${{ github.event.pull_request.body }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$PR_BODY"\n',
    },
    {
      name: 'actions/github-script: string literal becomes process.env',
      code: wf('issues', '      - uses: actions/github-script@v7\n        with:\n          script: |\n            const title = "${{ github.event.issue.title }}";\n            core.info(`body ${{ github.event.issue.body }}`);\n'),
      errors: ['${{ github.event.issue.title }}', '${{ github.event.issue.body }}'],
      output: wf('issues', '      - uses: actions/github-script@v7\n        with:\n          script: |\n            const title = process.env.ISSUE_TITLE;\n            core.info(`body ${process.env.ISSUE_BODY}`);\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n          ISSUE_BODY: ${{ github.event.issue.body }}\n'),
    },
    {
      name: 'pwsh on Windows runners',
      code: 'on: discussion\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - run: Write-Host "${{ github.event.discussion.title }}"\n',
      errors: ['${{ github.event.discussion.title }}'],
      output: 'on: discussion\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - run: Write-Host "$env:DISCUSSION_TITLE"\n        env:\n          DISCUSSION_TITLE: ${{ github.event.discussion.title }}\n',
    },
    {
      name: 'step outputs traced to what the step wrote',
      code: wf('pull_request_target', '      - id: meta\n        run: echo "branch=${{ github.event.pull_request.head.ref }}" >> "$GITHUB_OUTPUT"\n      - run: git checkout "${{ steps.meta.outputs.branch }}"\n'),
      errors: ['${{ github.event.pull_request.head.ref }}', { text: '${{ steps.meta.outputs.branch }}', message: /traced through step 'meta'/ }],
    },
    {
      name: 'matrix built from untrusted values',
      code: wf('issues', '      - run: echo "${{ matrix.t }}"\n', '    strategy:\n      matrix:\n        t: ["${{ github.event.issue.title }}"]\n'),
      errors: [{ text: '${{ matrix.t }}', severity: 'high' }],
    },
    {
      name: 'known script-like action input (no fix)',
      code: wf('issue_comment', '      - uses: appleboy/ssh-action@v1\n        with:\n          script: deploy ${{ github.event.comment.body }}\n'),
      errors: ['${{ github.event.comment.body }}'],
      output: null,
    },
    {
      name: 'composite action inputs are graded as caller-controlled',
      path: 'action.yml',
      code: 'name: x\ndescription: y\ninputs:\n  msg:\n    description: m\nruns:\n  using: composite\n  steps:\n    - run: echo "${{ inputs.msg }}"\n      shell: bash\n',
      errors: [{ text: '${{ inputs.msg }}', severity: 'medium' }],
      output: 'name: x\ndescription: y\ninputs:\n  msg:\n    description: m\nruns:\n  using: composite\n  steps:\n    - run: echo "$INPUTS_MSG"\n      shell: bash\n      env:\n        INPUTS_MSG: ${{ inputs.msg }}\n',
    },
    {
      name: 'quoted heredoc: reported, no fix (variables do not expand there)',
      code: wf('issues', "      - run: |\n          cat <<'EOF'\n          ${{ github.event.issue.body }}\n          EOF\n"),
      errors: ['${{ github.event.issue.body }}'],
      output: null,
    },
    {
      name: 'writer-controlled ref name at pedantic level',
      code: wf('push', '      - run: echo ${{ github.ref_name }}\n'),
      settings: { persona: 'pedantic' },
      errors: [{ text: '${{ github.ref_name }}', severity: 'low' }],
    },
  ],
});
