// What runs code from the workspace: build tools, package managers, test runners, local scripts and
// actions that build or install. Shared by the rules that care about untrusted code in the checkout
// (untrusted-checkout) and about what a job does after a checkout (artipacked, cache-poisoning).
import type { Step } from '../model/github.js';
import type { YamlDocument } from '../yaml/parse.js';
import { getString } from '../yaml/nodes.js';
import { bashOf, commandName, type ShellCommand } from './shell.js';
import { scriptText } from './script.js';

/** Commands that execute code from the working directory (configs, build scripts, install hooks, tests). */
const BUILD_TOOLS = new Set([
  'npm', 'npx', 'yarn', 'pnpm', 'pnpx', 'bun', 'bunx', 'corepack', 'lerna', 'nx', 'turbo', 'node', 'deno', 'tsx', 'ts-node',
  'jest', 'mocha', 'vitest', 'playwright', 'cypress', 'eslint', 'prettier', 'webpack', 'vite', 'rollup', 'tsc', 'grunt', 'gulp',
  'make', 'gmake', 'cmake', 'ninja', 'meson', 'scons', 'bazel', 'bazelisk', 'buck', 'buck2', 'pants', 'just', 'task', 'invoke', 'ctest', 'conan',
  'gradle', 'gradlew', 'mvn', 'mvnw', 'ant', 'sbt', 'lein', 'clojure',
  'pip', 'pip3', 'pipx', 'python', 'python3', 'py', 'pytest', 'tox', 'nox', 'poetry', 'pipenv', 'uv', 'uvx', 'hatch', 'pdm', 'maturin', 'sphinx-build', 'mkdocs',
  'cargo', 'cross', 'rustc', 'go', 'goreleaser', 'mage',
  'bundle', 'bundler', 'rake', 'gem', 'ruby', 'jekyll', 'rspec', 'composer', 'php', 'phpunit', 'perl', 'cpanm',
  'dotnet', 'msbuild', 'nuget', 'swift', 'xcodebuild', 'pod', 'fastlane', 'flutter', 'dart',
  'docker', 'docker-compose', 'podman', 'buildah', 'terraform', 'tofu', 'terragrunt', 'pre-commit', 'tflint',
  'mix', 'rebar3', 'stack', 'cabal', 'zig', 'julia', 'rscript', 'r', 'hugo', 'elixir',
  'bash', 'sh', 'zsh', 'pwsh', 'powershell', 'source', '.',
]);

/** Sub-commands of some tools that only read metadata and run nothing from the checkout. */
const HARMLESS: Record<string, RegExp> = {
  npm: /^(view|info|show|config|whoami|ping|search|--version|-v|dist-tag|owner|access|pkg\s+get)$/,
  yarn: /^(--version|-v|info|config|npm\s+info)$/,
  pnpm: /^(--version|-v|view|info|config)$/,
  go: /^(version|env|list|mod\s+download|--version)$/,
  cargo: /^(--version|-V|metadata|search|tree|fetch)$/,
  docker: /^(login|logout|pull|push|tag|images|ps|inspect|version|info|manifest|image\s+ls|rm|rmi)$/,
  pip: /^(--version|download|show|list|freeze|config)$/,
  pip3: /^(--version|download|show|list|freeze|config)$/,
  gem: /^(--version|list|query|search|push|env|sources)$/,
  dotnet: /^(--version|--info|--list-sdks|nuget\s+push)$/,
  terraform: /^(version|fmt|-version|validate)$/,
  bash: /^-c$/,
  sh: /^-c$/,
  zsh: /^-c$/,
  pwsh: /^(-c|-command|-Command)$/,
  powershell: /^(-c|-command|-Command)$/,
  python: /^(-c|--version|-V|-m\s+(json\.tool|http\.server|venv))$/,
  python3: /^(-c|--version|-V|-m\s+(json\.tool|http\.server|venv))$/,
  node: /^(-e|--eval|-p|--print|--version|-v)$/,
};

