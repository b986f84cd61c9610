// The GitLab adapter and model: YAML 1.1 as GitLab reads it, !reference, spec headers, extends/default
// resolution, exact script spans; the shell reader and the variable/input scanners.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';
import { GITLAB_PARSE_OPTIONS } from '../../server/src/engine/platforms/gitlab.js';
import { buildPipeline, effective, jobScripts, jobVariables, referenceTag, type Pipeline } from '../../server/src/engine/model/gitlab.js';
import { findInterpolations, findVariables } from '../../server/src/engine/expressions/gitlab.js';
import { readShell, sinkAt } from '../../server/src/engine/gitlab/shell.js';
import { lint } from '../../server/src/engine/index.js';

const pipeline = (text: string, docIndex = 0): Pipeline => {
  const file = parseYaml(text, GITLAB_PARSE_OPTIONS);
  assert.deepEqual(file.problems, []);
  return buildPipeline(file.documents[docIndex], file)!;
};

describe('GitLab YAML', () => {
  it('YAML 1.1 booleans but not y/n, no timestamps', () => {
    const file = parseYaml('a: yes\nb: Off\nc: y\nd: n\ne: 2024-01-01\n', GITLAB_PARSE_OPTIONS);
    assert.deepEqual(file.documents[0].toJS(), { a: true, b: false, c: 'y', d: 'n', e: '2024-01-01' });
  });
  it('!reference is a tagged sequence and its path keeps y', () => {
    const p = pipeline('j:\n  script:\n    - !reference [.t, y]\n');
    const seq = (p.jobs[0].own.get('script')!.value as { items: unknown[] }).items[0];
    assert.deepEqual(referenceTag(seq)?.path.map((x) => x.value), ['.t', 'y']);
  });
  it('spec header document', () => {
    const text = 'spec:\n  inputs:\n    stage:\n      default: test\n---\nbuild:\n  stage: $[[ inputs.stage ]]\n  script: x\n';
    assert.equal(pipeline(text, 0).isHeader, true);
    const body = pipeline(text, 1);
    assert.equal(body.isHeader, false);
    assert.ok(body.spec);
    assert.deepEqual(body.jobs.map((j) => j.name), ['build']);
  });
  it('no syntax or internal errors on a component file', () => {
    const res = lint('spec:\n  inputs:\n    x:\n---\nj:\n  script: echo $[[ inputs.x ]]\n', { path: 'templates/c.yml', kind: 'gitlab-ci' });
    assert.deepEqual(res.findings.filter((f) => f.ruleId === 'internal-error' || f.ruleId === 'yaml-syntax'), []);
  });
});

describe('GitLab model', () => {
  it('extends (later wins), default and inherit', () => {
    const p = pipeline('default:\n  image: alpine:3\n  before_script: [echo default]\n.a:\n  script: [echo a]\n  stage: build\n.b:\n  script: [echo b]\nj:\n  extends: [.a, .b]\n  inherit:\n    default: [image]\n');
    const j = p.byName.get('j')!;
    assert.equal(effective(p, j, 'stage')?.from?.name, '.a');
    assert.deepEqual(jobScripts(p, j, '').map((l) => l.value), ['echo b']);
    assert.ok(effective(p, j, 'image'));
    assert.equal(effective(p, j, 'before_script'), undefined);
  });
  it('variables merge along extends, then global unless not inherited', () => {
    const p = pipeline('variables:\n  G: g\n  H: h\n.t:\n  variables:\n    A: t\n    B: t\nj:\n  extends: .t\n  inherit:\n    variables: [G]\n  variables:\n    A: own\n');
    const vars = Object.fromEntries(jobVariables(p, p.byName.get('j')!).map((v) => [v.name, v.value?.value]));
    assert.deepEqual(vars, { A: 'own', B: 't', G: 'g' });
  });
  it('script lines map back to exact offsets in block and quoted scalars', () => {
    const text = 'j:\n  script:\n    - |\n      echo one\n      eval "$CI_COMMIT_TITLE"\n    - "say \\"$X\\""\n';
    const p = pipeline(text);
    const lines = jobScripts(p, p.jobs[0], text);
    for (const l of lines) {
      for (const r of findVariables(l.value, l.offsetAt)) assert.equal(text.slice(r.span.start, r.span.end), '$' + r.name);
    }
    assert.equal(lines.length, 2);
  });
});

describe('GitLab scanners', () => {
  it('variables: $$ is an escape', () => {
    assert.deepEqual(findVariables('a $X ${Y} $$Z %W%').map((v) => v.name), ['X', 'Y']);
  });
  it('interpolations with functions', () => {
    const [i] = findInterpolations('x $[[ inputs.name | expand_vars | truncate(0,3) ]] y');
    assert.equal(i.input, 'name');
    assert.deepEqual(i.functions, ['expand_vars', 'truncate']);
  });
  it('shell sinks follow quoting', () => {
    const s = (t: string, needle: string) => sinkAt(readShell(t), t.indexOf(needle))?.kind;
    assert.equal(s('eval "x $V"', '$V'), 'eval');
    assert.equal(s("eval 'x $V'", '$V'), undefined);
    assert.equal(s('sh -c "x $V"', '$V'), 'shell -c');
    assert.equal(s('sh -c \'x "$1"\' _ "$V"', '$V'), undefined);
    assert.equal(s('echo "$V" | bash', '$V'), 'pipe to shell');
    assert.equal(s('echo "$V" | tee f', '$V'), undefined);
    assert.equal(s('echo "$(eval x) $V"', '$V'), undefined);
  });
});
