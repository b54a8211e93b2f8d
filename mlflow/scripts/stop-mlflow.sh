#!/usr/bin/env bash
# Stops the MLflow server that start-mlflow.sh started (argument 3: the MLflow 3.x one) and deletes its
# temporary directory.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [[ "${1:-2}" == 3 ]]; then
  state="${STEWARD_MLFLOW3_STATE:-$repo_root/.cache/mlflow3-server}"
else
  state="${STEWARD_MLFLOW_STATE:-$repo_root/.cache/mlflow-server}"
fi

if [[ -f "$state/pid" ]]; then
  pid="$(cat "$state/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
fi
if [[ -f "$state/dir" ]]; then
  dir="$(cat "$state/dir")"
  case "$dir" in
    */steward-mlflow.*) rm -rf "$dir" ;;
  esac
fi
rm -f "$state/pid" "$state/uri" "$state/dir"
