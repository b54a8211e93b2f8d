from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_detail import ProblemDetail
from ...models.revocation_report import RevocationReport
from ...types import Response


def _get_kwargs(
    name: str,
    version: int,
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/datasets/{name}/versions/{version}/revocations/{id}".format(
            name=quote(str(name), safe=""),
            version=quote(str(version), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | RevocationReport | None:
    if response.status_code == 200:
        response_200 = RevocationReport.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = ProblemDetail.from_dict(response.json())

        return response_413

    if response.status_code == 503:
        response_503 = ProblemDetail.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProblemDetail | RevocationReport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    version: int,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemDetail | RevocationReport]:
    """Get a revocation's impact report (JSON, or CSV with Accept: text/csv)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        id (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | RevocationReport]
    """

    kwargs = _get_kwargs(
        name=name,
        version=version,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    version: int,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ProblemDetail | RevocationReport | None:
    """Get a revocation's impact report (JSON, or CSV with Accept: text/csv)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        id (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | RevocationReport
    """

    return sync_detailed(
        name=name,
        version=version,
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    version: int,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemDetail | RevocationReport]:
    """Get a revocation's impact report (JSON, or CSV with Accept: text/csv)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        id (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | RevocationReport]
    """

    kwargs = _get_kwargs(
        name=name,
        version=version,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    version: int,
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ProblemDetail | RevocationReport | None:
    """Get a revocation's impact report (JSON, or CSV with Accept: text/csv)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        version (int):
        id (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | RevocationReport
    """

    return (
        await asyncio_detailed(
            name=name,
            version=version,
            id=id,
            client=client,
        )
    ).parsed
