#!/usr/bin/env bash
# Starts a throwaway MLflow tracking server on 127.0.0.1 at a free port: SQLite backend store and a
# local artifact store in a fresh temporary directory, artifacts served through the tracking server
# (so runs get mlflow-artifacts:/ locations, as in a typical deployment).
# Waits until it answers, then prints the tracking URI on the last line of stdout and writes it, with
# the server's pid and directory, into the state directory (.cache/mlflow-server, .cache/mlflow3-server):
#   export STEWARD_TEST_MLFLOW_URI="$(mlflow/scripts/start-mlflow.sh | tail -n1)"      # MLflow 2.x
#   export STEWARD_TEST_MLFLOW3_URI="$(mlflow/scripts/start-mlflow.sh 3 | tail -n1)"   # MLflow 3.x
#   ... mlflow/scripts/stop-mlflow.sh [3]
# The venv's python: STEWARD_MLFLOW_PYTHON (2.x) or STEWARD_MLFLOW3_PYTHON (3.x), else setup-mlflow.sh's.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
major="${1:-2}"
if [[ "$major" == 3 ]]; then
  state="${STEWARD_MLFLOW3_STATE:-$repo_root/.cache/mlflow3-server}"
  python="${STEWARD_MLFLOW3_PYTHON:-$("$repo_root/mlflow/scripts/setup-mlflow.sh" 3 | tail -n1)}"
else
  state="${STEWARD_MLFLOW_STATE:-$repo_root/.cache/mlflow-server}"
  python="${STEWARD_MLFLOW_PYTHON:-$("$repo_root/mlflow/scripts/setup-mlflow.sh" | tail -n1)}"
fi
mlflow_bin="$(dirname "$python")/mlflow"

if [[ -f "$state/pid" ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
  echo "MLflow already running (pid $(cat "$state/pid"))" >&2
  cat "$state/uri"
  exit 0
fi

mkdir -p "$state"
work="$(mktemp -d "${TMPDIR:-/tmp}/steward-mlflow.XXXXXX")"
port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
uri="http://127.0.0.1:$port"

echo "Starting MLflow at $uri with data under $work" >&2
# setsid: the server and its gunicorn workers form one process group that stop-mlflow.sh ends together
setsid "$mlflow_bin" server --host 127.0.0.1 --port "$port" --workers 1 \
  --backend-store-uri "sqlite:///$work/mlflow.db" \
  --artifacts-destination "$work/artifacts" \
  > "$work/server.log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$state/pid"
echo "$work" > "$state/dir"

for _ in $(seq 1 120); do
  if curl -sf "$uri/health" > /dev/null 2>&1; then
    echo "$uri" > "$state/uri"
    echo "$uri"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "MLflow exited; its log:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "MLflow did not answer at $uri within 60 s; its log:" >&2
cat "$work/server.log" >&2
exit 1
