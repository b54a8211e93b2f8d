from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_body import WebhookBody
    from ..models.webhook_headers import WebhookHeaders
    from ..models.webhook_parameters import WebhookParameters


T = TypeVar("T", bound="Webhook")


@_attrs_define
class Webhook:
    """
    Attributes:
        type_ (str):
        url (str):
        body (WebhookBody | Unset):
        call_timeout (str | Unset):
        credentials (str | Unset):
        dag (str | Unset):
        experiment_id (str | Unset):
        headers (WebhookHeaders | Unset):
        method (str | Unset):
        namespace (str | Unset):
        parameters (WebhookParameters | Unset):
        pipeline_id (str | Unset):
        pipeline_version_id (str | Unset):
        preset (str | Unset):
        workflow_template (str | Unset):
    """

    type_: str
    url: str
    body: WebhookBody | Unset = UNSET
    call_timeout: str | Unset = UNSET
    credentials: str | Unset = UNSET
    dag: str | Unset = UNSET
    experiment_id: str | Unset = UNSET
    headers: WebhookHeaders | Unset = UNSET
    method: str | Unset = UNSET
    namespace: str | Unset = UNSET
    parameters: WebhookParameters | Unset = UNSET
    pipeline_id: str | Unset = UNSET
    pipeline_version_id: str | Unset = UNSET
    preset: str | Unset = UNSET
    workflow_template: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        url = self.url

        body: dict[str, Any] | Unset = UNSET
        if not isinstance(self.body, Unset):
            body = self.body.to_dict()

        call_timeout = self.call_timeout

        credentials = self.credentials

        dag = self.dag

        experiment_id = self.experiment_id

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        method = self.method

        namespace = self.namespace

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        pipeline_id = self.pipeline_id

        pipeline_version_id = self.pipeline_version_id

        preset = self.preset

        workflow_template = self.workflow_template

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "url": url,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if call_timeout is not UNSET:
            field_dict["callTimeout"] = call_timeout
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if dag is not UNSET:
            field_dict["dag"] = dag
        if experiment_id is not UNSET:
            field_dict["experimentId"] = experiment_id
        if headers is not UNSET:
            field_dict["headers"] = headers
        if method is not UNSET:
            field_dict["method"] = method
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if pipeline_id is not UNSET:
            field_dict["pipelineId"] = pipeline_id
        if pipeline_version_id is not UNSET:
            field_dict["pipelineVersionId"] = pipeline_version_id
        if preset is not UNSET:
            field_dict["preset"] = preset
        if workflow_template is not UNSET:
            field_dict["workflowTemplate"] = workflow_template

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webhook_body import WebhookBody
        from ..models.webhook_headers import WebhookHeaders
        from ..models.webhook_parameters import WebhookParameters

        d = dict(src_dict)
        type_ = d.pop("type")

        url = d.pop("url")

        _body = d.pop("body", UNSET)
        body: WebhookBody | Unset
        if isinstance(_body, Unset):
            body = UNSET
        else:
            body = WebhookBody.from_dict(_body)

        call_timeout = d.pop("callTimeout", UNSET)

        credentials = d.pop("credentials", UNSET)

        dag = d.pop("dag", UNSET)

        experiment_id = d.pop("experimentId", UNSET)

        _headers = d.pop("headers", UNSET)
        headers: WebhookHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = WebhookHeaders.from_dict(_headers)

        method = d.pop("method", UNSET)

        namespace = d.pop("namespace", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: WebhookParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = WebhookParameters.from_dict(_parameters)

        pipeline_id = d.pop("pipelineId", UNSET)

        pipeline_version_id = d.pop("pipelineVersionId", UNSET)

        preset = d.pop("preset", UNSET)

        workflow_template = d.pop("workflowTemplate", UNSET)

        webhook = cls(
            type_=type_,
            url=url,
            body=body,
            call_timeout=call_timeout,
            credentials=credentials,
            dag=dag,
            experiment_id=experiment_id,
            headers=headers,
            method=method,
            namespace=namespace,
            parameters=parameters,
            pipeline_id=pipeline_id,
            pipeline_version_id=pipeline_version_id,
            preset=preset,
            workflow_template=workflow_template,
        )

        webhook.additional_properties = d
        return webhook

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
