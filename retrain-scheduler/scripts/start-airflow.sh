#!/usr/bin/env bash
# Starts a throwaway Apache Airflow on 127.0.0.1 for the webhook launcher's end-to-end test: SQLite, the
# LocalExecutor with two workers, the API server, the scheduler and the DAG processor as separate processes
# (no triggerer; they stop cleanly on SIGTERM, unlike `airflow standalone`), free ports, and the DAGs of
# retrain-scheduler/src/test/airflow/dags. Waits until the API answers and the DAG is parsed, then writes
# the URL and the admin's credentials to <state>/env and prints the URL on the last line of stdout:
#   retrain-scheduler/scripts/start-airflow.sh && . .cache/airflow-server/env   # STEWARD_TEST_AIRFLOW_*
#   ... retrain-scheduler/scripts/stop-airflow.sh
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${STEWARD_AIRFLOW_STATE:-$repo_root/.cache/airflow-server}"
bin="${STEWARD_AIRFLOW_BIN:-$("$repo_root/retrain-scheduler/scripts/setup-airflow.sh" | tail -n1)}"

if [[ -f "$state/pids" ]] && kill -0 $(head -1 "$state/pids") 2>/dev/null; then
  if [[ -f "$state/env" ]]; then
    echo "Airflow already running" >&2
    . "$state/env"
    echo "$STEWARD_TEST_AIRFLOW_URL"
    exit 0
  fi
  "$repo_root/retrain-scheduler/scripts/stop-airflow.sh"
fi

mkdir -p "$state"
work="$(mktemp -d "${TMPDIR:-/tmp}/steward-airflow.XXXXXX")"
free_port() { "$bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"
url="http://127.0.0.1:$port"
secret="$("$bin/python" -c 'import secrets; print(secrets.token_urlsafe(32))')"

export PATH="$bin:$PATH"
export AIRFLOW_HOME="$work/home"
export AIRFLOW__CORE__DAGS_FOLDER="$repo_root/retrain-scheduler/src/test/airflow/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__EXECUTOR=LocalExecutor
export AIRFLOW__CORE__PARALLELISM=2
export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS="steward:admin"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="$url/execution/"
export AIRFLOW__API__HOST=127.0.0.1
export AIRFLOW__API__PORT="$port"
export AIRFLOW__API__BASE_URL="$url"
export AIRFLOW__API__SECRET_KEY="$secret"
export AIRFLOW__API_AUTH__JWT_SECRET="$secret"
export AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT="$(free_port)"
export AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT="$(free_port)"
export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=5
export AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC=1
mkdir -p "$AIRFLOW_HOME"

echo "Starting Airflow at $url with data under $work" >&2
airflow db migrate > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
: > "$state/pids"
for part in api-server scheduler dag-processor; do
  # setsid: each part and the workers it forks form a process group that stop-airflow.sh ends together
  setsid airflow "$part" > "$work/$part.log" 2>&1 < /dev/null &
  echo $! >> "$state/pids"
done
echo "$work" > "$state/dir"

passwords="$AIRFLOW_HOME/simple_auth_manager_passwords.json.generated"
for _ in $(seq 1 240); do
  if [[ -f "$passwords" ]] && curl -sf "$url/api/v2/monitor/health" > /dev/null 2>&1; then
    password="$("$bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["steward"])' "$passwords")"
    token="$(curl -sf "$url/auth/token" -H 'Content-Type: application/json' \
      -d "{\"username\": \"steward\", \"password\": \"$password\"}" | "$bin/python" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])' || true)"
    if [[ -n "$token" ]] && curl -sf "$url/api/v2/dags/steward_retrain" -H "Authorization: Bearer $token" > /dev/null 2>&1; then
      cat > "$state/env" <<ENV
export STEWARD_TEST_AIRFLOW_URL=$url STEWARD_TEST_AIRFLOW_USER=steward STEWARD_TEST_AIRFLOW_PASSWORD=$password
ENV
      echo "$url"
      exit 0
    fi
  fi
  for pid in $(cat "$state/pids"); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "An Airflow part exited; the logs:" >&2
      tail -n 30 "$work"/*.log >&2
      exit 1
    fi
  done
  sleep 0.5
done
echo "Airflow did not answer at $url with the DAG steward_retrain within 120 s; the logs:" >&2
tail -n 30 "$work"/*.log >&2
exit 1
