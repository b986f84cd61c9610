import { bashOf, isPosixShell, stepShell } from '../../github/shell.js';
import { scriptText } from '../../github/script.js';
import { stepsOf, type ActionMetadata, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';
import { shown } from '../../github/persona.js';

/** Why a command installs packages outside a lockfile, or undefined when it does not. */
/** Local paths, archives and exactly pinned specs (`pkg@1.2.3`, `pkg==1.2.3`, a version from an expression). */
function notAdhoc(arg: string): boolean {
  return /^(\.{1,2}\/|\/|file:|git\+|https?:)/.test(arg) || arg === '.' || /@v?\d+\.\d+\.\d+|==\s*\d|\$\{\{/.test(arg);
}

export function adhocInstall(words: string[]): string | undefined {
  const [cmd, rawSub, ...rest] = words;
  const sub = rawSub ?? '';
  const args = rest.filter((w) => !w.startsWith('-') && !notAdhoc(w));
  const has = (...flags: string[]) => words.some((w) => flags.includes(w) || flags.some((f) => w.startsWith(`${f}=`)));
  switch (cmd) {
    case 'npm':
      if ((sub === 'install' || sub === 'i' || sub === 'add') && args.length) return `npm ${sub} ${args[0]} adds a package outside package-lock.json`;
      return undefined;
    case 'yarn':
    case 'pnpm':
      if (sub === 'add' || (sub === 'dlx' && args.length)) return `${cmd} ${sub} ${args[0] ?? ''}`.trim() + ' installs a package outside the lockfile';
      return undefined;
    case 'npx':
      // `npx --no-install` / `npx --offline` only runs what is installed.
      if (!has('--no-install', '--no', '--offline') && sub && !sub.startsWith('-') && !notAdhoc(sub)) return `npx ${sub} downloads ${sub} if it is not installed, at whatever version is newest`;
      return undefined;
    case 'pip':
    case 'pip3':
      if (sub === 'install' && args.length && !has('-r', '--requirement', '--require-hashes', '-e', '--editable', '-c', '--constraint') && !args.every((a) => a.startsWith('dist/') || /\.(whl|tar\.gz)$/.test(a))) return `pip install ${args[0]} installs a package without a lockfile or hashes`;
      return undefined;
    case 'gem':
      if (sub === 'install' && args.length) return `gem install ${args[0]} installs a gem outside Gemfile.lock`;
      return undefined;
    case 'cargo':
      if (sub === 'install' && args.length && !has('--locked')) return `cargo install ${args[0]} without --locked resolves fresh dependency versions`;
      return undefined;
    case 'go':
      if (sub === 'install' && args.some((a) => /@(latest|master|main)$/.test(a))) return `go install ${args.find((a) => /@/.test(a))} installs whatever is newest`;
      return undefined;
    default:
      return undefined;
  }
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'adhoc-packages',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Package installed outside a lockfile',
    severity: 'low',
    confidence: 'high',
    persona: 'pedantic',
    equivalents: { zizmor: ['adhoc-packages'] },
  },
  check(ctx) {
    // Every finding of this rule is pedantic-level: nothing to do for a caller who will not see them.
    if (!shown(ctx.settings, 'pedantic')) return;
    const wf = 'jobs' in ctx.model ? ctx.model : undefined;
    for (const step of stepsOf(ctx.model)) {
      if (!step.run) continue;
      if (!isPosixShell(stepShell(step, wf, ctx.doc).kind)) continue;
      const script = scriptText(step.run.node, ctx.text);
      if (!script || !/\b(npm|yarn|pnpm|npx|pip3?|gem|cargo|go)\b/.test(script.value)) continue;
      for (const cmd of bashOf(script, false).commands) {
        const why = adhocInstall(cmd.words.map((w) => w.value));
        if (!why) continue;
        ctx.report({ span: { start: script.map[cmd.start] ?? script.start, end: script.map[cmd.end] ?? script.end }, message: `${why}: each run may get a different (possibly compromised) version; pin it in a lockfile or to an exact version` });
      }
    }
  },
});
