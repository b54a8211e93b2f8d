#!/usr/bin/env bash
# Rewrites the checked-in OpenAPI document server/api/openapi.json from what a fresh Steward serves (the
# contract ApiContractTests holds the server to), then regenerates the Python client from it when its
# generator is at hand. Run it after an intended change to the API, review the diff, and commit both.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. bin/lib/jdk.sh
./mvnw -B -ntp -q -pl server -am test -Dtest=ApiContractTests -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsteward.openapi.update=true
echo "Wrote server/api/openapi.json" >&2
if [ "${1:-}" != "--no-client" ] && [ -x clients/python/generate.sh ]; then
  clients/python/generate.sh
fi
git --no-pager diff --stat -- server/api/openapi.json clients/python 2>/dev/null || true
