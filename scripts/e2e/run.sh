#!/usr/bin/env bash
# `npm run test:e2e`: FlowGuard in a real VS Code workbench (code-server), offline.
#  1. setup.sh: Debian chromium, Node 24, code-server, vsce + playwright-core (cached in $FLOWGUARD_E2E_CACHE)
#  2. build the bundles and the VSIX (npm run package), compile the in-editor suites (test/vscode and
#     test/vscode-restricted -> out/test/...)
#  3. the mocha suite inside the workbench, extension loaded from this folder (smoke-test driver), trusted workspace
#  4. the Restricted Mode suite: workspace trust on, the folder left untrusted (test/vscode-restricted)
#  5. the VSIX installed into a fresh code-server profile, driven with chromium: squiggle, Problems panel, hover,
#     screenshots in test-results/e2e/
# Env: FLOWGUARD_E2E_CACHE (default ~/.cache/flowguard-e2e), FLOWGUARD_E2E_GREP=<mocha grep> (both suites),
#      FLOWGUARD_E2E_SKIP_SUITE=1, FLOWGUARD_E2E_SKIP_RESTRICTED=1, FLOWGUARD_E2E_SKIP_UI=1 (skip step 3, 4 or 5),
#      FLOWGUARD_E2E_KEEP_RUNS (profiles kept in $CACHE/runs, default 3).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"; HERE="$ROOT/scripts/e2e"
export FLOWGUARD_E2E_CACHE="${FLOWGUARD_E2E_CACHE:-${HOME:-/root}/.cache/flowguard-e2e}"; S="$FLOWGUARD_E2E_CACHE"
OUT="$ROOT/test-results/e2e"; rm -rf "$OUT"; mkdir -p "$OUT"
now() { date +%s%N; }
secs() { local d=$(( ($2 - $1) / 1000000 )); printf '%d.%03ds' $((d / 1000)) $((d % 1000)); }
T0=$(now)

echo "[e2e] 1/5 harness setup (cached in $S)"
bash "$HERE/setup.sh"
NODE24="$S/node24/node_modules/node/bin"
CS="$S/cs/node_modules/.bin/code-server"

echo "[e2e] 2/5 build: bundles, VSIX, in-editor suites"
cd "$ROOT"
npm run --silent package
VSIX="$ROOT/flowguard.vsix"
echo "[e2e] VSIX: $(du -h "$VSIX" | cut -f1) ($(stat -c %s "$VSIX") bytes)"
node "$HERE/build-tests.mjs"

