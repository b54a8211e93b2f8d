#!/usr/bin/env bash
# Soak: builds the server jar (isolated target directory), starts Steward on a throwaway data directory
# (embedded defaults: H2, local Git repository), and runs Soak.java: mixed load for the given time, the
# server sampled every 10 s. Not part of the test suite.
# Usage: bench/soak/run.sh [seconds=1800] [rows-per-second=50000] [heap=1g]
# REBUILD=1 rebuilds the jar; OUT=dir keeps samples.csv and the server log (default: a temporary directory)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
SECONDS_TO_RUN=${1:-1800}
RATE=${2:-50000}
HEAP=${3:-1g}
SUFFIX=${STEWARD_TARGET_SUFFIX:--soak}
JAR="$ROOT/server/target$SUFFIX/steward.jar"
if [ ! -f "$JAR" ] || [ -n "${REBUILD:-}" ]; then
  (cd "$ROOT" && ./mvnw -B -q -o -Dsteward.target.suffix="$SUFFIX" -pl server -am package -DskipTests)
fi
DATA=$(mktemp -d)
OUT=${OUT:-$DATA/out}
mkdir -p "$OUT"
PORT=${PORT:-18490}
TOKEN=$(python3 -c 'import secrets; print("stw_" + secrets.token_urlsafe(32))')
STEWARD_DATA_DIR=$DATA STEWARD_BOOTSTRAP_TOKEN=$TOKEN SERVER_PORT=$PORT STEWARD_MAXREQUESTSIZE=64MB \
  LOGGING_LEVEL_ROOT=WARN "$JAVA_HOME/bin/java" -Xmx$HEAP ${SERVER_JAVA_OPTS:-} -jar "$JAR" server > "$OUT/steward.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA/registry.git" "$DATA/index" "$DATA/drift-wal"' EXIT
until curl -sf "localhost:$PORT/actuator/health" > /dev/null; do
  kill -0 $PID 2>/dev/null || { cat "$OUT/steward.log"; exit 1; }
  sleep 1
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM; heap $HEAP; load $(cut -d' ' -f1-3 /proc/loadavg)"
# live heap after a full collection, once warm (5 min) and at the end: the figure a leak would move
live() { "$JAVA_HOME/bin/jmap" -histo:live $PID | awk '/^Total/ {printf "%.1f MB", $3 / 1e6}'; }
( sleep $(( SECONDS_TO_RUN < 600 ? SECONDS_TO_RUN / 2 : 300 )); echo "live heap after a full collection, warm: $(live)" ) &
"$JAVA_HOME/bin/java" -Xmx512m "$ROOT/bench/soak/Soak.java" "http://127.0.0.1:$PORT" "$TOKEN" "$PID" \
  "$SECONDS_TO_RUN" "$RATE" "$OUT"
echo "live heap after a full collection, end: $(live); database $(du -sh "$DATA/index" | cut -f1), repository $(du -sh "$DATA/registry.git" | cut -f1)"
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg); server log errors: $(grep -c ' ERROR ' "$OUT/steward.log" || true); samples in $OUT"
