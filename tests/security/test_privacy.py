"""/account/privacy/: a member downloads all of their data and deletes their account.

After deletion no personal data is left (email, handle, name, profile, addresses' contact data,
notifications, follows, sessions), while orders and their invoice data stay and comments stay as a
deleted member's. Works for the demo member.
"""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django_comments_xtd.models import XtdComment

from accounts.models import User
from api.models import PersonalAccessToken
from community import services
from community.models import Follow
from designs.models import Design, DesignState
from notifications.models import Notification
from shop.models import Address, Favourite, Order, Review
from tests.factories.accounts import PASSWORD
from tests.factories.designs import make_design
from tests.factories.shop import make_product, paid_line
from tests.factories.voting import VoterFactory
from voting.models import Vote

pytestmark = [pytest.mark.security_category("privacy"), pytest.mark.django_db]

SECTIONS = {
    "profile",
    "follows",
    "designs",
    "votes",
    "comments",
    "orders",
    "reviews",
    "notifications",
    "notification_settings",
    "addresses",
}


@pytest.fixture
def member():
    """A member with something in every section."""
    member = VoterFactory(email="private.person@example.org", handle="privateperson", display_name="Pia Private")
    member.profile.bio = "I live in Leipzig and love linocuts."
    member.profile.location = "Leipzig"
    member.profile.save()
    own = make_design(maker=member, title="Pia draft", state=DesignState.SUBMITTED)
    other_maker = VoterFactory(handle="othermaker")
    target = make_design(maker=other_maker, title="Someone else")
    Vote.objects.create(design=target, voter=member, score=4, would_buy=True, network="203.0.113.0")
    services.follow(follower=member, maker=other_maker)
    comment = services.comment_post(author=member, target=target, text="Lovely colours, Pia here.")
    product = make_product(maker=other_maker)
    line = paid_line(member, product)
    Order.objects.filter(pk=line.order_id).update(
        shipping_name="Pia Private",
        shipping_line1="Lindenstraße 5",
        shipping_postcode="04109",
        shipping_city="Leipzig",
        shipping_country="DE",
        shipping_phone="+49 341 000000",
    )
    Review.objects.create(product=product, author=member, order_line=line, rating=5, text="Great shirt")
    Favourite.objects.create(user=member, product=product)
    Address.objects.create(
        user=member, name="Pia Private", line1="Gohliser Straße 1", postcode="04155", city="Leipzig", country="DE"
    )
    PersonalAccessToken.objects.create(user=member, name="my script", prefix="cm_abc", token_hash="0" * 64)
    return {"user": member, "design": own, "comment": comment, "order": line.order, "other": other_maker}


def test_privacy_page_needs_login(client):
    assert client.get("/account/privacy/").status_code == 302
    assert client.get("/account/privacy/export/").status_code == 302
    assert client.post("/account/privacy/delete/", {"password": "x", "confirm": "on"}).status_code == 302


def test_the_download_holds_every_section_as_json(client, member):
    client.force_login(member["user"])
    page = client.get("/account/privacy/")
    assert page.status_code == 200
    assert "/account/privacy/export/" in page.content.decode()
    response = client.get("/account/privacy/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert set(data) >= SECTIONS
    assert data["profile"]["email"] == "private.person@example.org"
    assert data["profile"]["profile"]["bio"].startswith("I live in Leipzig")
    assert data["follows"]["following"] == ["othermaker"]
    assert [d["title"] for d in data["designs"]] == ["Pia draft"]
    assert data["votes"][0]["score"] == 4
    assert data["comments"][0]["comment"] == "Lovely colours, Pia here."
    assert data["orders"][0]["number"] == member["order"].number
    assert data["orders"][0]["delivery_address"]["city"] == "Leipzig"
    assert [a["line1"] for a in data["addresses"]] == ["Gohliser Straße 1", "Lindenstraße 5"]
    assert data["api_tokens"][0]["name"] == "my script" and "token_hash" not in response.content.decode()
    assert data["reviews"][0]["text"] == "Great shirt"
    assert data["notifications"] == [] or isinstance(data["notifications"], list)
    # Another member's data is not in it.
    assert "othermaker@" not in response.content.decode()


def test_deletion_needs_the_password_and_the_confirmation(client, member):
    client.force_login(member["user"])
    wrong = client.post("/account/privacy/delete/", {"password": "not-it", "confirm": "on"})
    assert wrong.status_code == 400
    unconfirmed = client.post("/account/privacy/delete/", {"password": PASSWORD})
    assert unconfirmed.status_code == 400
    member["user"].refresh_from_db()
    assert member["user"].is_active and member["user"].email == "private.person@example.org"


def test_deletion_removes_personal_data_and_keeps_orders(client, member):
    user = member["user"]
    other_session = Client()
    other_session.force_login(user)
    Notification.objects.create(recipient=user, kind="x", title="Hello Pia")
    client.force_login(user)
    orders_before = Order.objects.count()

    response = client.post("/account/privacy/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302

    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert "private" not in user.email and user.handle.startswith("deleted-") and user.display_name == ""
    assert user.public_name == "Deleted member"
    assert not EmailAddress.objects.filter(user=user).exists()
    assert user.profile.bio == "" and user.profile.location == ""
    assert not Follow.objects.filter(follower=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert not Favourite.objects.filter(user=user).exists()
    assert not Address.objects.filter(user=user).exists()
    assert not PersonalAccessToken.objects.filter(user=user).exists()
    assert Vote.objects.get(voter=user).network == ""
    # Sessions ended everywhere: the other browser is logged out, no stored session names the member.
    assert other_session.get("/account/").status_code == 302
    assert not [s for s in Session.objects.all() if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)]
    # The design is withdrawn; the comment stays as a deleted member's.
    assert Design.objects.get(pk=member["design"].pk).state == DesignState.WITHDRAWN
    comment = XtdComment.objects.get(pk=member["comment"].pk)
    assert comment.user_id is None and comment.user_email == "" and comment.user_name == ""
    assert comment.comment == "Lovely colours, Pia here."
    page = client.get(member["comment"].content_object.get_absolute_url()).content.decode()
    assert "Deleted member" in page and "Pia Private" not in page
    # Orders and invoice data kept, contact data gone.
    assert Order.objects.count() == orders_before
    order = Order.objects.get(pk=member["order"].pk)
    assert order.user_id == user.pk and order.total == member["order"].total
    assert order.shipping_name == "Pia Private" and order.shipping_city == "Leipzig"
    assert "private.person" not in order.email and order.shipping_phone == ""
    # Nothing anywhere still holds the email address or the handle.
    assert not User.objects.filter(email__iexact="private.person@example.org").exists()
    assert not User.objects.filter(handle__iexact="privateperson").exists()
    assert client.get("/members/privateperson/").status_code == 404
    # The member cannot log in again.
    assert not Client().login(email="private.person@example.org", password=PASSWORD)


def test_export_and_deletion_work_for_the_demo_member(client, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--no-progress")
    demo = User.objects.get(email="member@example.com")
    orders = list(Order.objects.filter(user=demo).values_list("number", flat=True))
    assert orders
    assert client.login(email="member@example.com", password="commonmade")
    data = json.loads(client.get("/account/privacy/export/").content)
    assert set(data) >= SECTIONS
    assert {o["number"] for o in data["orders"]} == set(orders)
    assert data["reviews"]
    response = client.post("/account/privacy/delete/", {"password": "commonmade", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="member@example.com").exists()
    assert set(Order.objects.filter(number__in=orders).values_list("number", flat=True)) == set(orders)
    assert not Order.objects.filter(email="member@example.com").exists()
