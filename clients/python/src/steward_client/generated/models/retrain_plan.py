from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.retrain_plan_concurrency import RetrainPlanConcurrency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cron import Cron
    from ..models.drift import Drift
    from ..models.kubernetes_job import KubernetesJob
    from ..models.new_dataset import NewDataset
    from ..models.process import Process
    from ..models.trigger import Trigger
    from ..models.webhook import Webhook


T = TypeVar("T", bound="RetrainPlan")


@_attrs_define
class RetrainPlan:
    """
    Attributes:
        backoff (str):
        concurrency (RetrainPlanConcurrency):
        launcher (KubernetesJob | Process | Webhook):
        model (str):
        registered_at (datetime.datetime):
        registered_by (str):
        retries (int):
        revision (int):
        timeout (str):
        triggers (list[Cron | Drift | NewDataset | Trigger]):
        description (str | Unset):
        digest (str | Unset):
        promote_to (str | Unset):
    """

    backoff: str
    concurrency: RetrainPlanConcurrency
    launcher: KubernetesJob | Process | Webhook
    model: str
    registered_at: datetime.datetime
    registered_by: str
    retries: int
    revision: int
    timeout: str
    triggers: list[Cron | Drift | NewDataset | Trigger]
    description: str | Unset = UNSET
    digest: str | Unset = UNSET
    promote_to: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.cron import Cron
        from ..models.drift import Drift
        from ..models.kubernetes_job import KubernetesJob
        from ..models.process import Process
        from ..models.trigger import Trigger

        backoff = self.backoff

        concurrency = self.concurrency.value

        launcher: dict[str, Any]
        if isinstance(self.launcher, KubernetesJob) or isinstance(
            self.launcher, Process
        ):
            launcher = self.launcher.to_dict()
        else:
            launcher = self.launcher.to_dict()

        model = self.model

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        retries = self.retries

        revision = self.revision

        timeout = self.timeout

        triggers = []
        for triggers_item_data in self.triggers:
            triggers_item: dict[str, Any]
            if (
                isinstance(triggers_item_data, Cron)
                or isinstance(triggers_item_data, Drift)
                or isinstance(triggers_item_data, Trigger)
            ):
                triggers_item = triggers_item_data.to_dict()
            else:
                triggers_item = triggers_item_data.to_dict()

            triggers.append(triggers_item)

        description = self.description

        digest = self.digest

        promote_to = self.promote_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "backoff": backoff,
                "concurrency": concurrency,
                "launcher": launcher,
                "model": model,
                "registeredAt": registered_at,
                "registeredBy": registered_by,
                "retries": retries,
                "revision": revision,
                "timeout": timeout,
                "triggers": triggers,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if digest is not UNSET:
            field_dict["digest"] = digest
        if promote_to is not UNSET:
            field_dict["promoteTo"] = promote_to

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cron import Cron
        from ..models.drift import Drift
        from ..models.kubernetes_job import KubernetesJob
        from ..models.new_dataset import NewDataset
        from ..models.process import Process
        from ..models.trigger import Trigger
        from ..models.webhook import Webhook

        d = dict(src_dict)
        backoff = d.pop("backoff")

        concurrency = RetrainPlanConcurrency(d.pop("concurrency"))

        def _parse_launcher(data: object) -> KubernetesJob | Process | Webhook:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                launcher_type_0 = KubernetesJob.from_dict(data)

                return launcher_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                launcher_type_1 = Process.from_dict(data)

                return launcher_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            launcher_type_2 = Webhook.from_dict(data)

            return launcher_type_2

        launcher = _parse_launcher(d.pop("launcher"))

        model = d.pop("model")

        registered_at = datetime.datetime.fromisoformat(d.pop("registeredAt"))

        registered_by = d.pop("registeredBy")

        retries = d.pop("retries")

        revision = d.pop("revision")

        timeout = d.pop("timeout")

        triggers = []
        _triggers = d.pop("triggers")
        for triggers_item_data in _triggers:

            def _parse_triggers_item(
                data: object,
            ) -> Cron | Drift | NewDataset | Trigger:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    triggers_item_type_0 = Cron.from_dict(data)

                    return triggers_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    triggers_item_type_1 = Drift.from_dict(data)

                    return triggers_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    triggers_item_type_2 = Trigger.from_dict(data)

                    return triggers_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                triggers_item_type_3 = NewDataset.from_dict(data)

                return triggers_item_type_3

            triggers_item = _parse_triggers_item(triggers_item_data)

            triggers.append(triggers_item)

        description = d.pop("description", UNSET)

        digest = d.pop("digest", UNSET)

        promote_to = d.pop("promoteTo", UNSET)

        retrain_plan = cls(
            backoff=backoff,
            concurrency=concurrency,
            launcher=launcher,
            model=model,
            registered_at=registered_at,
            registered_by=registered_by,
            retries=retries,
            revision=revision,
            timeout=timeout,
            triggers=triggers,
            description=description,
            digest=digest,
            promote_to=promote_to,
        )

        retrain_plan.additional_properties = d
        return retrain_plan

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
