#!/usr/bin/env bash
# Starts Steward from the built jar on a fresh data directory (embedded H2), runs the revocation impact harness
# against it and stops it. Usage: bench/governance/run.sh [total=100000] [downstream=1000] [probes=200]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
[ -f "$ROOT/server/target/steward.jar" ] || (cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests package)
DATA=$(mktemp -d /tmp/steward-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TOKEN=$(python3 -c 'import secrets; print("stw_" + secrets.token_urlsafe(32))')
STEWARD_DATA_DIR=$DATA SERVER_PORT=$PORT STEWARD_BOOTSTRAP_TOKEN=$TOKEN \
  "$JAVA_HOME/bin/java" ${STEWARD_BENCH_JVM_OPTS:--Xmx2g} -jar "$ROOT/server/target/steward.jar" server \
  --logging.level.root=WARN > "$DATA/steward.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break
  sleep 1
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
"$JAVA_HOME/bin/java" "$ROOT/bench/governance/RevocationImpact.java" "http://127.0.0.1:$PORT" "$TOKEN" "$@"
