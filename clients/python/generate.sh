#!/usr/bin/env bash
# Regenerates src/steward_client/generated/ (the generated part of the client) from the checked-in OpenAPI
# document server/api/openapi.json with openapi-python-client (PyPI, pinned below, formatted by its ruff).
# Run it after server/scripts/update-openapi.sh; commit the result. The hand-written layer is
# src/steward_client/__init__.py and _steward.py.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GENERATOR_VERSION="0.29.1"
RUFF_VERSION="0.17.6"
VENV="${STEWARD_CLIENT_GENERATOR_VENV:-$ROOT/.cache/openapi-client-venv}"

installed="$("$VENV/bin/python" -c 'from importlib.metadata import version as v; print(v("openapi-python-client"), v("ruff"))' 2>/dev/null || true)"
if [ "$installed" != "$GENERATOR_VERSION $RUFF_VERSION" ]; then
  echo "Installing openapi-python-client==$GENERATOR_VERSION ruff==$RUFF_VERSION into $VENV" >&2
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "openapi-python-client==$GENERATOR_VERSION" "ruff==$RUFF_VERSION" >&2
fi

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
PATH="$VENV/bin:$PATH" openapi-python-client generate --path "$ROOT/server/api/openapi.json" \
  --config "$HERE/generator.yaml" --meta none --output-path "$OUT/generated" --overwrite >&2
rm -rf "$HERE/src/steward_client/generated"
cp -r "$OUT/generated" "$HERE/src/steward_client/generated"
echo "Generated $HERE/src/steward_client/generated from server/api/openapi.json" >&2
