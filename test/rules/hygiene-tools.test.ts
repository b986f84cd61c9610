import adhoc from '../../server/src/engine/rules/github/adhoc-packages.js';
import superfluous from '../../server/src/engine/rules/github/superfluous-actions.js';
import tools from '../../server/src/engine/rules/github/unpinned-tools.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const steps = (s: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${s}`;
const run = (script: string) => steps(`      - run: |\n${script.split('\n').map((l) => '          ' + l).join('\n')}\n`);

ruleTester(adhoc as Rule, {
  valid: [run('npm ci\nnpm install'), run('pip install -r requirements.txt\npip install .\npip install -e .'), run('npm install ./local ../pkg\nnpx prettier@3.3.3 --check .'), run('cargo install --locked cargo-deny'), run('echo npm install foo'), run('go install ./cmd/tool'), run('npm install deno@${{ steps.v.outputs.version }}')],
  invalid: [
    { code: run('npm install -g semantic-release'), errors: [{ text: 'npm install -g semantic-release', message: /semantic-release adds a package outside/ }] },
    { code: run('pip install requests\nnpx cowsay hi'), errors: [{ message: /pip install requests/ }, { message: /npx cowsay/ }] },
    { code: run('cargo install cargo-fuzz\ngo install honnef.co/go/tools/cmd/staticcheck@latest'), errors: [{ message: /--locked/ }, { message: /@latest/ }] },
  ],
});

ruleTester(superfluous as Rule, {
  valid: [steps('      - uses: actions/checkout@v4\n')],
  invalid: [{ code: steps('      - uses: softprops/action-gh-release@v2\n'), errors: [{ message: /gh release create/ }] }],
});

ruleTester(tools as Rule, {
  valid: [steps('      - uses: hashicorp/setup-terraform@v3\n        with:\n          terraform_version: 1.9.8\n'), steps('      - uses: azure/setup-helm@v4\n        with:\n          version: ${{ env.HELM }}\n')],
  invalid: [
    { code: steps('      - uses: aquasecurity/setup-trivy@v0.2.2\n'), errors: [{ message: /No 'version' input/ }] },
    { code: steps('      - uses: goreleaser/goreleaser-action@v6\n        with:\n          version: "~> v2"\n'), errors: ['"~> v2"'] },
    { code: steps('      - uses: azure/setup-kubectl@v4\n        with:\n          version: latest\n'), errors: ['latest'] },
  ],
});
