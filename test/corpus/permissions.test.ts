// Least privilege on real workflows (../shared/corpus/github, each file with a WorkspaceView over its
// repository folder so local actions and reusable workflows are followed):
// - the computed block is never lower than what a known action or analysed step needs;
// - the "whole workflow" fix gives YAML that parses, adds no schema error, and that FlowGuard then
//   reports clean for every permission rule (fully analysed jobs included, unknown ones too).
// Skips with a message when ../shared is absent.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, lint, type WorkspaceView } from '../../server/src/engine/index.js';
import { buildWorkflow } from '../../server/src/engine/model/github.js';
import { workflowFix } from '../../server/src/engine/permissions/fix.js';
import { analyseWorkflow, satisfies } from '../../server/src/engine/permissions/solver.js';
import type { LevelMap } from '../../server/src/engine/permissions/scopes.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';

const BASE = join('..', 'shared', 'corpus', 'github');
const PERMISSION_RULES = new Set(['excessive-permissions', 'insufficient-permissions', 'permissions-ceiling']);

interface CorpusWorkflow {
  repo: string;
  path: string;
  text: string;
  workspace: WorkspaceView;
}

function workflows(): CorpusWorkflow[] {
  if (!existsSync(BASE)) return [];
  const out: CorpusWorkflow[] = [];
  for (const repo of readdirSync(BASE, { withFileTypes: true })) {
    if (!repo.isDirectory()) continue;
    const root = join(BASE, repo.name);
    const workspace: WorkspaceView = {
      readFile: (p) => {
        const abs = join(root, p);
        return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
      },
    };
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const abs = join(dir, e.name);
        if (e.isDirectory()) walk(abs);
        else if (/\.ya?ml$/.test(e.name)) {
          const path = relative(root, abs).split(/[\\/]/).join('/');
          if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) out.push({ repo: repo.name, path, text: readFileSync(abs, 'utf8'), workspace });
        }
      }
    };
    walk(root);
  }
  return out;
}

const all = workflows();
const skip = all.length ? false : `../shared/corpus/github not found: the corpus lives beside the project`;

describe('permissions on the GitHub corpus', { skip }, () => {
  it('the computed block never grants less than a known action or analysed step needs', () => {
    const bad: string[] = [];
    for (const wf of all) {
      const doc = parseYaml(wf.text).documents[0];
      const model = doc ? buildWorkflow(doc) : undefined;
      if (!model) continue;
      const wp = analyseWorkflow(model, wf.text, { settings: { defaultPermissions: 'unknown', workspace: wf.workspace }, path: wf.path });
      for (const jp of wp.jobs) {
        const levels: LevelMap = Object.fromEntries([...jp.minimal].map(([s, c]) => [s, c.level]));
        for (const n of jp.needs) if (!n.possible && !satisfies(levels, n)) bad.push(`${wf.repo}/${wf.path} job ${jp.job.id}: ${n.by} needs ${n.scope}: ${n.level}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('the whole-workflow fix yields valid workflows that FlowGuard then reports clean for permissions', () => {
    const problems: string[] = [];
    let fixed = 0;
    for (const wf of all) {
      const settings = { workspace: wf.workspace, persona: 'auditor' as const };
      const before = lint(wf.text, { path: wf.path, settings });
      const doc = parseYaml(wf.text).documents[0];
      const model = doc ? buildWorkflow(doc) : undefined;
      if (!model || before.findings.some((f) => f.ruleId === 'yaml-syntax')) continue;
      const fix = workflowFix(analyseWorkflow(model, wf.text, { settings: { defaultPermissions: 'unknown', workspace: wf.workspace }, path: wf.path }), wf.text);
      if (!fix) continue;
      fixed++;
      const text = applyEdits(wf.text, fix.edits);
      const after = lint(text, { path: wf.path, settings });
      const where = `${wf.repo}/${wf.path}`;
      const syntax = after.findings.filter((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'yaml-duplicate-key');
      if (syntax.length) problems.push(`${where}: ${syntax[0].message}`);
      const schema = (r: typeof after) => r.findings.filter((f) => f.ruleId === 'workflow-schema').length;
      if (schema(after) > schema(before)) problems.push(`${where}: the fix adds a schema error: ${after.findings.find((f) => f.ruleId === 'workflow-schema')?.message}`);
      for (const f of after.findings) if (PERMISSION_RULES.has(f.ruleId)) problems.push(`${where}: still ${f.ruleId}: ${f.message}`);
      const reparsed = buildWorkflow(parseYaml(text).documents[0]);
      if (reparsed?.jobs.length !== model.jobs.length) problems.push(`${where}: the fix changed the jobs`);
    }
    assert.ok(fixed > 100, `only ${fixed} workflows fixed`);
    assert.deepEqual(problems, []);
  });
});
