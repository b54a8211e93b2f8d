from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServingCost")


@_attrs_define
class ServingCost:
    """
    Attributes:
        cost (float):
        cpu (float):
        currency (str):
        environment (str):
        gpu (float):
        memory_gib (float):
        model (str):
        predictions (int):
        replicas (int):
        replicas_from (str):
        version (int):
        window_end (datetime.datetime):
        window_start (datetime.datetime):
        cost_per_1_k_predictions (float | Unset):
    """

    cost: float
    cpu: float
    currency: str
    environment: str
    gpu: float
    memory_gib: float
    model: str
    predictions: int
    replicas: int
    replicas_from: str
    version: int
    window_end: datetime.datetime
    window_start: datetime.datetime
    cost_per_1_k_predictions: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        cpu = self.cpu

        currency = self.currency

        environment = self.environment

        gpu = self.gpu

        memory_gib = self.memory_gib

        model = self.model

        predictions = self.predictions

        replicas = self.replicas

        replicas_from = self.replicas_from

        version = self.version

        window_end = self.window_end.isoformat()

        window_start = self.window_start.isoformat()

        cost_per_1_k_predictions = self.cost_per_1_k_predictions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "cpu": cpu,
                "currency": currency,
                "environment": environment,
                "gpu": gpu,
                "memoryGib": memory_gib,
                "model": model,
                "predictions": predictions,
                "replicas": replicas,
                "replicasFrom": replicas_from,
                "version": version,
                "windowEnd": window_end,
                "windowStart": window_start,
            }
        )
        if cost_per_1_k_predictions is not UNSET:
            field_dict["costPer1kPredictions"] = cost_per_1_k_predictions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cost = d.pop("cost")

        cpu = d.pop("cpu")

        currency = d.pop("currency")

        environment = d.pop("environment")

        gpu = d.pop("gpu")

        memory_gib = d.pop("memoryGib")

        model = d.pop("model")

        predictions = d.pop("predictions")

        replicas = d.pop("replicas")

        replicas_from = d.pop("replicasFrom")

        version = d.pop("version")

        window_end = datetime.datetime.fromisoformat(d.pop("windowEnd"))

        window_start = datetime.datetime.fromisoformat(d.pop("windowStart"))

        cost_per_1_k_predictions = d.pop("costPer1kPredictions", UNSET)

        serving_cost = cls(
            cost=cost,
            cpu=cpu,
            currency=currency,
            environment=environment,
            gpu=gpu,
            memory_gib=memory_gib,
            model=model,
            predictions=predictions,
            replicas=replicas,
            replicas_from=replicas_from,
            version=version,
            window_end=window_end,
            window_start=window_start,
            cost_per_1_k_predictions=cost_per_1_k_predictions,
        )

        serving_cost.additional_properties = d
        return serving_cost

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
