#!/usr/bin/env bash
# Creates (or reuses) the Python virtual environment with Apache Airflow (and scikit-learn, which the
# retraining DAG uses) for the webhook launcher's end-to-end test. pip's cache makes a reinstall quick.
# Prints the environment's bin directory on the last line of stdout:
#   export STEWARD_AIRFLOW_BIN="$(retrain-scheduler/scripts/setup-airflow.sh | tail -n1)"
set -euo pipefail

AIRFLOW_VERSION="3.3.2"
EXTRA=("scikit-learn==1.7.2")

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${STEWARD_AIRFLOW_VENV:-$repo_root/.cache/airflow-venv}"
python_bin="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
  echo "Creating virtual environment $venv" >&2
  mkdir -p "$(dirname "$venv")"
  "$python_bin" -m venv "$venv"
fi

wanted="apache-airflow==$AIRFLOW_VERSION ${EXTRA[*]}"
installed="$("$venv/bin/python" - <<'PY' 2>/dev/null || true
from importlib.metadata import version
print(" ".join(f"{name}=={version(name)}" for name in ("apache-airflow", "scikit-learn")))
PY
)"
if [[ "$installed" != "$wanted" ]]; then
  echo "Installing $wanted into $venv (found '${installed:-nothing}')" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "apache-airflow==$AIRFLOW_VERSION" "${EXTRA[@]}" >&2
else
  echo "$installed already installed in $venv" >&2
fi
echo "$venv/bin"
