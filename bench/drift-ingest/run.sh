#!/usr/bin/env bash
# Drift ingestion benchmark: builds the server jar (isolated target directory), starts Steward on a
# throwaway data directory, and drives HTTP JSON-lines ingestion with IngestBenchmark.java.
# Usage: bench/drift-ingest/run.sh [seconds=60] [connections=4] [rows-per-batch=1000] [heap=1g]
# SEGMENTS=2x20 names 2 categorical features of 20 values each as segment columns; SEGMENTS=2x20:off sends
# the same rows without them (IngestBenchmark.java reads it).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
SECONDS_TO_RUN=${1:-60}
CONNECTIONS=${2:-4}
BATCH=${3:-1000}
HEAP=${4:-1g}
SUFFIX=${STEWARD_TARGET_SUFFIX:--ingest}
JAR="$ROOT/server/target$SUFFIX/steward.jar"
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -q -o -Dsteward.target.suffix="$SUFFIX" -pl server -am package -DskipTests)
fi
DATA=$(mktemp -d)
PORT=${PORT:-18480}
TOKEN=$(python3 -c 'import secrets; print("stw_" + secrets.token_urlsafe(32))')
STEWARD_DATA_DIR=$DATA STEWARD_BOOTSTRAP_TOKEN=$TOKEN SERVER_PORT=$PORT STEWARD_MAXREQUESTSIZE=64MB \
  LOGGING_LEVEL_ROOT=WARN "$JAVA_HOME/bin/java" -Xmx$HEAP ${SERVER_JAVA_OPTS:-} -jar "$JAR" server > "$DATA/steward.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$DATA/steward.log"; exit 1; }
  sleep 1
done
echo "segments: ${SEGMENTS:-none}; load: $(uptime | sed 's/.*load average: //')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM; heap $HEAP"
# the write-ahead log's size every 5 s; its largest is printed at the end (snapshots bound it)
( while sleep 5; do du -sb "$DATA/drift-wal" 2>/dev/null | cut -f1; done > "$DATA/wal-sizes" ) &
SAMPLER=$!
"$JAVA_HOME/bin/java" -Xmx1g "$ROOT/bench/drift-ingest/IngestBenchmark.java" "http://127.0.0.1:$PORT" "$TOKEN" "$PID" \
  "$SECONDS_TO_RUN" "$CONNECTIONS" "$BATCH"
kill $SAMPLER 2>/dev/null || true
echo "write-ahead log on disk: $(du -sh "$DATA/drift-wal" | cut -f1) at the end, at most $(sort -n "$DATA/wal-sizes" | tail -1 | awk '{printf "%.2f GB", $1 / 1e9}') (sampled every 5 s)"
