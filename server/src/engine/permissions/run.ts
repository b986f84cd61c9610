// `run:` step analysis: which commands use GITHUB_TOKEN and what for. `gh` subcommands, `gh api`,
// curl/wget to the REST API, git pushes with the checkout's persisted credentials, ghcr.io pushes,
// GitHub Packages publishing and OIDC token requests. A command that receives the token in a way
// this module cannot read makes the step unknown: never silently under-privileged.
import { splitCommands, type Command } from './commands.js';
import { endpointPermission, type EndpointResult } from './rest.js';
import type { Level, PermissionScope } from './scopes.js';
import type { Need, StepResult, TokenKind } from './types.js';

/** What earlier steps of the job left behind that later commands rely on. */
export interface JobState {
  /** Credentials actions/checkout persisted in .git/config. */
  persisted: TokenKind;
  /** Credentials of a `docker login ghcr.io`. */
  ghcr: TokenKind;
  /** GitHub Packages npm registry configured (setup-node registry-url). */
  gprNpm: boolean;
  /** A `git clone` with credentials in the URL: later pushes may go there instead. */
  otherClone?: boolean;
  /** Variables later steps get through $GITHUB_ENV. */
  exportedEnv: Map<string, string>;
}

/** The step a script runs in. */
export interface RunStep {
  /** Its label (for needs and unknowns; asked for only when there is one). */
  label(): string;
  env(name: string): string | undefined;
  tokenKind(value: string): TokenKind;
  /** Names of every variable in its environment. */
  envNames?(): Iterable<string>;
}

export interface RunInput {
  /** The script as YAML resolves it. */
  script: string;
  /** The scalar's source text and where it starts in the document (for exact spans). */
  source: string;
  sourceStart: number;
  step: RunStep;
  /** The step's working-directory, if set (a push there may target another clone). */
  workingDirectory?: string;
  state: JobState;
}

const TOKEN_EXPR = /\$\{\{\s*(?:github\.token|secrets\.GITHUB_TOKEN|github\[\s*'token'\s*\])\s*\}\}/i;

/** Commands that never use GITHUB_TOKEN on their own even when it is in the environment. */
const INERT = new Set(
  `echo printf cd ls mkdir rm rmdir cp mv cat test [ [[ ]] export set unset if then else elif fi for do done while until case esac in true false exit shift local read declare typeset return
  grep egrep fgrep sed awk jq yq cut tr sort uniq head tail wc find xargs tee touch chmod chown ln pwd date sleep which command type basename dirname realpath readlink mktemp
  tar unzip zip gzip gunzip xz bzip2 7z sha256sum sha1sum sha512sum shasum md5sum base64 diff cmp patch file stat du df free uname whoami id hostname env printenv nproc ulimit time timeout
  sudo apt apt-get dpkg yum dnf apk brew choco pacman snap pip pip3 pipx python-m-pip conda mamba micromamba uv poetry pdm hatch tox nox pytest
  cargo rustup rustc rustfmt clippy-driver go gofmt node npm npx pnpm yarn bun deno tsc java javac mvn gradle ./gradlew ./mvnw sbt dotnet msbuild cmake make ninja meson gcc g++ clang clang++ ld ar strip
  ruby gem bundle bundler rake php composer perl swift xcodebuild xcrun flutter dart zig ghc cabal stack mix elixir erl rebar3 julia R Rscript
  docker podman buildah kubectl helm kind minikube terraform tofu az aws gcloud gsutil ssh scp rsync sftp ssh-keyscan ssh-add ssh-keygen openssl gpg curl wget git ccache sccache
  pre-commit ruff black isort flake8 mypy pylint eslint prettier shellcheck shfmt hadolint actionlint zizmor codespell typos valgrind gdb lcov gcovr coverage codecov
  break continue pushd popd systemctl service mount umount losetup sysctl tree less more nl fold column paste join comm split csplit expand unexpand rev tac yes seq bc expr let wait trap source . : ! { } ( ) ;; then
  hyperfine bats tput clear set-output pwsh powershell cmd Write-Host Write-Output Set-Content Get-Content New-Item Remove-Item Copy-Item Move-Item Test-Path Out-File Add-Content`.split(/\s+/),
);

/**
 * Language tools run arbitrary code for some subcommands (`uv run x.py`, `npm run release`, `python
 * script.py`): they count as inert only for the build/test/install verbs listed here.
 */
