import rule from '../../server/src/engine/rules/gitlab/gitlab-remote-include-integrity.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: ['include:\n  - remote: https://example.com/ci.yml\n    integrity: sha256-L3/GAoKaw0Arw6hDCKeKQlV1QPEgHYxGBHsH4zG1IY8=\n', 'include:\n  - local: a.yml\n'],
  invalid: [
    { code: 'include:\n  - remote: https://example.com/ci.yml\n', errors: [{ text: 'https://example.com/ci.yml', severity: 'medium' }] },
    { name: 'string form', code: 'include: "https://example.com/ci.yml"\n', errors: ['"https://example.com/ci.yml"'] },
    { name: 'plain http', code: 'include:\n  - remote: http://example.com/ci.yml\n    integrity: sha256-x\n', errors: [{ severity: 'high' }] },
    { name: 'commit in the URL: low', code: 'include:\n  - remote: https://gitlab.example.com/g/p/-/raw/a4eb2bbf65c482f024cae7ee178b8fe0cfef0537/t.yml\n', errors: [{ severity: 'low' }] },
  ],
});
