#!/usr/bin/env bash
# Keeps k8s/ derived from the chart: the chart (helm/evolution-todo with values.yaml) is the
# source, k8s/ is what `helm template` renders from it, laid out as the golden path lays it out.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/render-k8s.sh [options]

Regenerates ${MANIFESTS_DIR}/ from ${CHART_DIR} with Helm (3 or 4): helm template with
values.yaml and --api-versions ${PROMETHEUS_OPERATOR_API}, so the Prometheus Operator
objects land in ${MANIFESTS_DIR}/${OPERATOR_MANIFESTS_DIR}/. Each object goes to
${MANIFESTS_DIR}/<path of the chart template that renders it>; the helm test hook and the
generated PostgreSQL Secret stay chart-only. Files that are not manifests
(e.g. ${MANIFESTS_DIR}/secrets/db-secret.yaml.example) are kept.

Options:
  --check             change nothing: compare ${MANIFESTS_DIR}/ with what the chart renders,
                      object by object, and exit 1 naming every object that differs
  --namespace NS      the release namespace (default: ${NAMESPACE_DEFAULT})
  --release NAME      the release name (default: ${RELEASE_DEFAULT})
  -h, --help          show this help
USAGE
}

check=false
namespace="$NAMESPACE_DEFAULT"
release="$RELEASE_DEFAULT"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --check) check=true; shift ;;
    --namespace) need_value "$1" "${2-}"; namespace="$2"; shift 2 ;;
    --release) need_value "$1" "${2-}"; release="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage_error "unknown argument $1" ;;
  esac
done

cd "$REPO_ROOT"
require helm
[[ -f "${CHART_DIR}/values.yaml" ]] || die "${CHART_DIR}/values.yaml not found in $REPO_ROOT"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

HEADER="# Rendered from ${CHART_DIR} with its values.yaml by scripts/render-k8s.sh.
# Change the chart or values.yaml and run the script again rather than editing this file.
"

# Writes the chart's objects into $1, one file per template: documents of the same template
# form one YAML stream. Hooks (helm test) are left out with --no-hooks, Secrets by kind.
render_chart() {
  local out="$1" rendered="${work}/helm-template.yaml"
  helm template "$release" "$CHART_DIR" --namespace "$namespace" \
    --values "${CHART_DIR}/values.yaml" --api-versions "$PROMETHEUS_OPERATOR_API" \
    --no-hooks >"$rendered"
  mkdir -p "$out"
  HEADER="$HEADER" awk -v out="$out" '
    function flush(  target, dir) {
      if (file != "" && !secret && doc != "") {
        target = out "/" file
        if (!(target in written)) {
          dir = target
          sub(/\/[^\/]*$/, "", dir)
          system("mkdir -p \"" dir "\"")
          printf "%s", ENVIRON["HEADER"] > target
          written[target] = 1
        } else {
          printf "---\n" > target
        }
        printf "%s", doc > target
      }
      doc = ""
      secret = 0
    }
    /^---$/ { flush(); next }
    /^# Source: [^\/]+\/templates\// {
      flush()
      file = $0
      sub(/^# Source: [^\/]+\/templates\//, "", file)
      next
    }
    {
      if ($0 == "kind: Secret") secret = 1
      doc = doc $0 "\n"
    }
    END { flush() }
  ' "$rendered"
}

