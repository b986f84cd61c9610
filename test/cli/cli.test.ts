// Behaviour of `flowguard` run in-process with an in-memory IO: exit codes, flags, config discovery,
// file collection, bad input (binary, huge, unreadable, missing), standard input, --fix, colour, help.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyEdits, getRule, lint, RULES, type Finding } from '../../server/src/engine/index.js';
import { fixText } from '../../server/src/cli/fixer.js';
import { VERSION } from '../../server/src/cli/run.js';
import { workspaceView } from '../../server/src/cli/workspace.js';
import { basicWorkspace, memoryIO, runCli } from './memory-io.js';

const WF = '/ws/.github/workflows';
const unpinned = (ref = 'some-org/tool@v1') => `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${ref}\n`;
const clean = 'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
const ONLY = ['--rule', 'unpinned-uses', '--rule', 'yaml-syntax'];
const lines = (s: string) => s.split('\n').filter(Boolean);

describe('exit codes and thresholds', () => {
  it('0 when clean, 1 with findings, 0 with --exit-zero', async () => {
    assert.equal((await runCli(['audit'], memoryIO({ [`${WF}/a.yml`]: clean }))).code, 0);
    const r = await runCli(['audit', ...ONLY], memoryIO({ [`${WF}/a.yml`]: unpinned() }));
    assert.equal(r.code, 1);
    assert.match(r.out, /^\.github\/workflows\/a\.yml:7:15: medium \[unpinned-uses\] /m);
    assert.equal((await runCli(['audit', '--exit-zero', ...ONLY], memoryIO({ [`${WF}/a.yml`]: unpinned() }))).code, 0);
  });

  it('--min-severity filters what is reported and what fails the run', async () => {
    const files = { [`${WF}/a.yml`]: unpinned('some-org/tool@v1'), [`${WF}/b.yml`]: unpinned('other-org/tool') };
    const r = await runCli(['audit', '--min-severity', 'high', ...ONLY], memoryIO(files));
    assert.equal(r.code, 1);
    assert.deepEqual(lines(r.out).slice(0, -1).map((l) => l.split(':')[0]), ['.github/workflows/b.yml']);
    const none = await runCli(['audit', '--min-severity', 'high', ...ONLY], memoryIO({ [`${WF}/a.yml`]: unpinned() }));
    assert.equal(none.code, 0);
    assert.match(none.out, /No findings in 1 file checked\./);
  });

  it('--min-confidence drops findings below the level', async () => {
    const f = RULES.find((r) => r.meta.confidence !== 'high');
    const r = await runCli(['audit', '--min-confidence', 'high', '--format', 'json'], memoryIO(basicWorkspace()));
    for (const x of JSON.parse(r.out)) assert.equal(x.confidence, 'high', `${x.ruleId} has confidence ${x.confidence}${f ? '' : ''}`);
  });

  it('usage errors exit 2 with a message', async () => {
    for (const [argv, msg] of [
      [['audit', '--formta', 'json'], /unknown option '--formta' \(did you mean '--format'\?\)/],
      [['audit', '--format', 'xml'], /invalid value 'xml' for --format \(expected text, json, sarif, github\)/],
      [['audit', '--min-severity'], /option '--min-severity' needs a value/],
      [['audit', '--rule', 'unpined-uses'], /unknown rule 'unpined-uses' \(did you mean 'unpinned-uses'\?\)/],
      [['audit', '--config', 'x.yml', '--no-config'], /cannot be used together/],
      [['frobnicate'], /unknown command 'frobnicate'; the commands are audit, rules, permissions, help/],
      [['audti'], /unknown command 'audti' \(did you mean 'audit'\?\)/],
      [['audit', '-', '--fix'], /--fix cannot be used with standard input/],
    ] as const) {
      const r = await runCli([...argv], memoryIO({ [`${WF}/a.yml`]: clean }));
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, msg);
      assert.equal(r.out, '');
    }
  });

  it('a missing path is reported, the other paths are still checked, exit 2', async () => {
    const r = await runCli(['audit', 'nope', '.github', ...ONLY], memoryIO({ [`${WF}/a.yml`]: unpinned() }));
    assert.equal(r.code, 2);
    assert.match(r.err, /^flowguard: nope: no such file or directory$/m);
    assert.match(r.out, /a\.yml:7:15/);
  });
});

