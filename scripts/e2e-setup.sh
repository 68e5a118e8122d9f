#!/usr/bin/env bash
# Installs what the E2E tests need, from nothing, idempotently:
#   - Debian packages: chromium (the browser playwright-core drives), ripgrep
#     (code-server's search; its npm package would download it from GitHub),
#     libkrb5-dev (headers for code-server's kerberos native module);
#   - code-server 4.100.3 (VS Code 1.100.3's server and web workbench; the newest
#     for Node 20) from npm, running its postinstall steps by hand: as root it
#     refuses to run them, and they download ripgrep.
# Cache: $BLUEPRINT_E2E_HOME (default .e2e/ at the project root, gitignored).
# Re-running skips finished steps; delete $BLUEPRINT_E2E_HOME/cs to reinstall.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
H="${BLUEPRINT_E2E_HOME:-$ROOT/.e2e}"
CS_VERSION=4.100.3
mkdir -p "$H"
log() { printf 'e2e-setup [%s] %s\n' "$(date +%T)" "$*"; }
T0=$(date +%s)

[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || { echo "e2e-setup: code-server $CS_VERSION needs Node 20, this is $(node -v)" >&2; exit 1; }
# node-gyp must not download Node's headers (offline): use the local ones when npm has no nodedir.
if [ -z "${npm_config_nodedir:-}" ] && ! npm config get nodedir 2>/dev/null | grep -q /; then
  [ -f /usr/include/node/node.h ] && export npm_config_nodedir=/usr
fi

# ---------------------------------------------------------------- 1. Debian packages
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if ((${#need_apt[@]})); then
  log "apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# ---------------------------------------------------------------- 2. code-server
CS="$H/cs"
CSM="$CS/node_modules/code-server"
if [ ! -f "$CS/.cs-$CS_VERSION.done" ]; then
  log "npm install code-server@$CS_VERSION (without its install scripts)"
  mkdir -p "$CS"
  [ -f "$CS/package.json" ] || echo '{"name":"blueprint-e2e-code-server","private":true}' >"$CS/package.json"
  (cd "$CS" && npm install "code-server@$CS_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error)

  log "code-server's VS Code dependencies"
  (cd "$CSM/lib/vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  mkdir -p "$CSM/lib/vscode/node_modules/@vscode/ripgrep/bin"
  cp -f "$(command -v rg)" "$CSM/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"

  log "native modules for Node $(node -v)"
  (cd "$CSM/lib/vscode" && npm rebuild kerberos @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid --loglevel=error)
  # node-pty's own install step fails after build/Release/pty.node is built: expected.
  (cd "$CSM/lib/vscode" && npm rebuild node-pty --loglevel=error >"$CS/node-pty-rebuild.log" 2>&1) || true
  test -f "$CSM/lib/vscode/node_modules/node-pty/build/Release/pty.node"

  (cd "$CSM/lib/vscode" && ln -sfn node_modules node_modules.asar)
  (cd "$CSM/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
  (cd "$CSM/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)

  log "built-in extensions' dependencies"
  (cd "$CSM/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  (cd "$CS" && npm rebuild argon2 --loglevel=error)
  touch "$CS/.cs-$CS_VERSION.done"
fi

# ---------------------------------------------------------------- 3. playwright-core
# A devDependency of the project (npm ci installs it); it drives /usr/bin/chromium, no browser download.
node -e "require.resolve('playwright-core', { paths: ['$ROOT'] })" 2>/dev/null || {
  echo "e2e-setup: playwright-core is missing: run npm ci (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1) first" >&2; exit 1; }

log "ready in $(( $(date +%s) - T0 ))s: code-server $(node "$CSM/out/node/entry.js" --version | head -1), $(chromium --version 2>/dev/null || echo chromium)"
