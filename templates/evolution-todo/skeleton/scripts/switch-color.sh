#!/usr/bin/env bash
# Blue-green switch with Helm: deploy a version to the idle colour, bring it to full size, check it
# through its own Services, move the traffic, and keep the old colour warm for an instant rollback.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/switch-color.sh [options]

Moves the release's traffic to the idle colour, in three Helm upgrades that never leave the
serving colour below its size:
  1. the idle colour gets the new version (--tag; default: the version it already has) and
     runs at full size (rollout.keepIdleWarm=true); the active colour is not touched;
  2. once it is ready, its readiness is checked through its own Services
     (${RELEASE_DEFAULT}-<component>-<colour>), then rollout.activeColor moves the traffic;
  3. the old colour keeps running for an instant rollback: run this script again without
     --tag to switch back, or with --finish to scale the old colour down.

Afterwards record rollout.activeColor and rollout.<colour>.imageTag in ${CHART_DIR}/values.yaml,
so the next deploy keeps them.

Options:
  --tag TAG           the version to switch to (deployed to the idle colour first)
  --finish            end the rollback window: scale the idle colour down (keepIdleWarm=false)
  --env ENV           dev: ${CHART_DIR}/values.yaml; prod: also values-prod.yaml (default: dev)
  --namespace NS      namespace of the release (default: ${NAMESPACE_DEFAULT})
  --release NAME      release name (default: ${RELEASE_DEFAULT})
  --timeout DURATION  how long to wait for each step (default: 5m)
  --dry-run           print the commands instead of running them
  -h, --help          show this help
USAGE
}

env_name=dev
namespace="$NAMESPACE_DEFAULT"
release="$RELEASE_DEFAULT"
timeout=5m
tag=''
finish=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) need_value "$1" "${2-}"; tag="$2"; shift 2 ;;
    --finish) finish=true; shift ;;
    --env) need_value "$1" "${2-}"; env_name="$2"; shift 2 ;;
    --namespace) need_value "$1" "${2-}"; namespace="$2"; shift 2 ;;
    --release) need_value "$1" "${2-}"; release="$2"; shift 2 ;;
    --timeout) need_value "$1" "${2-}"; timeout="$2"; shift 2 ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "unknown argument $1" ;;
  esac
done
[[ "$env_name" == dev || "$env_name" == prod ]] || usage_error "--env must be dev or prod (got '$env_name')"
[[ "$timeout" =~ ^[0-9]+(s|m|h)$ ]] || usage_error "--timeout must be a duration such as 90s, 5m or 1h (got '$timeout')"
if [[ -n "$tag" ]]; then
  [[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ && "$tag" != latest ]] ||
    usage_error "--tag must be a pinned image tag, not 'latest' (got '$tag')"
fi
[[ "$finish" == false || -z "$tag" ]] || usage_error "--finish takes no --tag: it only scales the idle colour down"
require kubectl
require helm

cd "$REPO_ROOT"

# The colour a component's Service sends traffic to (kubectl's jsonpath needs the dots escaped).
service_color() {
  kubectl get service "${release}-$1" --namespace "$namespace" \
    --output "jsonpath={.spec.selector.${COLOR_LABEL//./\\.}}"
}

# The image tag a colour's Deployment of a component runs.
deployment_tag() {
  local image
  image="$(kubectl get deployment "${release}-$1-$2" --namespace "$namespace" \
    --output 'jsonpath={.spec.template.spec.containers[0].image}')" ||
    die "cannot read Deployment ${release}-$1-$2 in namespace ${namespace}"
  printf '%s' "${image##*:}"
}

active=''
for component in "${APP_COMPONENTS[@]}"; do
  color="$(service_color "$component")" ||
    die "cannot read Service ${release}-${component} in namespace ${namespace}"
  [[ -n "$color" ]] ||
    die "Service ${release}-${component} selects no colour: the release does not use the blue-green rollout strategy"
  [[ -z "$active" || "$color" == "$active" ]] ||
    die "the Services disagree on the active colour ($active and $color): finish or undo the last switch first"
  active="$color"
done
idle=blue
[[ "$active" == blue ]] && idle=green

active_tag="$(deployment_tag backend "$active")"
idle_tag="$(deployment_tag backend "$idle")"
new_tag="${tag:-$idle_tag}"

