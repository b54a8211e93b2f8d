from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.observed_conditions import ObservedConditions
    from ..models.traffic import Traffic


T = TypeVar("T", bound="Observed")


@_attrs_define
class Observed:
    """
    Attributes:
        conditions (ObservedConditions):
        generation (int):
        observed_generation (int):
        traffic (list[Traffic]):
        canary_traffic_percent (int | Unset):
        last_failure (str | Unset):
        latest_created_revision (str | Unset):
        latest_ready_revision (str | Unset):
        latest_rolledout_revision (str | Unset):
        manual_changes (str | Unset):
        previous_rolledout_revision (str | Unset):
        transition_status (str | Unset):
        version (int | Unset):
    """

    conditions: ObservedConditions
    generation: int
    observed_generation: int
    traffic: list[Traffic]
    canary_traffic_percent: int | Unset = UNSET
    last_failure: str | Unset = UNSET
    latest_created_revision: str | Unset = UNSET
    latest_ready_revision: str | Unset = UNSET
    latest_rolledout_revision: str | Unset = UNSET
    manual_changes: str | Unset = UNSET
    previous_rolledout_revision: str | Unset = UNSET
    transition_status: str | Unset = UNSET
    version: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        conditions = self.conditions.to_dict()

        generation = self.generation

        observed_generation = self.observed_generation

        traffic = []
        for traffic_item_data in self.traffic:
            traffic_item = traffic_item_data.to_dict()
            traffic.append(traffic_item)

        canary_traffic_percent = self.canary_traffic_percent

        last_failure = self.last_failure

        latest_created_revision = self.latest_created_revision

        latest_ready_revision = self.latest_ready_revision

        latest_rolledout_revision = self.latest_rolledout_revision

        manual_changes = self.manual_changes

        previous_rolledout_revision = self.previous_rolledout_revision

        transition_status = self.transition_status

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "conditions": conditions,
                "generation": generation,
                "observedGeneration": observed_generation,
                "traffic": traffic,
            }
        )
        if canary_traffic_percent is not UNSET:
            field_dict["canaryTrafficPercent"] = canary_traffic_percent
        if last_failure is not UNSET:
            field_dict["lastFailure"] = last_failure
        if latest_created_revision is not UNSET:
            field_dict["latestCreatedRevision"] = latest_created_revision
        if latest_ready_revision is not UNSET:
            field_dict["latestReadyRevision"] = latest_ready_revision
        if latest_rolledout_revision is not UNSET:
            field_dict["latestRolledoutRevision"] = latest_rolledout_revision
        if manual_changes is not UNSET:
            field_dict["manualChanges"] = manual_changes
        if previous_rolledout_revision is not UNSET:
            field_dict["previousRolledoutRevision"] = previous_rolledout_revision
        if transition_status is not UNSET:
            field_dict["transitionStatus"] = transition_status
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.observed_conditions import ObservedConditions
        from ..models.traffic import Traffic

        d = dict(src_dict)
        conditions = ObservedConditions.from_dict(d.pop("conditions"))

        generation = d.pop("generation")

        observed_generation = d.pop("observedGeneration")

        traffic = []
        _traffic = d.pop("traffic")
        for traffic_item_data in _traffic:
            traffic_item = Traffic.from_dict(traffic_item_data)

            traffic.append(traffic_item)

        canary_traffic_percent = d.pop("canaryTrafficPercent", UNSET)

        last_failure = d.pop("lastFailure", UNSET)

        latest_created_revision = d.pop("latestCreatedRevision", UNSET)

        latest_ready_revision = d.pop("latestReadyRevision", UNSET)

        latest_rolledout_revision = d.pop("latestRolledoutRevision", UNSET)

        manual_changes = d.pop("manualChanges", UNSET)

        previous_rolledout_revision = d.pop("previousRolledoutRevision", UNSET)

        transition_status = d.pop("transitionStatus", UNSET)

        version = d.pop("version", UNSET)

        observed = cls(
            conditions=conditions,
            generation=generation,
            observed_generation=observed_generation,
            traffic=traffic,
            canary_traffic_percent=canary_traffic_percent,
            last_failure=last_failure,
            latest_created_revision=latest_created_revision,
            latest_ready_revision=latest_ready_revision,
            latest_rolledout_revision=latest_rolledout_revision,
            manual_changes=manual_changes,
            previous_rolledout_revision=previous_rolledout_revision,
            transition_status=transition_status,
            version=version,
        )

        observed.additional_properties = d
        return observed

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
