"""Trains a scikit-learn model on generated data with the real MLflow client and logs it to a tracking server.

Logs params, metrics, a training and an evaluation dataset, the model (sklearn flavor) and, unless told
otherwise, registers it and sets an alias. Prints one JSON object with everything it logged, which the
Java system tests and the import benchmark compare with what Steward imported.

  python train_and_register.py --tracking-uri http://127.0.0.1:5000 --experiment churn \
      --registered-model churn --alias candidate [--extra-metrics 100 --extra-params 100] [--no-model] \
      [--retrain-run ID]

Started by a Steward retrain run, it tags the MLflow run steward.retrain_run with the id Steward hands it in
STEWARD_RUN_ID (or --retrain-run), so that importing the run records the retrain run as the version's producer.
"""

import argparse
import json
import os
import sys
import tempfile

import mlflow
import mlflow.data
import mlflow.pyfunc
import mlflow.sklearn
import numpy as np
import pandas as pd
from mlflow.models import infer_signature
from mlflow.tracking import MlflowClient
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score


MLFLOW_3 = int(mlflow.__version__.split(".")[0]) >= 3


class ChurnProbability(mlflow.pyfunc.PythonModel):
    """A model MLflow knows only as python_function: KServe serves it with the mlflow runtime."""

    def __init__(self, model, features):
        self.model = model
        self.features = features

    def predict(self, context, model_input, params=None):
        return self.model.predict_proba(model_input[self.features])[:, 1]