# Prints every object under $1 in one canonical form, each after a line
# "#### <file> <kind> <namespace>/<name>": Helm parses the YAML and prints it back with sorted
# keys (a throwaway chart whose template reads the files), so formatting, key order and
# quoting do not count, only the objects.
normalize() {
  local dir="$1" chart="${work}/normalize"
  rm -rf "$chart"
  mkdir -p "${chart}/templates"
  cp -R "$dir" "${chart}/manifests"
  printf 'apiVersion: v2\nname: k8s-objects\nversion: 0.0.0\n' >"${chart}/Chart.yaml"
  cat >"${chart}/templates/objects.yaml" <<'TEMPLATE'
{{- range $path, $_ := .Files.Glob "manifests/**.{yaml,yml}" }}
{{- $file := trimPrefix "manifests/" $path }}
{{- range $doc := regexSplit "(?m)^---[ \t]*$" ($.Files.Get $path) -1 }}
{{- $object := fromYaml $doc }}
{{- if hasKey $object "Error" }}
{{- fail (printf "%s: not valid YAML: %s" $file $object.Error) }}
{{- end }}
{{- if $object.kind }}
---
#### {{ $file }} {{ $object.kind }} {{ (default dict $object.metadata).namespace | default "" }}/{{ (default dict $object.metadata).name | default "" }}
{{ toYaml $object }}
{{- end }}
{{- end }}
{{- end }}
TEMPLATE
  helm template objects "$chart" >"${work}/normalized.yaml" ||
    die "could not read the manifests in $dir"
}

# Splits normalize's output into one file per object under $1, named after the marker line
# ("/" as ",", " " as "+": names, paths and kinds use neither).
split_objects() {
  local out="$1"
  mkdir -p "$out"
  awk -v out="$out" '
    /^#### / {
      if (target != "") close(target)
      key = substr($0, 6)
      gsub(/\//, ",", key)
      gsub(/ /, "+", key)
      target = out "/" key
      printf "" > target
      next
    }
    /^---$/ || /^# Source: / { next }
    target != "" { print > target }
  ' "${work}/normalized.yaml"
}

check_manifests() {
  [[ -d "$MANIFESTS_DIR" ]] || die "${MANIFESTS_DIR}/ not found in $REPO_ROOT"
  render_chart "${work}/rendered"
  normalize "${work}/rendered"
  split_objects "${work}/expected"
  normalize "$MANIFESTS_DIR"
  split_objects "${work}/committed"

  local entry key name problems=0
  while IFS= read -r key; do
    name="${key//+/ }"
    name="${MANIFESTS_DIR}/${name//,//}"
    if [[ ! -e "${work}/committed/${key}" ]]; then
      printf 'missing: %s (the chart renders it)\n' "$name"
      problems=$((problems + 1))
    elif [[ ! -e "${work}/expected/${key}" ]]; then
      printf 'not rendered by the chart: %s\n' "$name"
      problems=$((problems + 1))
    elif ! diff -u --label "chart: ${name}" --label "${name}" \
      "${work}/expected/${key}" "${work}/committed/${key}" >"${work}/object.diff"; then
      printf 'differs from the chart: %s\n' "$name"
      sed 's/^/    /' "${work}/object.diff"
      problems=$((problems + 1))
    fi
  done < <(for entry in "${work}/expected"/* "${work}/committed"/*; do
    [[ -e "$entry" ]] && printf '%s\n' "${entry##*/}"
  done | sort -u)

  if [[ "$problems" -gt 0 ]]; then
    printf '%s: %s/ and %s disagree on %s object(s). Run scripts/render-k8s.sh to regenerate %s/ from the chart.\n' \
      "$SCRIPT_NAME" "$MANIFESTS_DIR" "$CHART_DIR" "$problems" "$MANIFESTS_DIR" >&2
    exit 1
  fi
  printf '%s/ matches %s (release %s, namespace %s).\n' "$MANIFESTS_DIR" "$CHART_DIR" "$release" "$namespace"
}

regenerate_manifests() {
  render_chart "${work}/rendered"
  mkdir -p "$MANIFESTS_DIR"
  # Only the manifests are replaced; other files (e.g. *.yaml.example) stay.
  find "$MANIFESTS_DIR" -type f \( -name '*.yaml' -o -name '*.yml' \) -delete
  cp -R "${work}/rendered/." "$MANIFESTS_DIR/"
  find "$MANIFESTS_DIR" -mindepth 1 -type d -empty -delete
  printf 'Regenerated %s/ from %s (release %s, namespace %s).\n' "$MANIFESTS_DIR" "$CHART_DIR" "$release" "$namespace"
}

if [[ "$check" == true ]]; then
  check_manifests
else
  regenerate_manifests
fi
