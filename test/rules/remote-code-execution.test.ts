import rule from '../../server/src/engine/rules/github/remote-code-execution.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (steps: string, runsOn = 'ubuntu-latest') => `on: push\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps:\n${steps}`;

ruleTester(rule as Rule, {
  valid: [
    // Downloaded to a file (and verified) before running.
    wf('      - run: |\n          curl -fsSL https://get.example.com/install.sh -o install.sh\n          echo "abc  install.sh" | sha256sum -c -\n          sh install.sh\n'),
    // Output captured as data, parsed by jq, or a program given with -c.
    wf('      - run: |\n          V=$(curl -s https://api.github.com/repos/o/r/releases/latest | jq -r .tag_name)\n          curl -s https://example.com/x.json | python3 -c "import json,sys; print(json.load(sys.stdin))"\n'),
    // Folded lines: two source lines become one command with no pipe.
    wf('      - run: >\n          curl -fsSL https://get.example.com -o get.sh\n          sh get.sh\n'),
    // Inside quotes or a comment it is only text.
    wf('      - run: |\n          # curl https://get.example.com | sh\n          echo "curl https://get.example.com | sh"\n'),
    // curl -o file | sh does not pipe the download.
    wf('      - run: curl -o out.sh https://get.example.com | sh -c "echo done"\n'),
    { name: 'pinned to a commit: below regular', code: wf('      - run: curl -fsSL https://raw.githubusercontent.com/o/r/0123456789abcdef0123456789abcdef01234567/install.sh | bash\n'), settings: { persona: 'regular' } },
  ],
  invalid: [
    { code: wf('      - run: curl -fsSL https://get.example.com | sh\n'), errors: [{ text: 'curl -fsSL https://get.example.com | sh', severity: 'medium' }] },
    { name: 'wget to stdout, sudo bash -s', code: wf('      - run: wget -qO- https://get.example.com/i.sh | sudo bash -s -- --yes\n'), errors: [{ text: 'wget -qO- https://get.example.com/i.sh | sudo bash -s -- --yes', message: /piped into bash/ }] },
    { name: 'over a line continuation', code: wf('      - run: |\n          curl -fsSL https://get.example.com \\\n            | sh\n'), errors: [{ text: 'curl -fsSL https://get.example.com \\' }] },
    { name: 'plain http is high', code: wf('      - run: curl http://get.example.com | sh\n'), errors: [{ severity: 'high', message: /plain HTTP/ }] },
    { name: 'process substitution', code: wf('      - run: bash <(curl -s https://get.example.com/x.bash)\n'), errors: [{ text: 'bash <(curl -s https://get.example.com/x.bash)', message: /run by bash/ }] },
    { name: 'command substitution with -c, and eval', code: wf('      - run: |\n          sh -c "$(curl -fsSL https://get.example.com)"\n          eval "$(wget -qO- https://get.example.com/env)"\n'), errors: [{ message: /sh -c/ }, { message: /evaluated/ }] },
    { name: 'PowerShell', code: wf('      - run: iwr https://get.example.com/install.ps1 -useb | iex\n', 'windows-latest'), errors: [{ text: 'iwr https://get.example.com/install.ps1 -useb | iex', message: /Invoke-Expression/ }] },
    { name: 'pinned to a commit at pedantic level', code: wf('      - run: curl -fsSL https://raw.githubusercontent.com/o/r/0123456789abcdef0123456789abcdef01234567/install.sh | bash\n'), settings: { persona: 'pedantic' }, errors: [{ severity: 'low' }] },
  ],
});