const RUNNER_SAFE = new Map<string, RegExp>(Object.entries({
  python: /^(-m\s+(pip|pytest|build|mypy|venv|unittest|coverage|tox|nox|ruff|black|isort|flake8|pylint|compileall)\b|-V|--version|-c\s)/,
  python3: /^(-m\s+(pip|pytest|build|mypy|venv|unittest|coverage|tox|nox|ruff|black|isort|flake8|pylint|compileall)\b|-V|--version|-c\s)/,
  uv: /^(sync|pip|lock|build|venv|python|tool\s+install|export|cache|self|version|tree|add|remove|run\s+(--\S+\s+)*(pytest|mypy|ruff|black|isort|flake8|pylint|coverage|tox|nox|pre-commit|maturin\s+build|python\s+-m\s+(pytest|build|mypy)))\b/,
  poetry: /^(install|lock|build|check|show|env|version|run\s+(pytest|mypy|ruff|black|isort|flake8|pylint|coverage))\b/,
  node: /^(-v|--version|-e\s|--eval\s|-p\s)/,
  npm: /^(ci|install|i|test|t|audit|ls|pack|version|config|cache|exec\s+--\s+(tsc|eslint|prettier|vitest|jest)|run\s+(\S*(build|test|lint|check|format|typecheck|compile|bundle|docs)\S*))\b/,
  pnpm: /^(install|i|test|audit|ls|pack|store|config|fetch|exec\s+(tsc|eslint|prettier|vitest|jest)|run\s+(\S*(build|test|lint|check|format|typecheck|compile|bundle|docs)\S*)|\S*(build|test|lint|check|format|typecheck|compile)\S*)\b/,
  yarn: /^(install|test|audit|cache|config|run\s+(\S*(build|test|lint|check|format|typecheck|compile)\S*)|\S*(build|test|lint|check|format|typecheck|compile)\S*)?\b/,
  npx: /^(--yes\s+)?(tsc|eslint|prettier|vitest|jest|playwright\s+install|mocha|tsx)\b/,
  cargo: /^(build|b|test|t|check|c|clippy|fmt|doc|install|fetch|update|tree|metadata|bench|nextest|hack|deny|audit|generate-lockfile|llvm-cov|miri|binstall|insta|xtask\s+(test|build|check|lint))\b/,
  go: /^(build|test|vet|mod|install|env|version|list|fmt|tool\s+(cover|vet))\b/,
  make: /^(-\S+\s+)*(all|build|test|tests|check|lint|fmt|format|install|clean|docs?|vet|deps|generate|bench|coverage|ci|-j\S*)?\s*$/,
  dotnet: /^(build|test|restore|tool|format|pack|--info|--version)\b|^publish\b(?!.*nuget)/,
  mvn: /^((-\S+\s+)*(clean|compile|test|verify|package|install|validate|spotless\S*|checkstyle\S*)\b)/,
  gradle: /^((-\S+\s+)*(build|test|check|assemble|clean|compileJava|lint\S*|spotless\S*|jar|javadoc)\b)/,
  './gradlew': /^((-\S+\s+)*(build|test|check|assemble|clean|compileJava|lint\S*|spotless\S*|jar|javadoc)\b)/,
  './mvnw': /^((-\S+\s+)*(clean|compile|test|verify|package|install|validate)\b)/,
  bun: /^(install|i|test|run\s+(\S*(build|test|lint|check|format|typecheck)\S*))\b/,
  deno: /^(test|check|lint|fmt|cache|install|task\s+(\S*(build|test|lint|check|fmt)\S*))\b/,
  ruby: /^(-v|--version)\b/,
  bundle: /^(install|exec\s+(rake\s+(test|spec)|rspec|rubocop))\b/,
  rake: /^(test|spec|build|compile)\b/,
  php: /^(-v|--version|-l)\b/,
  composer: /^(install|update|validate|dump-autoload)\b/,
  docker: /^(build|run|pull|images|ps|inspect|tag|compose|buildx\s+(create|use|inspect|ls|build)|version|info|system|volume|network|exec|logs|rm|rmi|stop|start|save|load|cp)\b/,
  git: /^/,
  curl: /^/,
  wget: /^/,
}));

/** Programs whose inertness depends on their arguments. */
const READS_ARGUMENTS = new Set([...RUNNER_SAFE].filter(([, re]) => re.source !== '^').map(([cmd]) => cmd));