/** Actions that build, install or run code from the workspace. */
const EXECUTING_ACTIONS: { action: RegExp; when?: (step: Step, doc: YamlDocument) => boolean; what: string }[] = [
  { action: /^pre-commit\/action$/, what: 'runs pre-commit hooks from the checkout' },
  { action: /^oxsecurity\/megalinter/, what: 'runs linters configured by the checkout' },
  { action: /^github\/codeql-action\/autobuild$/, what: 'builds the checkout' },
  { action: /^docker\/build-push-action$/, what: 'builds the Dockerfile from the checkout' },
  { action: /^docker\/bake-action$/, what: 'builds the bake file from the checkout' },
  { action: /^goreleaser\/goreleaser-action$/, what: 'builds the checkout' },
  { action: /^cypress-io\/github-action$/, what: 'installs and runs the checkout' },
  { action: /^gradle\/gradle-build-action$/, what: 'runs Gradle from the checkout' },
  { action: /^bahmutov\/npm-install$/, what: 'runs npm install (install scripts)' },
  { action: /^borales\/actions-yarn$/, what: 'runs yarn' },
  { action: /^pnpm\/action-setup$/, when: (s, d) => !!getString(s.with, 'run_install', d) && getString(s.with, 'run_install', d) !== 'false', what: 'runs pnpm install' },
  { action: /^ruby\/setup-ruby$/, when: (s, d) => getString(s.with, 'bundler-cache', d) === 'true', what: 'runs bundle install' },
  { action: /^coverallsapp\/github-action$/, what: 'reads coverage from the checkout' },
  { action: /^super-linter\/super-linter/, what: 'runs linters configured by the checkout' },
  { action: /^github\/super-linter/, what: 'runs linters configured by the checkout' },
  { action: /^jetbrains\/qodana-action$/, what: 'analyses and builds the checkout' },
  { action: /^sonarsource\/sonarcloud-github-action$/, what: 'runs a scanner configured by the checkout' },
  { action: /^sonarsource\/sonarqube-scan-action$/, what: 'runs a scanner configured by the checkout' },
  { action: /^chromaui\/action$/, what: 'builds the checkout' },
  { action: /^changesets\/action$/, what: 'runs package scripts from the checkout' },
  { action: /^amondnet\/vercel-action$/, what: 'builds and deploys the checkout' },
  { action: /^cloudflare\/wrangler-action$/, what: 'builds and deploys the checkout' },
  { action: /^actions\/jekyll-build-pages$/, what: 'builds the site from the checkout' },
];

export interface Execution {
  step: Step;
  /** Offsets in the document of what runs (the command, or the `uses:`). */
  span: { start: number; end: number };
  what: string;
}

/** Why a step runs code from the workspace, or undefined. `after` limits `run:` commands to those after an offset. */
export function stepExecutes(step: Step, doc: YamlDocument, text: string, after?: number): Execution | undefined {
  const u = step.uses;
  if (u) {
    if (u.ref.kind === 'local') return { step, span: u.span, what: `runs the local action ${u.value} from the checkout` };
    const slug = u.ref.slug ?? '';
    for (const a of EXECUTING_ACTIONS) if (a.action.test(slug) && (!a.when || a.when(step, doc))) return { step, span: u.span, what: `${u.ref.owner}/${u.ref.repo}${u.ref.path ? '/' + u.ref.path : ''} ${a.what}` };
    return undefined;
  }
  if (!step.run) return undefined;
  const script = scriptText(step.run.node, text);
  if (!script) return undefined;
  const parsed = bashOf(script, true);
  for (const cmd of parsed.commands) {
    const start = script.map[cmd.start];
    if (after !== undefined && start < after) continue;
    const why = commandExecutes(cmd);
    if (why) return { step, span: { start, end: script.map[cmd.end] ?? script.end }, what: why };
  }
  return undefined;
}

