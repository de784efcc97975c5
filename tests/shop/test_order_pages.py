"""What the buyer reads on the order list and the order page (found walking the shop as a newcomer)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from shop.models import Carrier, Order, OrderStatus
from shop.services import fulfilment
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order, make_product

pytestmark = pytest.mark.django_db
S = OrderStatus


def test_order_list_counts_items_in_singular_and_plural(client):
    buyer = UserFactory()
    one = make_order(user=buyer, items=[(make_product(price="10.00"), 1)])
    three = make_order(user=buyer, items=[(make_product(price="10.00"), 3)])
    client.force_login(buyer)
    page = client.get("/account/orders/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "1 item ·" in text and "3 items ·" in text and "1 items" not in text
    assert one.number in text and three.number in text


def test_the_timeline_links_the_tracking_number(client):
    buyer, staff = UserFactory(), UserFactory(is_superuser=True)
    order = make_order(user=buyer, status=S.PAID)
    fulfilment.order_mark_shipped(order=order, actor=staff, carrier=Carrier.DHL, tracking_number="00340434161094042557")
    client.force_login(buyer)
    page = client.get(order.get_absolute_url()).content.decode()
    timeline = page[page.index('class="timeline"') :]
    order.refresh_from_db()
    assert order.tracking_url and f'href="{order.tracking_url}"' in timeline


def test_a_single_line_return_form_starts_with_its_quantity(client):
    buyer = UserFactory()
    single = make_order(user=buyer, items=[(make_product(price="20.00"), 2)], status=S.DELIVERED)
    double = make_order(
        user=buyer, items=[(make_product(price="20.00"), 1), (make_product(price="9.00"), 1)], status=S.DELIVERED
    )
    Order.objects.filter(pk__in=[single.pk, double.pk]).update(delivered_at=timezone.now())
    client.force_login(buyer)
    page = client.get(single.get_absolute_url()).content.decode()
    line = single.lines.get()
    assert re.search(rf'name="qty-{line.pk}" min="0" max="2" value="2"', page)
    # With several lines nothing is chosen for the buyer.
    page = client.get(double.get_absolute_url()).content.decode()
    for line in double.lines.all():
        assert re.search(rf'name="qty-{line.pk}" min="0" max="1" value="0"', page)
