#!/usr/bin/env bash
# Stops the Airflow that start-airflow.sh started (SIGTERM to each part's process group, SIGKILL after 20 s)
# and deletes its temporary directory.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
state="${STEWARD_AIRFLOW_STATE:-$repo_root/.cache/airflow-server}"

if [[ -f "$state/pids" ]]; then
  pids="$(cat "$state/pids")"
  for pid in $pids; do
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 80); do
    alive=0
    for pid in $pids; do
      kill -0 "$pid" 2>/dev/null && alive=1
    done
    [[ $alive -eq 0 ]] && break
    sleep 0.25
  done
  for pid in $pids; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
fi
if [[ -f "$state/dir" ]]; then
  dir="$(cat "$state/dir")"
  case "$dir" in
    */steward-airflow.*) rm -rf "$dir" ;;
  esac
fi
rm -f "$state/pids" "$state/dir" "$state/env"
