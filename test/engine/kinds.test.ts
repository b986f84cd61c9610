import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectKind } from '../../server/src/engine/index.js';

describe('detectKind', () => {
  it('knows the well-known paths', () => {
    assert.equal(detectKind('.github/workflows/ci.yml', ''), 'github-workflow');
    assert.equal(detectKind('sub/.github/workflows/ci.yaml', ''), 'github-workflow');
    assert.equal(detectKind('action.yml', ''), 'github-action');
    assert.equal(detectKind('.github/actions/x/action.yaml', ''), 'github-action');
    assert.equal(detectKind('.github/dependabot.yml', ''), 'github-dependabot');
    assert.equal(detectKind('.gitlab-ci.yml', ''), 'gitlab-ci');
    assert.equal(detectKind('ci/build.gitlab-ci.yml', ''), 'gitlab-ci');
    assert.equal(detectKind('.gitlab/ci/test.yml', ''), 'gitlab-ci');
  });
  it('sniffs content when the path says nothing', () => {
    assert.equal(detectKind('flow.yml', 'id: a\nnamespace: b\ntasks: []\n'), 'kestra-flow');
    assert.equal(detectKind('wf.yml', 'on: push\njobs: {}\n'), 'github-workflow');
    assert.equal(detectKind('ci/templates/build.yml', '.base:\n  image: alpine\nbuild:\n  extends: .base\n  stage: build\n  script:\n    - make\n'), 'gitlab-ci');
    assert.equal(detectKind('templates/comp.yml', 'spec:\n  inputs:\n    stage:\n      default: test\n---\njob:\n  script: echo\n'), 'gitlab-ci');
  });
  it('leaves other YAML alone', () => {
    assert.equal(detectKind('docker-compose.yml', 'services:\n  web:\n    image: nginx\n    command: x\n'), 'unknown');
    assert.equal(detectKind('k8s.yml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n'), 'unknown');
    assert.equal(detectKind('config.yml', 'name: x\nscript: y\n'), 'unknown');
    assert.equal(detectKind('README.md', 'on: push\njobs: {}\n'), 'unknown');
  });
  it('lets associations win', () => {
    assert.equal(detectKind('pipelines/a.yml', 'x: 1', [{ pattern: 'pipelines/*.yml', kind: 'gitlab-ci' }]), 'gitlab-ci');
  });
});
