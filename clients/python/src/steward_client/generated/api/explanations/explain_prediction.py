from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.explained import Explained
from ...models.explanation_request import ExplanationRequest
from ...models.problem_detail import ProblemDetail
from ...types import Response


def _get_kwargs(
    name: str,
    version: int,
    *,
    body: ExplanationRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/models/{name}/versions/{version}/explanations".format(
            name=quote(str(name), safe=""),
            version=quote(str(version), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Explained | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = Explained.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetail.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetail.from_dict(response.json())

        return response_401

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
) -> Response[Explained | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    version: int,
    *,
    client: AuthenticatedClient | Client,
    body: ExplanationRequest,
) -> Response[Explained | ProblemDetail]:
    """Explain one prediction or a batch in business language from the version's explanation template

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        body (ExplanationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Explained | ProblemDetail]
    """

    kwargs = _get_kwargs(
        name=name,
        version=version,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    version: int,
    *,
    client: AuthenticatedClient | Client,
    body: ExplanationRequest,
) -> Explained | ProblemDetail | None:
    """Explain one prediction or a batch in business language from the version's explanation template

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        body (ExplanationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Explained | ProblemDetail
    """

    return sync_detailed(
        name=name,
        version=version,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    name: str,
    version: int,
    *,
    client: AuthenticatedClient | Client,
    body: ExplanationRequest,
) -> Response[Explained | ProblemDetail]:
    """Explain one prediction or a batch in business language from the version's explanation template

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        body (ExplanationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Explained | ProblemDetail]
    """

    kwargs = _get_kwargs(
        name=name,
        version=version,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    version: int,
    *,
    client: AuthenticatedClient | Client,
    body: ExplanationRequest,
) -> Explained | ProblemDetail | None:
    """Explain one prediction or a batch in business language from the version's explanation template

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        body (ExplanationRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Explained | ProblemDetail
    """

    return (
        await asyncio_detailed(
            name=name,
            version=version,
            client=client,
            body=body,
        )
    ).parsed
