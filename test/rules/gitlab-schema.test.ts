import rule from '../../server/src/engine/rules/gitlab/gitlab-schema.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const includes = { workspace: { readFile: (p: string) => ({ 'ci/t.yml': '.base:\n  script: [x]\n.other:\n  script: [y]\n  retry: lots\n' })[p] } };

ruleTester(rule as Rule, {
  valid: [
    'build:\n  script: make\n',
    { name: 'YAML 1.1 booleans', code: 'test:\n  script: make\n  allow_failure: yes\n  interruptible: on\n' },
    { name: '!reference resolved in the file', code: '.setup:\n  script: [echo a]\n  rules:\n    - if: $CI_COMMIT_TAG\ntest:\n  script:\n    - !reference [.setup, script]\n    - make\n  rules:\n    - !reference [.setup, rules]\n    - when: never\n' },
    { name: '!reference to another file is a wildcard', code: 'include:\n  - project: a/b\n    ref: v1\n    file: t.yml\ntest:\n  script: make\n  variables:\n    X: !reference [.vars, variables, X]\n  rules: !reference [.rules, rules]\n' },
    { name: 'spec header document and inputs', code: 'spec:\n  inputs:\n    stage:\n      default: test\n    n:\n      type: number\n---\njob:\n  stage: $[[ inputs.stage ]]\n  parallel: $[[ inputs.n ]]\n  script: make\n' },
    { name: 'null unsets a keyword', code: 'test:\n  script: make\n  parallel: null\n  dependencies: null\n  variables:\n    X: null\n' },
    { name: 'nested lists from anchors are flattened', code: '.needs: &n\n  - a\na:\n  script: x\nb:\n  script: y\n  needs:\n    - *n\n' },
    { name: 'required keys may come from extends', code: '.t:\n  trigger:\n    project: a/b\nqa:\n  extends: .t\n  trigger:\n    strategy: depend\n' },
    { name: 'component with a variable host', code: 'include:\n  - component: $CI_SERVER_FQDN/org/comp/build@1.0.0\n' },
    { name: 'include local with a variable', code: 'include:\n  local: "${CI_INCLUDE_LOCAL}"\n' },
    { name: 'required script from templates in an included file (two templates, one file)', code: 'include:\n  - local: ci/t.yml\na:\n  extends: .base\nb:\n  extends: [.other, .base]\n  stage: test\n', settings: includes },
    { name: 'id_tokens, secrets, hooks', code: 'job:\n  script: x\n  id_tokens:\n    VAULT_ID_TOKEN:\n      aud: https://vault.example.com\n  secrets:\n    DB:\n      vault: db/prod/password@ops\n      token: $VAULT_ID_TOKEN\n  hooks:\n    pre_get_sources_script: echo hi\n' },
  ],
  invalid: [
    { name: 'misspelled keyword', code: 'test:\n  script: make\n  scirpt: x\n', errors: [{ text: 'scirpt', message: /unknown keyword 'scirpt'/ }] },
    { name: 'bad when', code: 'test:\n  script: make\n  when: manual2\n', errors: [{ text: 'manual2', message: /must be one of/ }] },
    { name: 'stages not a list', code: 'stages: test\n', errors: [{ text: 'test', message: /must be array/ }] },
    { name: 'one error for a wrong type with several allowed forms', code: 'test:\n  script: make\n  artifacts:\n    reports:\n      junit: 3\n', errors: [{ text: '3', message: /must be string or array/ }] },
    { name: 'include with a wrong key reports the key', code: 'include:\n  - project: a/b\n    fil: x.yml\n', errors: [{ text: 'fil', message: /unknown keyword 'fil' \(did you mean 'file'\?\)/ }] },
    { name: 'mistake in a template reported once where written', code: '.t:\n  retry: lots\na:\n  extends: .t\n  script: x\nb:\n  extends: .t\n  script: y\n', errors: [{ text: 'lots' }] },
    { name: 'misspelled include form: one finding with a hint', code: 'include:\n  - componen: gitlab.com/g/c/x@1.0.0\n', errors: [{ text: 'componen', message: /did you mean 'component'/ }] },
    { name: 'wrong value in rules', code: 'a:\n  script: x\n  rules:\n    - if: $X\n      when: manaul\n', errors: [{ text: 'manaul', message: /must be one of/ }] },
    { name: "a job's own mistake is reported, its included template's is not (reported in that file)", code: 'include:\n  - local: ci/t.yml\na:\n  extends: .base\n  retry: lots\nb:\n  extends: .other\n', settings: includes, errors: [{ text: 'lots', message: /'a\.retry' must be integer or object/ }] },
    { name: 'y is a string, not a boolean', code: 'test:\n  script: make\n  allow_failure: y\n', errors: [{ text: 'y' }] },
  ],
});
