#!/usr/bin/env bash
# Builds helm (Helm v3, from the Go module helm.sh/helm/v3 named in go.mod) for the chart tests
# (helm/test-chart.sh) and prints its path as the last line. The binary is cached under
# ${STEWARD_TOOLS_CACHE:-$HOME/.cache/steward-tools}, keyed by the Helm version and a digest of go.mod, go.sum
# and this script, so a fresh clone on the same machine reuses it and any change rebuilds it (FORCE=1 rebuilds
# anyway). Go's build and module caches make a rebuild after the first one mostly a link step.
set -euo pipefail
cd "$(dirname "$0")"

helm_version=$(awk '$1 == "helm.sh/helm/v3" { print $2; exit }' go.mod)
digest=$(cat go.mod go.sum build.sh | sha256sum | cut -c1-12)
cache_dir="${STEWARD_TOOLS_CACHE:-$HOME/.cache/steward-tools}/helm-${helm_version}-${digest}"
binary="$cache_dir/helm"

if [[ "${FORCE:-0}" != 1 && -x "$binary" ]]; then
  echo "helm ${helm_version} is cached:" >&2
  echo "$binary"
  exit 0
fi

command -v go >/dev/null || { echo "Go (1.21 or later) is needed to build helm." >&2; exit 1; }
# go.mod says which Go release it needs; an older local Go (1.21+) then fetches that toolchain from the
# module proxy instead of failing, while a new enough one is used as it is.
export GOTOOLCHAIN=auto
echo "Building helm ${helm_version} with $(go version | cut -d' ' -f3-) (GOCACHE=$(go env GOCACHE))..." >&2

started=$(date +%s)
mkdir -p "$cache_dir"
# -mod=readonly: go.sum is committed and complete, a build must never rewrite it. The version is stamped as
# Helm's own Makefile does, so `helm version` names it.
go build -mod=readonly -trimpath -o "$binary.tmp.$$" \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=${helm_version} \
    -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
  helm.sh/helm/v3/cmd/helm
mv "$binary.tmp.$$" "$binary"
echo "Built $binary in $(( $(date +%s) - started ))s." >&2
echo "$binary"
