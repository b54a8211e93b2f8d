"""The suite runs against a real Steward that run-tests.sh starts (fresh data directory, strong random admin
token): STEWARD_URL and STEWARD_ADMIN_TOKEN name it."""

import os

import pytest

from steward_client import Steward
from steward_client.generated.api.admin import issue_token
from steward_client.generated.models import TokenRequest


@pytest.fixture(scope="session")
def url() -> str:
    value = os.environ.get("STEWARD_URL")
    if not value:
        pytest.fail("STEWARD_URL is not set: run clients/python/run-tests.sh, which starts a Steward")
    return value


@pytest.fixture(scope="session")
def admin(url: str) -> Steward:
    return Steward(url, os.environ["STEWARD_ADMIN_TOKEN"])


def _issue(admin: Steward, principal: str, *roles: str) -> str:
    issued = admin.call(issue_token.sync_detailed(client=admin.api,
                                                  body=TokenRequest(principal=principal, roles=list(roles))))
    return issued["token"]


@pytest.fixture(scope="session")
def engineer(url: str, admin: Steward) -> Steward:
    return Steward(url, _issue(admin, "pat", "ml-engineer"))


@pytest.fixture(scope="session")
def oncall(url: str, admin: Steward) -> Steward:
    return Steward(url, _issue(admin, "olga", "oncall"))
