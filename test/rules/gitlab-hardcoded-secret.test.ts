import rule from '../../server/src/engine/rules/gitlab/gitlab-hardcoded-secret.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'variables:\n  API_TOKEN: $VAULT_TOKEN\n  DB_PASSWORD: ""\n  TOKEN_FILE: /run/secrets/token\n  SECRET_NAME: my-secret\ntest:\n  script: curl -H "PRIVATE-TOKEN: $API_TOKEN" https://gitlab.example.com\n',
    { name: 'URL with a variable password', code: 'test:\n  script: git clone https://user:${TOKEN}@gitlab.example.com/g/p.git\n' },
    { name: 'placeholders', code: 'variables:\n  ADMIN_PASSWORD: changeme\ntest:\n  script: psql postgres://postgres:password@db/test\n' },
  ],
  invalid: [
    { name: 'GitLab token in variables', code: 'variables:\n  GL_TOKEN: glpat-xK9s8dfj3kLmN0pQ2rSt\ntest:\n  script: x\n', errors: [{ text: 'glpat-xK9s8dfj3kLmN0pQ2rSt', severity: 'high' }] },
    { name: 'AWS key in a script', code: 'test:\n  script:\n    - export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n', errors: ['AKIAIOSFODNN7EXAMPLE'] },
    { name: 'password in a URL', code: 'test:\n  script: git push https://deploy:s3cr3tPa55@gitlab.example.com/g/p.git\n', errors: [{ text: 's3cr3tPa55', severity: 'medium' }] },
    { name: 'private key block', code: 'variables:\n  SSH_KEY: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    b3BlbnNzaC1rZXktdjEAAAAA\n    -----END OPENSSH PRIVATE KEY-----\n', errors: ['-----BEGIN OPENSSH PRIVATE KEY-----'] },
    { name: 'secret-named literal (pedantic, low confidence)', code: 'test:\n  variables:\n    SONAR_TOKEN: 9f8a7b6c5d4e3f2a1b0c\n  script: x\n', errors: [{ text: '9f8a7b6c5d4e3f2a1b0c', severity: 'medium' }] },
  ],
});
