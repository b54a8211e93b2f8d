import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_drift_reports_response_200_item import (
    ListDriftReportsResponse200Item,
)
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    model: str | Unset = UNSET,
    version: int | Unset = UNSET,
    environment: str | Unset = UNSET,
    status: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["model"] = model

    params["version"] = version

    params["environment"] = environment

    params["status"] = status

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["page"] = page

    params["size"] = size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/drift/reports",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetail | list[ListDriftReportsResponse200Item] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ListDriftReportsResponse200Item.from_dict(
                response_200_item_data
            )

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
) -> Response[ProblemDetail | list[ListDriftReportsResponse200Item]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    version: int | Unset = UNSET,
    environment: str | Unset = UNSET,
    status: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> Response[ProblemDetail | list[ListDriftReportsResponse200Item]]:
    """List drift reports, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        model (str | Unset):
        version (int | Unset):
        environment (str | Unset):
        status (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[ListDriftReportsResponse200Item]]
    """

    kwargs = _get_kwargs(
        model=model,
        version=version,
        environment=environment,
        status=status,
        from_=from_,
        to=to,
        page=page,
        size=size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    version: int | Unset = UNSET,
    environment: str | Unset = UNSET,
    status: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> ProblemDetail | list[ListDriftReportsResponse200Item] | None:
    """List drift reports, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        model (str | Unset):
        version (int | Unset):
        environment (str | Unset):
        status (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[ListDriftReportsResponse200Item]
    """

    return sync_detailed(
        client=client,
        model=model,
        version=version,
        environment=environment,
        status=status,
        from_=from_,
        to=to,
        page=page,
        size=size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    version: int | Unset = UNSET,
    environment: str | Unset = UNSET,
    status: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> Response[ProblemDetail | list[ListDriftReportsResponse200Item]]:
    """List drift reports, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        model (str | Unset):
        version (int | Unset):
        environment (str | Unset):
        status (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetail | list[ListDriftReportsResponse200Item]]
    """

    kwargs = _get_kwargs(
        model=model,
        version=version,
        environment=environment,
        status=status,
        from_=from_,
        to=to,
        page=page,
        size=size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    model: str | Unset = UNSET,
    version: int | Unset = UNSET,
    environment: str | Unset = UNSET,
    status: str | Unset = UNSET,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    page: int | Unset = 0,
    size: int | Unset = 50,
) -> ProblemDetail | list[ListDriftReportsResponse200Item] | None:
    """List drift reports, newest first

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        model (str | Unset):
        version (int | Unset):
        environment (str | Unset):
        status (str | Unset):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        page (int | Unset):  Default: 0.
        size (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetail | list[ListDriftReportsResponse200Item]
    """

    return (
        await asyncio_detailed(
            client=client,
            model=model,
            version=version,
            environment=environment,
            status=status,
            from_=from_,
            to=to,
            page=page,
            size=size,
        )
    ).parsed
