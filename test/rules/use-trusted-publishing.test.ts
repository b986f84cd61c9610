import rule from '../../server/src/engine/rules/github/use-trusted-publishing.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const step = (s: string) => `on: release\njobs:\n  p:\n    runs-on: x\n    steps:\n${s}`;
ruleTester(rule as Rule, {
  valid: [
    step('      - uses: pypa/gh-action-pypi-publish@release/v1\n'),
    step('      - run: npm publish\n'),
    step('      - run: npm publish --registry=https://npm.pkg.github.com\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n'),
    step('      - run: echo npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM }}\n'),
    { name: 'GitHub Packages set up by setup-node', code: step("      - uses: actions/setup-node@v4\n        with:\n          registry-url: 'https://npm.pkg.github.com'\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.GPR }}\n") },
    step('      - run: cargo build --release\n        env:\n          CARGO_REGISTRY_TOKEN: ${{ secrets.C }}\n'),
  ],
  invalid: [
    { code: step('      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          password: ${{ secrets.PYPI }}\n'), errors: ['${{ secrets.PYPI }}'] },
    { code: step('      - run: |\n          npm ci\n          npm publish --access public\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'), errors: [{ text: 'npm publish --access public', message: /npm supports trusted publishing.*NODE_AUTH_TOKEN/ }] },
    { code: step('      - run: cargo publish --token $CRATES\n'), errors: [{ message: /crates\.io/ }] },
    { code: step('      - run: twine upload dist/*\n    env:\n      TWINE_PASSWORD: ${{ secrets.PYPI }}\n').replace('    steps:', '    env:\n      TWINE_PASSWORD: ${{ secrets.PYPI }}\n    steps:').replace('    env:\n      TWINE_PASSWORD: ${{ secrets.PYPI }}\n', ''), errors: [{ message: /PyPI.*TWINE_PASSWORD/ }] },
  ],
});
