// Docs are code: every rule has a doc with the fixed headings, and every example in it is run through
// the engine (Invalid blocks must produce a finding of the rule, Valid blocks none).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lint, RULES, ruleSourceDocPath } from '../../server/src/engine/index.js';

const DEFAULT_PATH: Record<string, string> = {
  'github-workflow': '.github/workflows/example.yml',
  'github-action': 'action.yml',
  'github-dependabot': '.github/dependabot.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  'kestra-flow': 'flows/example.yml',
};
const REQUIRED = ['## What it finds', '## Why it matters', '## How to fix', '## Examples', '## Equivalents'];

interface Example {
  section: 'Invalid' | 'Valid';
  code: string;
  path?: string;
  /** `# config: {...}` header line: a .flowguard.yml as JSON, for rules that need a policy. */
  config?: Record<string, unknown>;
  /** `# online: {...}` header line: online facts (partial OnlineFacts) for online-only rules. */
  online?: Record<string, unknown>;
  line: number;
}

export function examples(md: string): Example[] {
  const out: Example[] = [];
  let section: Example['section'] | undefined;
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const h = /^#{2,4}\s+(.*)$/.exec(l);
    if (h) {
      section = /^invalid/i.test(h[1]) ? 'Invalid' : /^valid/i.test(h[1]) ? 'Valid' : h[0].startsWith('## ') ? undefined : section;
      continue;
    }
    if (section && /^```ya?ml\b/.test(l)) {
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^```\s*$/.test(lines[j]); j++) body.push(lines[j]);
      let path: string | undefined;
      let config: Record<string, unknown> | undefined;
      let online: Record<string, unknown> | undefined;
      for (const header of body.slice(0, 3)) {
        const o = /^#\s*online:\s*(\{.*\})\s*$/.exec(header);
        if (o) online = { status: 'ok', refs: {}, commits: {}, advisories: {}, actions: {}, ...JSON.parse(o[1]) };
        const p = /^#\s*path:\s*(\S+)/.exec(header);
        const c = /^#\s*config:\s*(\{.*\})\s*$/.exec(header);
        if (p) path = p[1];
        if (c) config = JSON.parse(c[1]);
      }
      out.push({ section, code: body.join('\n') + '\n', path, config, online, line: i + 1 });
      i = j;
    }
  }
  return out;
}

describe('rule docs', () => {
  for (const rule of RULES) {
    const docPath = ruleSourceDocPath(rule.meta.id, rule.meta.platform);
    if (rule.meta.platform === 'core') {
      // The engine's own findings (parser, internal errors) have docs too, without runnable examples.
      it(`${rule.meta.id} (engine) has a doc`, () => {
        assert.ok(existsSync(docPath), `missing ${docPath}`);
        const md = readFileSync(docPath, 'utf8');
        assert.ok(md.startsWith(`# ${rule.meta.id}\n`));
        for (const h of REQUIRED) assert.ok(md.includes(`\n${h}`), `${docPath} lacks "${h}"`);
      });
      continue;
    }
    it(`${rule.meta.id} has a complete doc`, () => {
      assert.ok(existsSync(docPath), `missing ${docPath}`);
      const md = readFileSync(docPath, 'utf8');
      assert.ok(md.startsWith(`# ${rule.meta.id}\n`), `${docPath} must start with "# ${rule.meta.id}"`);
      for (const h of REQUIRED) assert.ok(md.includes(`\n${h}`), `${docPath} lacks "${h}"`);
      const ex = examples(md);
      assert.ok(ex.some((e) => e.section === 'Invalid'), `${docPath} has no Invalid example`);
      assert.ok(ex.some((e) => e.section === 'Valid'), `${docPath} has no Valid example`);
    });
    it(`${rule.meta.id} doc examples behave as documented`, () => {
      if (!existsSync(docPath)) return;
      for (const e of examples(readFileSync(docPath, 'utf8'))) {
        const path = e.path ?? DEFAULT_PATH[rule.meta.kinds[0]] ?? 'example.yml';
        const res = lint(e.code, { path, config: e.config, settings: { persona: 'auditor', online: e.online as never } });
        const hits = res.findings.filter((f) => f.ruleId === rule.meta.id);
        if (e.section === 'Invalid') assert.ok(hits.length > 0, `${docPath}:${e.line}: Invalid example produced no ${rule.meta.id} finding`);
        else assert.deepEqual(hits.map((f) => f.message), [], `${docPath}:${e.line}: Valid example produced findings`);
      }
    });
  }
});
