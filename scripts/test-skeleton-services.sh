#!/usr/bin/env bash
# The starter services' own tests, run on a repository rendered from the template, as a team
# gets it:
#   1. render a repository (scripts/evolution-todo render, examples/values/minimal.yaml);
#   2. backend and mcp: a venv each, `pip install -r requirements-dev.txt`, pytest
#      (the backend's cache tests start their own redis-server);
#   3. frontend: its unit tests with Node's test runner (the /api proxy against loopback
#      backends), then `npm ci` and `npm run build`, the image's build stage;
#   4. the whole stack on loopback (scripts/skeleton-stack-check.py): PostgreSQL, Redis, backend,
#      MCP server and the built frontend, then Redis and the backend taken away.
# Every suite runs even when an earlier one failed; the last line sums them up. A requirement
# pip cannot install fails its suite with pip's message. Everything started is stopped and the
# scratch folder removed on exit, whatever the outcome.
#
#   scripts/test-skeleton-services.sh            (KEEP=1 keeps the scratch folder)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Node 22 and Yarn from .tools (a no-op when scripts/run already did it).
# shellcheck source=scripts/bootstrap.sh
. "$ROOT/scripts/bootstrap.sh" >/dev/null || exit 1
set +e

# The cache tests start redis-server; the stack check also runs PostgreSQL.
bash "$ROOT/scripts/ensure-debian-packages.sh" redis-server postgresql || exit 1

# The image runs Python 3.12+, but this machine's package index carries wheels for its python3
# (3.11) only: the services keep to syntax both understand, and are tested on python3 here.
PYTHON="${PYTHON:-python3}"
# The public index is unreachable here; pip falls back to the local one after its retries.
export PIP_RETRIES="${PIP_RETRIES:-1}" PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1

WORK="$(mktemp -d "${TMPDIR:-/tmp}/skeleton-services.XXXXXX")"
cleanup() {
  if [[ "${KEEP:-}" == 1 ]]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT

passed=0
failed=0
summary=()

# Each step says how long the previous one took (this machine is shared: read them loosely).
step() { printf '\n==> %s  [%ss so far]\n' "$*" "$SECONDS"; }

# Adds a suite's counts (parsed from its runner's closing lines) to the totals.
tally() {
  local suite="$1" rc="$2" log="$3" p f
  case "$suite" in
    frontend-unit)
      p="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)"
      f="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)"
      ;;
    stack)
      p="$(sed -n 's/^stack: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)"
      f="$(sed -n 's/^stack: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)"
      ;;
    *)
      p="$(tail -1 "$log" | grep -o '[0-9]* passed' | grep -o '[0-9]*')"
      f="$(tail -1 "$log" | grep -o '[0-9]* \(failed\|error\|errors\)' | awk '{ n += $1 } END { print n + 0 }')"
      ;;
  esac
  p="${p:-0}"
  f="${f:-0}"
  # A suite that failed without counting a failure (no tests collected, a crash) counts as one.
  if [[ "$rc" -ne 0 && "$f" -eq 0 ]]; then f=1; fi
  if [[ "$rc" -eq 0 && "$p" -eq 0 ]]; then f=1; echo "$suite: ran no test"; fi
  passed=$((passed + p))
  failed=$((failed + f))
  summary+=("$suite $p/$((p + f))")
}

# Runs a command, showing and keeping its output, and tallies it.
suite() {
  local name="$1"
  shift
  local log="$WORK/$name.log"
  "$@" 2>&1 | tee "$log"
  local rc="${PIPESTATUS[0]}"
  tally "$name" "$rc" "$log"
  return "$rc"
}

# A failed set-up step (render, pip, npm) counts as one failure of the suites it blocks.
setup_failed() {
  echo "$1"
  failed=$((failed + 1))
  summary+=("$2 (not run)")
}

step "render a repository from the template (examples/values/minimal.yaml)"
REPO="$WORK/repo"
if ! "$ROOT/scripts/evolution-todo" render --values "$ROOT/examples/values/minimal.yaml" --out "$REPO" \
  >"$WORK/render.log" 2>&1; then
  cat "$WORK/render.log"
  setup_failed "skeleton-services: the template did not render" "all"
  echo "skeleton-services: $passed passed, $failed failed"
  exit 1
fi

for service in backend mcp; do
  step "$service: venv, pip install -r requirements-dev.txt, pytest ($("$PYTHON" --version 2>&1))"
  venv="$WORK/venv-$service"
  if ! "$PYTHON" -m venv "$venv"; then
    setup_failed "$service: could not create a venv with $PYTHON" "$service"
    continue
  fi
  if ! (cd "$REPO/$service" && "$venv/bin/pip" install -qq -r requirements-dev.txt); then
    setup_failed "$service: pip could not install requirements-dev.txt (its message is above)" "$service"
    continue
  fi
  suite "$service" env -C "$REPO/$service" "$venv/bin/python" -m pytest -p no:cacheprovider -q
done

step "frontend: unit tests (node --test), the /api proxy against loopback backends"
# The same files as the frontend's `npm test`; only the totals are shown unless something failed.
if ! suite frontend-unit env -C "$REPO/frontend" node --test 'lib/**/*.test.ts' >/dev/null; then
  cat "$WORK/frontend-unit.log"
fi
grep -E '^# (tests|pass|fail) ' "$WORK/frontend-unit.log"

step "frontend: npm ci and next build (the image's build stage, standalone output)"
frontend_built=0
if (cd "$REPO/frontend" && npm ci --no-audit --no-fund --loglevel=error && NEXT_TELEMETRY_DISABLED=1 npm run build); then
  frontend_built=1
else
  setup_failed "frontend: npm ci or npm run build failed (output above)" "stack"
fi

if [[ "$frontend_built" == 1 && -x "$WORK/venv-backend/bin/python" && -x "$WORK/venv-mcp/bin/python" ]]; then
  step "the stack on loopback: PostgreSQL, Redis, backend, MCP server, frontend"
  suite stack "$PYTHON" "$ROOT/scripts/skeleton-stack-check.py" "$REPO" "$WORK/venv-backend" "$WORK/venv-mcp"
elif [[ "$frontend_built" == 1 ]]; then
  setup_failed "stack: not run, a service's venv is missing (see above)" "stack"
fi

step "skeleton services: ${summary[*]}"
echo "skeleton-services: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
