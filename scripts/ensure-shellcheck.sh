#!/usr/bin/env bash
# The skeleton's shell scripts are linted with ShellCheck in the unit tests. Debian's package is
# what these machines reach (no downloads from GitHub), so install it from there when it is missing.
set -euo pipefail

if command -v shellcheck >/dev/null 2>&1; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure-shellcheck: shellcheck is missing; install Debian's 'shellcheck' package (apt-get install shellcheck)." >&2
  exit 1
fi

echo "ensure-shellcheck: installing Debian's shellcheck package"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends shellcheck >/dev/null
command -v shellcheck >/dev/null 2>&1 || { echo "ensure-shellcheck: shellcheck installed but not on PATH" >&2; exit 1; }
