// The Kestra part of ../shared/corpus (393 flows). Two promises are checked:
// - the 21 upstream invalid flows (kestra-io/kestra core/src/test/resources/flows/invalids): each one
//   Kestra rejects is caught offline by the rule that explains why (worker-group.yaml is an
//   OSS-edition restriction and cannot be known offline);
// - the rest produces no error-class finding (schema, FlowValidator checks) except the listed real
//   mistakes, each verified by hand. FLOWGUARD_CORPUS_HITS=<rule id> prints that rule's hits.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { lint, LineIndex, type Finding } from '../../server/src/engine/index.js';

const ROOT = join('..', 'shared', 'corpus', 'kestra');
const INVALIDS = 'kestra-io+kestra/core/src/test/resources/flows/invalids/';

/** Rules whose findings mean "Kestra rejects this flow". */
const ERROR_RULES = new Set(['yaml-syntax', 'yaml-duplicate-key', 'kestra-schema', 'kestra-duplicate-id', 'kestra-subflow-recursion', 'kestra-input-cycle', 'kestra-system-label', 'kestra-dag-dependency']);

/** Upstream invalid flow -> the rule that must catch it (undefined: not decidable offline). */
const EXPECTED: Record<string, string | undefined> = {
  'dag-cyclicdependency.yaml': 'kestra-dag-dependency',
  'dag-notexist-task.yaml': 'kestra-dag-dependency',
  'duplicate-inputs.yaml': 'kestra-duplicate-id',
  'duplicate-key.yaml': 'yaml-duplicate-key',
  'duplicate-parallel.yaml': 'kestra-duplicate-id',
  'duplicate.yaml': 'kestra-duplicate-id',
  'inputs-bad-type.yaml': 'kestra-schema',
  'inputs-bad-validator-syntax.yaml': 'kestra-schema',
  'inputs-validation.yaml': 'kestra-schema',
  'inputs.yaml': 'kestra-schema',
  'invalid-parallel.yaml': 'kestra-schema',
  'invalid-property.yaml': 'kestra-schema',
  'invalid-task.yaml': 'kestra-schema',
  'invalid.yaml': 'kestra-schema',
  'listener.yaml': 'kestra-schema',
  'recursive-flow.yaml': 'kestra-subflow-recursion',
  'switch-invalid.yaml': 'kestra-schema',
  'system-labels.yaml': 'kestra-system-label',
  'worker-group.yaml': undefined, // "Worker Group is an Enterprise Edition functionality": depends on the server edition
  'workingdirectory-invalid.yaml': 'kestra-schema',
  'workingdirectory-no-tasks.yaml': 'kestra-schema',
};

/** Error findings outside invalids/ that are real mistakes Kestra also rejects (file -> count, why). */
const KNOWN_ERRORS: Record<string, [number, string]> = {
  'kestra-io+examples/examples/airbyte/airbyteSyncParallelWithDbt.yml': [1, "typo 'pluginsDefaults'"],
  'kestra-io+examples/examples/flows/ee_stream_auditlogs_to_bq.yml': [1, "unknown top-level key 'title'"],
  'kestra-io+examples/examples/redis/trigger.yml': [1, "task id with spaces 'echo trigger file'"],
  'kestra-io+examples/examples/fivetran/fivetranSyncParallel.yml': [1, 'Parallel inside WorkingDirectory (Only runnable tasks are allowed)'],
  'kestra-io+examples/examples/fivetran/fivetranSyncParallelDbtCloud.yml': [1, 'Parallel inside WorkingDirectory'],
  'kestra-io+examples/examples/flows/notifications/slack/runtimeSLA.yml': [1, "Fail has no 'executionId' property"],
  'kestra-io+examples/examples/flows/git/gitPythonWithSecret.yml': [3, 'not valid YAML (kept on purpose)'],
  // eachSequentialPostgres.yml (`password: **`) is invalid for SnakeYAML but the yaml package accepts it: a known miss.
  'kestra-io+examples/examples/snowflake/stage.yml': [1, "duplicate key 'sql' (the second silently wins in Jackson)"],
  'kestra-io+kestra/webserver/src/test/resources/flows/simpleInvalidFlow.yaml': [1, "upstream negative test: 'badProperties'"],
  'kestra-io+kestra/webserver/src/test/resources/flows/validateMultipleInvalidFlows.yaml': [2, 'upstream negative test: unknown property and unknown type'],
  'kestra-io+kestra/core/src/test/resources/flows/tests/invalid-task-defaults.yaml': [1, "upstream negative test: pluginDefaults value 'invalid' for Log"],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.ya?ml$/i.test(e.name) ? [join(dir, e.name)] : []));
}

function lintAll(): Map<string, { text: string; findings: Finding[] }> {
  const out = new Map<string, { text: string; findings: Finding[] }>();
  for (const file of files(ROOT)) {
    const rel = relative(ROOT, file).split(/[\\/]/).join('/');
    const text = readFileSync(file, 'utf8');
    out.set(rel, { text, findings: lint(text, { path: 'flows/' + rel.split('/').pop(), kind: 'kestra-flow', settings: { persona: 'auditor' } }).findings });
  }
  return out;
}

describe('Kestra corpus', { skip: existsSync(ROOT) ? false : `corpus not found at ${ROOT} (this test needs ../shared beside the project)` }, () => {
  const results = existsSync(ROOT) ? lintAll() : new Map();

  it('catches the upstream invalid flows offline', () => {
    const missed: string[] = [];
    for (const [name, rule] of Object.entries(EXPECTED)) {
      const r = results.get(INVALIDS + name);
      assert.ok(r, `missing corpus file ${name}`);
      const caught = r.findings.some((f: Finding) => f.ruleId === rule);
      if (rule && !caught) missed.push(`${name}: no ${rule} finding`);
    }
    assert.deepEqual(missed, []);
    const caught = Object.values(EXPECTED).filter(Boolean).length;
    console.log(`upstream invalid flows caught offline: ${caught}/${Object.keys(EXPECTED).length}`);
  });

  it('reports no false errors on the rest', () => {
    const unexpected: string[] = [];
    for (const [rel, { text, findings }] of results) {
      if (rel.startsWith(INVALIDS)) continue;
      const errors = findings.filter((f: Finding) => ERROR_RULES.has(f.ruleId));
      const known = KNOWN_ERRORS[rel];
      if (errors.length === (known?.[0] ?? 0)) continue;
      const lines = new LineIndex(text);
      for (const f of errors) unexpected.push(`${rel}:${lines.position(f.span.start).line + 1}: [${f.ruleId}] ${f.message}`);
      if (!errors.length) unexpected.push(`${rel}: expected ${known![0]} error(s) (${known![1]}), got none`);
    }
    assert.deepEqual(unexpected, []);
  });

  it('prints per-rule hits', () => {
    const counts = new Map<string, number>();
    const show = process.env.FLOWGUARD_CORPUS_HITS;
    for (const [rel, { text, findings }] of results) {
      for (const f of findings) {
        counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
        if (show === f.ruleId) console.log(`${rel}:${new LineIndex(text).position(f.span.start).line + 1}: ${f.message}`);
      }
    }
    console.log([...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${String(n).padStart(5)}  ${id}`).join('\n'));
    assert.ok(counts.size > 0);
  });
});
