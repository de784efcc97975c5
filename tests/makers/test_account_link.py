"""Makers find their dashboard from their account page; other members see no such link."""

from __future__ import annotations

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.designs import DesignFactory

pytestmark = pytest.mark.django_db


def test_the_account_page_links_the_dashboard_for_makers_only(client):
    maker = UserFactory()
    DesignFactory(maker=maker)
    client.force_login(maker)
    page = client.get("/account/").content.decode()
    assert '<a href="/dashboard/">Maker dashboard</a>' in page
    client.force_login(UserFactory())
    assert "Maker dashboard" not in client.get("/account/").content.decode()
