import rule from '../../server/src/engine/rules/github/hardcoded-credentials.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const job = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n${body}`;
const GHP = 'ghp_' + 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
ruleTester(rule as Rule, {
  valid: [
    job('    container:\n      image: x\n      credentials:\n        username: u\n        password: ${{ secrets.P }}\n'),
    job('    services:\n      db:\n        image: postgres\n        env:\n          POSTGRES_PASSWORD: postgres\n'),
    job('    steps:\n      - run: echo "$TOKEN"\n        env:\n          TOKEN: ${{ secrets.TOKEN }}\n          API_KEY_FILE: /run/secrets/key\n          PASSWORD: changeme\n'),
    job('    steps:\n      - run: echo ghp_short\n'),
    { name: 'placeholders in docs-like values', code: job('    steps:\n      - uses: a/b@v1\n        with:\n          token: <your-token>\n          api-key: ${API_KEY}\n') },
  ],
  invalid: [
    { code: job('    container:\n      image: x\n      credentials:\n        username: u\n        password: s3cr3t\n'), errors: [{ text: 's3cr3t', severity: 'high', message: /container of job 'a'/ }] },
    { code: job('    services:\n      redis:\n        image: r\n        credentials:\n          username: u\n          password: "p4ss"\n'), errors: [{ text: '"p4ss"', message: /service 'redis'/ }] },
    { code: job(`    steps:\n      - run: |\n          curl -H "Authorization: token ${GHP}" https://api.github.com\n`), errors: [{ text: GHP, message: /GitHub token/ }] },
    { code: job('    steps:\n      - run: aws s3 ls\n        env:\n          AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n'), errors: [{ text: 'AKIAIOSFODNN7EXAMPLE', message: /AWS access key/ }] },
    { name: 'credential-named key with a high-entropy literal (pedantic)', code: job('    steps:\n      - uses: a/b@v1\n        with:\n          api-key: Zx81kQ0pLm2vR7tY\n'), errors: [{ text: 'Zx81kQ0pLm2vR7tY', severity: 'medium' }] },
  ],
});