describe('file collection', () => {
  it('skips node_modules, .git, config ignore-paths and non-pipeline YAML; a path as first argument means audit', async () => {
    const r = await runCli(['--format', 'json', ...ONLY], memoryIO(basicWorkspace(), { dirs: ['/ws/.git'] }));
    const files = new Set(JSON.parse(r.out).map((f: { file: string }) => f.file));
    assert.deepEqual([...files].sort(), ['.github/workflows/broken.yml', '.github/workflows/build.yml', 'action.yml']);
    assert.match(r.err, /4 files checked/);
    const byPath = await runCli(['.github/workflows/build.yml', ...ONLY], memoryIO(basicWorkspace()));
    assert.equal(byPath.code, 1);
    assert.match(byPath.out, /1 file checked/);
  });

  it('an explicitly named file of unknown kind is skipped with a note; walks skip it silently', async () => {
    const r = await runCli(['audit', 'docs/notes.yml'], memoryIO(basicWorkspace()));
    assert.equal(r.code, 0);
    assert.match(r.err, /docs\/notes\.yml: skipped: not a recognised pipeline file/);
    const walk = await runCli(['audit', 'docs'], memoryIO(basicWorkspace()));
    assert.doesNotMatch(walk.err, /notes\.yml/);
    assert.match(walk.err, /no pipeline files found in docs/);
    assert.match(walk.out, /No findings in 0 files checked/);
  });

  it('an explicitly named file that the config excludes is skipped with a note', async () => {
    const r = await runCli(['audit', 'generated/.github/workflows/generated.yml'], memoryIO(basicWorkspace()));
    assert.equal(r.code, 0);
    assert.match(r.err, /generated\.yml: skipped: excluded by \.flowguard\.yml \(ignore-paths or a disabled platform\)/);
    assert.doesNotMatch(r.err, /no pipeline files found/);
  });

  it('config kinds: map other paths to a kind', async () => {
    const files = { '/ws/.flowguard.yml': 'kinds:\n  "ci/*.yml": github-workflow\n', '/ws/ci/main.yml': unpinned() };
    const r = await runCli(['audit', ...ONLY], memoryIO(files));
    assert.equal(r.code, 1);
    assert.match(r.out, /^ci\/main\.yml:7:15: /m);
  });
});

describe('bad input never crashes the run', () => {
  it('binary, huge and unreadable files get one message each; the rest is reported; exit 2', async () => {
    const files = {
      [`${WF}/good.yml`]: unpinned(),
      [`${WF}/binary.yml`]: 'on: push\n\0\0\x01\x02',
      [`${WF}/huge.yml`]: clean,
    };
    const io = memoryIO(files, { sizes: { [`${WF}/huge.yml`]: 50 * 1024 * 1024 }, unreadable: { [`${WF}/latin1.yml`]: 'not valid UTF-8 text' } });
    const r = await runCli(['audit', ...ONLY], io);
    assert.equal(r.code, 2);
    assert.match(r.err, /binary\.yml: not checked: binary file/);
    assert.match(r.err, /huge\.yml: not checked: 50\.0 MB is over the 10\.0 MB limit/);
    assert.match(r.err, /latin1\.yml: cannot read: not valid UTF-8 text/);
    assert.match(r.out, /good\.yml:7:15: medium \[unpinned-uses\]/);
    assert.match(r.out, /3 files could not be checked/);
  });

  it('broken YAML is a finding at its place, not a crash', async () => {
    const r = await runCli(['audit', '--format', 'json'], memoryIO({ [`${WF}/a.yml`]: 'on: push\njobs:\n  a: [\n' }));
    assert.equal(r.code, 1);
    assert.ok(JSON.parse(r.out).some((f: Finding) => f.ruleId === 'yaml-syntax'));
  });

  it('an invalid config is exit 2 with file:line:col; unknown rule ids warn with a suggestion', async () => {
    const bad = await runCli(['audit'], memoryIO({ '/ws/.flowguard.yml': 'persona: chatty\nrules:\n  unpinned-uses: sometimes\n', [`${WF}/a.yml`]: clean }));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /invalid configuration:\n {2}\.flowguard\.yml:1:10: .*\/persona/);
    assert.match(bad.err, /\.flowguard\.yml:3:18: /);
    const broken = await runCli(['audit'], memoryIO({ '/ws/.flowguard.yml': 'rules: [\n', [`${WF}/a.yml`]: clean }));
    assert.equal(broken.code, 2);
    assert.match(broken.err, /\.flowguard\.yml:\d+:\d+: YAML syntax/);
    const unknown = await runCli(['audit'], memoryIO({ '/ws/.flowguard.yml': 'rules:\n  unpined-uses: off\n', [`${WF}/a.yml`]: clean }));
    assert.equal(unknown.code, 0);
    assert.match(unknown.err, /names unknown rules: 'unpined-uses' \(did you mean 'unpinned-uses'\?\)/);
  });
});

