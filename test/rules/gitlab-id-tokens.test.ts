import rule from '../../server/src/engine/rules/gitlab/gitlab-id-tokens.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'deploy:\n  id_tokens:\n    AWS_TOKEN:\n      aud: https://sts.amazonaws.com\n  script:\n    - aws sts assume-role-with-web-identity --web-identity-token "$AWS_TOKEN" --role-arn x --role-session-name y\n',
    { name: 'used by secrets: with token:', code: 'deploy:\n  id_tokens:\n    VAULT_JWT:\n      aud: https://vault.example.com\n  secrets:\n    DB:\n      vault: db/pass@ops\n      token: $VAULT_JWT\n  script: ./deploy\n' },
    { name: 'used through extends', code: '.vault:\n  script:\n    - vault write auth/jwt/login jwt=$VAULT_JWT\ndeploy:\n  extends: .vault\n  id_tokens:\n    VAULT_JWT:\n      aud: https://vault.example.com\n' },
    { name: 'scripts not fully known (!reference to an include)', code: 'include:\n  - project: g/t\n    ref: v1.0.0\n    file: t.yml\ndeploy:\n  id_tokens:\n    T:\n      aud: x\n  script:\n    - !reference [.login, script]\n' },
  ],
  invalid: [
    { name: 'removed CI_JOB_JWT_V2', code: 'deploy:\n  script:\n    - vault write auth/jwt/login jwt=$CI_JOB_JWT_V2\n', errors: [{ text: '$CI_JOB_JWT_V2', severity: 'high' }] },
    { name: 'unused token, unsafe removal fix', code: 'build:\n  id_tokens:\n    AWS_TOKEN:\n      aud: https://sts.amazonaws.com\n  script:\n    - make\n', errors: [{ text: 'AWS_TOKEN', message: /never used/ }], output: null, outputAll: 'build:\n  script:\n    - make\n' },
    { name: 'wildcard and several audiences', code: 'a:\n  id_tokens:\n    T1:\n      aud: "https://*.example.com"\n    T2:\n      aud: [https://a.example.com, https://b.example.com]\n  script:\n    - use $T1 $T2\n', errors: [{ text: '"https://*.example.com"', message: /wildcard/ }, { text: '[https://a.example.com, https://b.example.com]', message: /2 audiences/ }] },
    { name: 'in default', code: 'default:\n  id_tokens:\n    T:\n      aud: https://vault.example.com\n', errors: [{ text: 'T', message: /every job/ }] },
  ],
});
