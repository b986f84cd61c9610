import { bashOf, stepShell, isPosixShell } from '../../github/shell.js';
import { scriptText } from '../../github/script.js';
import { stepsOf, withValue, type ActionMetadata, type Step, type Workflow } from '../../model/github.js';
import { keyString, pairs, scalarString } from '../../yaml/nodes.js';
import type { YamlDocument } from '../../yaml/parse.js';
import { defineRule } from '../rule.js';

interface Registry {
  name: string;
  /** Environment variables that carry a long-lived publishing token. */
  env: string[];
  /** Command line flags that carry one. */
  flags: string[];
  docs: string;
}

const REGISTRIES: Record<string, Registry> = {
  pypi: { name: 'PyPI', env: ['TWINE_PASSWORD', 'UV_PUBLISH_TOKEN', 'UV_PUBLISH_PASSWORD', 'POETRY_PYPI_TOKEN_PYPI', 'HATCH_INDEX_AUTH', 'FLIT_PASSWORD', 'PDM_PUBLISH_PASSWORD'], flags: ['--password', '-p', '--token'], docs: 'https://docs.pypi.org/trusted-publishers/' },
  npm: { name: 'npm', env: ['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_CONFIG_TOKEN'], flags: [], docs: 'https://docs.npmjs.com/trusted-publishers' },
  crates: { name: 'crates.io', env: ['CARGO_REGISTRY_TOKEN'], flags: ['--token'], docs: 'https://crates.io/docs/trusted-publishing' },
  rubygems: { name: 'RubyGems', env: ['GEM_HOST_API_KEY'], flags: ['--key'], docs: 'https://guides.rubygems.org/trusted-publishing/' },
  nuget: { name: 'NuGet', env: [], flags: ['--api-key', '-k', '-ApiKey'], docs: 'https://learn.microsoft.com/nuget/nuget-org/trusted-publishing' },
};

/** Which registry a command publishes to, if it is a publish command we know. */
function publishTarget(words: string[]): keyof typeof REGISTRIES | undefined {
  const [cmd, sub, sub2] = words;
  if (!cmd) return undefined;
  if (cmd === 'twine' && sub === 'upload') return 'pypi';
  if ((cmd === 'uv' || cmd === 'poetry' || cmd === 'pdm' || cmd === 'flit') && sub === 'publish') return 'pypi';
  if (cmd === 'hatch' && sub === 'publish') return 'pypi';
  if ((cmd === 'npm' || cmd === 'pnpm' || cmd === 'yarn') && (sub === 'publish' || (sub === 'npm' && sub2 === 'publish'))) return 'npm';
  if (cmd === 'cargo' && sub === 'publish') return 'crates';
  if (cmd === 'gem' && sub === 'push') return 'rubygems';
  if ((cmd === 'dotnet' && sub === 'nuget' && sub2 === 'push') || (cmd === 'nuget' && sub === 'push')) return 'nuget';
  return undefined;
}

/**
 * `publish`, `upload` or `push` with any quotes, backslashes, `$` or line breaks between the letters: a
 * lexed word can only have one of these values if the source has this (quote removal, `\`, `$'...'`).
 */
const PUBLISH_WORD = new RegExp(['publish', 'upload', 'push'].map((w) => w.split('').join(`[\\\\'"$\\r\\n]*`)).join('|'));

/** False when no command of the script can be a publish command: most scripts are then never lexed. */
function mayPublish(script: string): boolean {
  return PUBLISH_WORD.test(script);
}

/** Env names (step, then job, then workflow) whose value comes from `secrets.*`. */
function secretEnv(step: Step, wf: Workflow | undefined, doc: YamlDocument): Map<string, string> {
  const out = new Map<string, string>();
  for (const env of [wf?.env, step.job?.env, step.env]) {
    for (const p of pairs(env, doc)) {
      const k = keyString(p, doc);
      const v = scalarString(p.value, doc);
      // GITHUB_TOKEN only authenticates to GitHub's own registries, which have no trusted publishing.
      if (k && v && /\$\{\{\s*secrets\./.test(v) && !/secrets\.GITHUB_TOKEN\b/i.test(v)) out.set(k, v);
    }
  }
  return out;
}

const NPM_REGISTRY = /registry\.npmjs\.org|^$/;

/** The registry the last actions/setup-node before `step` configured: 'npmjs' unless it named another. */
function npmRegistryOf(step: Step, doc: YamlDocument): 'npmjs' | 'other' {
  const steps = step.job?.steps ?? [];
  for (let i = steps.indexOf(step) - 1; i >= 0; i--) {
    if (steps[i].uses?.ref.slug !== 'actions/setup-node') continue;
    const url = withValue(steps[i], 'registry-url', doc)?.value;
    return !url || NPM_REGISTRY.test(url) ? 'npmjs' : 'other';
  }
  return 'npmjs';
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'use-trusted-publishing',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Publishing with a long-lived token where trusted publishing exists',
    severity: 'info',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['use-trusted-publishing'] },
  },
  check(ctx) {
    const wf = 'jobs' in ctx.model ? ctx.model : undefined;
    const { doc } = ctx;
    for (const step of stepsOf(ctx.model)) {
      // pypa/gh-action-pypi-publish with an API token.
      if (step.uses?.ref.slug === 'pypa/gh-action-pypi-publish') {
        const pw = withValue(step, 'password', doc);
        if (pw && /secrets\./.test(pw.value)) {
          ctx.report({ span: pw.span, message: `PyPI supports trusted publishing: drop 'password' and grant the job \`id-token: write\` (${REGISTRIES.pypi.docs})` });
        }
        continue;
      }
      if (!step.run) continue;
      const shell = stepShell(step, wf, doc);
      if (!isPosixShell(shell.kind) && shell.kind !== 'pwsh') continue;
      const script = scriptText(step.run.node, ctx.text);
      if (!script || !mayPublish(script.value)) continue;
      const env = secretEnv(step, wf, doc);
      const parsed = bashOf(script, false);
      for (const cmd of parsed.commands) {
        const words = cmd.words.map((w) => w.value);
        const target = publishTarget(words);
        if (!target) continue;
        const reg = REGISTRIES[target];
        // npm publishing to GitHub Packages or another registry has no trusted publishing.
        if (target === 'npm') {
          const registryArg = words.find((w) => w.startsWith('--registry'));
          if (registryArg && !NPM_REGISTRY.test(registryArg.replace(/^--registry=?/, ''))) continue;
          if (!registryArg && npmRegistryOf(step, doc) !== 'npmjs') continue;
        }
        const viaEnv = reg.env.find((e) => env.has(e));
        const viaFlag = words.some((w, i) => reg.flags.some((f) => w === f || w.startsWith(`${f}=`)) && (words[i + 1] ?? w).includes('$'));
        if (!viaEnv && !viaFlag) continue;
        const span = { start: script.map[cmd.start] ?? script.start, end: script.map[cmd.end] ?? script.end };
        ctx.report({
          span,
          message: `${reg.name} supports trusted publishing (OIDC): publish without the long-lived token ${viaEnv ? `in ${viaEnv}` : 'passed on the command line'} by granting the job \`id-token: write\` and registering this workflow with ${reg.name} (${reg.docs})`,
        });
      }
    }
  },
});
