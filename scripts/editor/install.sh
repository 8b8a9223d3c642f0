#!/usr/bin/env bash
# Installs what `npm run test:editor` needs: a real VS Code (code-server 4.100.3 = VS Code 1.100.3, from the npm
# registry) and Debian's headless Chromium. Idempotent: a finished step is checked and skipped, so a second run
# takes a second or two. Everything lands in $EDITOR_LAB (default <repo>/.editor-lab, git-ignored); nothing is
# installed into the repo's node_modules and nothing is written to the real $HOME.
#
# Why the extra steps (a plain `npm i code-server` fails on a machine that reaches only npm and Debian):
#  * code-server >= 4.103 needs Node 22; 4.100.3 is the last release whose engines allow Node 20.
#  * its postinstall runs `npm install` in lib/vscode, where @vscode/ripgrep's postinstall downloads rg from
#    GitHub. That script first looks in $TMPDIR/vscode-ripgrep-cache-<ver>/ripgrep-<tag>-<target>.tar.gz, so we
#    seed that cache with Debian's rg (ripgrep 13, the major the prebuilt has).
#  * node-pty's postinstall runs `npx node-gyp …`; npm here is set to `yes=false`, so npx would abort without a
#    TTY -> npm_config_yes=true.
#  * postinstall.sh refuses to run as root unless npm_config_unsafe_perm=true.
#  * native modules (spdlog, node-pty, kerberos, argon2, …) compile against the local Node headers: build-essential
#    and libkrb5-dev.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
LAB="${EDITOR_LAB:-$REPO/.editor-lab}"
CS_VERSION="4.100.3"
mkdir -p "$LAB/tmp"
T0=$(date +%s)
say() { printf '[install %ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }

# ---- Debian packages -------------------------------------------------------------------------------------------
PKGS="build-essential python3 pkg-config libkrb5-dev ripgrep chromium ca-certificates"
MISSING=""
for p in $PKGS; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || MISSING="$MISSING $p"
done
if [ -n "$MISSING" ]; then
  say "apt-get install$MISSING"
  export DEBIAN_FRONTEND=noninteractive
  # Try without an update first (fast when the lists are fresh); a stale list answers 404, then update once.
  apt-get install -y -qq --no-install-recommends $MISSING >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends $MISSING >/dev/null; }
fi
[ -x /usr/bin/chromium ] || { echo "install: /usr/bin/chromium is missing after apt-get" >&2; exit 1; }

# ---- Node ------------------------------------------------------------------------------------------------------
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" = "20" ] || { echo "install: code-server $CS_VERSION needs Node 20 (found $(node -v))" >&2; exit 1; }
NODE_PREFIX=$(node -p 'require("path").dirname(require("path").dirname(process.execPath))')
# node-gyp would otherwise try to download the headers from nodejs.org.
[ -f "$NODE_PREFIX/include/node/node.h" ] && export npm_config_nodedir="$NODE_PREFIX"

# ---- code-server -----------------------------------------------------------------------------------------------
CS_BIN="$LAB/cs/node_modules/.bin/code-server"
VS="$LAB/cs/node_modules/code-server/lib/vscode"
# code-server's CLI writes config.yaml and logs under XDG dirs: keep them in the lab.
cs_cli() { XDG_CONFIG_HOME="$LAB/tmp/xdg/config" XDG_DATA_HOME="$LAB/tmp/xdg/data" XDG_CACHE_HOME="$LAB/tmp/xdg/cache" HOME="$LAB/tmp/home" "$CS_BIN" "$@"; }
cs_ok() {
  [ -x "$CS_BIN" ] && [ -x "$VS/node_modules/@vscode/ripgrep/bin/rg" ] \
    && [ -f "$VS/node_modules/node-pty/build/Release/pty.node" ] \
    && [ -f "$VS/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    && cs_cli --version 2>/dev/null | grep "^$CS_VERSION " >/dev/null
}
mkdir -p "$LAB/tmp/home"
if cs_ok; then
  say "code-server $CS_VERSION already installed in $LAB/cs"
else
  say "installing code-server@$CS_VERSION into $LAB/cs (compiles native modules; a few minutes the first time)"
  mkdir -p "$LAB/tmp/pack"
  TGZ=$(cd "$LAB/tmp/pack" && npm pack --silent "code-server@$CS_VERSION" | tail -1)
  RG_VER=$(tar xzf "$LAB/tmp/pack/$TGZ" -O package/lib/vscode/npm-shrinkwrap.json \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).packages["node_modules/@vscode/ripgrep"].version))')
  RG_TGZ=$(cd "$LAB/tmp/pack" && npm pack --silent "@vscode/ripgrep@$RG_VER" | tail -1)
  RG_TAG=$(tar xzf "$LAB/tmp/pack/$RG_TGZ" -O package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';.*/\1/p")
  case "$(uname -m)" in aarch64|arm64) RG_TARGET=aarch64-unknown-linux-musl ;; *) RG_TARGET=x86_64-unknown-linux-musl ;; esac
  RG_CACHE="$LAB/tmp/vscode-ripgrep-cache-$RG_VER"
  mkdir -p "$RG_CACHE" "$LAB/tmp/rg-stage"
  cp /usr/bin/rg "$LAB/tmp/rg-stage/rg"
  tar czf "$RG_CACHE/ripgrep-$RG_TAG-$RG_TARGET.tar.gz" -C "$LAB/tmp/rg-stage" rg
  rm -rf "$LAB/tmp/rg-stage" "$LAB/tmp/pack"
  mkdir -p "$LAB/cs"
  [ -f "$LAB/cs/package.json" ] || echo '{"name":"vutf-editor-lab","private":true}' > "$LAB/cs/package.json"
  rm -rf "$LAB/cs/node_modules/code-server"
  set +e
  ( cd "$LAB/cs" && TMPDIR="$LAB/tmp" HOME="$LAB/tmp/home" XDG_CONFIG_HOME="$LAB/tmp/xdg/config" XDG_DATA_HOME="$LAB/tmp/xdg/data" \
    npm_config_cache="${npm_config_cache:-$(npm config get cache)}" npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --foreground-scripts "code-server@$CS_VERSION" ) > "$LAB/cs-install.log" 2>&1
  set -e
  cs_ok || { echo "install: code-server install failed; last lines of $LAB/cs-install.log:" >&2; tail -30 "$LAB/cs-install.log" >&2; exit 1; }
fi
say "ready: code-server $(cs_cli --version | cut -d' ' -f1) (VS Code $(node -p "require('$VS/package.json').version")), $(/usr/bin/chromium --version 2>/dev/null | head -1)"
