#!/usr/bin/env bash
# Browser tests drive Debian's Chromium: browser downloads (npx playwright install) cannot work here,
# and Debian's package is what these machines reach.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure-chromium: $CHROMIUM is missing; install Debian's 'chromium' package (apt-get install chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
[[ -x "$CHROMIUM" ]] || { echo "ensure-chromium: chromium installed but $CHROMIUM not found" >&2; exit 1; }
