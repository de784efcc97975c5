"""Property-based fuzzing: Schemathesis generates requests from the served OpenAPI document.

Every operation, valid and invalid input, as a visitor and with a member's token: no 500s, and
every answer (status, content type, headers, body) matches what the document promises. The
budget is bounded (API_FUZZ_EXAMPLES per operation) so the suite stays quick.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from community import rules as community_rules
from config.wsgi import application
from voting import rules as voting_rules

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "5"))


# Fetched over WSGI from the running application, as a client would (the document needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI app: like Django's test client, keep its end-of-request
    handler from closing the database connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _generous_limits(settings, design, monkeypatch):
    """Fuzzing sends many requests a minute: the budgets are tested elsewhere. One design exists."""
    settings.API_RATE_LIMIT_PER_MINUTE = settings.API_ANON_RATE_LIMIT_PER_MINUTE = 1_000_000
    monkeypatch.setattr(voting_rules, "RATE_LIMIT_PER_MINUTE", 1_000_000)
    monkeypatch.setattr(community_rules, "COMMENT_RATE_LIMIT", 1_000_000)
    monkeypatch.setattr(community_rules, "COMMENT_RATE_LIMIT_NEW", 1_000_000)


FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


# A schema-valid request may still name nothing that exists or carry a made-up cursor: those are
# refused with a 400/404 on purpose, so "valid data must be accepted" does not apply here.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_as_a_visitor(case):
    case.call_and_validate(excluded_checks=EXCLUDED)


@schema.parametrize()
@FUZZ_SETTINGS
def test_api_as_a_member(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=EXCLUDED)
