#!/usr/bin/env bash
# Deploys the stack: the Helm chart (upgrade --install, rolled back automatically when it fails)
# or, with --raw, the plain manifests in k8s/ (k8s/monitoring/ only where the cluster serves the
# Prometheus Operator's API; the chart makes the same choice by itself).
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/deploy.sh [options]

Installs or upgrades the release with Helm, waiting until every workload is ready;
a failed upgrade is rolled back to the last good revision (Helm 3: --atomic,
Helm 4: --rollback-on-failure).

Options:
  --env ENV           dev: ${CHART_DIR}/values.yaml; prod: also values-prod.yaml (default: dev)
  --namespace NS      target namespace (default: ${NAMESPACE_DEFAULT})
  --release NAME      Helm release name (default: ${RELEASE_DEFAULT})
  --tag TAG           deploy the images with this tag (e.g. the one build-images.sh printed);
                      with the blue-green strategy use scripts/switch-color.sh --tag instead
  --timeout DURATION  how long to wait for the rollout (default: 10m)
  --raw               apply ${MANIFESTS_DIR}/ with kubectl instead of installing the chart;
                      ${MANIFESTS_DIR}/${OPERATOR_MANIFESTS_DIR}/ only if the cluster serves ${PROMETHEUS_OPERATOR_API}
  --dry-run           print the commands instead of running them
  -h, --help          show this help
USAGE
}

env_name=dev
namespace="$NAMESPACE_DEFAULT"
release="$RELEASE_DEFAULT"
tag=''
timeout=10m
raw=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --env) need_value "$1" "${2-}"; env_name="$2"; shift 2 ;;
    --namespace) need_value "$1" "${2-}"; namespace="$2"; shift 2 ;;
    --release) need_value "$1" "${2-}"; release="$2"; shift 2 ;;
    --tag) need_value "$1" "${2-}"; tag="$2"; shift 2 ;;
    --timeout) need_value "$1" "${2-}"; timeout="$2"; shift 2 ;;
    --raw) raw=true; shift ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "unknown argument $1" ;;
  esac
done

[[ "$env_name" == dev || "$env_name" == prod ]] || usage_error "--env must be dev or prod (got '$env_name')"
[[ "$timeout" =~ ^[0-9]+(s|m|h)$ ]] || usage_error "--timeout must be a duration such as 90s, 10m or 1h (got '$timeout')"
if [[ -n "$tag" ]]; then
  [[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ && "$tag" != latest ]] ||
    usage_error "--tag must be a pinned image tag, not 'latest' (got '$tag')"
fi

cd "$REPO_ROOT"

deploy_raw() {
  [[ "$env_name" == dev ]] || usage_error "--env prod applies to the chart only; ${MANIFESTS_DIR}/ is rendered from values.yaml"
  [[ -z "$tag" ]] || usage_error "--tag applies to the chart only; ${MANIFESTS_DIR}/ pins its image tags"
  [[ -d "$MANIFESTS_DIR" ]] || die "${MANIFESTS_DIR}/ not found in $REPO_ROOT"
  require kubectl
  if ! kubectl get namespace "$namespace" >/dev/null 2>&1; then
    run kubectl create namespace "$namespace"
  fi
  # Everything but the operator's folder, which a cluster without its CRDs would refuse.
  # Top-level files are named explicitly, so kubectl would read any of them: manifests only.
  local operator_dir="${MANIFESTS_DIR}/${OPERATOR_MANIFESTS_DIR}"
  local entry files=()
  for entry in "$MANIFESTS_DIR"/*; do
    [[ "$entry" == "$operator_dir" ]] && continue
    if [[ -d "$entry" || "$entry" == *.yaml || "$entry" == *.yml || "$entry" == *.json ]]; then
      files+=(--filename "$entry")
    fi
  done
  # (not the array length form: fetch:template reads its brace-hash as a template comment)
  [[ -n "${files[*]-}" ]] || die "${MANIFESTS_DIR}/ holds no manifests"
  # The database password is not in the repository: create the Secret first
  # (see ${MANIFESTS_DIR}/secrets/db-secret.yaml.example).
  run kubectl apply --server-side --field-manager=evolution-todo-deploy \
    --namespace "$namespace" --recursive "${files[@]}"
  apply_operator_manifests "$operator_dir"
  run kubectl rollout status deployment --namespace "$namespace" \
    --selector "${INSTANCE_LABEL}=${release}" --timeout "$timeout"
  run kubectl rollout status statefulset --namespace "$namespace" \
    --selector "${INSTANCE_LABEL}=${release}" --timeout "$timeout"
}

# Applies the ServiceMonitors and the PrometheusRule when the cluster serves their API;
# otherwise says so, and how to apply them later.
apply_operator_manifests() {
  local dir="$1" versions
  [[ -d "$dir" ]] || return 0
  versions="$(kubectl api-versions)" || die "could not list the cluster's API versions (kubectl api-versions)"
  if [[ $'\n'"$versions"$'\n' == *$'\n'"$PROMETHEUS_OPERATOR_API"$'\n'* ]]; then
    run kubectl apply --server-side --field-manager=evolution-todo-deploy \
      --namespace "$namespace" --recursive --filename "$dir"
  else
    printf '%s: skipped %s/ (ServiceMonitors, PrometheusRule): the cluster does not serve %s.\n' \
      "$SCRIPT_NAME" "$dir" "$PROMETHEUS_OPERATOR_API" >&2
    printf '%s: install the Prometheus Operator (e.g. kube-prometheus-stack), then run: kubectl apply --server-side --namespace %s --recursive --filename %s\n' \
      "$SCRIPT_NAME" "$namespace" "$dir" >&2
  fi
}

deploy_chart() {
  require helm
  local values=("${CHART_DIR}/values.yaml")
  [[ "$env_name" == prod ]] && values+=("${CHART_DIR}/values-prod.yaml")
  local file
  for file in "${values[@]}"; do
    [[ -f "$file" ]] || die "$file not found"
  done

  local version rollback_flag
  version="$(helm version --template '{{.Version}}')"
  case "$version" in
    v3.*) rollback_flag=--atomic ;;
    v4.*) rollback_flag=--rollback-on-failure ;;
    *) die "unsupported Helm version '$version' (need Helm 3 or 4)" ;;
  esac

  local args=(upgrade --install "$release" "$CHART_DIR" --namespace "$namespace" --create-namespace
    "$rollback_flag" --wait --timeout "$timeout")
  for file in "${values[@]}"; do
    args+=(--values "$file")
  done
  if [[ -n "$tag" ]]; then
    # Blue-green colours run rollout.<colour>.imageTag, not <component>.image.tag.
    if grep -Eq '^[[:space:]]+strategy:[[:space:]]*blue-green' "${CHART_DIR}/values.yaml"; then
      die "--tag does not reach the blue-green colours (each runs its rollout.<colour>.imageTag): use scripts/switch-color.sh --tag ${tag}"
    fi
    local component
    for component in "${APP_COMPONENTS[@]}"; do
      args+=(--set "${component}.image.tag=${tag}")
    done
  fi
  run helm "${args[@]}"
}

if [[ "$raw" == true ]]; then
  deploy_raw
else
  deploy_chart
fi
