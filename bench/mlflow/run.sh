#!/usr/bin/env bash
# Import benchmark: one MLflow run with 100 metrics and 100 params, imported N times (default 50) into
# a running Steward from a second JVM; prints p50/p90 of the import and of its two parts measured alone
# (MLflow's run read, Steward's registration of the same version) to name the dominant cost.
# Starts its own MLflow (mlflow/scripts/start-mlflow.sh) and Steward on 127.0.0.1 and stops both.
# Usage: bench/mlflow/run.sh [imports]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. bin/lib/jdk.sh
JAR=server/target-mlflow/steward.jar
[ -f "$JAR" ] || ./mvnw -B -q -ntp -Dsteward.target.suffix=-mlflow -pl server -am package -DskipTests
PYTHON=$(mlflow/scripts/setup-mlflow.sh | tail -n1)
export STEWARD_MLFLOW_STATE=$(mktemp -d /tmp/steward-bench-mlflow-state.XXXXXX)
MLFLOW_URI=$(STEWARD_MLFLOW_PYTHON=$PYTHON mlflow/scripts/start-mlflow.sh | tail -n1)
DATA=$(mktemp -d /tmp/steward-bench.XXXXXX)
PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$("$PYTHON" -c 'import secrets; print("stw_" + secrets.token_urlsafe(32))')
STEWARD_DATA_DIR=$DATA SERVER_PORT=$PORT STEWARD_BOOTSTRAP_TOKEN=$TOKEN \
  "$JAVA_HOME/bin/java" ${STEWARD_BENCH_JVM_OPTS:--Xmx2g} -jar "$JAR" server --logging.level.root=WARN \
  --steward.mlflow.tracking-uri="$MLFLOW_URI" --steward.mlflow.sync-back=false \
  '--steward.mlflow.artifact-locations[0].from=mlflow-artifacts:/' \
  '--steward.mlflow.artifact-locations[0].to=pvc://mlflow-artifacts/' > "$DATA/steward.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"; mlflow/scripts/stop-mlflow.sh; rm -rf "$STEWARD_MLFLOW_STATE"' EXIT
# 4 + 96 = 100 metrics, 4 + 96 = 100 params
RUN=$("$PYTHON" -W ignore mlflow/src/test/python/train_and_register.py --tracking-uri "$MLFLOW_URI" \
  --experiment bench --extra-metrics 96 --extra-params 96 2>/dev/null | tail -n1)
RUN_ID=$(echo "$RUN" | "$PYTHON" -c 'import json, sys; r = json.load(sys.stdin); assert len(r["metrics"]) == 100 and len(r["params"]) == 100; print(r["runId"])')
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 1
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); MLflow $("$PYTHON" -c 'import mlflow; print(mlflow.__version__)')"
"$JAVA_HOME/bin/java" bench/mlflow/ImportLoad.java "http://127.0.0.1:$PORT" "$TOKEN" "$MLFLOW_URI" "$RUN_ID" "${1:-50}"