describe('configuration discovery', () => {
  const disable = 'rules:\n  unpinned-uses: off\n';
  it('finds .flowguard.yml, .flowguard.yaml and .github/flowguard.yml upward from the input', async () => {
    for (const name of ['/ws/.flowguard.yml', '/ws/.flowguard.yaml', '/ws/.github/flowguard.yml']) {
      const r = await runCli(['audit', '.github/workflows', ...ONLY], memoryIO({ [name]: disable, [`${WF}/a.yml`]: unpinned() }));
      assert.equal(r.code, 0, name);
    }
  });

  it('does not look above the repository root (a folder holding .git)', async () => {
    const files = { '/.flowguard.yml': disable, [`${WF}/a.yml`]: unpinned() };
    assert.equal((await runCli(['audit', ...ONLY], memoryIO(files))).code, 0);
    assert.equal((await runCli(['audit', ...ONLY], memoryIO(files, { dirs: ['/ws/.git'] }))).code, 1);
  });

  it('--no-config ignores it; --config FILE uses another one; a missing --config is exit 2', async () => {
    const files = { '/ws/.flowguard.yml': disable, '/ws/strict.yml': 'min-severity: high\n', [`${WF}/a.yml`]: unpinned() };
    assert.equal((await runCli(['audit', '--no-config', ...ONLY], memoryIO(files))).code, 1);
    assert.equal((await runCli(['audit', '--config', 'strict.yml', ...ONLY], memoryIO(files))).code, 0);
    const missing = await runCli(['audit', '--config', 'nope.yml'], memoryIO(files));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /configuration file not found: nope\.yml/);
  });

  it('config paths are relative to the config folder; command-line flags win over the config', async () => {
    const files = {
      '/ws/sub/.flowguard.yml': 'min-severity: high\nignore-paths: ["legacy/**"]\n',
      '/ws/sub/.github/workflows/a.yml': unpinned(),
      '/ws/sub/legacy/.github/workflows/b.yml': unpinned('x/y'),
    };
    const r = await runCli(['audit', 'sub', ...ONLY], memoryIO(files));
    assert.equal(r.code, 0, r.out);
    const flag = await runCli(['audit', 'sub', '--min-severity', 'medium', ...ONLY], memoryIO(files));
    assert.equal(flag.code, 1);
    assert.match(flag.out, /^sub\/\.github\/workflows\/a\.yml:7:15/m);
    assert.doesNotMatch(flag.out, /legacy/);
  });
});

describe('standard input', () => {
  it("'-' with --stdin-filename decides the kind and the printed name", async () => {
    const r = await runCli(['audit', '-', '--stdin-filename', '.github/workflows/in.yml', ...ONLY], memoryIO({}, { stdin: unpinned() }));
    assert.equal(r.code, 1);
    assert.match(r.out, /^\.github\/workflows\/in\.yml:7:15: medium \[unpinned-uses\]/m);
  });

  it("'-' without a name is recognised from its content", async () => {
    const r = await runCli(['audit', '-', ...ONLY], memoryIO({}, { stdin: unpinned() }));
    assert.equal(r.code, 1);
    assert.match(r.out, /^-:7:15: /m);
  });
});

