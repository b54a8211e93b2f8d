from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.history_entry import HistoryEntry
from ...models.problem_detail import ProblemDetail
from ...types import Response


def _get_kwargs(
    environment: str,
    model: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/deployments/{environment}/{model}/history".format(
            environment=quote(str(environment), safe=""),
            model=quote(str(model), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | list[HistoryEntry] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = HistoryEntry.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[ProblemDetail | list[HistoryEntry]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    environment: str,
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemDetail | list[HistoryEntry]]:
    """List the desired states of a deployment over time

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        environment (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without
            '..'
        model (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[HistoryEntry]]
    """

    kwargs = _get_kwargs(
        environment=environment,
        model=model,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    environment: str,
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> ProblemDetail | list[HistoryEntry] | None:
    """List the desired states of a deployment over time

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        environment (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without
            '..'
        model (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[HistoryEntry]
    """

    return sync_detailed(
        environment=environment,
        model=model,
        client=client,
    ).parsed


async def asyncio_detailed(
    environment: str,
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ProblemDetail | list[HistoryEntry]]:
    """List the desired states of a deployment over time

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        environment (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without
            '..'
        model (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[HistoryEntry]]
    """

    kwargs = _get_kwargs(
        environment=environment,
        model=model,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    environment: str,
    model: str,
    *,
    client: AuthenticatedClient | Client,
) -> ProblemDetail | list[HistoryEntry] | None:
    """List the desired states of a deployment over time

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        environment (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without
            '..'
        model (str): an entity name: [a-z0-9][a-z0-9._-]*, at most 128 characters, without '..'

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[HistoryEntry]
    """

    return (
        await asyncio_detailed(
            environment=environment,
            model=model,
            client=client,
        )
    ).parsed
