from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.outcome import Outcome
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    key: str,
    *,
    body: Any,
    ce_id: str | Unset = UNSET,
    ce_type: str | Unset = UNSET,
    ce_specversion: str | Unset = UNSET,
    ce_time: str | Unset = UNSET,
    ce_inferenceservicename: str | Unset = UNSET,
    ce_namespace: str | Unset = UNSET,
    ce_annotations: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(ce_id, Unset):
        headers["ce-id"] = ce_id

    if not isinstance(ce_type, Unset):
        headers["ce-type"] = ce_type

    if not isinstance(ce_specversion, Unset):
        headers["ce-specversion"] = ce_specversion

    if not isinstance(ce_time, Unset):
        headers["ce-time"] = ce_time

    if not isinstance(ce_inferenceservicename, Unset):
        headers["ce-inferenceservicename"] = ce_inferenceservicename

    if not isinstance(ce_namespace, Unset):
        headers["ce-namespace"] = ce_namespace

    if not isinstance(ce_annotations, Unset):
        headers["ce-annotations"] = ce_annotations

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/drift/kserve/{key}".format(
            key=quote(str(key), safe=""),
        ),
    }

    _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Outcome | ProblemDetail | None:
    if response.status_code == 202:
        response_202 = Outcome.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = ProblemDetail.from_dict(response.json())

        return response_400

    if response.status_code == 403:
        response_403 = ProblemDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetail.from_dict(response.json())

        return response_404

    if response.status_code == 406:
        response_406 = ProblemDetail.from_dict(response.json())

        return response_406

    if response.status_code == 409:
        response_409 = ProblemDetail.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ProblemDetail.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ProblemDetail.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ProblemDetail.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ProblemDetail.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Outcome | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any,
    ce_id: str | Unset = UNSET,
    ce_type: str | Unset = UNSET,
    ce_specversion: str | Unset = UNSET,
    ce_time: str | Unset = UNSET,
    ce_inferenceservicename: str | Unset = UNSET,
    ce_namespace: str | Unset = UNSET,
    ce_annotations: str | Unset = UNSET,
) -> Response[Outcome | ProblemDetail]:
    """Receive a KServe payload-logger CloudEvent

    Args:
        key (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        ce_id (str | Unset):
        ce_type (str | Unset):
        ce_specversion (str | Unset):
        ce_time (str | Unset):
        ce_inferenceservicename (str | Unset):
        ce_namespace (str | Unset):
        ce_annotations (str | Unset):
        body (Any): the data of a binary-mode CloudEvent from KServe's payload logger: the request
            ({"instances": [...]} or the Open Inference Protocol's {"inputs": [...]}) when ce-type is
            org.kubeflow.serving.inference.request, the response ({"predictions": [...]} or
            {"outputs": [...]}) when it is ...response; request and response share ce-id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Outcome | ProblemDetail]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
        ce_id=ce_id,
        ce_type=ce_type,
        ce_specversion=ce_specversion,
        ce_time=ce_time,
        ce_inferenceservicename=ce_inferenceservicename,
        ce_namespace=ce_namespace,
        ce_annotations=ce_annotations,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any,
    ce_id: str | Unset = UNSET,
    ce_type: str | Unset = UNSET,
    ce_specversion: str | Unset = UNSET,
    ce_time: str | Unset = UNSET,
    ce_inferenceservicename: str | Unset = UNSET,
    ce_namespace: str | Unset = UNSET,
    ce_annotations: str | Unset = UNSET,
) -> Outcome | ProblemDetail | None:
    """Receive a KServe payload-logger CloudEvent

    Args:
        key (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        ce_id (str | Unset):
        ce_type (str | Unset):
        ce_specversion (str | Unset):
        ce_time (str | Unset):
        ce_inferenceservicename (str | Unset):
        ce_namespace (str | Unset):
        ce_annotations (str | Unset):
        body (Any): the data of a binary-mode CloudEvent from KServe's payload logger: the request
            ({"instances": [...]} or the Open Inference Protocol's {"inputs": [...]}) when ce-type is
            org.kubeflow.serving.inference.request, the response ({"predictions": [...]} or
            {"outputs": [...]}) when it is ...response; request and response share ce-id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Outcome | ProblemDetail
    """

    return sync_detailed(
        key=key,
        client=client,
        body=body,
        ce_id=ce_id,
        ce_type=ce_type,
        ce_specversion=ce_specversion,
        ce_time=ce_time,
        ce_inferenceservicename=ce_inferenceservicename,
        ce_namespace=ce_namespace,
        ce_annotations=ce_annotations,
    ).parsed


async def asyncio_detailed(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any,
    ce_id: str | Unset = UNSET,
    ce_type: str | Unset = UNSET,
    ce_specversion: str | Unset = UNSET,
    ce_time: str | Unset = UNSET,
    ce_inferenceservicename: str | Unset = UNSET,
    ce_namespace: str | Unset = UNSET,
    ce_annotations: str | Unset = UNSET,
) -> Response[Outcome | ProblemDetail]:
    """Receive a KServe payload-logger CloudEvent

    Args:
        key (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        ce_id (str | Unset):
        ce_type (str | Unset):
        ce_specversion (str | Unset):
        ce_time (str | Unset):
        ce_inferenceservicename (str | Unset):
        ce_namespace (str | Unset):
        ce_annotations (str | Unset):
        body (Any): the data of a binary-mode CloudEvent from KServe's payload logger: the request
            ({"instances": [...]} or the Open Inference Protocol's {"inputs": [...]}) when ce-type is
            org.kubeflow.serving.inference.request, the response ({"predictions": [...]} or
            {"outputs": [...]}) when it is ...response; request and response share ce-id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Outcome | ProblemDetail]
    """

    kwargs = _get_kwargs(
        key=key,
        body=body,
        ce_id=ce_id,
        ce_type=ce_type,
        ce_specversion=ce_specversion,
        ce_time=ce_time,
        ce_inferenceservicename=ce_inferenceservicename,
        ce_namespace=ce_namespace,
        ce_annotations=ce_annotations,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    key: str,
    *,
    client: AuthenticatedClient | Client,
    body: Any,
    ce_id: str | Unset = UNSET,
    ce_type: str | Unset = UNSET,
    ce_specversion: str | Unset = UNSET,
    ce_time: str | Unset = UNSET,
    ce_inferenceservicename: str | Unset = UNSET,
    ce_namespace: str | Unset = UNSET,
    ce_annotations: str | Unset = UNSET,
) -> Outcome | ProblemDetail | None:
    """Receive a KServe payload-logger CloudEvent

    Args:
        key (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        ce_id (str | Unset):
        ce_type (str | Unset):
        ce_specversion (str | Unset):
        ce_time (str | Unset):
        ce_inferenceservicename (str | Unset):
        ce_namespace (str | Unset):
        ce_annotations (str | Unset):
        body (Any): the data of a binary-mode CloudEvent from KServe's payload logger: the request
            ({"instances": [...]} or the Open Inference Protocol's {"inputs": [...]}) when ce-type is
            org.kubeflow.serving.inference.request, the response ({"predictions": [...]} or
            {"outputs": [...]}) when it is ...response; request and response share ce-id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Outcome | ProblemDetail
    """

    return (
        await asyncio_detailed(
            key=key,
            client=client,
            body=body,
            ce_id=ce_id,
            ce_type=ce_type,
            ce_specversion=ce_specversion,
            ce_time=ce_time,
            ce_inferenceservicename=ce_inferenceservicename,
            ce_namespace=ce_namespace,
            ce_annotations=ce_annotations,
        )
    ).parsed
