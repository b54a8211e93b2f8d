#!/usr/bin/env bash
# Starts Steward on a fresh data directory (embedded H2), runs the registration load harness against it
# from a second JVM, and stops it. Usage: bench/registry/run.sh throughput|scale|wrk [options]
#   wrk [connections=8] [seconds=30]: the throughput measure with wrk (Debian package, installed if
#   missing) as the load generator: a native client leaves more of the 2 cores to the server than a JVM.
set -euo pipefail
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
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
if [ "${1:-}" = wrk ]; then
  command -v wrk >/dev/null || sudo_if_needed apt-get install -y -q wrk >/dev/null
  CONNECTIONS=${2:-8}
  DURATION=${3:-30}
  ENGINEER=$("$JAVA_HOME/bin/java" "$ROOT/bench/registry/RegistrationLoad.java" "http://127.0.0.1:$PORT" "$TOKEN" prepare \
    | sed -n 's/^ENGINEER_TOKEN=//p')
  # the server's CPU time per registration says more than the rate when other processes share the cores
  cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
  BEFORE=$(cpu)
  RESULT=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/registry/wrk-register.lua" \
    "http://127.0.0.1:$PORT" -- "$ENGINEER" 8 | grep '^wrk:')
  AFTER=$(cpu)
  echo "$RESULT"
  COUNT=$(echo "$RESULT" | sed -n 's/^wrk: \([0-9]*\) registrations.*/\1/p')
  python3 -c "print('server CPU per registration: %.2f ms' % (($AFTER - $BEFORE) * 1000.0 / $(getconf CLK_TCK) / $COUNT))"
  exit 0
fi
"$JAVA_HOME/bin/java" "$ROOT/bench/registry/RegistrationLoad.java" "http://127.0.0.1:$PORT" "$TOKEN" "$@"
