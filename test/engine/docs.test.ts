// Docs are code: every rule has a doc with the fixed headings, and every example in it is run through
// the engine (Invalid blocks must produce a finding of the rule, Valid blocks none).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lint, RULES, ruleSourceDocPath } from '../../server/src/engine/index.js';
import { DEFAULT_PATH, examples } from './doc-examples.js';

const REQUIRED = ['## What it finds', '## Why it matters', '## How to fix', '## Examples', '## Equivalents'];

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
