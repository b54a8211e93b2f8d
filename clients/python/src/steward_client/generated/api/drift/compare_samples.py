from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compare_request import CompareRequest
from ...models.compare_samples_files_body import CompareSamplesFilesBody
from ...models.problem_detail import ProblemDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CompareRequest | CompareSamplesFilesBody | Unset = UNSET,
    mode: str | Unset = UNSET,
    bins: int | Unset = UNSET,
    psi_threshold: float | Unset = UNSET,
    drift_share: float | Unset = UNSET,
    score_column: str | Unset = UNSET,
    label_column: str | Unset = UNSET,
    format_: str | Unset = UNSET,
    columns: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    sample: int | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["mode"] = mode

    params["bins"] = bins

    params["psiThreshold"] = psi_threshold

    params["driftShare"] = drift_share

    params["scoreColumn"] = score_column

    params["labelColumn"] = label_column

    params["format"] = format_

    json_columns: list[str] | Unset = UNSET
    if not isinstance(columns, Unset):
        json_columns = columns

    params["columns"] = json_columns

    params["limit"] = limit

    params["sample"] = sample

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/drift/compare",
        "params": params,
    }

    if isinstance(body, CompareRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, CompareSamplesFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ProblemDetail | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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
) -> Response[Any | ProblemDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CompareRequest | CompareSamplesFilesBody | Unset = UNSET,
    mode: str | Unset = UNSET,
    bins: int | Unset = UNSET,
    psi_threshold: float | Unset = UNSET,
    drift_share: float | Unset = UNSET,
    score_column: str | Unset = UNSET,
    label_column: str | Unset = UNSET,
    format_: str | Unset = UNSET,
    columns: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    sample: int | Unset = UNSET,
) -> Response[Any | ProblemDetail]:
    """Compare two CSV samples (no state is kept)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        mode (str | Unset):
        bins (int | Unset):
        psi_threshold (float | Unset):
        drift_share (float | Unset):
        score_column (str | Unset):
        label_column (str | Unset):
        format_ (str | Unset):
        columns (list[str] | Unset):
        limit (int | Unset):
        sample (int | Unset):
        body (CompareRequest):
        body (CompareSamplesFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetail]
    """

    kwargs = _get_kwargs(
        body=body,
        mode=mode,
        bins=bins,
        psi_threshold=psi_threshold,
        drift_share=drift_share,
        score_column=score_column,
        label_column=label_column,
        format_=format_,
        columns=columns,
        limit=limit,
        sample=sample,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CompareRequest | CompareSamplesFilesBody | Unset = UNSET,
    mode: str | Unset = UNSET,
    bins: int | Unset = UNSET,
    psi_threshold: float | Unset = UNSET,
    drift_share: float | Unset = UNSET,
    score_column: str | Unset = UNSET,
    label_column: str | Unset = UNSET,
    format_: str | Unset = UNSET,
    columns: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    sample: int | Unset = UNSET,
) -> Any | ProblemDetail | None:
    """Compare two CSV samples (no state is kept)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        mode (str | Unset):
        bins (int | Unset):
        psi_threshold (float | Unset):
        drift_share (float | Unset):
        score_column (str | Unset):
        label_column (str | Unset):
        format_ (str | Unset):
        columns (list[str] | Unset):
        limit (int | Unset):
        sample (int | Unset):
        body (CompareRequest):
        body (CompareSamplesFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetail
    """

    return sync_detailed(
        client=client,
        body=body,
        mode=mode,
        bins=bins,
        psi_threshold=psi_threshold,
        drift_share=drift_share,
        score_column=score_column,
        label_column=label_column,
        format_=format_,
        columns=columns,
        limit=limit,
        sample=sample,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CompareRequest | CompareSamplesFilesBody | Unset = UNSET,
    mode: str | Unset = UNSET,
    bins: int | Unset = UNSET,
    psi_threshold: float | Unset = UNSET,
    drift_share: float | Unset = UNSET,
    score_column: str | Unset = UNSET,
    label_column: str | Unset = UNSET,
    format_: str | Unset = UNSET,
    columns: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    sample: int | Unset = UNSET,
) -> Response[Any | ProblemDetail]:
    """Compare two CSV samples (no state is kept)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        mode (str | Unset):
        bins (int | Unset):
        psi_threshold (float | Unset):
        drift_share (float | Unset):
        score_column (str | Unset):
        label_column (str | Unset):
        format_ (str | Unset):
        columns (list[str] | Unset):
        limit (int | Unset):
        sample (int | Unset):
        body (CompareRequest):
        body (CompareSamplesFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetail]
    """

    kwargs = _get_kwargs(
        body=body,
        mode=mode,
        bins=bins,
        psi_threshold=psi_threshold,
        drift_share=drift_share,
        score_column=score_column,
        label_column=label_column,
        format_=format_,
        columns=columns,
        limit=limit,
        sample=sample,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CompareRequest | CompareSamplesFilesBody | Unset = UNSET,
    mode: str | Unset = UNSET,
    bins: int | Unset = UNSET,
    psi_threshold: float | Unset = UNSET,
    drift_share: float | Unset = UNSET,
    score_column: str | Unset = UNSET,
    label_column: str | Unset = UNSET,
    format_: str | Unset = UNSET,
    columns: list[str] | Unset = UNSET,
    limit: int | Unset = UNSET,
    sample: int | Unset = UNSET,
) -> Any | ProblemDetail | None:
    """Compare two CSV samples (no state is kept)

     Needs one of the roles ml-engineer, reviewer, oncall, policy-admin, privacy-officer or admin.

    Args:
        mode (str | Unset):
        bins (int | Unset):
        psi_threshold (float | Unset):
        drift_share (float | Unset):
        score_column (str | Unset):
        label_column (str | Unset):
        format_ (str | Unset):
        columns (list[str] | Unset):
        limit (int | Unset):
        sample (int | Unset):
        body (CompareRequest):
        body (CompareSamplesFilesBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetail
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            mode=mode,
            bins=bins,
            psi_threshold=psi_threshold,
            drift_share=drift_share,
            score_column=score_column,
            label_column=label_column,
            format_=format_,
            columns=columns,
            limit=limit,
            sample=sample,
        )
    ).parsed
