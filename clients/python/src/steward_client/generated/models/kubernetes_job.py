from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kubernetes_job_template import KubernetesJobTemplate


T = TypeVar("T", bound="KubernetesJob")


@_attrs_define
class KubernetesJob:
    """
    Attributes:
        type_ (str):
        namespace (str):
        template (KubernetesJobTemplate):
    """

    type_: str
    namespace: str
    template: KubernetesJobTemplate
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        namespace = self.namespace

        template = self.template.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "namespace": namespace,
                "template": template,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kubernetes_job_template import KubernetesJobTemplate

        d = dict(src_dict)
        type_ = d.pop("type")

        namespace = d.pop("namespace")

        template = KubernetesJobTemplate.from_dict(d.pop("template"))

        kubernetes_job = cls(
            type_=type_,
            namespace=namespace,
            template=template,
        )

        kubernetes_job.additional_properties = d
        return kubernetes_job

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
