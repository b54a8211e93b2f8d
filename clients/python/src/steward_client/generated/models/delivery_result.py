from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.alert_result import AlertResult


T = TypeVar("T", bound="DeliveryResult")


@_attrs_define
class DeliveryResult:
    """
    Attributes:
        alerts (list[AlertResult]):
        delivery (str):
        truncated_alerts (int):
    """

    alerts: list[AlertResult]
    delivery: str
    truncated_alerts: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alerts = []
        for alerts_item_data in self.alerts:
            alerts_item = alerts_item_data.to_dict()
            alerts.append(alerts_item)

        delivery = self.delivery

        truncated_alerts = self.truncated_alerts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alerts": alerts,
                "delivery": delivery,
                "truncatedAlerts": truncated_alerts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.alert_result import AlertResult

        d = dict(src_dict)
        alerts = []
        _alerts = d.pop("alerts")
        for alerts_item_data in _alerts:
            alerts_item = AlertResult.from_dict(alerts_item_data)

            alerts.append(alerts_item)

        delivery = d.pop("delivery")

        truncated_alerts = d.pop("truncatedAlerts")

        delivery_result = cls(
            alerts=alerts,
            delivery=delivery,
            truncated_alerts=truncated_alerts,
        )

        delivery_result.additional_properties = d
        return delivery_result

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
