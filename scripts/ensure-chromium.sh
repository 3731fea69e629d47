#!/usr/bin/env bash
# Browser tests drive Debian's Chromium: browser downloads (npx playwright install) cannot work here,
# and Debian's packages are what these machines reach. The fonts make screenshots readable
# (the scaffolder's review page shows ✅/❌ as emoji).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
PACKAGES=(chromium fonts-liberation fonts-noto-color-emoji)

missing=()
if [[ -z "${CHROMIUM_PATH:-}" ]]; then
  for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
elif [[ ! -x "$CHROMIUM" ]]; then
  echo "ensure-chromium: CHROMIUM_PATH=$CHROMIUM is not an executable" >&2
  exit 1
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure-chromium: missing Debian packages: ${missing[*]}; install them (apt-get install ${missing[*]}) or set CHROMIUM_PATH." >&2
  exit 1
fi

echo "ensure-chromium: installing ${missing[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[[ -x "$CHROMIUM" ]] || { echo "ensure-chromium: chromium installed but $CHROMIUM not found" >&2; exit 1; }
