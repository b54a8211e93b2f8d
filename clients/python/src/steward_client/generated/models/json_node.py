from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.json_node_node_type import JsonNodeNodeType
from ..types import UNSET, Unset

T = TypeVar("T", bound="JsonNode")


@_attrs_define
class JsonNode:
    """
    Attributes:
        array (bool | Unset):
        big_decimal (bool | Unset):
        big_integer (bool | Unset):
        binary (bool | Unset):
        boolean (bool | Unset):
        container (bool | Unset):
        double (bool | Unset):
        embedded_value (bool | Unset):
        empty (bool | Unset):
        float_ (bool | Unset):
        floating_point_number (bool | Unset):
        int_ (bool | Unset):
        integral_number (bool | Unset):
        long (bool | Unset):
        missing_node (bool | Unset):
        node_type (JsonNodeNodeType | Unset):
        null (bool | Unset):
        number (bool | Unset):
        object_ (bool | Unset):
        pojo (bool | Unset):
        short (bool | Unset):
        string (bool | Unset):
        textual (bool | Unset):
        value_node (bool | Unset):
    """

    array: bool | Unset = UNSET
    big_decimal: bool | Unset = UNSET
    big_integer: bool | Unset = UNSET
    binary: bool | Unset = UNSET
    boolean: bool | Unset = UNSET
    container: bool | Unset = UNSET
    double: bool | Unset = UNSET
    embedded_value: bool | Unset = UNSET
    empty: bool | Unset = UNSET
    float_: bool | Unset = UNSET
    floating_point_number: bool | Unset = UNSET
    int_: bool | Unset = UNSET
    integral_number: bool | Unset = UNSET
    long: bool | Unset = UNSET
    missing_node: bool | Unset = UNSET
    node_type: JsonNodeNodeType | Unset = UNSET
    null: bool | Unset = UNSET
    number: bool | Unset = UNSET
    object_: bool | Unset = UNSET
    pojo: bool | Unset = UNSET
    short: bool | Unset = UNSET
    string: bool | Unset = UNSET
    textual: bool | Unset = UNSET
    value_node: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        array = self.array

        big_decimal = self.big_decimal

        big_integer = self.big_integer

        binary = self.binary

        boolean = self.boolean

        container = self.container

        double = self.double

        embedded_value = self.embedded_value

        empty = self.empty

        float_ = self.float_

        floating_point_number = self.floating_point_number

        int_ = self.int_

        integral_number = self.integral_number

        long = self.long

        missing_node = self.missing_node

        node_type: str | Unset = UNSET
        if not isinstance(self.node_type, Unset):
            node_type = self.node_type.value

        null = self.null

        number = self.number

        object_ = self.object_

        pojo = self.pojo

        short = self.short

        string = self.string

        textual = self.textual

        value_node = self.value_node

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if array is not UNSET:
            field_dict["array"] = array
        if big_decimal is not UNSET:
            field_dict["bigDecimal"] = big_decimal
        if big_integer is not UNSET:
            field_dict["bigInteger"] = big_integer
        if binary is not UNSET:
            field_dict["binary"] = binary
        if boolean is not UNSET:
            field_dict["boolean"] = boolean
        if container is not UNSET:
            field_dict["container"] = container
        if double is not UNSET:
            field_dict["double"] = double
        if embedded_value is not UNSET:
            field_dict["embeddedValue"] = embedded_value
        if empty is not UNSET:
            field_dict["empty"] = empty
        if float_ is not UNSET:
            field_dict["float"] = float_
        if floating_point_number is not UNSET:
            field_dict["floatingPointNumber"] = floating_point_number
        if int_ is not UNSET:
            field_dict["int"] = int_
        if integral_number is not UNSET:
            field_dict["integralNumber"] = integral_number
        if long is not UNSET:
            field_dict["long"] = long
        if missing_node is not UNSET:
            field_dict["missingNode"] = missing_node
        if node_type is not UNSET:
            field_dict["nodeType"] = node_type
        if null is not UNSET:
            field_dict["null"] = null
        if number is not UNSET:
            field_dict["number"] = number
        if object_ is not UNSET:
            field_dict["object"] = object_
        if pojo is not UNSET:
            field_dict["pojo"] = pojo
        if short is not UNSET:
            field_dict["short"] = short
        if string is not UNSET:
            field_dict["string"] = string
        if textual is not UNSET:
            field_dict["textual"] = textual
        if value_node is not UNSET:
            field_dict["valueNode"] = value_node

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        array = d.pop("array", UNSET)

        big_decimal = d.pop("bigDecimal", UNSET)

        big_integer = d.pop("bigInteger", UNSET)

        binary = d.pop("binary", UNSET)

        boolean = d.pop("boolean", UNSET)

        container = d.pop("container", UNSET)

        double = d.pop("double", UNSET)

        embedded_value = d.pop("embeddedValue", UNSET)

        empty = d.pop("empty", UNSET)

        float_ = d.pop("float", UNSET)

        floating_point_number = d.pop("floatingPointNumber", UNSET)

        int_ = d.pop("int", UNSET)

        integral_number = d.pop("integralNumber", UNSET)

        long = d.pop("long", UNSET)

        missing_node = d.pop("missingNode", UNSET)

        _node_type = d.pop("nodeType", UNSET)
        node_type: JsonNodeNodeType | Unset
        if isinstance(_node_type, Unset):
            node_type = UNSET
        else:
            node_type = JsonNodeNodeType(_node_type)

        null = d.pop("null", UNSET)

        number = d.pop("number", UNSET)

        object_ = d.pop("object", UNSET)

        pojo = d.pop("pojo", UNSET)

        short = d.pop("short", UNSET)

        string = d.pop("string", UNSET)

        textual = d.pop("textual", UNSET)

        value_node = d.pop("valueNode", UNSET)

        json_node = cls(
            array=array,
            big_decimal=big_decimal,
            big_integer=big_integer,
            binary=binary,
            boolean=boolean,
            container=container,
            double=double,
            embedded_value=embedded_value,
            empty=empty,
            float_=float_,
            floating_point_number=floating_point_number,
            int_=int_,
            integral_number=integral_number,
            long=long,
            missing_node=missing_node,
            node_type=node_type,
            null=null,
            number=number,
            object_=object_,
            pojo=pojo,
            short=short,
            string=string,
            textual=textual,
            value_node=value_node,
        )

        json_node.additional_properties = d
        return json_node

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
