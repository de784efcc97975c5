"""The Orders admin and the buyer's order page show the same wall-clock time (Europe/Berlin, with DST)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.users.models import UserProfile

from shop.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order

pytestmark = pytest.mark.django_db

# 11:07 UTC is 12:07 in Berlin in winter (CET) and 13:07 in summer (CEST).
MOMENTS = [
    pytest.param(datetime(2026, 1, 15, 11, 7, tzinfo=UTC), "12:07", id="winter"),
    pytest.param(datetime(2026, 7, 15, 11, 7, tzinfo=UTC), "13:07", id="summer"),
]


def _times(html: str) -> set[str]:
    return set(re.findall(r"\b\d{1,2}:\d{2}\b", html))


def _staff(time_zone: str = "") -> Client:
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Fulfilment"))
    if time_zone:
        # A profile saved before the admin was pinned to the site's zone (or edited in the database).
        UserProfile.objects.update_or_create(user=user, defaults={"current_time_zone": time_zone})
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("moment", "berlin"), MOMENTS)
@pytest.mark.parametrize("staff_zone", ["", "UTC", "America/New_York"])
def test_an_orders_time_reads_the_same_in_the_admin_and_on_the_buyers_page(client, moment, berlin, staff_zone):
    buyer = UserFactory()
    order = make_order(user=buyer)
    Order.objects.filter(pk=order.pk).update(created_at=moment)

    client.force_login(buyer)
    public = client.get(f"/account/orders/{order.number}/")
    assert public.status_code == 200
    assert berlin in _times(public.content.decode())

    admin = _staff(staff_zone).get(f"/admin/shop_orders/inspect/{order.pk}/")
    assert admin.status_code == 200
    html = admin.content.decode()
    ordered = re.search(r"<dt>Ordered</dt><dd>([^<]*)</dd>", html)
    assert ordered, html[:2000]
    assert berlin in ordered.group(1), ordered.group(1)
