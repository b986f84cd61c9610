import rule from '../../server/src/engine/rules/gitlab/gitlab-script-injection.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const job = (script: string) => `test:\n  script:\n${script}`;
const component = (inputs: string, script: string) => `spec:\n  inputs:\n${inputs}---\nbuild:\n  script:\n${script}`;

ruleTester(rule as Rule, {
  valid: [
    { name: 'plain expansion is not re-parsed', code: job('    - echo "$CI_MERGE_REQUEST_TITLE"\n    - git checkout "$CI_COMMIT_BRANCH"\n') },
    { name: 'single-quoted sh -c expands as data', code: job(`    - sh -c 'echo "$CI_COMMIT_MESSAGE"'\n`) },
    { name: 'single-quoted eval', code: job(`    - eval 'echo "$CI_COMMIT_TITLE"'\n`) },
    { name: 'ref names are one word unquoted', code: job('    - git push origin $CI_COMMIT_REF_NAME\n    - rm -rf _deploy/$CI_COMMIT_BRANCH/api\n') },
    { name: '[[ ]] and assignments do not split', code: job('    - if [[ $CI_COMMIT_TITLE =~ ^WIP ]]; then exit 0; fi\n    - TITLE=$CI_COMMIT_TITLE\n') },
    { name: 'safe predefined variables', code: job('    - eval "deploy $CI_COMMIT_SHA $CI_COMMIT_REF_SLUG"\n') },
    { name: 'constrained inputs', code: component('    env:\n      options: [dev, prod]\n    n:\n      type: number\n    tag:\n      regex: ^v\\d+$\n', '    - deploy $[[ inputs.env ]] $[[ inputs.n ]] $[[ inputs.tag | expand_vars ]]\n') },
    { name: 'escaped $$', code: job('    - eval "echo $$CI_COMMIT_MESSAGE"\n') },
  ],
  invalid: [
    { name: 'eval', code: job('    - eval "echo $CI_MERGE_REQUEST_TITLE"\n'), errors: [{ text: '$CI_MERGE_REQUEST_TITLE', message: /eval parses it again/, severity: 'high' }] },
    { name: 'bash -c in double quotes', code: job('    - bash -c "git log --grep=${CI_COMMIT_BRANCH}"\n'), errors: [{ text: '${CI_COMMIT_BRANCH}', severity: 'high' }] },
    { name: 'ssh remote command', code: job('    - ssh -p 22 deploy@host "cd /srv && ./deploy.sh $CI_COMMIT_REF_NAME"\n'), errors: [{ text: '$CI_COMMIT_REF_NAME', message: /ssh/ }] },
    { name: 'echo piped into sh', code: job('    - echo "$CI_COMMIT_MESSAGE" | sh\n'), errors: ['$CI_COMMIT_MESSAGE'] },
    { name: 'through a job variable', code: 'test:\n  variables:\n    MSG: "$CI_COMMIT_MESSAGE"\n  script:\n    - eval "notify $MSG"\n', errors: [{ text: '$MSG', message: /set from CI_COMMIT_MESSAGE/ }] },
    { name: 'in a block scalar, exact span', code: 'test:\n  script:\n    - |\n      if true; then\n        eval "x=$CI_MERGE_REQUEST_DESCRIPTION"\n      fi\n', errors: ['$CI_MERGE_REQUEST_DESCRIPTION'] },
    { name: 'unquoted free text: low, with a safe quoting fix', code: job('    - notify --title $CI_COMMIT_TITLE\n'), errors: [{ text: '$CI_COMMIT_TITLE', severity: 'low' }], output: job('    - notify --title "$CI_COMMIT_TITLE"\n') },
    { name: 'quoting fix inside a double-quoted YAML scalar', code: job('    - "notify $CI_COMMIT_TITLE"\n'), errors: ['$CI_COMMIT_TITLE'], output: job('    - "notify \\"$CI_COMMIT_TITLE\\""\n') },
    { name: 'unconstrained input with expand_vars', code: component('    title:\n      default: x\n', '    - echo "$[[ inputs.title | expand_vars ]]"\n'), errors: [{ text: '$[[ inputs.title | expand_vars ]]', severity: 'high' }] },
    { name: 'unconstrained input pasted as text (pedantic)', code: component('    target:\n      default: x\n', '    - make $[[ inputs.target ]]\n'), errors: [{ text: '$[[ inputs.target ]]', severity: 'low' }] },
    { name: 'attacker-chosen image', code: 'test:\n  image: registry.example.com/app:$CI_COMMIT_BRANCH\n  script: x\n', errors: [{ text: '$CI_COMMIT_BRANCH', severity: 'medium' }] },
  ],
});
