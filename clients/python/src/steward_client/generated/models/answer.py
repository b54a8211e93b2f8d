from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.answer_direction import AnswerDirection
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.edge import Edge
    from ..models.link import Link
    from ..models.mlflow_run import MlflowRun
    from ..models.node import Node


T = TypeVar("T", bound="Answer")


@_attrs_define
class Answer:
    """
    Attributes:
        direction (AnswerDirection):
        edges (list[Edge]):
        links (list[Link]):
        nodes (list[Node]):
        root (Node):
        mlflow_run (MlflowRun | Unset):
    """

    direction: AnswerDirection
    edges: list[Edge]
    links: list[Link]
    nodes: list[Node]
    root: Node
    mlflow_run: MlflowRun | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        direction = self.direction.value

        edges = []
        for edges_item_data in self.edges:
            edges_item = edges_item_data.to_dict()
            edges.append(edges_item)

        links = []
        for links_item_data in self.links:
            links_item = links_item_data.to_dict()
            links.append(links_item)

        nodes = []
        for nodes_item_data in self.nodes:
            nodes_item = nodes_item_data.to_dict()
            nodes.append(nodes_item)

        root = self.root.to_dict()

        mlflow_run: dict[str, Any] | Unset = UNSET
        if not isinstance(self.mlflow_run, Unset):
            mlflow_run = self.mlflow_run.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "direction": direction,
                "edges": edges,
                "links": links,
                "nodes": nodes,
                "root": root,
            }
        )
        if mlflow_run is not UNSET:
            field_dict["mlflowRun"] = mlflow_run

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.edge import Edge
        from ..models.link import Link
        from ..models.mlflow_run import MlflowRun
        from ..models.node import Node

        d = dict(src_dict)
        direction = AnswerDirection(d.pop("direction"))

        edges = []
        _edges = d.pop("edges")
        for edges_item_data in _edges:
            edges_item = Edge.from_dict(edges_item_data)

            edges.append(edges_item)

        links = []
        _links = d.pop("links")
        for links_item_data in _links:
            links_item = Link.from_dict(links_item_data)

            links.append(links_item)

        nodes = []
        _nodes = d.pop("nodes")
        for nodes_item_data in _nodes:
            nodes_item = Node.from_dict(nodes_item_data)

            nodes.append(nodes_item)

        root = Node.from_dict(d.pop("root"))

        _mlflow_run = d.pop("mlflowRun", UNSET)
        mlflow_run: MlflowRun | Unset
        if isinstance(_mlflow_run, Unset):
            mlflow_run = UNSET
        else:
            mlflow_run = MlflowRun.from_dict(_mlflow_run)

        answer = cls(
            direction=direction,
            edges=edges,
            links=links,
            nodes=nodes,
            root=root,
            mlflow_run=mlflow_run,
        )

        answer.additional_properties = d
        return answer

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