def location(model_info, run_artifact_uri: str, name: str) -> str:
    """Where a logged model's files are: MLflow 3 keeps them with the LoggedModel, MLflow 2 in the run."""
    if MLFLOW_3:
        return MlflowClient().get_logged_model(model_info.model_id).artifact_location
    return run_artifact_uri.rstrip("/") + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--experiment", default="steward-import")
    parser.add_argument("--registered-model", default=None, help="register the logged model under this name")
    parser.add_argument("--alias", default=None, help="set this alias on the registered version")
    parser.add_argument("--no-model", action="store_true", help="log params, metrics and data but no model")
    parser.add_argument("--also-pyfunc", action="store_true",
                        help="also log the model as a generic python_function model at pyfunc-model")
    parser.add_argument("--extra-metrics", type=int, default=0)
    parser.add_argument("--extra-params", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--retrain-run", default=os.environ.get("STEWARD_RUN_ID"),
                        help="tag the run steward.retrain_run with this Steward retrain run id (default $STEWARD_RUN_ID)")
    args = parser.parse_args()

    mlflow.set_tracking_uri(args.tracking_uri)
    experiment_id = mlflow.set_experiment(args.experiment).experiment_id

    rng = np.random.default_rng(args.seed)
    n = 600
    frame = pd.DataFrame({
        "tenure": rng.integers(0, 72, n).astype("int64"),
        "monthly_charges": rng.normal(60.0, 20.0, n),
        "support_calls": rng.poisson(1.5, n).astype("int64"),
    })
    logit = -1.0 - 0.05 * frame["tenure"] + 0.03 * frame["monthly_charges"] + 0.4 * frame["support_calls"]
    frame["churned"] = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype("int64")
    train, evaluation = frame.iloc[:450], frame.iloc[450:]
    features = ["tenure", "monthly_charges", "support_calls"]

    eval_dir = tempfile.mkdtemp(prefix="steward-mlflow-eval-")
    eval_path = os.path.join(eval_dir, "churn-eval.csv")
    evaluation.to_csv(eval_path, index=False)

    train_ds = mlflow.data.from_pandas(
        train, source="https://data.example.org/churn/2026-11/train.csv", targets="churned", name="churn-train")
    eval_ds = mlflow.data.from_pandas(evaluation, source=eval_path, targets="churned", name="churn-eval")

    params = {"C": "0.5", "max_iter": "200", "solver": "lbfgs", "seed": str(args.seed)}
    for i in range(args.extra_params):
        params[f"extra_param_{i:03d}"] = f"value-{i}"

    with mlflow.start_run(run_name="churn-logreg") as run:
        run_id = run.info.run_id
        mlflow.log_params(params)
        mlflow.set_tags({"team": "retention", "purpose": "steward-import-test"})
        if args.retrain_run:
            mlflow.set_tag("steward.retrain_run", args.retrain_run)
        mlflow.log_input(train_ds, context="training")
        mlflow.log_input(eval_ds, context="evaluation")

        model = LogisticRegression(C=0.5, max_iter=200, solver="lbfgs").fit(train[features], train["churned"])
        proba = model.predict_proba(evaluation[features])[:, 1]
        metrics = {
            "auc": float(roc_auc_score(evaluation["churned"], proba)),
            "accuracy": float(accuracy_score(evaluation["churned"], proba >= 0.5)),
            "log_loss": float(log_loss(evaluation["churned"], proba)),
        }
        # a metric logged at several steps: the import takes the latest value
        for step, value in enumerate([0.9, 0.7, 0.55]):
            mlflow.log_metric("train_loss", value, step=step)
        metrics["train_loss"] = 0.55
        for i in range(args.extra_metrics):
            metrics[f"extra_metric_{i:03d}"] = float(i) / 7.0
        mlflow.log_metrics({k: v for k, v in metrics.items() if k != "train_loss"})

        artifact_path = None
        model_info = None
        model_locations = {}
        if not args.no_model:
            artifact_path = "model"
            signature = infer_signature(train[features], model.predict(train[features]))
            # MLflow 3 logs a model as a LoggedModel entity named by `name` (artifact_path is deprecated there)
            where = {"name": artifact_path} if MLFLOW_3 else {"artifact_path": artifact_path}
            model_info = mlflow.sklearn.log_model(model, signature=signature, **where)
            model_locations[artifact_path] = location(model_info, run.info.artifact_uri, artifact_path)
            if args.also_pyfunc:
                pyfunc_where = {"name": "pyfunc-model"} if MLFLOW_3 else {"artifact_path": "pyfunc-model"}
                pyfunc_info = mlflow.pyfunc.log_model(python_model=ChurnProbability(model, features), **pyfunc_where)
                model_locations["pyfunc-model"] = location(pyfunc_info, run.info.artifact_uri, "pyfunc-model")

    client = MlflowClient(args.tracking_uri)
    finished = client.get_run(run_id)
    registered = None
    if model_info is not None and args.registered_model:
        mv = mlflow.register_model(model_info.model_uri, args.registered_model)
        if args.alias:
            client.set_registered_model_alias(args.registered_model, args.alias, mv.version)
        mv = client.get_model_version(args.registered_model, mv.version)
        registered = {
            "name": mv.name,
            "version": int(mv.version),
            "source": mv.source,
            "alias": args.alias,
        }

    datasets = []
    for dataset_input in finished.inputs.dataset_inputs:
        d = dataset_input.dataset
        datasets.append({
            "name": d.name,
            "digest": d.digest,
            "sourceType": d.source_type,
            "source": d.source,
            "schema": d.schema,
            "profile": d.profile,
            "context": next((t.value for t in dataset_input.tags if t.key == "mlflow.data.context"), None),
        })

    summary = {
        "trackingUri": args.tracking_uri,
        "experimentId": experiment_id,
        "runId": run_id,
        "runName": finished.info.run_name,
        "artifactUri": finished.info.artifact_uri,
        "artifactPath": artifact_path,
        "loggedModels": ([artifact_path] + (["pyfunc-model"] if args.also_pyfunc else [])) if artifact_path else [],
        "modelUri": model_info.model_uri if model_info else None,
        "modelId": getattr(model_info, "model_id", None) if model_info else None,
        "modelLocations": model_locations,
        "flavors": sorted(model_info.flavors.keys()) if model_info else [],
        "sklearnVersion": model_info.flavors["sklearn"]["sklearn_version"] if model_info else None,
        "mlflowVersion": mlflow.__version__,
        "params": params,
        "metrics": metrics,
        "tags": {"team": "retention", "purpose": "steward-import-test"},
        "datasets": datasets,
        "registered": registered,
        "retrainRun": args.retrain_run,
    }
    json.dump(summary, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
