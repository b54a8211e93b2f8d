from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.prediction_reasons import PredictionReasons
    from ..models.reason import Reason
    from ..models.reference import Reference


T = TypeVar("T", bound="Explained")


@_attrs_define
class Explained:
    """
    Attributes:
        locale (str):
        model (str):
        template (Reference):
        version (int):
        predictions (list[PredictionReasons] | Unset):
        reasons (list[Reason] | Unset):
    """

    locale: str
    model: str
    template: Reference
    version: int
    predictions: list[PredictionReasons] | Unset = UNSET
    reasons: list[Reason] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        locale = self.locale

        model = self.model

        template = self.template.to_dict()

        version = self.version

        predictions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.predictions, Unset):
            predictions = []
            for predictions_item_data in self.predictions:
                predictions_item = predictions_item_data.to_dict()
                predictions.append(predictions_item)

        reasons: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.reasons, Unset):
            reasons = []
            for reasons_item_data in self.reasons:
                reasons_item = reasons_item_data.to_dict()
                reasons.append(reasons_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "locale": locale,
                "model": model,
                "template": template,
                "version": version,
            }
        )
        if predictions is not UNSET:
            field_dict["predictions"] = predictions
        if reasons is not UNSET:
            field_dict["reasons"] = reasons

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.prediction_reasons import PredictionReasons
        from ..models.reason import Reason
        from ..models.reference import Reference

        d = dict(src_dict)
        locale = d.pop("locale")

        model = d.pop("model")

        template = Reference.from_dict(d.pop("template"))

        version = d.pop("version")

        _predictions = d.pop("predictions", UNSET)
        predictions: list[PredictionReasons] | Unset = UNSET
        if _predictions is not UNSET:
            predictions = []
            for predictions_item_data in _predictions:
                predictions_item = PredictionReasons.from_dict(predictions_item_data)

                predictions.append(predictions_item)

        _reasons = d.pop("reasons", UNSET)
        reasons: list[Reason] | Unset = UNSET
        if _reasons is not UNSET:
            reasons = []
            for reasons_item_data in _reasons:
                reasons_item = Reason.from_dict(reasons_item_data)

                reasons.append(reasons_item)

        explained = cls(
            locale=locale,
            model=model,
            template=template,
            version=version,
            predictions=predictions,
            reasons=reasons,
        )

        explained.additional_properties = d
        return explained

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
