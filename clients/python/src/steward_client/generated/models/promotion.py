from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.promotion_state import PromotionState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.comparison import Comparison
    from ..models.decision import Decision
    from ..models.desired_state import DesiredState
    from ..models.evaluation import Evaluation
    from ..models.policy_ref import PolicyRef


T = TypeVar("T", bound="Promotion")


@_attrs_define
class Promotion:
    """
    Attributes:
        comparison (Comparison):
        decisions (list[Decision]):
        environment (str):
        expires_at (datetime.datetime):
        id (str):
        model (str):
        model_version_digest (str):
        requested_at (datetime.datetime):
        requested_by (str):
        state (PromotionState):
        version (int):
        closed_at (datetime.datetime | Unset):
        closed_by (str | Unset):
        closed_reason (str | Unset):
        desired_state (DesiredState | Unset):
        evaluation (Evaluation | Unset):
        policy (PolicyRef | Unset):
        reason (str | Unset):
    """

    comparison: Comparison
    decisions: list[Decision]
    environment: str
    expires_at: datetime.datetime
    id: str
    model: str
    model_version_digest: str
    requested_at: datetime.datetime
    requested_by: str
    state: PromotionState
    version: int
    closed_at: datetime.datetime | Unset = UNSET
    closed_by: str | Unset = UNSET
    closed_reason: str | Unset = UNSET
    desired_state: DesiredState | Unset = UNSET
    evaluation: Evaluation | Unset = UNSET
    policy: PolicyRef | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comparison = self.comparison.to_dict()

        decisions = []
        for decisions_item_data in self.decisions:
            decisions_item = decisions_item_data.to_dict()
            decisions.append(decisions_item)

        environment = self.environment

        expires_at = self.expires_at.isoformat()

        id = self.id

        model = self.model

        model_version_digest = self.model_version_digest

        requested_at = self.requested_at.isoformat()

        requested_by = self.requested_by

        state = self.state.value

        version = self.version

        closed_at: str | Unset = UNSET
        if not isinstance(self.closed_at, Unset):
            closed_at = self.closed_at.isoformat()

        closed_by = self.closed_by

        closed_reason = self.closed_reason

        desired_state: dict[str, Any] | Unset = UNSET
        if not isinstance(self.desired_state, Unset):
            desired_state = self.desired_state.to_dict()

        evaluation: dict[str, Any] | Unset = UNSET
        if not isinstance(self.evaluation, Unset):
            evaluation = self.evaluation.to_dict()

        policy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.policy, Unset):
            policy = self.policy.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comparison": comparison,
                "decisions": decisions,
                "environment": environment,
                "expiresAt": expires_at,
                "id": id,
                "model": model,
                "modelVersionDigest": model_version_digest,
                "requestedAt": requested_at,
                "requestedBy": requested_by,
                "state": state,
                "version": version,
            }
        )
        if closed_at is not UNSET:
            field_dict["closedAt"] = closed_at
        if closed_by is not UNSET:
            field_dict["closedBy"] = closed_by
        if closed_reason is not UNSET:
            field_dict["closedReason"] = closed_reason
        if desired_state is not UNSET:
            field_dict["desiredState"] = desired_state
        if evaluation is not UNSET:
            field_dict["evaluation"] = evaluation
        if policy is not UNSET:
            field_dict["policy"] = policy
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.comparison import Comparison
        from ..models.decision import Decision
        from ..models.desired_state import DesiredState
        from ..models.evaluation import Evaluation
        from ..models.policy_ref import PolicyRef

        d = dict(src_dict)
        comparison = Comparison.from_dict(d.pop("comparison"))

        decisions = []
        _decisions = d.pop("decisions")
        for decisions_item_data in _decisions:
            decisions_item = Decision.from_dict(decisions_item_data)

            decisions.append(decisions_item)

        environment = d.pop("environment")

        expires_at = datetime.datetime.fromisoformat(d.pop("expiresAt"))

        id = d.pop("id")

        model = d.pop("model")

        model_version_digest = d.pop("modelVersionDigest")

        requested_at = datetime.datetime.fromisoformat(d.pop("requestedAt"))

        requested_by = d.pop("requestedBy")

        state = PromotionState(d.pop("state"))

        version = d.pop("version")

        _closed_at = d.pop("closedAt", UNSET)
        closed_at: datetime.datetime | Unset
        if isinstance(_closed_at, Unset):
            closed_at = UNSET
        else:
            closed_at = datetime.datetime.fromisoformat(_closed_at)

        closed_by = d.pop("closedBy", UNSET)

        closed_reason = d.pop("closedReason", UNSET)

        _desired_state = d.pop("desiredState", UNSET)
        desired_state: DesiredState | Unset
        if isinstance(_desired_state, Unset):
            desired_state = UNSET
        else:
            desired_state = DesiredState.from_dict(_desired_state)

        _evaluation = d.pop("evaluation", UNSET)
        evaluation: Evaluation | Unset
        if isinstance(_evaluation, Unset):
            evaluation = UNSET
        else:
            evaluation = Evaluation.from_dict(_evaluation)

        _policy = d.pop("policy", UNSET)
        policy: PolicyRef | Unset
        if isinstance(_policy, Unset):
            policy = UNSET
        else:
            policy = PolicyRef.from_dict(_policy)

        reason = d.pop("reason", UNSET)

        promotion = cls(
            comparison=comparison,
            decisions=decisions,
            environment=environment,
            expires_at=expires_at,
            id=id,
            model=model,
            model_version_digest=model_version_digest,
            requested_at=requested_at,
            requested_by=requested_by,
            state=state,
            version=version,
            closed_at=closed_at,
            closed_by=closed_by,
            closed_reason=closed_reason,
            desired_state=desired_state,
            evaluation=evaluation,
            policy=policy,
            reason=reason,
        )

        promotion.additional_properties = d
        return promotion

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
