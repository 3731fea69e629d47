#!/usr/bin/env bash
# Rolls the release back: Helm to the previous (or a given) revision, or, with --raw,
# the app Deployments to their previous ReplicaSets.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/rollback.sh [options] [REVISION]

Rolls the Helm release back to REVISION (see: helm history ${RELEASE_DEFAULT} -n ${NAMESPACE_DEFAULT}),
or to the revision before the current one, and waits until the workloads are ready.

Options:
  --namespace NS      namespace of the release (default: ${NAMESPACE_DEFAULT})
  --release NAME      Helm release name (default: ${RELEASE_DEFAULT})
  --timeout DURATION  how long to wait for the rollout (default: 10m)
  --raw               for a deploy made with --raw: undo the last rollout of the
                      frontend, backend and mcp Deployments (no REVISION)
  --dry-run           print the commands instead of running them
  -h, --help          show this help
USAGE
}

namespace="$NAMESPACE_DEFAULT"
release="$RELEASE_DEFAULT"
timeout=10m
raw=false
revision=''

while [[ $# -gt 0 ]]; do
  case "$1" in
    --namespace) need_value "$1" "${2-}"; namespace="$2"; shift 2 ;;
    --release) need_value "$1" "${2-}"; release="$2"; shift 2 ;;
    --timeout) need_value "$1" "${2-}"; timeout="$2"; shift 2 ;;
    --raw) raw=true; shift ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage_error "unknown option $1" ;;
    *)
      [[ -z "$revision" ]] || usage_error "only one REVISION may be given"
      [[ "$1" =~ ^[1-9][0-9]*$ ]] || usage_error "REVISION must be a positive number (got '$1')"
      revision="$1"
      shift
      ;;
  esac
done
[[ "$timeout" =~ ^[0-9]+(s|m|h)$ ]] || usage_error "--timeout must be a duration such as 90s, 10m or 1h (got '$timeout')"

if [[ "$raw" == true ]]; then
  [[ -z "$revision" ]] || usage_error "--raw undoes the last rollout; it takes no REVISION"
  require kubectl
  # The app Deployments only: the data stores keep their state and their revision.
  apps="$(IFS=,; echo "${APP_COMPONENTS[*]}")"
  selector="${INSTANCE_LABEL}=${release},${COMPONENT_LABEL} in (${apps})"
  run kubectl rollout undo deployment --namespace "$namespace" --selector "$selector"
  run kubectl rollout status deployment --namespace "$namespace" --selector "$selector" --timeout "$timeout"
else
  require helm
  args=(rollback "$release")
  [[ -z "$revision" ]] || args+=("$revision")
  run helm "${args[@]}" --namespace "$namespace" --wait --timeout "$timeout"
  run helm history "$release" --namespace "$namespace" --max 5
fi
