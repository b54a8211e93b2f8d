"""The hand-written layer over the generated client: the calls a training script or a CI job makes most."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import httpx

from .generated.client import AuthenticatedClient, Client
from .generated.types import Response

__all__ = ["Steward", "StewardError"]


class StewardError(Exception):
    """Steward refused a call; carries the HTTP status and the RFC 9457 problem detail."""

    def __init__(self, status: int, problem: Mapping[str, Any]):
        self.status = status
        self.problem = dict(problem)
        detail = self.problem.get("detail") or self.problem.get("title") or "no detail"
        errors = self.problem.get("errors") or []
        fields = "; ".join(
            f"{e.get('field')}: {e.get('detail')}" for e in errors if e.get("detail") and e.get("detail") not in detail
        )
        super().__init__(f"{status} {self.problem.get('title', '')}: {detail}" + (f" ({fields})" if fields else ""))


def _ref(value: str | tuple[str, int] | Mapping[str, Any]) -> dict[str, Any]:
    """``"churn-events@1"``, ``("churn-events", 1)`` or ``{"name": ..., "version": ...}`` as a reference."""
    if isinstance(value, str):
        name, _, version = value.rpartition("@")
        if not name or not version.isdigit():
            raise ValueError(f"{value!r} is not NAME@VERSION, for example churn-events@1")
        return {"name": name, "version": int(version)}
    if isinstance(value, tuple):
        return {"name": value[0], "version": int(value[1])}
    return {"name": value["name"], "version": int(value["version"])}


class Steward:
    """A Steward server, as the holder of an API token.

    ``Steward()`` reads ``STEWARD_URL`` (default ``http://localhost:8080``) and ``STEWARD_TOKEN``. Every
    answer is the JSON Steward sent, as a dict; a refusal raises :class:`StewardError`. ``steward.api`` is
    the generated client (``steward_client.generated``) for every other call.

    >>> steward = Steward()
    >>> v = steward.register_version("churn", "s3://models/churn/run-42/model", "sklearn",
    ...                              metrics={"auc": 0.91}, datasets=["churn-events@1"])
    >>> steward.promote("churn", v["version"], "staging", reason="better AUC")
    """

    def __init__(self, url: str | None = None, token: str | None = None, timeout: float = 120.0):
        self.url = (url or os.environ.get("STEWARD_URL") or "http://localhost:8080").rstrip("/")
        token = token if token is not None else os.environ.get("STEWARD_TOKEN")
        timeout_config = httpx.Timeout(timeout, connect=10.0)
        self.api: AuthenticatedClient | Client = (
            AuthenticatedClient(base_url=self.url, token=token, timeout=timeout_config, raise_on_unexpected_status=True)
            if token
            else Client(base_url=self.url, timeout=timeout_config, raise_on_unexpected_status=True)
        )

    # --- the generated client, with problem details raised --------------------------------------------------

    def call(self, response: Response[Any]) -> Any:
        """The parsed answer of a generated ``sync_detailed`` call; a 4xx or 5xx raises :class:`StewardError`."""
        if response.status_code >= 400:
            raise StewardError(int(response.status_code), _json(response.content))
        parsed = response.parsed
        return parsed.to_dict() if hasattr(parsed, "to_dict") else parsed

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            answer = self.api.get_httpx_client().request(method, path, **kwargs)
        except httpx.ConnectError as e:
            raise ConnectionError(
                f"Cannot reach Steward at {self.url} ({e}); set STEWARD_URL or pass url=..."
            ) from e
        if answer.status_code >= 400:
            raise StewardError(answer.status_code, _json(answer.content))
        return answer.json() if answer.content else None

    # --- the common calls ------------------------------------------------------------------------------------

    def register_version(
        self,
        model: str,
        artifact_uri: str,
        format: str,
        format_version: str | None = None,
        *,
        metrics: Mapping[str, float] | None = None,
        params: Mapping[str, Any] | None = None,
        datasets: Iterable[str | tuple[str, int] | Mapping[str, Any]] = (),
        feature_set: str | tuple[str, int] | None = None,
        threshold_set: str | tuple[str, int] | None = None,
        explanation_template: str | tuple[str, int] | None = None,
        tags: Mapping[str, str] | None = None,
        description: str | None = None,
        create_model: bool = True,
    ) -> dict[str, Any]:
        """Registers a version of ``model`` (created first when missing and ``create_model``); answers it,
        with its ``version`` and ``digest``. References are ``"name@version"`` strings or ``(name, version)``."""
        from .generated.api.model_versions import register_model_version
        from .generated.api.models import create_model as create
        from .generated.api.models import get_model
        from .generated.models import NewModel, NewModelVersion

        if create_model and get_model.sync_detailed(model, client=self.api).status_code == 404:
            created = create.sync_detailed(client=self.api, body=NewModel(name=model))
            if created.status_code != 409:  # another writer created it meanwhile
                self.call(created)
        body: dict[str, Any] = {"artifactUri": artifact_uri, "format": {"name": format}}
        if format_version is not None:
            body["format"]["version"] = str(format_version)
        if metrics:
            body["metrics"] = {k: float(v) for k, v in metrics.items()}
        if params:
            body["params"] = {k: str(v) for k, v in params.items()}
        refs = [_ref(d) for d in datasets]
        if refs:
            body["datasets"] = refs
        for field, value in (("featureSet", feature_set), ("thresholdSet", threshold_set),
                             ("explanationTemplate", explanation_template)):
            if value is not None:
                body[field] = _ref(value)
        if tags:
            body["tags"] = dict(tags)
        if description is not None:
            body["description"] = description
        return self.call(register_model_version.sync_detailed(model, client=self.api,
                                                              body=NewModelVersion.from_dict(body)))

    def promote(self, model: str, version: int, environment: str, reason: str | None = None) -> dict[str, Any]:
        """Requests the promotion of a version; answers the promotion (``state``: approved, pending, rejected)."""
        from .generated.api.promotions import request_promotion
        from .generated.models import PromotionRequest

        body = PromotionRequest(model=model, version=version, environment=environment)
        if reason is not None:
            body.reason = reason
        return self.call(request_promotion.sync_detailed(client=self.api, body=body))

    def rollback(self, environment: str, model: str, reason: str) -> dict[str, Any]:
        """Rolls a deployment back to the version rolled out before; answers ``{"outcome", "changed", "deployment"}``
        (a second rollback changes nothing)."""
        from .generated.api.deployments import rollback_deployment
        from .generated.models import RollbackBody

        return self.call(rollback_deployment.sync_detailed(environment, model, client=self.api,
                                                           body=RollbackBody(reason=reason)))

    def compare(self, reference: Mapping[str, list[Any]] | str | Path | bytes,
                current: Mapping[str, list[Any]] | str | Path | bytes, *, mode: str | None = None,
                **options: Any) -> dict[str, Any]:
        """Compares two samples on the server (nothing is stored); answers every statistic per column and
        ``dataset.datasetDrift``. Samples are columns (``{"tenure": [3, 5, None], "plan": ["a", "b", "a"]}``)
        or CSV files (paths, or CSV text/bytes with a header). ``options``: ``bins``, ``psiThreshold``,
        ``driftShare``, ``scoreColumn``, ``labelColumn``; ``mode``: ``evidently`` or ``reference-bins``."""
        if isinstance(reference, Mapping) and isinstance(current, Mapping):
            body: dict[str, Any] = {"reference": dict(reference), "current": dict(current)}
            if mode is not None:
                body["mode"] = mode
            if options:
                body["options"] = dict(options)
            return self._send("POST", "/api/v1/drift/compare", json=body)
        fields = {k: str(v) for k, v in options.items()}
        if mode is not None:
            fields["mode"] = mode
        files = {"reference": ("reference.csv", _csv(reference).encode(), "text/csv"),
                 "current": ("current.csv", _csv(current).encode(), "text/csv")}
        return self._send("POST", "/api/v1/drift/compare", files=files, data=fields)

    # --- what the generator cannot send: JSON lines and CSV bodies ----------------------------------------

    def send_rows(self, rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
        """Sends scored rows as JSON lines (``POST /api/v1/drift/rows``); answers accepted/rejected counts."""
        return self._send("POST", "/api/v1/drift/rows", content=_lines(rows),
                          headers={"Content-Type": "application/x-ndjson"})

    def send_labels(self, labels: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
        """Sends ground-truth labels as JSON lines (``POST /api/v1/drift/labels``)."""
        return self._send("POST", "/api/v1/drift/labels", content=_lines(labels),
                          headers={"Content-Type": "application/x-ndjson"})

    def upload_reference(self, model: str, version: int, sample: str | Path | bytes) -> dict[str, Any]:
        """Uploads the reference sample (CSV) of a model version, once."""
        return self._send("POST", f"/api/v1/drift/models/{model}/versions/{version}/reference",
                          content=_csv(sample).encode(), headers={"Content-Type": "text/csv"})


def _csv(sample: Any) -> str:
    if isinstance(sample, bytes):
        return sample.decode()
    if isinstance(sample, Path) or (isinstance(sample, str) and "\n" not in sample and Path(sample).is_file()):
        return Path(sample).read_text()
    return sample


def _lines(items: Iterable[Mapping[str, Any]]) -> bytes:
    import json

    return "".join(json.dumps(dict(item), separators=(",", ":")) + "\n" for item in items).encode()


def _json(content: bytes) -> dict[str, Any]:
    import json

    try:
        value = json.loads(content) if content else {}
    except ValueError:
        value = {"detail": content.decode(errors="replace")}
    return value if isinstance(value, dict) else {"detail": str(value)}
