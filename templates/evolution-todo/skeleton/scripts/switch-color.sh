#!/usr/bin/env bash
# Blue-green switch: bring the idle colour up to the active colour's size, wait until it is
# ready, point the Services (and HPAs) at it, then scale the old colour down.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/switch-color.sh [options] [blue|green]

Switches the release's traffic to the given colour (default: the idle one). For each
of ${APP_COMPONENTS[*]}: scales <release>-<component>-<new colour> to the replicas of
the active colour, waits for it to be ready, patches the Service selector
(${COLOR_LABEL}) and the HorizontalPodAutoscaler, then scales the old colour to 0.

Afterwards set rollout.activeColor in ${CHART_DIR}/values.yaml to the new colour, so
the next deploy keeps it.

Options:
  --namespace NS      namespace of the release (default: ${NAMESPACE_DEFAULT})
  --release NAME      release name (default: ${RELEASE_DEFAULT})
  --timeout DURATION  how long to wait for the new colour (default: 5m)
  --keep-old          leave the old colour running (switch back instantly; costs capacity)
  --dry-run           print the commands instead of running them
  -h, --help          show this help
USAGE
}

namespace="$NAMESPACE_DEFAULT"
release="$RELEASE_DEFAULT"
timeout=5m
keep_old=false
target=''

while [[ $# -gt 0 ]]; do
  case "$1" in
    --namespace) need_value "$1" "${2-}"; namespace="$2"; shift 2 ;;
    --release) need_value "$1" "${2-}"; release="$2"; shift 2 ;;
    --timeout) need_value "$1" "${2-}"; timeout="$2"; shift 2 ;;
    --keep-old) keep_old=true; shift ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h | --help) usage; exit 0 ;;
    blue | green)
      [[ -z "$target" ]] || usage_error "only one colour may be given"
      target="$1"
      shift
      ;;
    *) usage_error "unknown argument $1 (the colour is blue or green)" ;;
  esac
done
[[ "$timeout" =~ ^[0-9]+(s|m|h)$ ]] || usage_error "--timeout must be a duration such as 90s, 5m or 1h (got '$timeout')"
require kubectl

# The colour a component's Service sends traffic to (kubectl's jsonpath needs the dots escaped).
service_color() {
  kubectl get service "${release}-$1" --namespace "$namespace" \
    --output "jsonpath={.spec.selector.${COLOR_LABEL//./\\.}}"
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
target="${target:-$idle}"
[[ "$target" != "$active" ]] || die "traffic already goes to $active"

# Size the new colour like the active one (an HPA keeps adjusting it afterwards).
for component in "${APP_COMPONENTS[@]}"; do
  count="$(kubectl get deployment "${release}-${component}-${active}" --namespace "$namespace" \
    --output 'jsonpath={.spec.replicas}')"
  run kubectl scale deployment "${release}-${component}-${target}" --namespace "$namespace" \
    --replicas "${count:-1}"
done
for component in "${APP_COMPONENTS[@]}"; do
  run kubectl rollout status deployment "${release}-${component}-${target}" --namespace "$namespace" \
    --timeout "$timeout"
done

for component in "${APP_COMPONENTS[@]}"; do
  run kubectl patch service "${release}-${component}" --namespace "$namespace" --type merge \
    --patch "{\"spec\":{\"selector\":{\"${COLOR_LABEL}\":\"${target}\"}}}"
  hpa="$(kubectl get horizontalpodautoscaler --namespace "$namespace" \
    --selector "${INSTANCE_LABEL}=${release},${COMPONENT_LABEL}=${component}" --output name)"
  if [[ -n "$hpa" ]]; then
    run kubectl patch "$hpa" --namespace "$namespace" --type merge \
      --patch "{\"spec\":{\"scaleTargetRef\":{\"name\":\"${release}-${component}-${target}\"}}}"
  fi
done

if [[ "$keep_old" == true ]]; then
  echo "Traffic goes to ${target}; ${active} keeps running (scale it to 0 when you no longer need to switch back)."
else
  for component in "${APP_COMPONENTS[@]}"; do
    run kubectl scale deployment "${release}-${component}-${active}" --namespace "$namespace" --replicas 0
  done
  echo "Traffic goes to ${target}; ${active} is scaled to 0."
fi
echo "Set rollout.activeColor: ${target} in ${CHART_DIR}/values.yaml so the next deploy keeps it."
