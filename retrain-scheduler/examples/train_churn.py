#!/usr/bin/env python3
"""Trains a small churn classifier and registers it with Steward as the run's new model version.

Started by Steward's process launcher (or by hand with the same variables). It needs nothing beyond
Python 3: it generates customer data, fits a logistic regression by gradient descent, measures AUC on
held-out rows, writes the model to $STEWARD_OUTPUT_DIR (default ./retrain-output) and registers the version
with the run's token, which may register one version of $STEWARD_MODEL and nothing else.

Variables (set by Steward): STEWARD_URL, STEWARD_MODEL, STEWARD_RUN_ID, STEWARD_RUN_TOKEN, STEWARD_TRIGGER,
STEWARD_CAUSE_DATASET, STEWARD_CAUSE_DATASET_VERSION, STEWARD_CHAMPION_VERSION. Optional:
STEWARD_ARTIFACT_BASE (default s3://models), STEWARD_TRAINING_DATASET ("name/version", recorded as the
version's dataset when no dataset caused the run), STEWARD_THRESHOLD_SET ("name/version", the threshold set the
version's metrics are judged by, for example by a promotion policy).
"""
import json
import math
import os
import random
import sys
import urllib.error
import urllib.request


def generate(rows, seed):
    rng = random.Random(seed)
    data = []
    for _ in range(rows):
        tenure = rng.uniform(0, 72)
        monthly = rng.uniform(10, 120)
        support_calls = rng.randint(0, 8)
        logit = -1.0 - 0.05 * tenure + 0.02 * monthly + 0.45 * support_calls
        churned = 1 if rng.random() < 1 / (1 + math.exp(-logit)) else 0
        data.append(([tenure / 72, monthly / 120, support_calls / 8], churned))
    return data


def fit(data, epochs=300, rate=0.5):
    weights = [0.0, 0.0, 0.0]
    bias = 0.0
    for _ in range(epochs):
        grad_w = [0.0, 0.0, 0.0]
        grad_b = 0.0
        for x, y in data:
            p = 1 / (1 + math.exp(-(sum(w * v for w, v in zip(weights, x)) + bias)))
            for i in range(3):
                grad_w[i] += (p - y) * x[i]
            grad_b += p - y
        weights = [w - rate * g / len(data) for w, g in zip(weights, grad_w)]
        bias -= rate * grad_b / len(data)
    return weights, bias


def auc(data, weights, bias):
    scored = sorted((sum(w * v for w, v in zip(weights, x)) + bias, y) for x, y in data)
    positives = sum(y for _, y in scored)
    negatives = len(scored) - positives
    rank_sum = sum(i + 1 for i, (_, y) in enumerate(scored) if y == 1)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def main():
    url = os.environ["STEWARD_URL"].rstrip("/")
    model = os.environ["STEWARD_MODEL"]
    run = os.environ["STEWARD_RUN_ID"]
    token = os.environ["STEWARD_RUN_TOKEN"]
    data = generate(2000, run)
    train, test = data[:1500], data[1500:]
    weights, bias = fit(train)
    score = round(auc(test, weights, bias), 4)
    output = os.path.join(os.environ.get("STEWARD_OUTPUT_DIR", "retrain-output"), model, run)
    os.makedirs(output, exist_ok=True)
    with open(os.path.join(output, "model.json"), "w") as f:
        json.dump({"features": ["tenure", "monthly", "support_calls"], "weights": weights, "bias": bias}, f)
    print(f"Trained {model} for run {run}: AUC {score} on {len(test)} held-out rows; model in {output}")

    datasets = []
    if os.environ.get("STEWARD_CAUSE_DATASET"):
        datasets.append({"name": os.environ["STEWARD_CAUSE_DATASET"],
                         "version": int(os.environ["STEWARD_CAUSE_DATASET_VERSION"])})
    elif os.environ.get("STEWARD_TRAINING_DATASET"):
        name, version = os.environ["STEWARD_TRAINING_DATASET"].split("/")
        datasets.append({"name": name, "version": int(version)})
    version = {
        "artifactUri": f"{os.environ.get('STEWARD_ARTIFACT_BASE', 's3://models')}/{model}/{run}/model",
        "format": {"name": "sklearn", "version": "1"},
        "metrics": {"auc": score},
        "params": {"epochs": "300", "learning_rate": "0.5"},
        "datasets": datasets,
        "tags": {"trigger": os.environ.get("STEWARD_TRIGGER", ""),
                 "champion_before": os.environ.get("STEWARD_CHAMPION_VERSION", "")},
        "description": f"Retrained by run {run}",
    }
    if os.environ.get("STEWARD_THRESHOLD_SET"):
        name, threshold_version = os.environ["STEWARD_THRESHOLD_SET"].split("/")
        version["thresholdSet"] = {"name": name, "version": int(threshold_version)}
    request = urllib.request.Request(f"{url}/api/v1/models/{model}/versions", data=json.dumps(version).encode(),
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            registered = json.load(answer)
    except urllib.error.HTTPError as e:
        print(f"Steward refused the version: HTTP {e.code}: {e.read().decode()}", file=sys.stderr)
        return 1
    print(f"Registered {model}/{registered['version']} (producedBy {registered.get('producedBy')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
