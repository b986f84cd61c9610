// The GitHub part of ../shared/corpus against workflow-schema and action-schema: real-world files must
// produce no schema finding, except the few judged genuinely wrong, listed below with what is wrong.
// A second check compares our verdict per workflow with GitHub's own parser (@actions/workflow-parser).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { lint, type Rule } from '../../server/src/engine/index.js';
import actionSchema from '../../server/src/engine/rules/github/action-schema.js';
import workflowSchema from '../../server/src/engine/rules/github/workflow-schema.js';

const ROOT = join('..', 'shared', 'corpus', 'github');
const RULES = [workflowSchema, actionSchema] as Rule[];

/** Corpus files that really are wrong: file -> the findings expected on it, in order. */
const KNOWN_INVALID: Record<string, string[]> = {
  // `type: int` is not a workflow_dispatch input type (GitHub's parser: "Unexpected value 'int'").
  'etcd-io+etcd/.github/workflows/antithesis-test.yml': [
    "18:15 high Invalid value 'int' for 'type' in input 'duration' of trigger 'workflow_dispatch'; expected one of: string, boolean, number, environment, choice",
  ],
  // `create` takes no filters: GitHub ignores `tags:` and runs the release workflow for every new branch too.
  'helm+helm/.github/workflows/release.yml': [
    "3:3 medium Trigger 'create' takes no filters or settings: GitHub ignores them and runs the workflow on every 'create' event",
  ],
  // Marketplace branding colours do not include black.
  'psf+black/action.yml': [
    "45:10 low Invalid value 'black' for 'branding.color' in the action metadata; expected one of: white, yellow, blue, green, orange, red, purple, gray-dark",
  ],
  // name/description are required by the metadata syntax; an `on:` key means nothing in action.yml.
  'slsa-framework+slsa-github-generator/actions/gradle/publish/action.yml': ["15:1 low Missing required key 'description' in the action metadata"],
  'slsa-framework+slsa-github-generator/actions/maven/publish/action.yml': [
    "15:1 low Missing required key 'name' in the action metadata",
    "15:1 low Missing required key 'description' in the action metadata",
  ],
  'slsa-framework+slsa-github-generator/internal/builders/gradle/action.yml': [
    "15:1 low Missing required key 'description' in the action metadata",
    "54:1 low Unknown key 'on' in the action metadata",
  ],
  'slsa-framework+slsa-github-generator/internal/builders/maven/action.yml': [
    "15:1 low Missing required key 'description' in the action metadata",
    "54:1 low Unknown key 'on' in the action metadata",
  ],
  // A top-level `env:` in action.yml sets nothing (it belongs on steps or under a Docker `runs`).
  'softprops+action-gh-release/action.yml': ["66:1 low Unknown key 'env' in the action metadata"],
};

/**
 * Where we deliberately differ from GitHub's parser: it rejects background steps (`background`, `wait`,
 * `wait-all`, `cancel`) unless a feature flag is on, but GitHub runs them; we accept them. And we report
 * `create` filters, which its strict schema rejects too, but as ignored rather than invalid.
 */
const PARSER_ONLY = new Set(['electron+electron/.github/workflows/pipeline-segment-electron-build.yml', 'electron+electron/.github/workflows/pipeline-segment-electron-publish.yml']);

function corpusFiles(): { key: string; path: string; text: string }[] {
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/i.test(e.name) ? [join(dir, e.name)] : []));
  return walk(ROOT).map((file) => {
    const key = relative(ROOT, file).split(/[\\/]/).join('/');
    return { key, path: key.split('/').slice(1).join('/'), text: readFileSync(file, 'utf8') };
  });
}

const position = (text: string, offset: number) => {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
};

describe('GitHub corpus: schema rules', { skip: existsSync(ROOT) ? false : `${ROOT} not found: the shared corpus sits beside the project` }, () => {
  it('reports nothing on valid real-world files and exactly the known mistakes on the others', () => {
    const actual: Record<string, string[]> = {};
    let checked = 0;
    for (const f of corpusFiles()) {
      const res = lint(f.text, { path: f.path, rules: RULES });
      if (res.kind !== 'github-workflow' && res.kind !== 'github-action') continue;
      checked++;
      const found = res.findings.filter((x) => x.ruleId === 'workflow-schema' || x.ruleId === 'action-schema');
      if (found.length) actual[f.key] = found.map((x) => `${position(f.text, x.span.start)} ${x.severity} ${x.message}`);
    }
    assert.ok(checked > 1000, `only ${checked} GitHub files were checked`);
    assert.deepEqual(actual, KNOWN_INVALID);
  });

  it("agrees with GitHub's own parser on which workflows are structurally invalid", () => {
    const disagree: string[] = [];
    for (const f of corpusFiles()) {
      const res = lint(f.text, { path: f.path, rules: RULES });
      if (res.kind !== 'github-workflow') continue;
      const ours = res.findings.some((x) => x.ruleId === 'workflow-schema');
      const parsed = parseWorkflow({ name: f.path, content: f.text }, new NoOperationTraceWriter());
      // Structural errors, and expressions where GitHub allows none; expression syntax is another rule's business.
      const theirs = parsed.context.errors.getErrors().some((e) => /Unexpected value|mapping was not expected|sequence was not expected|Required property is missing|not enough info|Unrecognized named-value/.test(e.message));
      if (ours !== theirs && !(PARSER_ONLY.has(f.key) && theirs && !ours)) disagree.push(`${f.key}: ours ${ours}, GitHub's parser ${theirs}`);
    }
    assert.deepEqual(disagree, []);
  });
});