/** Whether a command (`cmd`: its program without a path) runs only code FlowGuard trusts not to use GITHUB_TOKEN on its own. */
function inertCommand(cmd: string, c: Command): boolean {
  const safe = RUNNER_SAFE.get(cmd);
  if (safe) return safe.source === '^' || safe.test(c.words.slice(1).join(' '));
  return INERT.has(cmd);
}

/** Publishing commands that use trusted publishing (OIDC) when the registry is configured for it. */
const TRUSTED_PUBLISH = /^(uv|uvx\s+\S+|pdm|maturin|npm|pnpm|yarn(\s+npm)?|bun|deno|npx\s+jsr|jsr|poetry|twine|gem|cargo|hatch|flit)\s+(publish|upload)\b|^npx\s+(changeset|semantic-release|lerna|release-it|pkg-pr-new)/;
/** What TRUSTED_PUBLISH needs at the start of the first word and somewhere in the text (cheap tests before joining the words). */
const TRUSTED_PUBLISH_START = /^(uv|pdm|maturin|npm|pnpm|yarn|bun|deno|npx|jsr|poetry|twine|gem|cargo|hatch|flit)/;
const TRUSTED_PUBLISH_WORDS = /publish|upload|changeset|semantic-release|lerna|release-it|pkg-pr-new/;
/** Words `isPublish` looks for: a command without any of them in its text does not publish. */
const PUBLISH_WORDS = /publish|deploy|push|upload/;
/** Commands analysed below: their words never suggest an OIDC request. */
const HANDLED = new Set(['gh', 'git', 'curl', 'wget', 'http', 'xh', 'docker', 'podman', 'buildah', 'mkdocs', 'ghp-import']);
const IMAGE_TOOLS = new Set(['ko', 'goreleaser', 'cosign', 'crane', 'skopeo', 'oras']);
/** Variables that carry the token under their usual names, in the order messages list them. */
const TOKEN_VARIABLES = ['GITHUB_TOKEN', 'GH_TOKEN', 'NODE_AUTH_TOKEN', 'TOKEN', 'GITHUB_API_TOKEN', 'REPO_TOKEN', 'GITHUB_PAT', 'GH_PAT'];

/** `$NAME` / `${NAME` references, compiled once per variable name (bounded). */
const references = new Map<string, RegExp>();
function referenceTo(name: string): RegExp {
  let re = references.get(name);
  if (!re) {
    re = new RegExp(`\\$\\{?${name}\\b`);
    if (references.size > 2_000) references.clear();
    references.set(name, re);
  }
  return re;
}
const OIDC_WORDS = /\b(publish|release|deploy|upload|sign|attest|login|auth)\b/i;

/** Docker, podman or buildah arguments that push an image. */
function pushesImage(w: readonly string[]): boolean {
  return w[1] === 'push' || (w.includes('--push') && /build|bake/.test(w[1] + w[2])) || (w[1] === 'manifest' && w[2] === 'push') || (w[1] === 'buildx' && w[2] === 'imagetools' && w[3] === 'create');
}

/** The programs `isPublish` knows. */
const PUBLISHERS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'mvn', './mvnw', 'gradle', './gradlew', 'dotnet', 'nuget', 'cargo', 'twine', 'gem']);

/** Build/test tools: inert unless a publishing subcommand follows. */
/** Publishing commands, judged on their words (a regex over the joined line was quadratic on long lines). */
export function isPublish(w: readonly string[]): boolean {
  const [cmd, a, b] = w;
  switch (cmd) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'bun':
      return w.slice(1).includes('publish');
    case 'mvn':
    case './mvnw':
      return w.slice(1).some((x) => /(^|:)deploy$/.test(x) || x === 'deploy');
    case 'gradle':
    case './gradlew':
      return w.slice(1).some((x) => /^(:?[\w-]+:)*publish/.test(x));
    case 'dotnet':
      return a === 'nuget' && b === 'push';
    case 'nuget':
      return a === 'push';
    case 'cargo':
      return a === 'publish';
    case 'twine':
      return a === 'upload';
    case 'gem':
      return a === 'push';
    default:
      return false;
  }
}

/** What a script's commands need, added to `out` (returned). */
export function analyseRun(input: RunInput, out: StepResult = { needs: [], unknown: [] }): StepResult {
  const commands = splitCommands(input);
  if (commands.length) new RunAnalysis(input, out).analyse(commands);
  return out;
}

/** One script's analysis: its commands in order, reading the step's environment and the job's state. */
class RunAnalysis {
  private label: string | undefined;
  /**
   * The variables that hold the token (or may) as the step starts: worked out when first needed, and
   * always before a $GITHUB_ENV export changes what a variable holds.
   */
  private tokenNames: Set<string> | undefined;

