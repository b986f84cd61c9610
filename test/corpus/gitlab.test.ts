// The GitLab part of ../shared/corpus: every file linted as GitLab CI (included files are not named
// .gitlab-ci.yml), with a WorkspaceView over its repository folder so include:local is followed.
// The real-world files must produce no schema or reference error; the per-rule hit counts are printed
// (FLOWGUARD_CORPUS_HITS=<rule id> prints that rule's hits) so they can be reviewed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { lint, LineIndex, type Finding } from '../../server/src/engine/index.js';

const ROOT = join('..', 'shared', 'corpus', 'gitlab');
const SYNTHETIC = 'firecow+gitlab-ci-local';

export interface CorpusHit {
  file: string;
  synthetic: boolean;
  line: number;
  text: string;
  finding: Finding;
}

export function lintGitlabCorpus(persona: 'regular' | 'pedantic' | 'auditor' = 'regular'): CorpusHit[] {
  const hits: CorpusHit[] = [];
  for (const repo of readdirSync(ROOT, { withFileTypes: true })) {
    if (!repo.isDirectory()) continue;
    const base = join(ROOT, repo.name);
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/i.test(e.name) ? [join(dir, e.name)] : []));
    const workspace = {
      readFile(rel: string) {
        const p = join(base, rel);
        return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
      },
    };
    for (const file of walk(base)) {
      const rel = relative(base, file).split(/[\\/]/).join('/');
      const text = readFileSync(file, 'utf8');
      const res = lint(text, { path: rel, kind: 'gitlab-ci', settings: { persona, workspace } });
      const lines = new LineIndex(text);
      for (const f of res.findings) {
        const pos = lines.position(f.span.start);
        hits.push({ file: `${repo.name}/${rel}`, synthetic: repo.name === SYNTHETIC, line: pos.line + 1, text: lines.lineText(pos.line).trim(), finding: f });
      }
    }
  }
  return hits;
}

describe('GitLab corpus', { skip: existsSync(ROOT) ? false : `the shared corpus is not at ${ROOT} (run from the project root beside ../shared)` }, () => {
  const persona = (process.env.FLOWGUARD_CORPUS_PERSONA ?? 'auditor') as 'auditor';
  const hits = existsSync(ROOT) ? lintGitlabCorpus(persona) : [];
  const show = process.env.FLOWGUARD_CORPUS_HITS;
  it('prints per-rule hits (real-world / synthetic)', () => {
    const counts = new Map<string, [number, number]>();
    for (const h of hits) {
      const c = counts.get(h.finding.ruleId) ?? [0, 0];
      c[h.synthetic ? 1 : 0]++;
      counts.set(h.finding.ruleId, c);
    }
    const table = [...counts].sort((a, b) => a[0].localeCompare(b[0])).map(([id, [r, s]]) => `${String(r).padStart(5)} ${String(s).padStart(5)}  ${id}`);
    console.log(`persona ${persona}\n real synth  rule\n${table.join('\n')}`);
    if (show) for (const h of hits.filter((x) => x.finding.ruleId === show)) console.log(`${h.synthetic ? '[synthetic] ' : ''}${h.file}:${h.line}: ${h.finding.message}\n    ${h.text.slice(0, 160)}`);
    assert.ok(hits.length >= 0);
  });
  it('no schema, reference or internal errors on the real-world files', () => {
    const bad = hits.filter((h) => !h.synthetic && ['gitlab-schema', 'gitlab-references', 'internal-error', 'yaml-syntax'].includes(h.finding.ruleId));
    assert.deepEqual(bad.map((h) => `${h.file}:${h.line}: ${h.finding.ruleId}: ${h.finding.message}`), []);
  });
});
