from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cron import Cron
    from ..models.drift import Drift
    from ..models.kubernetes_job import KubernetesJob
    from ..models.new_dataset import NewDataset
    from ..models.process import Process
    from ..models.trigger import Trigger
    from ..models.webhook import Webhook


T = TypeVar("T", bound="PlanRequest")


@_attrs_define
class PlanRequest:
    """
    Attributes:
        model (str):
        backoff (str | Unset):
        concurrency (str | Unset):
        description (str | Unset):
        launcher (KubernetesJob | Process | Unset | Webhook):
        promote_to (str | Unset):
        retries (int | Unset):
        timeout (str | Unset):
        triggers (list[Cron | Drift | NewDataset | Trigger] | Unset):
    """

    model: str
    backoff: str | Unset = UNSET
    concurrency: str | Unset = UNSET
    description: str | Unset = UNSET
    launcher: KubernetesJob | Process | Unset | Webhook = UNSET
    promote_to: str | Unset = UNSET
    retries: int | Unset = UNSET
    timeout: str | Unset = UNSET
    triggers: list[Cron | Drift | NewDataset | Trigger] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.cron import Cron
        from ..models.drift import Drift
        from ..models.kubernetes_job import KubernetesJob
        from ..models.process import Process
        from ..models.trigger import Trigger

        model = self.model

        backoff = self.backoff

        concurrency = self.concurrency

        description = self.description

        launcher: dict[str, Any] | Unset
        if isinstance(self.launcher, Unset):
            launcher = UNSET
        elif isinstance(self.launcher, KubernetesJob) or isinstance(
            self.launcher, Process
        ):
            launcher = self.launcher.to_dict()
        else:
            launcher = self.launcher.to_dict()

        promote_to = self.promote_to

        retries = self.retries

        timeout = self.timeout

        triggers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.triggers, Unset):
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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
            }
        )
        if backoff is not UNSET:
            field_dict["backoff"] = backoff
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if description is not UNSET:
            field_dict["description"] = description
        if launcher is not UNSET:
            field_dict["launcher"] = launcher
        if promote_to is not UNSET:
            field_dict["promoteTo"] = promote_to
        if retries is not UNSET:
            field_dict["retries"] = retries
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if triggers is not UNSET:
            field_dict["triggers"] = triggers

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
        model = d.pop("model")

        backoff = d.pop("backoff", UNSET)

        concurrency = d.pop("concurrency", UNSET)

        description = d.pop("description", UNSET)

        def _parse_launcher(data: object) -> KubernetesJob | Process | Unset | Webhook:
            if isinstance(data, Unset):
                return data
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

        launcher = _parse_launcher(d.pop("launcher", UNSET))

        promote_to = d.pop("promoteTo", UNSET)

        retries = d.pop("retries", UNSET)

        timeout = d.pop("timeout", UNSET)

        _triggers = d.pop("triggers", UNSET)
        triggers: list[Cron | Drift | NewDataset | Trigger] | Unset = UNSET
        if _triggers is not UNSET:
            triggers = []
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

        plan_request = cls(
            model=model,
            backoff=backoff,
            concurrency=concurrency,
            description=description,
            launcher=launcher,
            promote_to=promote_to,
            retries=retries,
            timeout=timeout,
            triggers=triggers,
        )

        plan_request.additional_properties = d
        return plan_request

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
