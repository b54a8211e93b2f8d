from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.stream_key import StreamKey


T = TypeVar("T", bound="OpenWindow")


@_attrs_define
class OpenWindow:
    """
    Attributes:
        labelled (int):
        rows (int):
        stream (StreamKey):
        window_start (datetime.datetime):
    """

    labelled: int
    rows: int
    stream: StreamKey
    window_start: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        labelled = self.labelled

        rows = self.rows

        stream = self.stream.to_dict()

        window_start = self.window_start.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "labelled": labelled,
                "rows": rows,
                "stream": stream,
                "windowStart": window_start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stream_key import StreamKey

        d = dict(src_dict)
        labelled = d.pop("labelled")

        rows = d.pop("rows")

        stream = StreamKey.from_dict(d.pop("stream"))

        window_start = datetime.datetime.fromisoformat(d.pop("windowStart"))

        open_window = cls(
            labelled=labelled,
            rows=rows,
            stream=stream,
            window_start=window_start,
        )

        open_window.additional_properties = d
        return open_window

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
