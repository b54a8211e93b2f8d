from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.prediction_contributions_contributions import (
        PredictionContributionsContributions,
    )
    from ..models.prediction_contributions_values import PredictionContributionsValues


T = TypeVar("T", bound="PredictionContributions")


@_attrs_define
class PredictionContributions:
    """
    Attributes:
        contributions (PredictionContributionsContributions | Unset):
        id (str | Unset):
        values (PredictionContributionsValues | Unset):
    """

    contributions: PredictionContributionsContributions | Unset = UNSET
    id: str | Unset = UNSET
    values: PredictionContributionsValues | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contributions: dict[str, Any] | Unset = UNSET
        if not isinstance(self.contributions, Unset):
            contributions = self.contributions.to_dict()

        id = self.id

        values: dict[str, Any] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = self.values.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contributions is not UNSET:
            field_dict["contributions"] = contributions
        if id is not UNSET:
            field_dict["id"] = id
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.prediction_contributions_contributions import (
            PredictionContributionsContributions,
        )
        from ..models.prediction_contributions_values import (
            PredictionContributionsValues,
        )

        d = dict(src_dict)
        _contributions = d.pop("contributions", UNSET)
        contributions: PredictionContributionsContributions | Unset
        if isinstance(_contributions, Unset):
            contributions = UNSET
        else:
            contributions = PredictionContributionsContributions.from_dict(
                _contributions
            )

        id = d.pop("id", UNSET)

        _values = d.pop("values", UNSET)
        values: PredictionContributionsValues | Unset
        if isinstance(_values, Unset):
            values = UNSET
        else:
            values = PredictionContributionsValues.from_dict(_values)

        prediction_contributions = cls(
            contributions=contributions,
            id=id,
            values=values,
        )

        prediction_contributions.additional_properties = d
        return prediction_contributions

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
