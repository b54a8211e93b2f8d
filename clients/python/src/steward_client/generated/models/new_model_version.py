from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.mlflow_run import MlflowRun
    from ..models.model_format import ModelFormat
    from ..models.new_model_version_metrics import NewModelVersionMetrics
    from ..models.new_model_version_params import NewModelVersionParams
    from ..models.new_model_version_tags import NewModelVersionTags
    from ..models.ref import Ref
    from ..models.signature import Signature


T = TypeVar("T", bound="NewModelVersion")


@_attrs_define
class NewModelVersion:
    """
    Attributes:
        artifact_uri (str):
        format_ (ModelFormat):
        datasets (list[Ref] | Unset):
        description (str | Unset):
        explanation_template (Ref | Unset):
        feature_set (Ref | Unset):
        metrics (NewModelVersionMetrics | Unset):
        mlflow_run (MlflowRun | Unset):
        params (NewModelVersionParams | Unset):
        runtime (str | Unset):
        signature (Signature | Unset):
        tags (NewModelVersionTags | Unset): string keys matching [A-Za-z0-9][A-Za-z0-9._/-]* (at most 128 characters) to
            text of at most 4096 characters
        threshold_set (Ref | Unset):
    """

    artifact_uri: str
    format_: ModelFormat
    datasets: list[Ref] | Unset = UNSET
    description: str | Unset = UNSET
    explanation_template: Ref | Unset = UNSET
    feature_set: Ref | Unset = UNSET
    metrics: NewModelVersionMetrics | Unset = UNSET
    mlflow_run: MlflowRun | Unset = UNSET
    params: NewModelVersionParams | Unset = UNSET
    runtime: str | Unset = UNSET
    signature: Signature | Unset = UNSET
    tags: NewModelVersionTags | Unset = UNSET
    threshold_set: Ref | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        artifact_uri = self.artifact_uri

        format_ = self.format_.to_dict()

        datasets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.datasets, Unset):
            datasets = []
            for datasets_item_data in self.datasets:
                datasets_item = datasets_item_data.to_dict()
                datasets.append(datasets_item)

        description = self.description

        explanation_template: dict[str, Any] | Unset = UNSET
        if not isinstance(self.explanation_template, Unset):
            explanation_template = self.explanation_template.to_dict()

        feature_set: dict[str, Any] | Unset = UNSET
        if not isinstance(self.feature_set, Unset):
            feature_set = self.feature_set.to_dict()

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        mlflow_run: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mlflow_run, Unset):
            mlflow_run = self.mlflow_run.to_dict()

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        runtime = self.runtime

        signature: dict[str, Any] | Unset = UNSET
        if not isinstance(self.signature, Unset):
            signature = self.signature.to_dict()

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        threshold_set: dict[str, Any] | Unset = UNSET
        if not isinstance(self.threshold_set, Unset):
            threshold_set = self.threshold_set.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifactUri": artifact_uri,
                "format": format_,
            }
        )
        if datasets is not UNSET:
            field_dict["datasets"] = datasets
        if description is not UNSET:
            field_dict["description"] = description
        if explanation_template is not UNSET:
            field_dict["explanationTemplate"] = explanation_template
        if feature_set is not UNSET:
            field_dict["featureSet"] = feature_set
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if mlflow_run is not UNSET:
            field_dict["mlflowRun"] = mlflow_run
        if params is not UNSET:
            field_dict["params"] = params
        if runtime is not UNSET:
            field_dict["runtime"] = runtime
        if signature is not UNSET:
            field_dict["signature"] = signature
        if tags is not UNSET:
            field_dict["tags"] = tags
        if threshold_set is not UNSET:
            field_dict["thresholdSet"] = threshold_set

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.mlflow_run import MlflowRun
        from ..models.model_format import ModelFormat
        from ..models.new_model_version_metrics import NewModelVersionMetrics
        from ..models.new_model_version_params import NewModelVersionParams
        from ..models.new_model_version_tags import NewModelVersionTags
        from ..models.ref import Ref
        from ..models.signature import Signature

        d = dict(src_dict)
        artifact_uri = d.pop("artifactUri")

        format_ = ModelFormat.from_dict(d.pop("format"))

        _datasets = d.pop("datasets", UNSET)
        datasets: list[Ref] | Unset = UNSET
        if _datasets is not UNSET:
            datasets = []
            for datasets_item_data in _datasets:
                datasets_item = Ref.from_dict(datasets_item_data)

                datasets.append(datasets_item)

        description = d.pop("description", UNSET)

        _explanation_template = d.pop("explanationTemplate", UNSET)
        explanation_template: Ref | Unset
        if isinstance(_explanation_template, Unset):
            explanation_template = UNSET
        else:
            explanation_template = Ref.from_dict(_explanation_template)

        _feature_set = d.pop("featureSet", UNSET)
        feature_set: Ref | Unset
        if isinstance(_feature_set, Unset):
            feature_set = UNSET
        else:
            feature_set = Ref.from_dict(_feature_set)

        _metrics = d.pop("metrics", UNSET)
        metrics: NewModelVersionMetrics | Unset
        if isinstance(_metrics, Unset):
            metrics = UNSET
        else:
            metrics = NewModelVersionMetrics.from_dict(_metrics)

        _mlflow_run = d.pop("mlflowRun", UNSET)
        mlflow_run: MlflowRun | Unset
        if isinstance(_mlflow_run, Unset):
            mlflow_run = UNSET
        else:
            mlflow_run = MlflowRun.from_dict(_mlflow_run)

        _params = d.pop("params", UNSET)
        params: NewModelVersionParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = NewModelVersionParams.from_dict(_params)

        runtime = d.pop("runtime", UNSET)

        _signature = d.pop("signature", UNSET)
        signature: Signature | Unset
        if isinstance(_signature, Unset):
            signature = UNSET
        else:
            signature = Signature.from_dict(_signature)

        _tags = d.pop("tags", UNSET)
        tags: NewModelVersionTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = NewModelVersionTags.from_dict(_tags)

        _threshold_set = d.pop("thresholdSet", UNSET)
        threshold_set: Ref | Unset
        if isinstance(_threshold_set, Unset):
            threshold_set = UNSET
        else:
            threshold_set = Ref.from_dict(_threshold_set)

        new_model_version = cls(
            artifact_uri=artifact_uri,
            format_=format_,
            datasets=datasets,
            description=description,
            explanation_template=explanation_template,
            feature_set=feature_set,
            metrics=metrics,
            mlflow_run=mlflow_run,
            params=params,
            runtime=runtime,
            signature=signature,
            tags=tags,
            threshold_set=threshold_set,
        )

        new_model_version.additional_properties = d
        return new_model_version

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
