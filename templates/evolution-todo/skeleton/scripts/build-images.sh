#!/usr/bin/env bash
# Builds the frontend, backend and mcp images with Docker or Podman, tagged with the git commit.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/build-images.sh [options] [service...]

Builds the images of the services named (default: ${APP_COMPONENTS[*]}) from
docker/<service>/Dockerfile with <service>/ as the build context, as
<registry>/${RELEASE_DEFAULT}-<service>:<tag>.

Options:
  --tag TAG           image tag (default: the short git commit of HEAD)
  --registry REG      registry and path (default: ${IMAGE_REGISTRY_DEFAULT})
  --engine ENGINE     docker or podman (default: docker when installed, else podman)
  --platform PLATFORM target platform, e.g. linux/amd64 (default: the engine's)
  --push              push each image after building it
  --dry-run           print the commands instead of running them
  -h, --help          show this help
USAGE
}

tag=''
registry="$IMAGE_REGISTRY_DEFAULT"
engine=''
platform=''
push=false
services=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) need_value "$1" "${2-}"; tag="$2"; shift 2 ;;
    --registry) need_value "$1" "${2-}"; registry="$2"; shift 2 ;;
    --engine) need_value "$1" "${2-}"; engine="$2"; shift 2 ;;
    --platform) need_value "$1" "${2-}"; platform="$2"; shift 2 ;;
    --push) push=true; shift ;;
    --dry-run) DRY_RUN=true; shift ;;
    -h | --help) usage; exit 0 ;;
    -*) usage_error "unknown option $1" ;;
    *)
      is_app_component "$1" || usage_error "unknown service '$1' (known: ${APP_COMPONENTS[*]})"
      services+=("$1")
      shift
      ;;
  esac
done
[[ -n "${services[*]:-}" ]] || services=("${APP_COMPONENTS[@]}")

if [[ -z "$engine" ]]; then
  if command -v docker >/dev/null 2>&1; then
    engine=docker
  elif command -v podman >/dev/null 2>&1; then
    engine=podman
  else
    die "neither docker nor podman is installed"
  fi
fi
[[ "$engine" == docker || "$engine" == podman ]] || usage_error "--engine must be docker or podman (got '$engine')"
require "$engine"

cd "$REPO_ROOT"
revision=unknown
if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  revision="$(git rev-parse HEAD)"
  [[ -n "$tag" ]] || tag="$(git rev-parse --short HEAD)"
fi
[[ -n "$tag" ]] || die "not a git repository: give the image tag with --tag"
[[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "invalid tag '$tag': letters, digits, '_', '.' and '-', at most 128 characters"
[[ "$tag" != latest ]] || die "refusing the tag 'latest': deployments and rollbacks need a pinned tag"

built=()
for service in "${services[@]}"; do
  image="${registry}/${RELEASE_DEFAULT}-${service}:${tag}"
  args=(build --file "docker/${service}/Dockerfile" --tag "$image"
    --build-arg "VERSION=${tag}" --build-arg "REVISION=${revision}")
  # BuildKit picks up docker/<service>/Dockerfile.dockerignore by itself; Podman is told.
  if [[ "$engine" == podman ]]; then
    args+=(--ignorefile "docker/${service}/Dockerfile.dockerignore")
  fi
  if [[ -n "$platform" ]]; then
    args+=(--platform "$platform")
  fi
  run "$engine" "${args[@]}" "$service"
  if [[ "$push" == true ]]; then
    run "$engine" push "$image"
  fi
  built+=("$image")
done

if [[ "$DRY_RUN" == true ]]; then
  echo "Dry run: nothing was built or pushed."
else
  echo "$([[ "$push" == true ]] && echo 'Built and pushed' || echo 'Built') with ${engine}:"
  printf '  %s\n' "${built[@]}"
fi
