"""Voting's admin pages sit together under one "Voting" entry of the Wagtail menu."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import Permission

from tests.factories.accounts import UserFactory
from tests.factories.editorial import staff_user

pytestmark = pytest.mark.django_db


def _menu(html: str) -> str:
    match = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S)
    return json.dumps(json.loads(match.group(1))) if match else html


def test_the_voting_group_holds_challenges_shortlist_and_held_back_votes(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    menu = _menu(client.get("/admin/").content.decode())
    assert '"Voting"' in menu
    for url in ("/admin/challenges/", "/admin/voting/shortlist/", "/admin/voting/held-back/"):
        assert url in menu
    assert menu.count("/admin/voting/shortlist/") == 1  # inside the group, not a second top-level entry


def test_editors_see_the_shortlist(client):
    client.force_login(staff_user("Editors"))
    assert "/admin/voting/shortlist/" in _menu(client.get("/admin/").content.decode())


def test_admin_users_who_are_not_editors_do_not_see_the_shortlist(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "/admin/voting/shortlist/" not in _menu(response.content.decode())
