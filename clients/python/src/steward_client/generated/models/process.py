from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.process_environment import ProcessEnvironment


T = TypeVar("T", bound="Process")


@_attrs_define
class Process:
    """
    Attributes:
        type_ (str):
        command (list[str]):
        environment (ProcessEnvironment | Unset):
        working_directory (str | Unset):
    """

    type_: str
    command: list[str]
    environment: ProcessEnvironment | Unset = UNSET
    working_directory: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        command = self.command

        environment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.environment, Unset):
            environment = self.environment.to_dict()

        working_directory = self.working_directory

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "command": command,
            }
        )
        if environment is not UNSET:
            field_dict["environment"] = environment
        if working_directory is not UNSET:
            field_dict["workingDirectory"] = working_directory

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.process_environment import ProcessEnvironment

        d = dict(src_dict)
        type_ = d.pop("type")

        command = cast(list[str], d.pop("command"))

        _environment = d.pop("environment", UNSET)
        environment: ProcessEnvironment | Unset
        if isinstance(_environment, Unset):
            environment = UNSET
        else:
            environment = ProcessEnvironment.from_dict(_environment)

        working_directory = d.pop("workingDirectory", UNSET)

        process = cls(
            type_=type_,
            command=command,
            environment=environment,
            working_directory=working_directory,
        )

        process.additional_properties = d
        return process

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
