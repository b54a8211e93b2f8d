"""The retraining DAG of Steward's webhook launcher test: one task that trains a small scikit-learn model on
data it generates and registers it with Steward as the run's new model version, with the run's token.

Steward triggers it through Airflow's REST API with the run's facts in the dag run's conf (model, run_id,
run_token, steward_url, trigger, cause, champion, ...). With conf "fail": "true" the task fails instead.
"""
import json
import urllib.request

import pendulum
from airflow.sdk import dag, get_current_context, task


@dag(dag_id="steward_retrain", schedule=None, start_date=pendulum.datetime(2026, 1, 1, tz="UTC"), catchup=False,
     max_active_runs=4, tags=["steward"])
def steward_retrain():
    @task(retries=0)
    def train_and_register():
        import numpy as np
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score
        from sklearn.model_selection import train_test_split

        conf = get_current_context()["dag_run"].conf or {}
        if conf.get("fail") == "true":
            raise RuntimeError("asked to fail by the run's conf")
        rng = np.random.default_rng(abs(hash(conf["run_id"])) % (2 ** 32))
        rows = 3000
        tenure = rng.uniform(0, 72, rows)
        monthly = rng.uniform(10, 120, rows)
        calls = rng.integers(0, 9, rows)
        logit = -1.0 - 0.05 * tenure + 0.02 * monthly + 0.45 * calls
        churned = (rng.uniform(size=rows) < 1 / (1 + np.exp(-logit))).astype(int)
        features = np.column_stack([tenure, monthly, calls])
        x_train, x_test, y_train, y_test = train_test_split(features, churned, test_size=0.25, random_state=7)
        model = LogisticRegression(max_iter=500).fit(x_train, y_train)
        auc = float(roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]))

        version = {
            "artifactUri": f"s3://models/{conf['model']}/{conf['run_id']}/model",
            "format": {"name": "sklearn", "version": "1.7"},
            "metrics": {"auc": round(auc, 4)},
            "params": {"max_iter": "500", "rows": str(rows)},
            "tags": {"trained_by": "airflow", "trigger": conf.get("trigger", "")},
            "description": f"Retrained in Airflow for Steward run {conf['run_id']}",
        }
        request = urllib.request.Request(
            f"{conf['steward_url']}/api/v1/models/{conf['model']}/versions", data=json.dumps(version).encode(),
            headers={"Authorization": f"Bearer {conf['run_token']}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            registered = json.load(answer)
        print(f"Registered {conf['model']}/{registered['version']} with AUC {auc:.4f}")
        return registered["version"]

    train_and_register()


steward_retrain()
