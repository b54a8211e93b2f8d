from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mlflow_run import MlflowRun
    from ..models.model_format import ModelFormat
    from ..models.model_version_metrics import ModelVersionMetrics
    from ..models.model_version_params import ModelVersionParams
    from ..models.model_version_tags import ModelVersionTags
    from ..models.produced_by import ProducedBy
    from ..models.reference import Reference
    from ..models.signature import Signature


T = TypeVar("T", bound="ModelVersion")


@_attrs_define
class ModelVersion:
    """
    Attributes:
        artifact_uri (str):
        datasets (list[Reference]):
        format_ (ModelFormat):
        metrics (ModelVersionMetrics):
        name (str):
        params (ModelVersionParams):
        registered_at (datetime.datetime):
        registered_by (str):
        tags (ModelVersionTags):
        version (int):
        description (str | Unset):
        digest (str | Unset):
        explanation_template (Reference | Unset):
        feature_set (Reference | Unset):
        mlflow_run (MlflowRun | Unset):
        produced_by (ProducedBy | Unset):
        runtime (str | Unset):
        signature (Signature | Unset):
        threshold_set (Reference | Unset):
    """

    artifact_uri: str
    datasets: list[Reference]
    format_: ModelFormat
    metrics: ModelVersionMetrics
    name: str
    params: ModelVersionParams
    registered_at: datetime.datetime
    registered_by: str
    tags: ModelVersionTags
    version: int
    description: str | Unset = UNSET
    digest: str | Unset = UNSET
    explanation_template: Reference | Unset = UNSET
    feature_set: Reference | Unset = UNSET
    mlflow_run: MlflowRun | Unset = UNSET
    produced_by: ProducedBy | Unset = UNSET
    runtime: str | Unset = UNSET
    signature: Signature | Unset = UNSET
    threshold_set: Reference | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        artifact_uri = self.artifact_uri

        datasets = []
        for datasets_item_data in self.datasets:
            datasets_item = datasets_item_data.to_dict()
            datasets.append(datasets_item)

        format_ = self.format_.to_dict()

        metrics = self.metrics.to_dict()

        name = self.name

        params = self.params.to_dict()

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        tags = self.tags.to_dict()

        version = self.version

        description = self.description

        digest = self.digest

        explanation_template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.explanation_template, Unset):
            explanation_template = self.explanation_template.to_dict()

        feature_set: dict[str, Any] | Unset = UNSET
        if not isinstance(self.feature_set, Unset):
            feature_set = self.feature_set.to_dict()

        mlflow_run: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mlflow_run, Unset):
            mlflow_run = self.mlflow_run.to_dict()

        produced_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.produced_by, Unset):
            produced_by = self.produced_by.to_dict()

        runtime = self.runtime

        signature: dict[str, Any] | Unset = UNSET
        if not isinstance(self.signature, Unset):
            signature = self.signature.to_dict()

        threshold_set: dict[str, Any] | Unset = UNSET
        if not isinstance(self.threshold_set, Unset):
            threshold_set = self.threshold_set.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifactUri": artifact_uri,
                "datasets": datasets,
                "format": format_,
                "metrics": metrics,
                "name": name,
                "params": params,
                "registeredAt": registered_at,
                "registeredBy": registered_by,
                "tags": tags,
                "version": version,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if digest is not UNSET:
            field_dict["digest"] = digest
        if explanation_template is not UNSET:
            field_dict["explanationTemplate"] = explanation_template
        if feature_set is not UNSET:
            field_dict["featureSet"] = feature_set
        if mlflow_run is not UNSET:
            field_dict["mlflowRun"] = mlflow_run
        if produced_by is not UNSET:
            field_dict["producedBy"] = produced_by
        if runtime is not UNSET:
            field_dict["runtime"] = runtime
        if signature is not UNSET:
            field_dict["signature"] = signature
        if threshold_set is not UNSET:
            field_dict["thresholdSet"] = threshold_set

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.mlflow_run import MlflowRun
        from ..models.model_format import ModelFormat
        from ..models.model_version_metrics import ModelVersionMetrics
        from ..models.model_version_params import ModelVersionParams
        from ..models.model_version_tags import ModelVersionTags
        from ..models.produced_by import ProducedBy
        from ..models.reference import Reference
        from ..models.signature import Signature

        d = dict(src_dict)
        artifact_uri = d.pop("artifactUri")

        datasets = []
        _datasets = d.pop("datasets")
        for datasets_item_data in _datasets:
            datasets_item = Reference.from_dict(datasets_item_data)

            datasets.append(datasets_item)

        format_ = ModelFormat.from_dict(d.pop("format"))

        metrics = ModelVersionMetrics.from_dict(d.pop("metrics"))

        name = d.pop("name")

        params = ModelVersionParams.from_dict(d.pop("params"))

        registered_at = datetime.datetime.fromisoformat(d.pop("registeredAt"))

        registered_by = d.pop("registeredBy")

        tags = ModelVersionTags.from_dict(d.pop("tags"))

        version = d.pop("version")

        description = d.pop("description", UNSET)

        digest = d.pop("digest", UNSET)

        _explanation_template = d.pop("explanationTemplate", UNSET)
        explanation_template: Reference | Unset
        if isinstance(_explanation_template, Unset):
            explanation_template = UNSET
        else:
            explanation_template = Reference.from_dict(_explanation_template)

        _feature_set = d.pop("featureSet", UNSET)
        feature_set: Reference | Unset
        if isinstance(_feature_set, Unset):
            feature_set = UNSET
        else:
            feature_set = Reference.from_dict(_feature_set)

        _mlflow_run = d.pop("mlflowRun", UNSET)
        mlflow_run: MlflowRun | Unset
        if isinstance(_mlflow_run, Unset):
            mlflow_run = UNSET
        else:
            mlflow_run = MlflowRun.from_dict(_mlflow_run)

        _produced_by = d.pop("producedBy", UNSET)
        produced_by: ProducedBy | Unset
        if isinstance(_produced_by, Unset):
            produced_by = UNSET
        else:
            produced_by = ProducedBy.from_dict(_produced_by)

        runtime = d.pop("runtime", UNSET)

        _signature = d.pop("signature", UNSET)
        signature: Signature | Unset
        if isinstance(_signature, Unset):
            signature = UNSET
        else:
            signature = Signature.from_dict(_signature)

        _threshold_set = d.pop("thresholdSet", UNSET)
        threshold_set: Reference | Unset
        if isinstance(_threshold_set, Unset):
            threshold_set = UNSET
        else:
            threshold_set = Reference.from_dict(_threshold_set)

        model_version = cls(
            artifact_uri=artifact_uri,
            datasets=datasets,
            format_=format_,
            metrics=metrics,
            name=name,
            params=params,
            registered_at=registered_at,
            registered_by=registered_by,
            tags=tags,
            version=version,
            description=description,
            digest=digest,
            explanation_template=explanation_template,
            feature_set=feature_set,
            mlflow_run=mlflow_run,
            produced_by=produced_by,
            runtime=runtime,
            signature=signature,
            threshold_set=threshold_set,
        )

        model_version.additional_properties = d
        return model_version

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
