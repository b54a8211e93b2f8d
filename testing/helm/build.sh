#!/usr/bin/env bash
# Builds bin/helm (Helm v3, from the Go module helm.sh/helm/v3 named in go.mod) for the chart tests in
# bin/test-all. Go's build and module caches make a rebuild after the first one mostly a link step; when the
# binary is newer than go.mod, go.sum and this script the build is skipped altogether (FORCE=1 rebuilds).
set -euo pipefail
cd "$(dirname "$0")"

binary=bin/helm
helm_version=$(awk '$1 == "helm.sh/helm/v3" { print $2; exit }' go.mod)

if [[ "${FORCE:-0}" != 1 && -x "$binary" && -z "$(find go.mod go.sum build.sh -newer "$binary")" ]]; then
  echo "helm ${helm_version} is up to date: $PWD/$binary"
  exit 0
fi

command -v go >/dev/null || { echo "Go (1.21 or later) is needed to build helm." >&2; exit 1; }
# go.mod says which Go release it needs; an older local Go (1.21+) then fetches that toolchain from the
# module proxy instead of failing, while a new enough one is used as it is.
export GOTOOLCHAIN=auto
echo "Building helm ${helm_version} with $(go version | cut -d' ' -f3-) (GOCACHE=$(go env GOCACHE))..."

started=$(date +%s)
mkdir -p bin
# -mod=readonly: go.sum is committed and complete, a build must never rewrite it. The version is stamped as
# Helm's own Makefile does, so `helm version` names it.
go build -mod=readonly -trimpath -o "$binary.tmp" \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=${helm_version} \
    -X helm.sh/helm/v3/internal/version.gitTreeState=clean" \
  helm.sh/helm/v3/cmd/helm
mv "$binary.tmp" "$binary"
echo "Built $PWD/$binary in $(( $(date +%s) - started ))s."
