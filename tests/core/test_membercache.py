"""The header's per-member counts (cart items, unread notifications) come from the cache (core/membercache.py):
each member sees their own, and every change shows on the next page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from notifications.services import notify
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product

pytestmark = pytest.mark.django_db


def _header(client: Client) -> tuple[int, int]:
    """(cart count, unread count) as the page header shows them."""
    html = client.get("/designs/").content.decode()
    cart = re.search(r"data-cart-count(?: hidden)?>(\d+)</span>", html)
    unread = re.search(r"data-unread-count>(\d+)<", html)
    return int(cart.group(1)) if cart else 0, int(unread.group(1)) if unread else 0


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_each_member_sees_their_own_counts_never_another_members():
    alice, bob = UserFactory(), UserFactory()
    alice_client, bob_client = _client_for(alice), _client_for(bob)
    alice_client.post("/shop/cart/add/", {"variant": make_product().variants.get().pk, "quantity": 2})
    notify(recipient=alice, kind="follow", title="Hello Alice", send_email=False)

    assert _header(alice_client) == (2, 1)  # computed and cached for Alice
    assert _header(bob_client) == (0, 0)  # Bob's own entry, not Alice's
    assert _header(alice_client) == (2, 1)  # from the cache
    assert _header(bob_client) == (0, 0)


def test_counts_follow_every_change_on_the_next_page():
    member = UserFactory()
    client = _client_for(member)
    assert _header(client) == (0, 0)  # cached as zero

    variant = make_product().variants.get()
    client.post("/shop/cart/add/", {"variant": variant.pk, "quantity": 1})
    notify(recipient=member, kind="follow", title="One", send_email=False)
    notify(recipient=member, kind="follow", title="Two", send_email=False)
    assert _header(client) == (1, 2)

    client.post("/account/notifications/read/")
    client.post("/shop/cart/update/", {"variant": variant.pk, "quantity": 3})
    assert _header(client) == (3, 0)

    client.post("/shop/cart/update/", {"variant": variant.pk, "quantity": 0})
    assert _header(client) == (0, 0)