describe('--fix', () => {
  const injection = getRule('template-injection');
  const vulnerable = [
    'on: pull_request',
    'permissions: {}',
    'jobs:',
    '  a:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - run: echo "${{ github.event.pull_request.title }}"',
    '      - uses: some-org/tool@v1 # keep this comment',
    '',
  ].join('\n');

  it('applies safe fixes, writes only changed files, keeps comments, reports what remains', { skip: !injection && 'template-injection rule not present' }, async () => {
    const io = memoryIO({ [`${WF}/a.yml`]: vulnerable, [`${WF}/clean.yml`]: clean });
    const r = await runCli(['audit', '--fix', '--rule', 'template-injection', '--rule', 'unpinned-uses'], io);
    assert.deepEqual(io.writes, [`${WF}/a.yml`]);
    const fixed = io.files.get(`${WF}/a.yml`)!;
    assert.doesNotMatch(fixed, /run: echo "\$\{\{/);
    assert.match(fixed, /# keep this comment/);
    const after = lint(fixed, { path: '.github/workflows/a.yml' }).findings.map((f) => f.ruleId);
    assert.ok(!after.includes('template-injection') && !after.includes('yaml-syntax'), after.join());
    assert.match(r.out, /Applied 1 safe fix in 1 file\./);
    assert.match(r.out, /unpinned-uses/);
    assert.equal(r.code, 1);
  });

  it('a file changed on disk while fixing is left alone', { skip: !injection && 'template-injection rule not present' }, async () => {
    const io = memoryIO({ [`${WF}/a.yml`]: vulnerable });
    const read = io.readFile.bind(io);
    let reads = 0;
    io.readFile = (p) => (p === `${WF}/a.yml` && ++reads > 1 ? 'edited elsewhere\n' : read(p));
    const r = await runCli(['audit', '--fix', '--rule', 'template-injection'], io);
    assert.deepEqual(io.writes, []);
    assert.equal(r.code, 2);
    assert.match(r.err, /a\.yml: cannot write the fixed file: the file changed while it was being fixed \(left unchanged\)/);
  });

  it('--fix on files without fixable findings writes nothing', async () => {
    const io = memoryIO({ [`${WF}/a.yml`]: unpinned(), [`${WF}/clean.yml`]: clean });
    const r = await runCli(['audit', '--fix', ...ONLY], io);
    assert.deepEqual(io.writes, []);
    assert.match(r.out, /No safe fixes to apply\./);
  });

  it('fixText applies in passes, refuses fixes whose result does not parse, and stops', () => {
    // A fake rule: flags every `x` and offers to replace it with `y`, except on line b where the fix breaks the YAML.
    const text = 'a: x\nb: x\nc: x\n';
    const syntax = (t: string) => lint(t, { path: '.github/workflows/t.yml', rules: [], config: {} }).findings.filter((f) => f.ruleId === 'yaml-syntax').length;
    const bad = (t: string, at: number) => t.slice(at - 3, at) === 'b: ';
    const fake = (t: string): Finding[] =>
      [...t.matchAll(/x/g)].map((m) => ({
        ruleId: 'fake',
        message: 'x',
        severity: 'low',
        confidence: 'high',
        persona: 'regular',
        span: { start: m.index!, end: m.index! + 1 },
        fixes: [bad(t, m.index!) ? { title: 'break', safe: true, edits: [{ start: m.index!, end: m.index! + 1, newText: '[ : ]]' }] } : { title: 'fix', safe: true, edits: [{ start: m.index!, end: m.index! + 1, newText: 'y' }] }],
      }));
    const out = fixText(text, fake, syntax, (f) => f.safe);
    assert.equal(syntax(out.text), 0);
    assert.equal(out.text, 'a: y\nb: x\nc: y\n');
    assert.deepEqual(out.refused, ['break']);
    assert.ok(out.passes <= 10);
    assert.equal(applyEdits('ab', [{ start: 1, end: 1, newText: '-' }]), 'a-b');
  });
});

describe('output details', () => {
  it('colour only on a TTY, never with NO_COLOR, always with --color', async () => {
    const files = { [`${WF}/a.yml`]: unpinned() };
    assert.doesNotMatch((await runCli(['audit', ...ONLY], memoryIO(files))).out, /\x1b\[/);
    assert.match((await runCli(['audit', ...ONLY], memoryIO(files, { isTTY: true }))).out, /\x1b\[/);
    assert.doesNotMatch((await runCli(['audit', ...ONLY], memoryIO(files, { isTTY: true, env: { NO_COLOR: '1' } }))).out, /\x1b\[/);
    assert.match((await runCli(['audit', '--color', ...ONLY], memoryIO(files))).out, /\x1b\[/);
    assert.doesNotMatch((await runCli(['audit', '--no-color', ...ONLY], memoryIO(files, { isTTY: true }))).out, /\x1b\[/);
  });

  it('--quiet prints findings only; --output writes the report to a file', async () => {
    const files = { [`${WF}/a.yml`]: unpinned() };
    const q = await runCli(['audit', '-q', ...ONLY], memoryIO(files));
    assert.equal(lines(q.out).length, 1);
    const io = memoryIO(files);
    const o = await runCli(['audit', '--format', 'sarif', '-o', 'out.sarif', ...ONLY], io);
    assert.equal(o.code, 1);
    assert.equal(o.out, '');
    assert.equal(JSON.parse(io.files.get('/ws/out.sarif')!).version, '2.1.0');
  });

  it('github annotations escape what would end the command', async () => {
    const { formatGithub } = await import('../../server/src/cli/format/github.js');
    const { LineIndex } = await import('../../server/src/engine/index.js');
    const text = 'a: 1\n';
    const out = formatGithub({
      files: [{ display: 'x', uri: 'dir,1/a:b.yml', kind: 'github-workflow', text, lines: new LineIndex(text), findings: [{ ruleId: 'r', message: '50% done\nnext::line', severity: 'info', confidence: 'high', persona: 'regular', span: { start: 0, end: 1 } }] }],
      checked: 1,
      errors: [],
    });
    assert.equal(out, '::notice file=dir%2C1/a%3Ab.yml,line=1,col=1,endLine=1,endColumn=2,title=FlowGuard r (info)::50%25 done%0Anext::line\n');
  });

  it('summary counts severities and fixable findings', async () => {
    const r = await runCli(['audit', ...ONLY], memoryIO(basicWorkspace()));
    assert.match(lines(r.out).at(-1)!, /^7 findings \(2 high, 5 medium\) in 3 files, 4 files checked\.$/);
  });
});

describe('commands', () => {
  it('--version, --help, help <command>, <command> --help', async () => {
    const v = await runCli(['--version'], memoryIO({}));
    assert.equal(v.out, `${VERSION}\n`);
    assert.match((await runCli(['--help'], memoryIO({}))).out, /Usage: flowguard <command>/);
    assert.match((await runCli(['help', 'audit'], memoryIO({}))).out, /Usage: flowguard audit/);
    assert.match((await runCli(['audit', '--help'], memoryIO({}))).out, /--fix=all/);
    assert.match((await runCli(['rules', '-h'], memoryIO({}))).out, /Usage: flowguard rules/);
    assert.equal((await runCli([], memoryIO({}))).code, 2);
  });

  it('rules lists every rule with its metadata, equivalents included', async () => {
    const json = JSON.parse((await runCli(['rules', '--format', 'json'], memoryIO({}))).out);
    assert.deepEqual(json.map((r: { id: string }) => r.id), RULES.map((r) => r.meta.id));
    for (const r of json) {
      const meta = getRule(r.id)!.meta;
      assert.deepEqual(r.equivalents, meta.equivalents ?? {});
      assert.equal(r.severity, meta.severity);
      assert.match(r.docsUrl, new RegExp(`/${r.id}\\.md$`));
    }
    const text = (await runCli(['rules'], memoryIO({}))).out;
    for (const r of RULES) assert.match(text, new RegExp(`^${r.meta.id} `, 'm'));
    assert.match(text, /equivalents: zizmor: unpinned-uses/);
    const md = (await runCli(['rules', '--format', 'markdown'], memoryIO({}))).out;
    assert.equal(lines(md).length, RULES.length + 2);
    assert.match(md, /^\| \[`unpinned-uses`\]\(https:\/\/.*\/unpinned-uses\.md\) \| github \|/m);
    const one = await runCli(['rules', 'unpinned-uses', 'nope'], memoryIO({}));
    assert.equal(one.code, 2);
    assert.match(one.err, /unknown rule: nope/);
  });

  it('permissions dispatches to server/src/cli/permissions.ts, or says it is not available', async () => {
    const present = existsSync(fileURLToPath(new URL('../../server/src/cli/permissions.ts', import.meta.url)));
    const r = await runCli(['permissions', '--help'], memoryIO({}));
    if (present) assert.doesNotMatch(r.err, /not available/);
    else {
      assert.equal(r.code, 2);
      assert.match(r.err, /'permissions' command is not available/);
    }
  });
});

describe('workspace view', () => {
  it('reads files inside the root for rules, never outside it', () => {
    const io = memoryIO({ '/ws/.github/actions/x/action.yml': 'name: x\n', '/secret.txt': 'no' });
    const view = workspaceView(io, '/ws', 1000);
    assert.equal(view.readFile('.github/actions/x/action.yml'), 'name: x\n');
    assert.equal(view.readFile('../secret.txt'), undefined);
    assert.equal(view.readFile('missing.yml'), undefined);
  });
});
