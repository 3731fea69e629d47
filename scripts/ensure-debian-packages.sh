#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing:
#   scripts/ensure-debian-packages.sh shellcheck postgresql
#   scripts/ensure-debian-packages.sh chromium fonts-liberation fonts-noto-color-emoji
# Debian's packages are what these machines reach: browser or linter downloads from elsewhere
# (npx playwright install, GitHub releases) cannot work here.
set -euo pipefail

[[ $# -gt 0 ]] || { echo "usage: $0 PACKAGE..." >&2; exit 2; }

missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "ensure-debian-packages: missing ${missing[*]}; install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "ensure-debian-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