  constructor(
    readonly input: RunInput,
    private readonly out: StepResult,
  ) {}

  kindOf(name: string): TokenKind {
    const v = this.input.step.env(name) ?? this.input.state.exportedEnv.get(name);
    return v === undefined ? 'none' : this.input.step.tokenKind(v);
  }

  envTokenNames(): Set<string> {
    if (this.tokenNames) return this.tokenNames;
    const names = (this.tokenNames = new Set<string>());
    for (const name of TOKEN_VARIABLES) {
      const k = this.kindOf(name);
      if (k === 'github' || k === 'maybe') names.add(name);
    }
    // Other variables count when they hold the token itself, or might and are named like a credential.
    for (const name of this.input.step.envNames?.() ?? []) {
      const k = this.kindOf(name);
      if (k === 'github' || (k === 'maybe' && /TOKEN|PAT\b|AUTH|PASSWORD|CRED/i.test(name))) names.add(name);
    }
    return names;
  }

  ghKind(): TokenKind {
    const gh = this.kindOf('GH_TOKEN');
    return gh !== 'none' ? gh : this.kindOf('GITHUB_TOKEN');
  }

  need(c: Command, scope: PermissionScope, level: Level, why: string, certain: boolean, alternatives?: PermissionScope[], possible?: boolean): void {
    const n: Need = { scope, level, by: commandLabel(c.words), why, span: c.span, step: this.stepLabel(), certain: certain && !possible };
    if (alternatives) n.alternatives = alternatives;
    if (possible) n.possible = true;
    this.out.needs.push(n);
  }

  unknown(c: Command, why: string): void {
    this.out.unknown.push({ span: c.span, step: this.stepLabel(), why });
  }

  fromEndpoint(c: Command, r: EndpointResult, certain: boolean, what: string): void {
    if (r.kind === 'need') this.need(c, r.need.scope, r.need.level, what, certain, r.need.alternatives);
    else if (r.kind === 'unknown') this.unknown(c, `${c.words.slice(0, 3).join(' ')}: ${r.why}`);
  }

  usesTokenInline(c: Command): boolean {
    if (TOKEN_EXPR.test(c.text)) return true;
    for (const n of this.envTokenNames()) if (referenceTo(n).test(c.text)) return true;
    return false;
  }

  private stepLabel(): string {
    return (this.label ??= this.input.step.label());
  }

