#!/usr/bin/env bash
# Creates (or reuses) the Python virtual environment that the MLflow import tests and the import
# benchmark run against, and installs the pinned MLflow release plus scikit-learn into it: MLflow 2.x by
# default, 3.x with the argument 3 (each in its own environment, pinned by its constraints file).
# Prints the path of the environment's python on the last line of stdout, e.g.
#   export STEWARD_MLFLOW_PYTHON="$(mlflow/scripts/setup-mlflow.sh | tail -n1)"
#   export STEWARD_MLFLOW3_PYTHON="$(mlflow/scripts/setup-mlflow.sh 3 | tail -n1)"
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
major="${1:-2}"
case "$major" in
  2)
    # The newest 2.x release: runs keep their logged models (tag mlflow.log-model.history).
    MLFLOW_VERSION="2.22.4"
    # SQLAlchemy 2.1 dropped a pool class MLflow 2.22 imports, so it is held at 2.0.
    CONSTRAINTS=("scikit-learn==1.7.2" "pandas==2.3.3" "numpy==2.3.5" "sqlalchemy==2.0.45")
    constraints_file="$repo_root/mlflow/scripts/mlflow-constraints.txt"
    venv="${STEWARD_MLFLOW_VENV:-$repo_root/.cache/mlflow-venv}"
    ;;
  3)
    # The newest 3.x release tested: models are LoggedModel entities (models:/m-...) outside the run.
    MLFLOW_VERSION="3.17.2"
    CONSTRAINTS=("scikit-learn==1.7.2" "pandas==2.3.3" "numpy==2.3.5" "sqlalchemy==2.1.9")
    constraints_file="$repo_root/mlflow/scripts/mlflow3-constraints.txt"
    venv="${STEWARD_MLFLOW3_VENV:-$repo_root/.cache/mlflow3-venv}"
    ;;
  *)
    echo "usage: setup-mlflow.sh [2|3]" >&2
    exit 2
    ;;
esac
python_bin="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
  echo "Creating virtual environment $venv" >&2
  mkdir -p "$(dirname "$venv")"
  "$python_bin" -m venv "$venv"
fi

wanted="mlflow==$MLFLOW_VERSION ${CONSTRAINTS[*]}"
installed="$("$venv/bin/python" - <<'PY' 2>/dev/null || true
from importlib.metadata import version
print(" ".join(f"{name}=={version(name)}" for name in ("mlflow", "scikit-learn", "pandas", "numpy", "sqlalchemy")))
PY
)"

if [[ "$installed" != "$wanted" ]]; then
  echo "Installing $wanted into $venv (found '${installed:-nothing}')" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c "$constraints_file" "mlflow==$MLFLOW_VERSION" "${CONSTRAINTS[@]}" >&2
else
  echo "$installed already installed in $venv" >&2
fi

echo "$venv/bin/python"
