# shellcheck shell=bash
# shellcheck disable=SC2034  # the settings are read by the scripts that source this file
# Shared by the scripts in scripts/: this repository's names, and small helpers.
# The names were filled in from the golden path's form when the repository was created.

RELEASE_DEFAULT='${{ values.name }}'
NAMESPACE_DEFAULT='${{ values.namespace }}'
IMAGE_REGISTRY_DEFAULT='${{ values.imageRegistry }}'

CHART_DIR='helm/evolution-todo'
MANIFESTS_DIR='k8s'
# The folder of k8s/ with the Prometheus Operator's objects (ServiceMonitors, PrometheusRule), and
# the API they need: they apply only to a cluster that serves it; everything else in k8s/ applies anywhere.
OPERATOR_MANIFESTS_DIR='monitoring'
PROMETHEUS_OPERATOR_API='monitoring.coreos.com/v1'
APP_COMPONENTS=(frontend backend mcp)
# The port and readiness path of each app component, in APP_COMPONENTS order (the chart's probes).
APP_PORTS=(3000 8000 8080)
APP_READINESS_PATHS=(/api/health /readiness /health)
# The label the blue-green Deployments and the Services' selectors carry.
COLOR_LABEL='evolution-todo.dev/color'
INSTANCE_LABEL='app.kubernetes.io/instance'
COMPONENT_LABEL='app.kubernetes.io/component'

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPT_NAME="$(basename "$0")"
DRY_RUN=false

die() {
  printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2
  exit 1
}

# A usage error: the message, then the usage text, exit status 2.
usage_error() {
  printf '%s: %s\n\n' "$SCRIPT_NAME" "$*" >&2
  usage >&2
  exit 2
}

# The value of an option, or a usage error when it is missing: `need_value --tag "${2-}"`.
need_value() {
  [[ -n "${2:-}" && "${2:0:2}" != "--" ]] || usage_error "$1 needs a value"
}

require() {
  command -v "$1" >/dev/null 2>&1 || die "$1 is required but not found on PATH"
}

# Quotes an argument for display, so printed commands can be pasted back into a shell.
quote_arg() {
  if [[ "$1" =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# Runs a command that changes something, or with --dry-run prints it ("+ cmd args").
# Read-only queries (versions, current state) run directly, also in a dry run.
run() {
  if [[ "$DRY_RUN" == true ]]; then
    local out='+' arg
    for arg in "$@"; do
      out+=" $(quote_arg "$arg")"
    done
    printf '%s\n' "$out"
  else
    "$@"
  fi
}

is_app_component() {
  local component
  for component in "${APP_COMPONENTS[@]}"; do
    [[ "$1" == "$component" ]] && return 0
  done
  return 1
}
