from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.explanation_request_contributions import (
        ExplanationRequestContributions,
    )
    from ..models.explanation_request_values import ExplanationRequestValues
    from ..models.prediction_contributions import PredictionContributions


T = TypeVar("T", bound="ExplanationRequest")


@_attrs_define
class ExplanationRequest:
    """
    Attributes:
        contributions (ExplanationRequestContributions | Unset):
        predictions (list[PredictionContributions] | Unset):
        top_k (int | Unset):
        values (ExplanationRequestValues | Unset):
    """

    contributions: ExplanationRequestContributions | Unset = UNSET
    predictions: list[PredictionContributions] | Unset = UNSET
    top_k: int | Unset = UNSET
    values: ExplanationRequestValues | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contributions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.contributions, Unset):
            contributions = self.contributions.to_dict()

        predictions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.predictions, Unset):
            predictions = []
            for predictions_item_data in self.predictions:
                predictions_item = predictions_item_data.to_dict()
                predictions.append(predictions_item)

        top_k = self.top_k

        values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contributions is not UNSET:
            field_dict["contributions"] = contributions
        if predictions is not UNSET:
            field_dict["predictions"] = predictions
        if top_k is not UNSET:
            field_dict["topK"] = top_k
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.explanation_request_contributions import (
            ExplanationRequestContributions,
        )
        from ..models.explanation_request_values import ExplanationRequestValues
        from ..models.prediction_contributions import PredictionContributions

        d = dict(src_dict)
        _contributions = d.pop("contributions", UNSET)
        contributions: ExplanationRequestContributions | Unset
        if isinstance(_contributions, Unset):
            contributions = UNSET
        else:
            contributions = ExplanationRequestContributions.from_dict(_contributions)

        _predictions = d.pop("predictions", UNSET)
        predictions: list[PredictionContributions] | Unset = UNSET
        if _predictions is not UNSET:
            predictions = []
            for predictions_item_data in _predictions:
                predictions_item = PredictionContributions.from_dict(
                    predictions_item_data
                )

                predictions.append(predictions_item)

        top_k = d.pop("topK", UNSET)

        _values = d.pop("values", UNSET)
        values: ExplanationRequestValues | Unset
        if isinstance(_values, Unset):
            values = UNSET
        else:
            values = ExplanationRequestValues.from_dict(_values)

        explanation_request = cls(
            contributions=contributions,
            predictions=predictions,
            top_k=top_k,
            values=values,
        )

        explanation_request.additional_properties = d
        return explanation_request

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
