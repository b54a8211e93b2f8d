#!/usr/bin/env bash
# Runs the Python client's pytest suite against a real Steward: installs the client and pytest into a
# virtual environment (.cache/python-client-venv), starts the built jar (server/target/steward.jar, or
# $STEWARD_JAR) on a free port with a fresh data directory and a strong random admin token, runs pytest,
# and stops the server. Called by bin/test-all; CI=true makes a failed install a failure (never a skip).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"
. bin/lib/jdk.sh
VENV="${STEWARD_PYTHON_CLIENT_VENV:-$ROOT/.cache/python-client-venv}"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# the package is installed from its pyproject (hatchling, pinned there) so that its build is tested too
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$HERE[test]" >&2

JAR="${STEWARD_JAR:-$ROOT/server/target/steward.jar}"
if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -ntp -pl server -am -DskipTests package
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATA=$(mktemp -d /tmp/steward-python-client.XXXXXX)
TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')
PID=""
stop() {
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap stop EXIT
STEWARD_DATA_DIR="$DATA" SERVER_PORT="$PORT" SERVER_ADDRESS=127.0.0.1 STEWARD_BOOTSTRAP_TOKEN="$TOKEN" \
  "$JAVA_HOME/bin/java" -jar "$JAR" server > "$DATA/steward.log" 2>&1 &
PID=$!
for _ in $(seq 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break
  if ! kill -0 "$PID" 2>/dev/null; then
    cat "$DATA/steward.log"
    echo "python client: Steward did not start" >&2
    exit 1
  fi
  sleep 1
done
cd "$HERE"
STEWARD_URL="http://127.0.0.1:$PORT" STEWARD_ADMIN_TOKEN="$TOKEN" "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