# One Helm upgrade of the chart with the repository's values and the given rollout state.
upgrade() {
  local color="$1" warm="$2" blue_tag="$3" green_tag="$4"
  local args=(upgrade "$release" "$CHART_DIR" --namespace "$namespace" --wait --timeout "$timeout"
    --values "${CHART_DIR}/values.yaml")
  [[ "$env_name" == prod ]] && args+=(--values "${CHART_DIR}/values-prod.yaml")
  args+=(--set rollout.strategy=blue-green --set "rollout.activeColor=${color}"
    --set "rollout.keepIdleWarm=${warm}"
    --set "rollout.blue.imageTag=${blue_tag}" --set "rollout.green.imageTag=${green_tag}")
  run helm "${args[@]}"
}

# Tags in colour order, for upgrade: the active colour keeps what it runs.
tags_with() {
  local color="$1" value="$2"
  if [[ "$color" == blue ]]; then
    printf '%s %s' "$value" "$3"
  else
    printf '%s %s' "$3" "$value"
  fi
}

if [[ "$finish" == true ]]; then
  read -r blue_tag green_tag <<<"$(tags_with "$idle" "$idle_tag" "$active_tag")"
  upgrade "$active" false "$blue_tag" "$green_tag"
  echo "Traffic stays on ${active}; ${idle} is scaled down."
  exit 0
fi

# 1. The new version on the idle colour, at full size; the serving colour keeps its pods and version.
read -r blue_tag green_tag <<<"$(tags_with "$idle" "$new_tag" "$active_tag")"
upgrade "$active" true "$blue_tag" "$green_tag"
for component in "${APP_COMPONENTS[@]}"; do
  # With an HPA the idle colour starts at its minimum: match the serving colour's current size
  # (the HPA's scale-down stabilization keeps it there through the switch).
  if kubectl get horizontalpodautoscaler "${release}-${component}-${idle}" --namespace "$namespace" >/dev/null 2>&1; then
    count="$(kubectl get deployment "${release}-${component}-${active}" --namespace "$namespace" \
      --output 'jsonpath={.spec.replicas}')"
    run kubectl scale deployment "${release}-${component}-${idle}" --namespace "$namespace" --replicas "${count:-1}"
  fi
  run kubectl rollout status deployment "${release}-${component}-${idle}" --namespace "$namespace" \
    --timeout "$timeout"
done

# 2. Readiness through the idle colour's own Services, as the Services will route once switched.
check_ready() {
  local service="$1" port="$2" path="$3"
  if [[ "$DRY_RUN" == true ]]; then
    printf '+ check http://%s:%s%s through kubectl port-forward\n' "$service" "$port" "$path"
    return
  fi
  require curl
  local log local_port='' pid i
  log="$(mktemp)"
  kubectl port-forward --namespace "$namespace" "service/${service}" ":${port}" >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 50); do
    local_port="$(sed -n 's/^Forwarding from 127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$log" | head -n 1)"
    [[ -n "$local_port" ]] && break
    sleep 0.2
  done
  if [[ -z "$local_port" ]] || ! curl --fail --silent --show-error --max-time 10 \
    "http://127.0.0.1:${local_port}${path}" >/dev/null; then
    kill "$pid" 2>/dev/null || true
    rm -f "$log"
    die "${service} is not ready at ${path}: traffic stays on ${active} (${idle} keeps running; --finish scales it down)"
  fi
  kill "$pid" 2>/dev/null || true
  rm -f "$log"
}
for i in "${!APP_COMPONENTS[@]}"; do
  check_ready "${release}-${APP_COMPONENTS[$i]}-${idle}" "${APP_PORTS[$i]}" "${APP_READINESS_PATHS[$i]}"
done

# 3. The switch: the Services follow activeColor; the old colour stays warm for a rollback.
upgrade "$idle" true "$blue_tag" "$green_tag"
echo "Traffic goes to ${idle} (${new_tag}); ${active} (${active_tag}) keeps running for a rollback:"
echo "  scripts/switch-color.sh            switch back at once"
echo "  scripts/switch-color.sh --finish   scale ${active} down"
echo "Record rollout.activeColor: ${idle} and rollout.${idle}.imageTag: ${new_tag} in ${CHART_DIR}/values.yaml."
