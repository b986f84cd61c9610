// Rules skip building findings the caller's persona will not see (github/persona.ts). That must never
// change what is seen: for every example in every rule doc, linting as `regular` or `pedantic` gives
// exactly the `auditor` findings of that persona or below.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { lint, RULES, ruleSourceDocPath } from '../../server/src/engine/index.js';
import { PERSONAS, type Persona } from '../../server/src/engine/types.js';
import { DEFAULT_PATH, yamlBlocks } from './doc-examples.js';

const rank = (p: Persona) => PERSONAS.indexOf(p);

describe('persona', () => {
  for (const rule of RULES) {
    const docPath = ruleSourceDocPath(rule.meta.id, rule.meta.platform);
    if (rule.meta.platform === 'core' || !existsSync(docPath)) continue;
    it(`${rule.meta.id}: regular and pedantic see exactly their share of the auditor findings`, () => {
      for (const b of yamlBlocks(readFileSync(docPath, 'utf8'))) {
        const path = b.path ?? DEFAULT_PATH[rule.meta.kinds[0]];
        const all = lint(b.code, { path, config: b.config, settings: { persona: 'auditor' } }).findings;
        for (const persona of ['regular', 'pedantic'] as const) {
          const seen = lint(b.code, { path, config: b.config, settings: { persona } }).findings;
          assert.deepEqual(seen, all.filter((f) => rank(f.persona) <= rank(persona)), `${docPath}, persona ${persona}:\n${b.code}`);
        }
      }
    });
  }
});
