import { allScripts, jobLabel, type Pipeline } from '../../model/gitlab.js';
import { commandName, readShell, SHELLS } from '../../gitlab/shell.js';
import { defineRule } from '../rule.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'iwr', 'invoke-webrequest', 'irm', 'invoke-restmethod', 'fetch']);
const INTERPRETERS = new Set([...SHELLS, 'python', 'python2', 'python3', 'perl', 'ruby', 'node', 'php', 'iex', 'invoke-expression', 'source', '.']);
/** Raw files pinned to a commit: the content cannot change (glsec/poutine exempt these too). */
const PINNED = /\/(raw\/|-\/raw\/|)?[0-9a-f]{40}\//i;
const PROCESS_SUBST = /(?:^|[\s;&|(])(?:bash|sh|zsh|source|\.)\s+<\(\s*(?:curl|wget)\b[^)]*\)/g;
const COMMAND_SUBST = /(?:^|[\s;&|(])(?:eval|(?:bash|sh|zsh)\s+-c)\s+["']?\$\(\s*(?:curl|wget)\b[^)]*\)/g;
const PS_DOWNLOAD = /\b(?:iex|invoke-expression)\b[^\n]*\b(?:downloadstring|iwr|invoke-webrequest|irm|invoke-restmethod)\b/gi;

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-remote-script',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Script downloaded and executed without verification (curl | sh)',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { poutine: ['unverified_script_exec'], glsec: ['GL011'] },
  },
  check(ctx) {
    for (const { line, job } of allScripts(ctx.model, ctx.text)) {
      const v = line.value;
      if (!/curl|wget|iwr|irm|invoke-|downloadstring|fetch/i.test(v)) continue;
      const found: { start: number; end: number }[] = [];
      const shell = readShell(v);
      shell.commands.forEach((cmd, i) => {
        if (!DOWNLOADERS.has(commandName(cmd)) || cmd.next !== '|') return;
        // curl ... | [sudo] sh: the next commands of the pipeline.
        let k = i + 1;
        while (k < shell.commands.length && !INTERPRETERS.has(commandName(shell.commands[k])) && shell.commands[k - 1].next === '|' && ['tee', 'cat'].includes(commandName(shell.commands[k]))) k++;
        const sink = shell.commands[k];
        if (!sink || shell.commands[k - 1].next !== '|' || !INTERPRETERS.has(commandName(sink))) return;
        // `| sh -c '...'` runs its own command, not the download; `| python -m json.tool` neither.
        if (sink.words.slice(sink.head + 1).some((w) => /^-(c|m)$/.test(w.text))) return;
        found.push({ start: cmd.start, end: sink.end });
      });
      for (const re of [PROCESS_SUBST, COMMAND_SUBST, PS_DOWNLOAD]) {
        re.lastIndex = 0;
        for (let m; (m = re.exec(v)); ) {
          const lead = /^[\s;&|(]/.test(m[0]) ? 1 : 0;
          found.push({ start: m.index + lead, end: m.index + m[0].length });
        }
      }
      const reported: { start: number; end: number }[] = [];
      for (const f of found.sort((a, b) => a.start - b.start)) {
        if (reported.some((r) => f.start < r.end && r.start < f.end)) continue;
        const text = v.slice(f.start, f.end);
        if (PINNED.test(text)) continue;
        reported.push(f);
        const trimmed = text.trimEnd();
        ctx.report({
          span: { start: line.offsetAt(f.start), end: line.offsetAt(f.start + trimmed.length) },
          message: `${jobLabel(job)[0].toUpperCase()}${jobLabel(job).slice(1)} runs a script straight from the network: whoever controls that URL (or its CDN, DNS or TLS) runs code with the job's variables and token; download it, verify a checksum or signature, then run it`,
        });
      }
    }
  },
});
