#!/usr/bin/env bash
# Real-editor e2e of Strangler in VS Code itself (code-server + headless chromium), each phase on a fresh copy of
# examples/legacy-shop, with the packaged VSIX installed by `code-server --install-extension`:
#   phase 1: mocha inside the real extension host, on the `vscode` API (code-server with the smoke-test driver,
#            which lets the page load the tests and report their exit code)
#   phase 2: playwright UI scenarios, each with a screenshot (a second code-server without that driver, since it
#            suppresses toasts and dialogs)
# Each phase prints mocha's "N passing / N failing" lines; .ci/run sums them. Never sleeps: it waits for the
# server's health, for DOM states, and for the marks the extension writes when STRANGLER_E2E_MARKS is set.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
now() { date +%s%N; }
took() { echo "$(( ($(now) - $1) / 1000000 )) ms"; }

setup=$(bash test/e2e/setup.sh) || { echo "$setup"; echo "[e2e] setup failed"; exit 1; }
echo "$setup" | grep -v '^E2E_'
NODE_BIN=$(echo "$setup" | sed -n 's/^E2E_NODE_BIN=//p')
CODE_SERVER=$(echo "$setup" | sed -n 's/^E2E_CODE_SERVER=//p')

OUT=$REPO/out/e2e
SHOTS=$OUT/screenshots
RUNS=$(mktemp -d "${TMPDIR:-/tmp}/strangler-e2e.XXXXXX")
rm -rf "$OUT" && mkdir -p "$SHOTS"

t=$(now)
node scripts/package.mjs > "$RUNS/package.log" 2>&1 || { tail -30 "$RUNS/package.log"; echo "[e2e] packaging failed"; exit 1; }
VSIX=$REPO/out/strangler.vsix
node_modules/.bin/esbuild test/e2e/*.ts test/e2e/*/*.ts --outdir="$OUT/js" --outbase=test/e2e --platform=node --format=cjs --target=node20 --log-level=warning \
  || { echo "[e2e] compiling the tests failed"; exit 1; }
echo "[e2e] packaged $(du -k "$VSIX" | cut -f1) KiB VSIX and compiled the tests in $(took "$t")"

CS_PID=
stop_code_server() {
  # code-server runs in its own process group (setsid): end that group, which is only what this script started.
  if [ -n "$CS_PID" ]; then kill -- -"$CS_PID" 2>/dev/null; wait "$CS_PID" 2>/dev/null; CS_PID=; fi
}
trap stop_code_server EXIT

# start_code_server <phase dir> [code-server args...]: fresh home, user data, extensions and workspace; sets PORT, RUN.
start_code_server() {
  RUN=$1; shift
  mkdir -p "$RUN"/{home,data/User,ext,marks,tmp}
  cp -r examples/legacy-shop "$RUN/ws"
  cat > "$RUN/data/User/settings.json" <<'JSON'
{ "//": "The example has no node_modules: TypeScript's own errors are off, so that the problems are Strangler's.",
  "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "update.mode": "none",
  "extensions.autoUpdate": false, "extensions.autoCheckUpdates": false, "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false, "chat.disableAIFeatures": true, "git.enabled": false,
  "files.autoSave": "off", "workbench.secondarySideBar.defaultVisibility": "hidden", "workbench.tips.enabled": false,
  "workbench.view.alwaysShowHeaderActions": true, "editor.minimap.enabled": false,
  "typescript.validate.enable": false, "javascript.validate.enable": false }
JSON
  local env=(HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/home/.config" XDG_DATA_HOME="$RUN/home/.local/share"
    XDG_CACHE_HOME="$RUN/home/.cache" TMPDIR="$RUN/tmp" PATH="$NODE_BIN:$PATH" STRANGLER_E2E_MARKS="$RUN/marks")
  local t0; t0=$(now)
  env "${env[@]}" "$CODE_SERVER" --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" --install-extension "$VSIX" > "$RUN/install.log" 2>&1 \
    || { cat "$RUN/install.log"; return 1; }
  echo "[e2e] $(grep -o "Extension '.*' was successfully installed." "$RUN/install.log") ($(took "$t0"))"
  PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  env "${env[@]}" setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
    --disable-workspace-trust --disable-getting-started-override --ignore-last-opened "$@" \
    --user-data-dir "$RUN/data" --extensions-dir "$RUN/ext" "$RUN/ws" > "$RUN/code-server.log" 2>&1 &
  CS_PID=$!
  local up=
  for _ in $(seq 300); do curl -fsS "http://127.0.0.1:$PORT/healthz" > /dev/null 2>&1 && { up=1; break; }; sleep 0.1; done
  [ -n "$up" ] || { cat "$RUN/code-server.log"; return 1; }
  echo "[e2e] code-server up on 127.0.0.1:$PORT in $(took "$t0") (logs in $RUN)"
}

# The extension's own log (its LogOutputChannel) and the extension host's, for a failing run.
show_logs() {
  find "$1/data/logs" -name 'Strangler.log' -exec sh -c 'echo "--- $1"; tail -40 "$1"' _ {} \; 2>/dev/null
  find "$1/data/logs" -name 'exthost.log' -exec sh -c 'echo "--- $1"; grep -iE "error|strangler" "$1" | tail -20' _ {} \; 2>/dev/null
}

failed=0
echo "== e2e phase 1: mocha in the extension host"
if start_code_server "$RUNS/in-host" --vscode-option enable-smoke-test-driver; then
  t=$(now)
  EXT_DIR=$(ls -d "$RUN"/ext/strangler.strangler-*)
  if node "$OUT/js/driver/runInHost.js" "$PORT" "$RUN/ws" "$EXT_DIR" "$OUT/js/inHost/index.js" "$RUN/marks"; then r=PASS; else r=FAIL; failed=1; show_logs "$RUN"; fi
  echo "[e2e] phase 1: $r in $(took "$t")"
else
  echo "  0 passing"; echo "  1 failing"; echo "[e2e] phase 1: code-server did not start"; failed=1
fi
stop_code_server

echo "== e2e phase 2: UI scenarios (playwright)"
if start_code_server "$RUNS/ui"; then
  t=$(now)
  if E2E_PORT=$PORT E2E_WS=$RUN/ws E2E_MARKS=$RUN/marks E2E_SHOTS=$SHOTS E2E_CLI=$REPO/dist/cli.js \
    node_modules/.bin/mocha --no-config --reporter spec --timeout 120000 "$OUT/js/ui/scenarios.test.js"; then r=PASS; else r=FAIL; failed=1; show_logs "$RUN"; fi
  echo "[e2e] phase 2: $r in $(took "$t")"
else
  echo "  0 passing"; echo "  1 failing"; echo "[e2e] phase 2: code-server did not start"; failed=1
fi
stop_code_server
echo "[e2e] screenshots: $SHOTS"
# Each run's homes, user data and workspaces are kept only when something failed.
if [ $failed -eq 0 ]; then rm -rf "$RUNS"; else echo "[e2e] logs and workspaces of this run: $RUNS"; fi
exit $failed
