from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.explanation_template_version_reasons import (
        ExplanationTemplateVersionReasons,
    )
    from ..models.explanation_template_version_tags import (
        ExplanationTemplateVersionTags,
    )
    from ..models.reference import Reference


T = TypeVar("T", bound="ExplanationTemplateVersion")


@_attrs_define
class ExplanationTemplateVersion:
    """
    Attributes:
        feature_set (Reference):
        locale (str):
        name (str):
        reasons (ExplanationTemplateVersionReasons):
        registered_at (datetime.datetime):
        registered_by (str):
        tags (ExplanationTemplateVersionTags):
        top_k (int):
        version (int):
        description (str | Unset):
        digest (str | Unset):
    """

    feature_set: Reference
    locale: str
    name: str
    reasons: ExplanationTemplateVersionReasons
    registered_at: datetime.datetime
    registered_by: str
    tags: ExplanationTemplateVersionTags
    top_k: int
    version: int
    description: str | Unset = UNSET
    digest: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        feature_set = self.feature_set.to_dict()

        locale = self.locale

        name = self.name

        reasons = self.reasons.to_dict()

        registered_at = self.registered_at.isoformat()

        registered_by = self.registered_by

        tags = self.tags.to_dict()

        top_k = self.top_k

        version = self.version

        description = self.description

        digest = self.digest

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "featureSet": feature_set,
                "locale": locale,
                "name": name,
                "reasons": reasons,
                "registeredAt": registered_at,
                "registeredBy": registered_by,
                "tags": tags,
                "topK": top_k,
                "version": version,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if digest is not UNSET:
            field_dict["digest"] = digest

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.explanation_template_version_reasons import (
            ExplanationTemplateVersionReasons,
        )
        from ..models.explanation_template_version_tags import (
            ExplanationTemplateVersionTags,
        )
        from ..models.reference import Reference

        d = dict(src_dict)
        feature_set = Reference.from_dict(d.pop("featureSet"))

        locale = d.pop("locale")

        name = d.pop("name")

        reasons = ExplanationTemplateVersionReasons.from_dict(d.pop("reasons"))

        registered_at = datetime.datetime.fromisoformat(d.pop("registeredAt"))

        registered_by = d.pop("registeredBy")

        tags = ExplanationTemplateVersionTags.from_dict(d.pop("tags"))

        top_k = d.pop("topK")

        version = d.pop("version")

        description = d.pop("description", UNSET)

        digest = d.pop("digest", UNSET)

        explanation_template_version = cls(
            feature_set=feature_set,
            locale=locale,
            name=name,
            reasons=reasons,
            registered_at=registered_at,
            registered_by=registered_by,
            tags=tags,
            top_k=top_k,
            version=version,
            description=description,
            digest=digest,
        )

        explanation_template_version.additional_properties = d
        return explanation_template_version

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
