#!/usr/bin/env bash
# Imports an MLflow run or registered model version into a running Steward: the same as
# `bin/steward mlflow import` (kept for scripts that call it).
#   STEWARD_TOKEN=... mlflow/scripts/import-mlflow.sh --registered-model churn --alias champion
#   STEWARD_TOKEN=... mlflow/scripts/import-mlflow.sh --run-id 1cacd959... --model churn
# Options and defaults: --help.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
exec "$ROOT/bin/steward" mlflow import "$@"
