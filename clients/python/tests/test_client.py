import re
import socket
from pathlib import Path

import pytest

from steward_client import Steward, StewardError
from steward_client.generated.api.datasets import get_dataset_version, register_dataset
from steward_client.generated.api.model_versions import list_model_versions
from steward_client.generated.api.threshold_sets import register_threshold_set
from steward_client.generated.models import Dataset, DatasetVersion, PageModelVersion, ThresholdSet

DIGEST = "sha256:" + "ab" * 32


@pytest.fixture(scope="module")
def dataset(engineer: Steward) -> dict:
    answer = register_dataset.sync_detailed(client=engineer.api, body=Dataset.from_dict(
        {"name": "py-events", "uri": "s3://lake/py-events/2026-11", "contentDigest": DIGEST}))
    assert answer.status_code == 201
    assert isinstance(answer.parsed, DatasetVersion)
    return answer.parsed.to_dict()


def readme_example() -> str:
    """The Python example of the root README's "Python" section, as a user would paste it."""
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    section = readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_registers_a_version_as_the_readme_shows(monkeypatch, capsys, url: str, engineer: Steward, dataset: dict):
    code = readme_example()
    assert len(code.strip().splitlines()) == 5
    register_dataset.sync_detailed(client=engineer.api, body=Dataset.from_dict(
        {"name": "churn-events", "uri": "s3://lake/churn/2026-11", "contentDigest": DIGEST}))
    monkeypatch.setenv("STEWARD_URL", url)
    monkeypatch.setenv("STEWARD_TOKEN", engineer.api.token)
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    v = scope["v"]
    assert v["name"] == "churn" and v["version"] == 1
    assert v["metrics"] == {"auc": 0.92}
    assert v["datasets"][0]["name"] == "churn-events" and v["datasets"][0]["digest"].startswith("sha256:")
    assert v["registeredBy"] == "pat"
    assert capsys.readouterr().out.strip() == f"1 {v['digest']}"


def test_register_version_pins_references_to_their_digests(engineer: Steward, dataset: dict):
    v = engineer.register_version("py-churn", "s3://models/churn/run-43/model", "sklearn", "1",
                                  metrics={"auc": 0.92}, datasets=["py-events@1"], tags={"team": "retention"})
    assert v["datasets"] == [{"name": "py-events", "version": 1, "digest": dataset["digest"]}]
    assert v["format"] == {"name": "sklearn", "version": "1"}
    assert v["tags"] == {"team": "retention"}


def test_generated_client_reads_typed_models(engineer: Steward, dataset: dict):
    engineer.register_version("py-typed", "s3://models/typed/1", "xgboost", params={"depth": 6})
    page = list_model_versions.sync(name="py-typed", client=engineer.api)
    assert isinstance(page, PageModelVersion)
    assert page.total == 1
    assert page.items[0].format_.name == "xgboost"
    assert page.items[0].params.to_dict() == {"depth": "6"}
    read = get_dataset_version.sync("py-events", 1, client=engineer.api)
    assert isinstance(read, DatasetVersion) and read.content_digest == DIGEST


def test_promotes_and_rolls_back(engineer: Steward, oncall: Steward):
    # the dev policy checks the metrics against the version's threshold set
    engineer.call(register_threshold_set.sync_detailed(client=engineer.api, body=ThresholdSet.from_dict(
        {"name": "py-thresholds", "values": {"min_auc": 0.8}})))
    for auc in (0.91, 0.93):
        engineer.register_version("py-roll", f"s3://models/roll/{auc}", "sklearn", metrics={"auc": auc},
                                  threshold_set="py-thresholds@1")
    first = engineer.promote("py-roll", 1, "dev", reason="first cut")
    assert first["state"] == "approved"
    assert first["desiredState"]["path"] == "deployments/dev/py-roll.yaml"
    assert engineer.promote("py-roll", 2, "dev", reason="better AUC")["state"] == "approved"
    rolled = oncall.rollback("dev", "py-roll", reason="error rate up")
    assert rolled["changed"] is True
    assert rolled["deployment"]["version"] == 1
    assert oncall.rollback("dev", "py-roll", reason="again")["changed"] is False


def test_refusals_raise_the_problem_detail(engineer: Steward):
    with pytest.raises(StewardError) as missing:
        engineer.promote("py-nothing", 1, "dev")
    assert missing.value.status in (404, 422)
    assert missing.value.problem["status"] == missing.value.status
    with pytest.raises(StewardError) as invalid:
        engineer.register_version("Bad_Name", "s3://models/x/1", "sklearn", create_model=False)
    assert invalid.value.status == 400
    assert "'Bad_Name' must match" in str(invalid.value)
    with pytest.raises(StewardError) as forbidden:
        engineer.rollback("dev", "py-roll", reason="not mine")
    assert forbidden.value.status == 403
    assert "oncall" in forbidden.value.problem["detail"]


def test_compares_columns_and_csv_files(engineer: Steward, tmp_path):
    reference = {"amount": [i % 10 for i in range(300)], "plan": ["a" if i % 3 else "b" for i in range(300)]}
    current = {"amount": [i % 10 + 5 for i in range(300)], "plan": ["a" if i % 3 else "b" for i in range(300)]}
    answer = engineer.compare(reference, current)
    assert answer["mode"] == "evidently"
    drifted = {c["column"]: c["driftDetected"] for c in answer["columns"]}
    assert drifted == {"amount": True, "plan": False}

    ref = tmp_path / "ref.csv"
    cur = tmp_path / "cur.csv"
    ref.write_text("amount\n" + "\n".join(str(v) for v in reference["amount"]) + "\n")
    cur.write_text("amount\n" + "\n".join(str(v) for v in current["amount"]) + "\n")
    binned = engineer.compare(ref, cur, mode="reference-bins", bins=5)
    assert binned["mode"] == "reference-bins"
    assert binned["dataset"]["datasetDrift"] is True
    assert engineer.compare(ref, ref)["dataset"]["datasetDrift"] is False


def test_sends_json_lines_and_reports_each_rejected_row(engineer: Steward):
    answer = engineer.send_rows([{"request_id": "r-1", "model": "py-unknown", "version": 1,
                                  "timestamp": "2026-11-30T10:00:00Z", "features": {"x": 1}, "score": 0.5}])
    assert answer["accepted"] == 0
    assert answer["rejected"] == 1
    assert answer["rejections"][0]["requestId"] == "r-1"


def test_names_the_url_when_steward_cannot_be_reached():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ConnectionError, match=f"http://127.0.0.1:{port}.*STEWARD_URL"):
        Steward(f"http://127.0.0.1:{port}", "stw_x").compare({"a": [1]}, {"a": [2]})