/** Whether one shell command runs code from the working directory. */
export function commandExecutes(cmd: ShellCommand): string | undefined {
  const n = commandName(cmd);
  if (!n) return undefined;
  const word = cmd.words[n.index].value;
  const rest = cmd.words.slice(n.index + 1).map((w) => w.value);
  // `./build.sh`, `scripts/test`, `../x`: a program from the checkout.
  if (/^\.{1,2}\//.test(word) || (/^[\w.-]+\/[\w./-]+$/.test(word) && !word.startsWith('/'))) return `runs ${word} from the checkout`;
  const name = word.toLowerCase();
  if (!BUILD_TOOLS.has(name)) return undefined;
  const sub = rest.filter((w) => !/^-/.test(w) || /^-(c|e|m|p)$/.test(w)).slice(0, 2).join(' ');
  const first = rest[0] ?? '';
  const harmless = HARMLESS[name];
  if (rest.length === 0 && ['bash', 'sh', 'zsh', 'pwsh', 'powershell', 'python', 'python3', 'node', 'source', '.', 'ruby', 'perl'].includes(name)) return undefined;
  if (harmless && (harmless.test(first) || harmless.test(sub))) return undefined;
  if (rest.some((w) => w === '--version' || w === '-V') && rest.length === 1) return undefined;
  if ((name === 'docker' || name === 'podman') && !/^(build|buildx|compose|run)$/.test(first)) return undefined;
  if (['bash', 'sh', 'zsh', 'source', '.', 'pwsh', 'powershell'].includes(name) && rest.every((w) => w.startsWith('-') || w.startsWith('/'))) return undefined;
  return `runs \`${[word, ...rest.slice(0, 2)].join(' ')}\``;
}

/** Caching actions, and whether a step with them saves a cache (what poisoning needs). */
const CACHING_ACTIONS: { action: RegExp; enabled: (step: Step, doc: YamlDocument) => boolean; input?: string }[] = [
  { action: /^actions\/cache(\/save)?$/, enabled: () => true },
  { action: /^actions\/setup-node$/, enabled: (s, d) => !!getString(s.with, 'cache', d), input: 'cache' },
  { action: /^actions\/setup-python$/, enabled: (s, d) => !!getString(s.with, 'cache', d), input: 'cache' },
  { action: /^actions\/setup-java$/, enabled: (s, d) => !!getString(s.with, 'cache', d), input: 'cache' },
  { action: /^actions\/setup-dotnet$/, enabled: (s, d) => getString(s.with, 'cache', d) === 'true', input: 'cache' },
  // setup-go caches by default since v4.
  { action: /^actions\/setup-go$/, enabled: (s, d) => getString(s.with, 'cache', d) !== 'false', input: 'cache' },
  { action: /^ruby\/setup-ruby$/, enabled: (s, d) => getString(s.with, 'bundler-cache', d) === 'true', input: 'bundler-cache' },
  { action: /^astral-sh\/setup-uv$/, enabled: (s, d) => getString(s.with, 'enable-cache', d) === 'true', input: 'enable-cache' },
  { action: /^swatinem\/rust-cache$/, enabled: (s, d) => getString(s.with, 'lookup-only', d) !== 'true' },
  { action: /^mozilla-actions\/sccache-action$/, enabled: () => true },
  { action: /^hendrikmuhs\/ccache-action$/, enabled: () => true },
  { action: /^gradle\/actions\/setup-gradle$/, enabled: (s, d) => getString(s.with, 'cache-disabled', d) !== 'true' && getString(s.with, 'cache-read-only', d) !== 'true', input: 'cache-disabled' },
  { action: /^gradle\/gradle-build-action$/, enabled: (s, d) => getString(s.with, 'cache-disabled', d) !== 'true' && getString(s.with, 'cache-read-only', d) !== 'true', input: 'cache-disabled' },
  { action: /^pnpm\/action-setup$/, enabled: (s, d) => getString(s.with, 'cache', d) === 'true', input: 'cache' },
  { action: /^oven-sh\/setup-bun$/, enabled: (s, d) => getString(s.with, 'no-cache', d) === 'false', input: 'no-cache' },
  { action: /^denoland\/setup-deno$/, enabled: (s, d) => getString(s.with, 'cache', d) === 'true', input: 'cache' },
  { action: /^jdx\/mise-action$/, enabled: (s, d) => getString(s.with, 'cache', d) !== 'false', input: 'cache' },
  { action: /^cachix\/cachix-action$/, enabled: () => true },
  { action: /^docker\/build-push-action$/, enabled: (s, d) => /type=gha/.test(getString(s.with, 'cache-to', d) ?? ''), input: 'cache-to' },
];

/** A step that saves a cache, with the input that turns it on (when there is one). */
export function stepCaches(step: Step, doc: YamlDocument): { action: string; input?: string } | undefined {
  const slug = step.uses?.ref.slug;
  if (!slug) return undefined;
  for (const c of CACHING_ACTIONS) if (c.action.test(slug) && c.enabled(step, doc)) return { action: slug, input: c.input };
  return undefined;
}
