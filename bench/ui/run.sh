#!/usr/bin/env bash
# Page render times of the web UI with a large registry: starts Steward from the built jar on a fresh data directory
# (embedded H2), fills it and measures the pages from a second JVM (PageRenderBench.java), then stops it.
# Usage: bench/ui/run.sh [versions=100000] [samples=300]; STEWARD_JAR=<jar> measures another build.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
JAR=${STEWARD_JAR:-$ROOT/server/target/steward.jar}
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests package)
DATA=$(mktemp -d /tmp/steward-ui-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(python3 -c 'import secrets; print("stw_" + secrets.token_urlsafe(32))')
STEWARD_DATA_DIR=$DATA SERVER_PORT=$PORT STEWARD_BOOTSTRAP_TOKEN=$TOKEN \
  "$JAVA_HOME/bin/java" ${STEWARD_BENCH_JVM_OPTS:--Xmx2g} -jar "$JAR" \
  --logging.level.root=WARN > "$DATA/steward.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 1
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "before: $(uptime)"
STEWARD_PID=$PID "$JAVA_HOME/bin/java" "$ROOT/bench/ui/PageRenderBench.java" "http://127.0.0.1:$PORT" "$TOKEN" "$@"
echo "after: $(uptime)"