# Fresh profiles under $S/runs; keep only the newest few.
mkdir -p "$S/runs"
ls -1dt "$S"/runs/*/ 2>/dev/null | tail -n +"$(( ${FLOWGUARD_E2E_KEEP_RUNS:-3} + 1 ))" | xargs -r rm -rf
RUN="$(mktemp -d "$S/runs/run-XXXXXX")"
export PATH="$NODE24:$PATH"
# No extension gallery: stops the (failing) open-vsx.org lookups.
export EXTENSIONS_GALLERY='{"serviceUrl":""}'
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -- -"$p" 2>/dev/null || true; done; }
trap cleanup EXIT
# prepare_profile <profile dir>: user settings of a trusted run (scripts/e2e/settings.json: workspace trust off).
# start_server <profile dir> <port> [extra args...]: code-server in its own process group (setsid), so the whole
# group (extension host, language server) can be stopped; waits for /healthz. Trusted runs pass
# --disable-workspace-trust.
prepare_profile() {
  mkdir -p "$1/data/User" "$1/ext"
  cp "$HERE/settings.json" "$1/data/User/settings.json"
}
start_server() {
  local dir="$1" port="$2"; shift 2
  printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$dir/config.yaml"
  setsid "$CS" --config "$dir/config.yaml" --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry \
    --disable-update-check --disable-getting-started-override \
    --user-data-dir "$dir/data" --extensions-dir "$dir/ext" "$@" > "$dir/code-server.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 120); do
    node -e "fetch('http://127.0.0.1:$port/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && return 0
    sleep 0.25
  done
  echo "[e2e] code-server did not start on port $port; log: $dir/code-server.log" >&2; tail -20 "$dir/code-server.log" >&2; return 1
}

suite_rc=0
if [ "${FLOWGUARD_E2E_SKIP_SUITE:-}" != 1 ]; then
  echo "[e2e] 3/5 in-editor mocha suite (test/vscode) in code-server $("$NODE24/node" -p "require('$S/cs/node_modules/code-server/package.json').version")"
  cp -r "$ROOT/test/vscode/workspace" "$RUN/ws-suite"
  # A stand-in with Red Hat YAML's extension id (no code), so the suite checks that FlowGuard hides the diagnostics
  # that extension also reports (flowguard.hideOverlappingDiagnostics: auto).
  prepare_profile "$RUN/suite"
  (cd "$ROOT/test/vscode/fake-redhat-yaml" && "$ROOT/node_modules/.bin/vsce" package --skip-license --allow-missing-repository -o "$RUN/redhat-yaml-stand-in.vsix" < /dev/null > /dev/null)
  printf 'auth: none\ncert: false\n' > "$RUN/suite/install.yaml"
  "$CS" --config "$RUN/suite/install.yaml" --user-data-dir "$RUN/suite/data" --extensions-dir "$RUN/suite/ext" --install-extension "$RUN/redhat-yaml-stand-in.vsix" > /dev/null
  export FLOWGUARD_E2E_REDHAT_STANDIN=1
  PORT=$(free_port)
  start_server "$RUN/suite" "$PORT" --disable-workspace-trust --vscode-option enable-smoke-test-driver
  T1=$(now)
  node "$HERE/run-suite.mjs" "http://127.0.0.1:$PORT" "$ROOT" "$ROOT/out/test/vscode/index.js" "$RUN/ws-suite" "$OUT" | tee "$OUT/suite.log" || suite_rc=$?   # pipefail: node's exit code
  echo "[e2e] suite: $(secs "$T1" "$(now)")"
  kill -- -"${PIDS[-1]}" 2>/dev/null || true
  unset FLOWGUARD_E2E_REDHAT_STANDIN
fi

restricted_rc=0
if [ "${FLOWGUARD_E2E_SKIP_RESTRICTED:-}" != 1 ]; then
  echo "[e2e] 4/5 Restricted Mode suite (test/vscode-restricted): workspace trust on, folder untrusted, online settings on"
  # No --disable-workspace-trust here; the settings keep trust on and never prompt, so the folder stays untrusted.
  # The suite's fake GitHub API / Kestra instance listens on FLOWGUARD_E2E_FAKE_PORT and must receive nothing.
  mkdir -p "$RUN/restricted/ext"
  export FLOWGUARD_E2E_FAKE_PORT=$(free_port)
  WS_RESTRICTED=$(node "$HERE/restricted-workspace.mjs" "$RUN/ws-restricted" "$FLOWGUARD_E2E_FAKE_PORT" \
    "$RUN/restricted/data/User/settings.json" "$RUN/restricted/data/Machine/settings.json")
  PORT=$(free_port)
  start_server "$RUN/restricted" "$PORT" --vscode-option enable-smoke-test-driver
  T3=$(now)
  node "$HERE/run-suite.mjs" "http://127.0.0.1:$PORT" "$ROOT" "$ROOT/out/test/vscode-restricted/index.js" "$WS_RESTRICTED" "$OUT/restricted" | tee "$OUT/restricted.log" || restricted_rc=$?
  echo "[e2e] restricted suite: $(secs "$T3" "$(now)")"
  kill -- -"${PIDS[-1]}" 2>/dev/null || true
  unset FLOWGUARD_E2E_FAKE_PORT
fi

ui_rc=0
if [ "${FLOWGUARD_E2E_SKIP_UI:-}" != 1 ]; then
  echo "[e2e] 5/5 installed VSIX driven in chromium (screenshots in test-results/e2e)"
  prepare_profile "$RUN/ui"
  T2=$(now)
  printf 'auth: none\ncert: false\n' > "$RUN/ui/config.yaml"
  "$CS" --config "$RUN/ui/config.yaml" --user-data-dir "$RUN/ui/data" --extensions-dir "$RUN/ui/ext" --install-extension "$VSIX" 2>&1 | tail -2
  echo "[e2e] --install-extension: $(secs "$T2" "$(now)")"
  cp -r "$ROOT/test/vscode/workspace" "$RUN/ws-ui"
  PORT=$(free_port)
  start_server "$RUN/ui" "$PORT" --disable-workspace-trust
  node "$HERE/drive-ui.mjs" "http://127.0.0.1:$PORT/?folder=$RUN/ws-ui" .github/workflows/ci.yml "$OUT" | tee "$OUT/ui.log" || ui_rc=$?
fi

grep -h "\[flowguard-e2e timing\]\|first FlowGuard squiggle" "$OUT/suite.log" "$OUT/restricted.log" "$OUT/ui.log" 2>/dev/null | sed 's/^/[e2e] /' || true
echo "[e2e] total $(secs "$T0" "$(now)"); profiles and server logs: $RUN"
if [ "$suite_rc" != 0 ] || [ "$restricted_rc" != 0 ] || [ "$ui_rc" != 0 ]; then
  echo "[e2e] FAILED (suite $suite_rc, restricted $restricted_rc, ui $ui_rc)"; exit 1
fi
echo "[e2e] PASSED"