  analyse(commands: readonly Command[]): void {
    for (const c of commands) {
      // The program decides which rules apply; all the words are read only when one does.
      const w0 = c.program;
      const cmd = w0.startsWith('./') ? w0.replace(/^\.\/(?!gradlew|mvnw)(?:.*\/)?/, '') : w0;
      let inert: boolean | undefined;
      // Trusted publishing and keyless signing read the OIDC token the runner exposes when id-token: write
      // is granted; so may any release/deploy script. Kept where granted, never added.
      if ((TRUSTED_PUBLISH_START.test(w0) && TRUSTED_PUBLISH_WORDS.test(c.text) && TRUSTED_PUBLISH.test(c.words.join(' '))) || (!HANDLED.has(cmd) && OIDC_WORDS.test(c.text) && !(inert ??= inertCommand(cmd, c)))) this.need(c, 'id-token', 'write', 'may request an OIDC token (trusted publishing, signing, cloud login)', false, undefined, true);
      // OIDC token requests: the runner only exposes these variables when id-token: write is granted.
      if (c.text.includes('ACTIONS_ID_TOKEN_REQUEST_') && /ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test(c.text)) this.need(c, 'id-token', 'write', 'to request an OIDC token', true);
      // $GITHUB_ENV exports carry the token to later steps.
      const exp = c.text.includes('GITHUB_ENV') ? /^\s*(?:echo|printf)\s+["']?([A-Za-z_][A-Za-z0-9_]*)=(.*?)["']?\s*>>\s*"?\$\{?GITHUB_ENV\}?"?/.exec(c.text) : null;
      if (exp) {
        this.envTokenNames();
        this.input.state.exportedEnv.set(exp[1], exp[2]);
        continue;
      }
      if (cmd === 'gh') {
        const kind = this.ghKind();
        if (kind === 'other' || kind === 'none') continue;
        analyseGh(c, kind === 'github', this, this.input.state);
        continue;
      }
      if (cmd === 'git' || (cmd === 'sudo' && c.words[1] === 'git')) {
        const w = c.words;
        const args = w.slice(cmd === 'sudo' ? 2 : 1).filter((x, i, a) => !(a[i - 1] === '-C' || x === '-C'));
        const sub = args.find((x) => !x.startsWith('-') && !x.includes('='));
        if (sub === 'remote' && /\b(set-url|add)\b/.test(c.text) && this.usesTokenInline(c)) {
          this.input.state.persisted = TOKEN_EXPR.test(c.text) ? 'github' : 'maybe';
          continue;
        }
        if (sub === 'clone' && /https:\/\/[^@\s/]+@/.test(c.text) && !TOKEN_EXPR.test(c.text)) this.input.state.otherClone = true;
        if (sub === 'push') {
          const inline = this.usesTokenInline(c);
          const creds: TokenKind = inline ? (TOKEN_EXPR.test(c.text) ? 'github' : 'maybe') : /https:\/\/[^@\s]+@/.test(c.text) ? 'other' : this.input.state.persisted;
          if (creds === 'github' || creds === 'maybe') {
            const tags = /--tags\b|--follow-tags\b|refs\/tags\/|\bv?\d+\.\d+/.test(c.text);
            this.need(c, 'contents', 'write', tags ? 'to push tags' : 'to push commits', creds === 'github' && (inline || (!this.input.state.otherClone && !this.input.workingDirectory)));
          }
        }
        continue;
      }
      if (cmd === 'curl' || cmd === 'wget' || cmd === 'http' || cmd === 'xh') {
        const w = c.words;
        const url = w.find((x) => /^(https?:\/\/)?(api|uploads)\.github\.com\b|\$\{?GITHUB_API_URL\}?|\$\{\{\s*github\.api_url\s*\}\}/.test(x));
        if (!url || !this.usesTokenInline(c)) continue;
        const certain = TOKEN_EXPR.test(c.text) || [...this.envTokenNames()].some((n) => this.kindOf(n) === 'github' && c.text.includes(n));
        const method = httpMethod(w, cmd);
        const path = url.replace(/^["']|["']$/g, '').replace(/^(https?:\/\/)?(api|uploads)\.github\.com/, '').replace(/^\$\{?GITHUB_API_URL\}?|^\$\{\{\s*github\.api_url\s*\}\}/, '');
        if (/^(https?:\/\/)?uploads\.github\.com/.test(url.replace(/^["']/, ''))) this.need(c, 'contents', 'write', 'to upload a release asset', certain);
        else this.fromEndpoint(c, endpointPermission(method, path.replace(/\$\{\{\s*github\.repository\s*\}\}|\$\{?GITHUB_REPOSITORY\}?/g, 'o/r')), certain, `to call ${method} ${path}`);
        continue;
      }
      if ((cmd === 'docker' || cmd === 'podman') && c.words[1] === 'login' && /\bghcr\.io\b/.test(c.text)) {
        const piped = c.pipedFrom ?? '';
        const kind: TokenKind = TOKEN_EXPR.test(c.text + piped) ? 'github' : [...this.envTokenNames()].some((n) => (c.text + piped).includes(n)) ? 'maybe' : 'other';
        this.input.state.ghcr = kind;
        if (kind !== 'other') this.need(c, 'packages', 'read', 'to log in to ghcr.io', kind === 'github');
        continue;
      }
      if ((cmd === 'docker' || cmd === 'podman' || cmd === 'buildah') && pushesImage(c.words)) {
        const w = c.words;
        if (this.input.state.ghcr === 'github' || this.input.state.ghcr === 'maybe') {
          const target = w.slice(2).join(' ');
          if (/ghcr\.io/.test(target) || /\$/.test(target) || w.includes('--push')) this.need(c, 'packages', 'write', 'to push the image to ghcr.io', this.input.state.ghcr === 'github' && /ghcr\.io/.test(target));
        }
        continue;
      }
      if (IMAGE_TOOLS.has(cmd)) {
        const w = c.words;
        if (cmd === 'cosign' && /\b(sign|attest|sign-blob|attest-blob)\b/.test(w[1] ?? '') && !w.some((x) => /^--(key|identity-token)(=|$)/.test(x))) this.need(c, 'id-token', 'write', 'for keyless signing (OIDC)', true);
        if (cmd === 'goreleaser' && (['github', 'maybe'].includes(this.kindOf('GITHUB_TOKEN')))) this.need(c, 'contents', 'write', 'to publish the release', this.kindOf('GITHUB_TOKEN') === 'github');
        if ((cmd === 'ko' || cmd === 'crane' || cmd === 'oras' || cmd === 'skopeo' || cmd === 'cosign') && (this.input.state.ghcr === 'github' || this.input.state.ghcr === 'maybe') && /\b(build|publish|push|copy|cp|sign|attest|apply|resolve)\b/.test(w[1] ?? '')) this.need(c, 'packages', 'write', 'to push to ghcr.io', false);
        continue;
      }
      if ((cmd === 'mkdocs' || cmd === 'ghp-import') && /gh-deploy|-p\b|--push/.test(c.text)) {
        if (this.input.state.persisted === 'github' || this.input.state.persisted === 'maybe') this.need(c, 'contents', 'write', 'to push the gh-pages branch', this.input.state.persisted === 'github');
        continue;
      }
      if (c.text.includes('semantic-release') && /^(npx|pnpm|yarn|bunx|semantic-release|npm)$/.test(cmd)) {
        const k = this.kindOf('GITHUB_TOKEN') !== 'none' ? this.kindOf('GITHUB_TOKEN') : this.kindOf('GH_TOKEN');
        if (k === 'github' || k === 'maybe') {
          this.need(c, 'contents', 'write', 'to tag and publish the release', k === 'github');
          this.need(c, 'issues', 'write', 'to comment on released issues', false, ['pull-requests']);
          this.need(c, 'pull-requests', 'write', 'to comment on released pull requests', false);
        }
        continue;
      }
      if (PUBLISHERS.has(w0) && PUBLISH_WORDS.test(c.text) && isPublish(c.words)) {
        const w = c.words;
        const gpr = /npm\.pkg\.github\.com|maven\.pkg\.github\.com|nuget\.pkg\.github\.com|rubygems\.pkg\.github\.com/.test(c.text) || (/^(npm|pnpm|yarn|bun)\b/.test(cmd) && this.input.state.gprNpm);
        const tokenKinds = ['NODE_AUTH_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'].map((n) => this.kindOf(n));
        const viaToken = TOKEN_EXPR.test(c.text) ? 'github' : tokenKinds.includes('github') ? 'github' : tokenKinds.includes('maybe') ? 'maybe' : 'none';
        if (/--provenance\b/.test(c.text) || /^true$/i.test(this.input.step.env('NPM_CONFIG_PROVENANCE') ?? '')) this.need(c, 'id-token', 'write', 'for npm provenance (OIDC)', true);
        if (gpr && viaToken !== 'none') this.need(c, 'packages', 'write', 'to publish to GitHub Packages', viaToken === 'github');
        else if (viaToken !== 'none' && !/^(npm|pnpm|yarn|bun|cargo|twine|gem)\b/.test(cmd)) this.unknown(c, `${w.slice(0, 2).join(' ')} publishes with GITHUB_TOKEN in its environment to a registry FlowGuard cannot identify`);
        continue;
      }
      // Any other command that gets the token explicitly, or a program FlowGuard does not know running
      // with the token in its environment, could do anything the token allows.
      if (TOKEN_EXPR.test(c.text)) {
        if ((inert ??= inertCommand(cmd, c)) && cmd !== 'curl' && cmd !== 'wget') continue;
        this.unknown(c, `\`${c.words.slice(0, 2).join(' ')}\` receives GITHUB_TOKEN and FlowGuard cannot tell what it does with it`);
        continue;
      }
      // After a `docker login ghcr.io` with the token, an opaque program may push images.
      if ((this.input.state.ghcr === 'github' || this.input.state.ghcr === 'maybe') && cmd !== '' && !(inert ??= inertCommand(cmd, c))) this.need(c, 'packages', 'write', 'may push images with the ghcr.io login', false, undefined, true);
      // (Whichever test is cheaper first: reading the arguments, or working out the token variables.)
      if (cmd !== '' && (READS_ARGUMENTS.has(cmd) ? this.envTokenNames().size && !(inert ??= inertCommand(cmd, c)) : !(inert ??= inertCommand(cmd, c)) && this.envTokenNames().size)) {
        const names = [...this.envTokenNames()].join(', ');
        this.unknown(c, `\`${c.words.slice(0, 2).join(' ')}\` runs with GITHUB_TOKEN in its environment (${names}) and FlowGuard cannot tell what it does with it`);
      }
    }
  }
}

function commandLabel(w: string[]): string {
  if (w[0] === 'gh') return w[1] === 'api' ? 'gh api' : w.slice(0, 3).join(' ');
  if (/^(git|docker|podman|npm|pnpm|yarn|bun|mvn|gradle|dotnet|cosign|ko|cargo)$/.test(w[0] ?? '')) return w.slice(0, 2).join(' ');
  return w[0] ?? 'run';
}

function httpMethod(w: string[], cmd: string): string {
  for (let i = 0; i < w.length; i++) {
    const x = w[i];
    if (x === '-X' || x === '--request') return (w[i + 1] ?? 'GET').replace(/["']/g, '').toUpperCase();
    const m = /^(?:-X|--request=|--method=)(\w+)$/.exec(x);
    if (m) return m[1].toUpperCase();
  }
  if (cmd === 'wget') return w.some((x) => x.startsWith('--post-')) ? 'POST' : 'GET';
  if (w.some((x) => x === '-T' || x === '--upload-file')) return 'PUT';
  if (w.some((x) => /^(-d|--data(-raw|-binary|-urlencode)?|-F|--form|--json)(=|$)/.test(x) || /^-d./.test(x))) return 'POST';
  return 'GET';
}

const GH_TABLE: Record<string, Record<string, [PermissionScope, Level, string][] | null>> = {
  release: {
    create: [['contents', 'write', 'to create the release']], edit: [['contents', 'write', 'to edit the release']], delete: [['contents', 'write', 'to delete the release']],
    upload: [['contents', 'write', 'to upload release assets']], 'delete-asset': [['contents', 'write', 'to delete a release asset']],
    view: [['contents', 'read', 'to read the release']], list: [['contents', 'read', 'to list releases']], download: [['contents', 'read', 'to download release assets']], verify: [['contents', 'read', 'to verify the release']], 'verify-asset': [['contents', 'read', 'to verify a release asset']],
  },
  pr: {
    create: [['pull-requests', 'write', 'to open the pull request']], comment: [['pull-requests', 'write', 'to comment on the pull request']], edit: [['pull-requests', 'write', 'to edit the pull request']],
    close: [['pull-requests', 'write', 'to close the pull request']], reopen: [['pull-requests', 'write', 'to reopen the pull request']], review: [['pull-requests', 'write', 'to review the pull request']],
    ready: [['pull-requests', 'write', 'to mark the pull request ready']], lock: [['pull-requests', 'write', 'to lock the pull request']], unlock: [['pull-requests', 'write', 'to unlock the pull request']],
    merge: [['contents', 'write', 'to merge the pull request'], ['pull-requests', 'write', 'to merge the pull request']], 'update-branch': [['contents', 'write', 'to update the pull request branch']],
    view: [['pull-requests', 'read', 'to read the pull request']], list: [['pull-requests', 'read', 'to list pull requests']], diff: [['pull-requests', 'read', 'to read the pull request diff']],
    checks: [['checks', 'read', 'to read the pull request checks'], ['pull-requests', 'read', 'to read the pull request']], status: [['pull-requests', 'read', 'to read pull request status']],
    checkout: [['pull-requests', 'read', 'to read the pull request'], ['contents', 'read', 'to fetch the pull request branch']],
  },
  issue: {
    create: [['issues', 'write', 'to open the issue']], comment: [['issues', 'write', 'to comment on the issue']], edit: [['issues', 'write', 'to edit the issue']], close: [['issues', 'write', 'to close the issue']],
    reopen: [['issues', 'write', 'to reopen the issue']], delete: [['issues', 'write', 'to delete the issue']], lock: [['issues', 'write', 'to lock the issue']], unlock: [['issues', 'write', 'to unlock the issue']],
    pin: [['issues', 'write', 'to pin the issue']], unpin: [['issues', 'write', 'to unpin the issue']], transfer: null, develop: [['issues', 'write', 'to link a branch'], ['contents', 'write', 'to create the branch']],
    view: [['issues', 'read', 'to read the issue']], list: [['issues', 'read', 'to list issues']], status: [['issues', 'read', 'to read issue status']],
  },
  label: { create: [['issues', 'write', 'to create labels']], edit: [['issues', 'write', 'to edit labels']], delete: [['issues', 'write', 'to delete labels']], clone: [['issues', 'write', 'to create labels']], list: [['issues', 'read', 'to list labels']] },
  run: {
    list: [['actions', 'read', 'to list workflow runs']], view: [['actions', 'read', 'to read the workflow run']], watch: [['actions', 'read', 'to watch the workflow run']], download: [['actions', 'read', 'to download artifacts']],
    cancel: [['actions', 'write', 'to cancel the workflow run']], rerun: [['actions', 'write', 'to re-run the workflow']], delete: [['actions', 'write', 'to delete the workflow run']],
  },
  workflow: { run: [['actions', 'write', 'to dispatch the workflow']], enable: [['actions', 'write', 'to enable the workflow']], disable: [['actions', 'write', 'to disable the workflow']], list: [['actions', 'read', 'to list workflows']], view: [['actions', 'read', 'to read the workflow']] },
  cache: { list: [['actions', 'read', 'to list caches']], delete: [['actions', 'write', 'to delete caches']] },
  repo: { view: [['contents', 'read', 'to read the repository']], clone: [['contents', 'read', 'to clone the repository']], 'set-default': [], sync: [['contents', 'write', 'to sync the branch']] },
  attestation: { verify: [['attestations', 'read', 'to fetch attestations']], download: [['attestations', 'read', 'to fetch attestations']] },
  auth: { status: [], token: [], 'setup-git': [], login: [] },
  search: { issues: [], prs: [], repos: [], code: [], commits: [] },
  variable: { list: [['actions', 'read', 'to read variables']], get: [['actions', 'read', 'to read variables']] },
  browse: {}, extension: {}, config: {},
};

function analyseGh(c: Command, certain: boolean, run: RunAnalysis, state: JobState): void {
  const w = c.words.filter((x, i, a) => !(x === '-R' || x === '--repo' || a[i - 1] === '-R' || a[i - 1] === '--repo'));
  const group = w[1];
  if (group === 'api') return ghApi(c, certain, run);
  if (group === 'auth' && w[2] === 'setup-git') {
    state.persisted = certain ? 'github' : 'maybe';
    return;
  }
  if (group === 'config' || group === 'browse' || group === 'help' || group === '--version' || group === 'version' || group === 'extension' && w[2] === 'list') return;
  const sub = GH_TABLE[group ?? '']?.[w[2] ?? ''];
  if (group === 'pr' && w[2] === 'edit' && /--(add|remove)-label\b/.test(c.text)) run.need(c, 'issues', 'write', 'to change labels', false, ['pull-requests']);
  if (sub === undefined || sub === null) {
    run.unknown(c, `\`gh ${[group, w[2]].filter(Boolean).join(' ')}\` is not in FlowGuard's gh table${sub === null ? ' (GITHUB_TOKEN cannot do it)' : ''}`);
    return;
  }
  for (const [scope, level, why] of sub) run.need(c, scope, level, why, certain, scope === 'issues' && /comment|edit/.test(w[2]) ? ['pull-requests'] : undefined);
}

function ghApi(c: Command, certain: boolean, run: RunAnalysis): void {
  const args = c.words.slice(2);
  let method: string | undefined;
  let path: string | undefined;
  let hasFields = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-X' || a === '--method') method = args[++i];
    else if (/^(-X|--method=)\w+$/.test(a)) method = a.replace(/^(-X|--method=)/, '');
    else if (/^(-f|-F|--field|--raw-field|--input)$/.test(a)) {
      hasFields = true;
      i++;
    } else if (/^(-f|-F|--field=|--raw-field=|--input=)./.test(a)) hasFields = true;
    else if (/^(-H|--header|-q|--jq|-t|--template|--hostname|--cache|-p|--preview)$/.test(a)) i++;
    else if (a.startsWith('-')) continue;
    else if (path === undefined) path = a;
  }
  if (!path) return run.unknown(c, '`gh api` without a literal endpoint');
  path = path.replace(/^["']|["']$/g, '');
  const m = (method ?? (hasFields ? 'POST' : 'GET')).replace(/["']/g, '').toUpperCase();
  if (/^\/?graphql$/.test(path)) {
    if (/\bmutation\b/.test(c.text)) return run.unknown(c, '`gh api graphql` mutation: FlowGuard does not map GraphQL mutations to scopes');
    return run.unknown(c, '`gh api graphql` query: FlowGuard does not map GraphQL queries to scopes');
  }
  const normalised = path.replace(/\{owner\}\/\{repo\}|\$\{\{\s*github\.repository\s*\}\}|\$\{?GITHUB_REPOSITORY\}?|\$\{?(?:REPO|REPOSITORY)\}?/g, 'o/r');
  run.fromEndpoint(c, endpointPermission(m, normalised.startsWith('/') ? normalised : '/' + normalised), certain, `to call ${m} ${path}`);
}
