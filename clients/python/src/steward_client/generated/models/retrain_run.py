from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.retrain_run_state import RetrainRunState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attempt import Attempt
    from ..models.cause import Cause
    from ..models.run_promotion import RunPromotion


T = TypeVar("T", bound="RetrainRun")


@_attrs_define
class RetrainRun:
    """
    Attributes:
        attempts (list[Attempt]):
        cause (Cause):
        id (str):
        model (str):
        plan_revision (int):
        state (RetrainRunState):
        trigger (str):
        triggered_at (datetime.datetime):
        triggered_by (str):
        updated_at (datetime.datetime):
        champion (int | Unset):
        ended_at (datetime.datetime | Unset):
        message (str | Unset):
        produced_version (int | Unset):
        promotion (RunPromotion | Unset):
    """

    attempts: list[Attempt]
    cause: Cause
    id: str
    model: str
    plan_revision: int
    state: RetrainRunState
    trigger: str
    triggered_at: datetime.datetime
    triggered_by: str
    updated_at: datetime.datetime
    champion: int | Unset = UNSET
    ended_at: datetime.datetime | Unset = UNSET
    message: str | Unset = UNSET
    produced_version: int | Unset = UNSET
    promotion: RunPromotion | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)

        cause = self.cause.to_dict()

        id = self.id

        model = self.model

        plan_revision = self.plan_revision

        state = self.state.value

        trigger = self.trigger

        triggered_at = self.triggered_at.isoformat()

        triggered_by = self.triggered_by

        updated_at = self.updated_at.isoformat()

        champion = self.champion

        ended_at: str | Unset = UNSET
        if not isinstance(self.ended_at, Unset):
            ended_at = self.ended_at.isoformat()

        message = self.message

        produced_version = self.produced_version

        promotion: dict[str, Any] | Unset = UNSET
        if not isinstance(self.promotion, Unset):
            promotion = self.promotion.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "cause": cause,
                "id": id,
                "model": model,
                "planRevision": plan_revision,
                "state": state,
                "trigger": trigger,
                "triggeredAt": triggered_at,
                "triggeredBy": triggered_by,
                "updatedAt": updated_at,
            }
        )
        if champion is not UNSET:
            field_dict["champion"] = champion
        if ended_at is not UNSET:
            field_dict["endedAt"] = ended_at
        if message is not UNSET:
            field_dict["message"] = message
        if produced_version is not UNSET:
            field_dict["producedVersion"] = produced_version
        if promotion is not UNSET:
            field_dict["promotion"] = promotion

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt import Attempt
        from ..models.cause import Cause
        from ..models.run_promotion import RunPromotion

        d = dict(src_dict)
        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in _attempts:
            attempts_item = Attempt.from_dict(attempts_item_data)

            attempts.append(attempts_item)

        cause = Cause.from_dict(d.pop("cause"))

        id = d.pop("id")

        model = d.pop("model")

        plan_revision = d.pop("planRevision")

        state = RetrainRunState(d.pop("state"))

        trigger = d.pop("trigger")

        triggered_at = datetime.datetime.fromisoformat(d.pop("triggeredAt"))

        triggered_by = d.pop("triggeredBy")

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        champion = d.pop("champion", UNSET)

        _ended_at = d.pop("endedAt", UNSET)
        ended_at: datetime.datetime | Unset
        if isinstance(_ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = datetime.datetime.fromisoformat(_ended_at)

        message = d.pop("message", UNSET)

        produced_version = d.pop("producedVersion", UNSET)

        _promotion = d.pop("promotion", UNSET)
        promotion: RunPromotion | Unset
        if isinstance(_promotion, Unset):
            promotion = UNSET
        else:
            promotion = RunPromotion.from_dict(_promotion)

        retrain_run = cls(
            attempts=attempts,
            cause=cause,
            id=id,
            model=model,
            plan_revision=plan_revision,
            state=state,
            trigger=trigger,
            triggered_at=triggered_at,
            triggered_by=triggered_by,
            updated_at=updated_at,
            champion=champion,
            ended_at=ended_at,
            message=message,
            produced_version=produced_version,
            promotion=promotion,
        )

        retrain_run.additional_properties = d
        return retrain_run

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
