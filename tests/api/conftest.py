import json

import pytest
from django.test import Client

from accounts.services import profile_for
from api import services as api_services
from tests.factories.designs import DesignFactory
from tests.factories.voting import VoterFactory


@pytest.fixture
def member(db):
    """A verified member old enough to vote."""
    return VoterFactory()


@pytest.fixture
def token(member):
    _record, raw = api_services.token_create(user=member, name="Phone")
    return raw


@pytest.fixture
def design(db):
    return DesignFactory()


@pytest.fixture
def trusted(member):
    """The member at trust level 1 (may flag)."""
    profile = profile_for(user=member)
    profile.trust_level = 1
    profile.save(update_fields=["trust_level"])
    return member


class ApiClient:
    """The Django test client speaking JSON, with a bearer token when given."""

    def __init__(self, client: Client, token: str | None = None):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, url, **extra):
        return self.client.get(url, **self.headers, **extra)

    def _send(self, method, url, data=None, **extra):
        body = json.dumps(data) if data is not None else ""
        return getattr(self.client, method)(url, body, content_type="application/json", **self.headers, **extra)

    def post(self, url, data=None, **extra):
        return self._send("post", url, data, **extra)

    def put(self, url, data=None, **extra):
        return self._send("put", url, data, **extra)

    def delete(self, url, data=None, **extra):
        return self._send("delete", url, data, **extra)


@pytest.fixture
def anon(client):
    return ApiClient(client)


@pytest.fixture
def api(client, token):
    return ApiClient(client, token)


from tests.shop.conftest import localstripe, stripe_on  # noqa: E402, F401  (localstripe over HTTP for payments)


def problem_of(response, status):
    """The response is an RFC 9457 problem with this status; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body
