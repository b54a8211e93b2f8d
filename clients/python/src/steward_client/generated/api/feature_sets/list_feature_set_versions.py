from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_feature_set_version import PageFeatureSetVersion
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: str,
    *,
    tag: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["tag"] = tag

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/feature-sets/{name}/versions".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageFeatureSetVersion | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = PageFeatureSetVersion.from_dict(response.json())

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
) -> Response[PageFeatureSetVersion | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    tag: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> Response[PageFeatureSetVersion | ProblemDetail]:
    """List the versions of a feature set, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        tag (str | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFeatureSetVersion | ProblemDetail]
    """

    kwargs = _get_kwargs(
        name=name,
        tag=tag,
        page=page,
        size=size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    tag: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> PageFeatureSetVersion | ProblemDetail | None:
    """List the versions of a feature set, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        tag (str | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFeatureSetVersion | ProblemDetail
    """

    return sync_detailed(
        name=name,
        client=client,
        tag=tag,
        page=page,
        size=size,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    tag: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> Response[PageFeatureSetVersion | ProblemDetail]:
    """List the versions of a feature set, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        tag (str | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFeatureSetVersion | ProblemDetail]
    """

    kwargs = _get_kwargs(
        name=name,
        tag=tag,
        page=page,
        size=size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient | Client,
    tag: str | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> PageFeatureSetVersion | ProblemDetail | None:
    """List the versions of a feature set, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        name (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'
        tag (str | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFeatureSetVersion | ProblemDetail
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            tag=tag,
            page=page,
            size=size,
        )
    ).parsed
