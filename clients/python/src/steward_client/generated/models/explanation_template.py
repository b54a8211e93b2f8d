from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.explanation_template_reasons import ExplanationTemplateReasons
    from ..models.explanation_template_tags import ExplanationTemplateTags
    from ..models.ref import Ref


T = TypeVar("T", bound="ExplanationTemplate")


@_attrs_define
class ExplanationTemplate:
    """
    Attributes:
        feature_set (Ref):
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        reasons (ExplanationTemplateReasons):
        description (str | Unset):
        locale (str | Unset):
        tags (ExplanationTemplateTags | Unset): string keys matching [A-Za-z0-9][A-Za-z0-9._/-]* (at most 128
            characters) to text of at most 4096 characters
        top_k (int | Unset):
    """

    feature_set: Ref
    name: str
    reasons: ExplanationTemplateReasons
    description: str | Unset = UNSET
    locale: str | Unset = UNSET
    tags: ExplanationTemplateTags | Unset = UNSET
    top_k: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        feature_set = self.feature_set.to_dict()

        name = self.name

        reasons = self.reasons.to_dict()

        description = self.description

        locale = self.locale

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        top_k = self.top_k

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "featureSet": feature_set,
                "name": name,
                "reasons": reasons,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if locale is not UNSET:
            field_dict["locale"] = locale
        if tags is not UNSET:
            field_dict["tags"] = tags
        if top_k is not UNSET:
            field_dict["topK"] = top_k

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.explanation_template_reasons import ExplanationTemplateReasons
        from ..models.explanation_template_tags import ExplanationTemplateTags
        from ..models.ref import Ref

        d = dict(src_dict)
        feature_set = Ref.from_dict(d.pop("featureSet"))

        name = d.pop("name")

        reasons = ExplanationTemplateReasons.from_dict(d.pop("reasons"))

        description = d.pop("description", UNSET)

        locale = d.pop("locale", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: ExplanationTemplateTags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = ExplanationTemplateTags.from_dict(_tags)

        top_k = d.pop("topK", UNSET)

        explanation_template = cls(
            feature_set=feature_set,
            name=name,
            reasons=reasons,
            description=description,
            locale=locale,
            tags=tags,
            top_k=top_k,
        )

        explanation_template.additional_properties = d
        return explanation_template

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
