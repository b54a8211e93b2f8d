from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_node import JsonNode
    from ..models.options import Options


T = TypeVar("T", bound="CompareRequest")


@_attrs_define
class CompareRequest:
    """
    Attributes:
        current (JsonNode | Unset):
        mode (str | Unset):
        options (Options | Unset):
        reference (JsonNode | Unset):
    """

    current: JsonNode | Unset = UNSET
    mode: str | Unset = UNSET
    options: Options | Unset = UNSET
    reference: JsonNode | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current: dict[str, Any] | Unset = UNSET
        if not isinstance(self.current, Unset):
            current = self.current.to_dict()

        mode = self.mode

        options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.options, Unset):
            options = self.options.to_dict()

        reference: dict[str, Any] | Unset = UNSET
        if not isinstance(self.reference, Unset):
            reference = self.reference.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if current is not UNSET:
            field_dict["current"] = current
        if mode is not UNSET:
            field_dict["mode"] = mode
        if options is not UNSET:
            field_dict["options"] = options
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.json_node import JsonNode
        from ..models.options import Options

        d = dict(src_dict)
        _current = d.pop("current", UNSET)
        current: JsonNode | Unset
        if isinstance(_current, Unset):
            current = UNSET
        else:
            current = JsonNode.from_dict(_current)

        mode = d.pop("mode", UNSET)

        _options = d.pop("options", UNSET)
        options: Options | Unset
        if isinstance(_options, Unset):
            options = UNSET
        else:
            options = Options.from_dict(_options)

        _reference = d.pop("reference", UNSET)
        reference: JsonNode | Unset
        if isinstance(_reference, Unset):
            reference = UNSET
        else:
            reference = JsonNode.from_dict(_reference)

        compare_request = cls(
            current=current,
            mode=mode,
            options=options,
            reference=reference,
        )

        compare_request.additional_properties = d
        return compare_request

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
