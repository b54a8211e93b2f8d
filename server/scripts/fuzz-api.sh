#!/usr/bin/env bash
# Fuzzes every operation of the served OpenAPI document with Schemathesis (PyPI), as an admin, against a
# fresh Steward (free port, empty data directory, a strong random bootstrap token), and fails on:
#   - any 5xx answer (not_a_server_error),
#   - an answer whose status, content type or body the document does not describe
#     (status_code_conformance, content_type_conformance, response_schema_conformance),
#   - a refused request (4xx/5xx) that made a commit in the registry repository
#     (no_commit_from_rejected_request, server/scripts/fuzz_hooks.py),
#   - an ERROR in Steward's log (a refusal must not be logged as a failure with a stack trace).
# No operation is excluded. One narrowing: generated `trackingUri` values of POST /api/v1/imports/mlflow
# are dropped (fuzz_hooks.py), since Steward would connect to whatever host they name. The run uses one
# worker so that the repository's HEAD before and after each call belongs to that call alone.
#
# Usage: server/scripts/fuzz-api.sh            (called by bin/test-all after the build)
# Environment: STEWARD_FUZZ_EXAMPLES (default 25 per operation and phase), STEWARD_FUZZ_SEED (default
# fixed, so that a failure reproduces; set another to explore), STEWARD_FUZZ_JAR (default the built
# server/target/steward.jar), CI=true makes a missing Schemathesis a failure instead of a skip.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. bin/lib/jdk.sh

SCHEMATHESIS_VERSION="4.32.5"
VENV="${STEWARD_SCHEMATHESIS_VENV:-$ROOT/.cache/schemathesis-venv}"
EXAMPLES="${STEWARD_FUZZ_EXAMPLES:-25}"
SEED="${STEWARD_FUZZ_SEED:-20261202}"

missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "fuzz-api: $1" >&2
    exit 1
  fi
  echo "fuzz-api: skipped: $1 (CI=true makes this a failure)" >&2
  exit 0
}

installed="$("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("schemathesis"))' 2>/dev/null || true)"
if [ "$installed" != "$SCHEMATHESIS_VERSION" ]; then
  echo "Installing schemathesis==$SCHEMATHESIS_VERSION into $VENV (found '${installed:-nothing}')" >&2
  { [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"; } || missing "cannot create the virtual environment $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2 \
    || missing "cannot install schemathesis==$SCHEMATHESIS_VERSION from PyPI"
fi

JAR="${STEWARD_FUZZ_JAR:-$ROOT/server/target/steward.jar}"
if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -ntp -pl server -am -DskipTests package
fi

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATA=$(mktemp -d /tmp/steward-fuzz.XXXXXX)
TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
LOG="$DATA/steward.log"
REPORT="$DATA/report"
STEWARD_PID=""
stop() {
  if [ -n "$STEWARD_PID" ]; then
    kill "$STEWARD_PID" 2>/dev/null || true
    wait "$STEWARD_PID" 2>/dev/null || true
  fi
}
trap stop EXIT

# generated retrain plans must start no local process and call no address they name
STEWARD_DATA_DIR="$DATA" SERVER_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 STEWARD_BOOTSTRAP_TOKEN="$TOKEN" \
  STEWARD_RETRAIN_PROCESS_ENABLED=false STEWARD_RETRAIN_WEBHOOK_ENABLED=false \
  "$JAVA_HOME/bin/java" -jar "$JAR" server > "$LOG" 2>&1 &
STEWARD_PID=$!
for _ in $(seq 120); do
  if curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null; then
    break
  fi
  if ! kill -0 "$STEWARD_PID" 2>/dev/null; then
    cat "$LOG"
    echo "fuzz-api: Steward did not start" >&2
    exit 1
  fi
  sleep 1
done

# Something to find: the README's walkthrough entities, so that reads and registrations that refer to
# them get past "not found" (Schemathesis reuses names it sees in answers).
seed() {
  local answer
  answer=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/$1" -X "${3:-POST}" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2")
  case "$answer" in 2*) ;; *) echo "fuzz-api: seeding $1 answered $answer" >&2; exit 1 ;; esac
}
seed datasets '{"name": "churn-events", "uri": "s3://lake/churn/2026-11",
  "contentDigest": "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  "schema": [{"name": "tenure", "type": "int"}, {"name": "plan", "type": "string"}], "rowCount": 120000}'
seed feature-sets '{"name": "churn-features", "features": [{"name": "tenure", "dtype": "int", "pii": false},
  {"name": "plan", "dtype": "string", "pii": false}], "sourceDatasets": [{"name": "churn-events", "version": 1}]}'
seed threshold-sets '{"name": "churn-thresholds", "values": {"decision_threshold": 0.5, "min_auc": 0.8}}'
seed explanation-templates '{"name": "churn-reasons", "featureSet": {"name": "churn-features", "version": 1},
  "topK": 2, "reasons": {"tenure": "Customers who joined recently leave more often"}}'
seed models '{"name": "churn", "description": "Churn classifier"}'
seed models/churn/versions '{"artifactUri": "s3://models/churn/run-42/model", "format": {"name": "sklearn"},
  "metrics": {"auc": 0.91}, "datasets": [{"name": "churn-events", "version": 1}],
  "featureSet": {"name": "churn-features", "version": 1}, "thresholdSet": {"name": "churn-thresholds", "version": 1},
  "explanationTemplate": {"name": "churn-reasons", "version": 1}}'
seed models/churn/aliases/champion '{"version": 1}' PUT

started=$(date +%s)
status=0
# Schemathesis keeps its cache in the working directory: keep it with the run's data
cd "$DATA"
STEWARD_FUZZ_REPOSITORY="$DATA/registry.git" SCHEMATHESIS_HOOKS=fuzz_hooks PYTHONPATH="$ROOT/server/scripts" \
  "$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/v3/api-docs" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,no_commit_from_rejected_request \
  --phases examples,coverage,fuzzing \
  --max-examples "$EXAMPLES" --seed "$SEED" --workers 1 --no-shrink \
  --request-timeout 30 \
  --report junit --report-dir "$REPORT" \
  --output-sanitize true || status=$?
took=$(( $(date +%s) - started ))
cd "$ROOT"

if grep -n " ERROR " "$LOG" > "$DATA/errors.txt"; then
  echo "fuzz-api: Steward logged errors:" >&2
  head -20 "$DATA/errors.txt" >&2
  status=1
fi
stop
STEWARD_PID=""
if [ "$status" -ne 0 ]; then
  echo "fuzz-api: FAILED after ${took}s; Steward's log and the report are in $DATA" >&2
  exit "$status"
fi
echo "fuzz-api: every operation passed in ${took}s ($EXAMPLES examples per operation and phase, seed $SEED)"
rm -rf "$DATA"
