from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.check import Check
    from ..models.transition import Transition


T = TypeVar("T", bound="RolloutView")


@_attrs_define
class RolloutView:
    """
    Attributes:
        analysis (list[Check]):
        failed_analyses (int):
        failure_limit (int):
        last_transition (Transition):
        paused (bool):
        plan (str):
        state (str):
        state_description (str):
        applied_at (datetime.datetime | Unset):
        canary_revision (str | Unset):
        last_error (str | Unset):
        next_analysis_at (datetime.datetime | Unset):
        outcome_commit (str | Unset):
        percent (int | Unset):
        stable_revision (str | Unset):
        step (int | Unset):
        steps (int | Unset):
    """

    analysis: list[Check]
    failed_analyses: int
    failure_limit: int
    last_transition: Transition
    paused: bool
    plan: str
    state: str
    state_description: str
    applied_at: datetime.datetime | Unset = UNSET
    canary_revision: str | Unset = UNSET
    last_error: str | Unset = UNSET
    next_analysis_at: datetime.datetime | Unset = UNSET
    outcome_commit: str | Unset = UNSET
    percent: int | Unset = UNSET
    stable_revision: str | Unset = UNSET
    step: int | Unset = UNSET
    steps: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        analysis = []
        for analysis_item_data in self.analysis:
            analysis_item = analysis_item_data.to_dict()
            analysis.append(analysis_item)

        failed_analyses = self.failed_analyses

        failure_limit = self.failure_limit

        last_transition = self.last_transition.to_dict()

        paused = self.paused

        plan = self.plan

        state = self.state

        state_description = self.state_description

        applied_at: str | Unset = UNSET
        if not isinstance(self.applied_at, Unset):
            applied_at = self.applied_at.isoformat()

        canary_revision = self.canary_revision

        last_error = self.last_error

        next_analysis_at: str | Unset = UNSET
        if not isinstance(self.next_analysis_at, Unset):
            next_analysis_at = self.next_analysis_at.isoformat()

        outcome_commit = self.outcome_commit

        percent = self.percent

        stable_revision = self.stable_revision

        step = self.step

        steps = self.steps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "analysis": analysis,
                "failedAnalyses": failed_analyses,
                "failureLimit": failure_limit,
                "lastTransition": last_transition,
                "paused": paused,
                "plan": plan,
                "state": state,
                "stateDescription": state_description,
            }
        )
        if applied_at is not UNSET:
            field_dict["appliedAt"] = applied_at
        if canary_revision is not UNSET:
            field_dict["canaryRevision"] = canary_revision
        if last_error is not UNSET:
            field_dict["lastError"] = last_error
        if next_analysis_at is not UNSET:
            field_dict["nextAnalysisAt"] = next_analysis_at
        if outcome_commit is not UNSET:
            field_dict["outcomeCommit"] = outcome_commit
        if percent is not UNSET:
            field_dict["percent"] = percent
        if stable_revision is not UNSET:
            field_dict["stableRevision"] = stable_revision
        if step is not UNSET:
            field_dict["step"] = step
        if steps is not UNSET:
            field_dict["steps"] = steps

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.check import Check
        from ..models.transition import Transition

        d = dict(src_dict)
        analysis = []
        _analysis = d.pop("analysis")
        for analysis_item_data in _analysis:
            analysis_item = Check.from_dict(analysis_item_data)

            analysis.append(analysis_item)

        failed_analyses = d.pop("failedAnalyses")

        failure_limit = d.pop("failureLimit")

        last_transition = Transition.from_dict(d.pop("lastTransition"))

        paused = d.pop("paused")

        plan = d.pop("plan")

        state = d.pop("state")

        state_description = d.pop("stateDescription")

        _applied_at = d.pop("appliedAt", UNSET)
        applied_at: datetime.datetime | Unset
        if isinstance(_applied_at, Unset):
            applied_at = UNSET
        else:
            applied_at = datetime.datetime.fromisoformat(_applied_at)

        canary_revision = d.pop("canaryRevision", UNSET)

        last_error = d.pop("lastError", UNSET)

        _next_analysis_at = d.pop("nextAnalysisAt", UNSET)
        next_analysis_at: datetime.datetime | Unset
        if isinstance(_next_analysis_at, Unset):
            next_analysis_at = UNSET
        else:
            next_analysis_at = datetime.datetime.fromisoformat(_next_analysis_at)

        outcome_commit = d.pop("outcomeCommit", UNSET)

        percent = d.pop("percent", UNSET)

        stable_revision = d.pop("stableRevision", UNSET)

        step = d.pop("step", UNSET)

        steps = d.pop("steps", UNSET)

        rollout_view = cls(
            analysis=analysis,
            failed_analyses=failed_analyses,
            failure_limit=failure_limit,
            last_transition=last_transition,
            paused=paused,
            plan=plan,
            state=state,
            state_description=state_description,
            applied_at=applied_at,
            canary_revision=canary_revision,
            last_error=last_error,
            next_analysis_at=next_analysis_at,
            outcome_commit=outcome_commit,
            percent=percent,
            stable_revision=stable_revision,
            step=step,
            steps=steps,
        )

        rollout_view.additional_properties = d
        return rollout_view

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
