"""The account overview and the privacy pages belong to accounts: same addresses as ever, the links of
the other apps come as their panels, and every app's data reaches the download through core.privacy."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import resolve, reverse

from accounts import services
from accounts.models import User
from community.models import Follow
from core import privacy
from notifications.models import NotificationPreference, PushSubscription
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "path", "view"),
    [
        ("accounts:account", "/account/", "account_overview"),
        ("accounts:privacy", "/account/privacy/", "privacy_page"),
        ("accounts:privacy_export", "/account/privacy/export/", "privacy_export"),
        ("accounts:privacy_delete", "/account/privacy/delete/", "privacy_delete"),
    ],
)
def test_the_pages_keep_their_addresses_and_are_served_by_accounts(name, path, view):
    assert reverse(name) == path
    match = resolve(path)
    assert (match.func.__module__, match.func.__name__) == ("accounts.views", view)


def test_each_section_of_the_download_is_registered_by_the_app_that_keeps_the_data():
    owners = {section.name: (section.exporter or section.eraser).__module__ for section in privacy.sections()}
    assert owners["profile"] == "accounts.privacy"
    assert owners["notifications"] == owners["notification_settings"] == "notifications.privacy"
    assert owners["follows"] == owners["comments"] == owners["flags"] == "community.privacy"
    assert owners["orders"] == "shop.privacy" and owners["designs"] == "designs.privacy"
    # Erasers run from the highest app down: the account's own profile is cleared last.
    erasers = [section.name for section in reversed(privacy.sections()) if section.eraser]
    assert erasers.index("community") < erasers.index("notifications") < erasers.index("profile")
    assert erasers[-1] == "profile"


def test_the_account_page_lists_every_apps_links_and_the_privacy_page(client):
    member = UserFactory(handle="alma")
    client.force_login(member)
    html = client.get("/account/").content.decode()
    links = [
        'href="/members/alma/"',  # community
        'href="/account/profile/"',
        'href="/feed/"',
        'href="/account/notifications/"',  # notifications
        'href="/account/orders/"',  # shop
        'href="/account/tokens/"',  # api
        'href="/accounts/email/"',
        'href="/account/privacy/"',
    ]
    for link in links:
        assert link in html, link
    assert [html.index(link) for link in links] == sorted(html.index(link) for link in links)


def test_the_account_page_in_german(client):
    client.force_login(UserFactory())
    html = client.get("/de/account/").content.decode()
    assert "Dein öffentliches Profil" in html and 'href="/de/account/privacy/"' in html


def test_the_privacy_page_links_the_download_and_posts_the_deletion_to_the_same_addresses(client):
    client.force_login(UserFactory())
    html = client.get("/account/privacy/").content.decode()
    assert 'href="/account/privacy/export/"' in html
    assert 'action="/account/privacy/delete/"' in html


def test_the_download_holds_the_notification_settings_and_follows_in_their_own_sections(client):
    member = UserFactory()
    maker = UserFactory(handle="mira")
    Follow.objects.create(follower=member, maker=maker)
    NotificationPreference.objects.create(user=member, kind="comment_reply", delivery="digest")
    PushSubscription.objects.create(user=member, endpoint="https://push.example/abc", p256dh="k", auth="a")
    client.force_login(member)
    response = client.get("/account/privacy/export/")
    assert response["Content-Disposition"] == f'attachment; filename="commonmade-{member.handle}.json"'
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["profile"]["email"] == member.email
    assert data["follows"] == {"following": ["mira"], "followers": 0}
    assert data["notification_settings"]["delivery"] == {"comment_reply": "digest"}
    assert [s["endpoint"] for s in data["notification_settings"]["push_subscriptions"]] == ["https://push.example/abc"]


def test_a_wrong_password_keeps_the_account_and_says_so(client):
    member = UserFactory(email="keep.me@example.org")
    client.force_login(member)
    answer = client.post("/account/privacy/delete/", {"password": "not-my-password", "confirm": "on"})
    assert answer.status_code == 400
    assert "That is not your password." in answer.content.decode()
    member.refresh_from_db()
    assert member.is_active and member.email == "keep.me@example.org"
    assert client.get("/account/").status_code == 200  # still logged in


def test_deleting_the_account_ends_the_browsers_push_subscriptions_too(client):
    member = UserFactory()
    PushSubscription.objects.create(user=member, endpoint="https://push.example/abc", p256dh="k", auth="a")
    client.force_login(member)
    assert client.post("/account/privacy/delete/", {"password": PASSWORD, "confirm": "on"}).status_code == 302
    assert not PushSubscription.objects.filter(user=member).exists()
    assert not User.objects.get(pk=member.pk).is_active


def test_an_inactive_account_cannot_be_deleted_again():
    member = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.account_delete(user=member, password=PASSWORD)
