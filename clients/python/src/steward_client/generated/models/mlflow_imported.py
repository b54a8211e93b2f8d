from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.dataset_version import DatasetVersion
    from ..models.model_version import ModelVersion
    from ..models.reference import Reference
    from ..models.source import Source


T = TypeVar("T", bound="MlflowImported")


@_attrs_define
class MlflowImported:
    """
    Attributes:
        created (bool):
        model_version (ModelVersion):
        new_datasets (list[DatasetVersion]):
        reused_datasets (list[Reference]):
        source (Source):
        warnings (list[str]):
    """

    created: bool
    model_version: ModelVersion
    new_datasets: list[DatasetVersion]
    reused_datasets: list[Reference]
    source: Source
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        model_version = self.model_version.to_dict()

        new_datasets = []
        for new_datasets_item_data in self.new_datasets:
            new_datasets_item = new_datasets_item_data.to_dict()
            new_datasets.append(new_datasets_item)

        reused_datasets = []
        for reused_datasets_item_data in self.reused_datasets:
            reused_datasets_item = reused_datasets_item_data.to_dict()
            reused_datasets.append(reused_datasets_item)

        source = self.source.to_dict()

        warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "modelVersion": model_version,
                "newDatasets": new_datasets,
                "reusedDatasets": reused_datasets,
                "source": source,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dataset_version import DatasetVersion
        from ..models.model_version import ModelVersion
        from ..models.reference import Reference
        from ..models.source import Source

        d = dict(src_dict)
        created = d.pop("created")

        model_version = ModelVersion.from_dict(d.pop("modelVersion"))

        new_datasets = []
        _new_datasets = d.pop("newDatasets")
        for new_datasets_item_data in _new_datasets:
            new_datasets_item = DatasetVersion.from_dict(new_datasets_item_data)

            new_datasets.append(new_datasets_item)

        reused_datasets = []
        _reused_datasets = d.pop("reusedDatasets")
        for reused_datasets_item_data in _reused_datasets:
            reused_datasets_item = Reference.from_dict(reused_datasets_item_data)

            reused_datasets.append(reused_datasets_item)

        source = Source.from_dict(d.pop("source"))

        warnings = cast(list[str], d.pop("warnings"))

        mlflow_imported = cls(
            created=created,
            model_version=model_version,
            new_datasets=new_datasets,
            reused_datasets=reused_datasets,
            source=source,
            warnings=warnings,
        )

        mlflow_imported.additional_properties = d
        return mlflow_imported

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
