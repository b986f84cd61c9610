import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt, HOVER_PROVIDERS } from '../../server/src/engine/index.js';
import { gitlabHover } from '../../server/src/engine/gitlab/hover.js';

const at = (text: string, needle: string, delta = 1) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `${needle} not in text`);
  return hoverAt(text, i + delta, { path: '.gitlab-ci.yml', providers: [gitlabHover], findings: [] });
};

describe('GitLab hover', () => {
  it('is registered', () => assert.ok(HOVER_PROVIDERS.includes(gitlabHover)));
  it('predefined variable in a script: who controls it', () => {
    const text = 'test:\n  script:\n    - echo "$CI_MERGE_REQUEST_TITLE"\n';
    const h = at(text, '$CI_MERGE_REQUEST_TITLE', 3);
    assert.match(h!.markdown, /Who controls it:\*\* anyone who can push/);
    assert.equal(text.slice(h!.span.start, h!.span.end), '$CI_MERGE_REQUEST_TITLE');
  });
  it('CI_JOB_TOKEN: reach and allowlist', () => {
    const h = at('publish:\n  script:\n    - curl -H "JOB-TOKEN: ${CI_JOB_TOKEN}" "$CI_API_V4_URL/x"\n', '${CI_JOB_TOKEN}', 4);
    assert.match(h!.markdown, /allowlist/);
  });
  it('variables key: CI_DEBUG_TRACE', () => {
    const h = at('variables:\n  CI_DEBUG_TRACE: "true"\n', 'CI_DEBUG_TRACE');
    assert.match(h!.markdown, /expanded variables/);
  });
  it('keywords: id_tokens, include:ref, forward:pipeline_variables', () => {
    assert.match(at('deploy:\n  id_tokens:\n    T:\n      aud: x\n  script: x\n', 'id_tokens')!.markdown, /OIDC identity tokens/);
    assert.match(at('include:\n  - project: a/b\n    ref: main\n    file: x.yml\n', 'ref:')!.markdown, /default branch/);
    assert.match(at('t:\n  trigger:\n    project: a/b\n    forward:\n      pipeline_variables: true\n', 'pipeline_variables')!.markdown, /take precedence/);
  });
  it('inputs: constrained or not', () => {
    const text = 'spec:\n  inputs:\n    env:\n      options: [dev, prod]\n    title:\n      default: x\n---\nj:\n  script:\n    - deploy $[[ inputs.env ]] "$[[ inputs.title ]]"\n';
    assert.match(at(text, '$[[ inputs.env')!.markdown, /Constrained/);
    assert.match(at(text, '$[[ inputs.title')!.markdown, /Unconstrained/);
  });
  it('nothing for ordinary text', () => {
    assert.equal(at('build:\n  script: make all\n', 'make'), undefined);
  });
});
