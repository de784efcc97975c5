"""A refund interrupted after its claim ("pending") is resumed from the Orders admin, and refunded once.

localstripe (a real HTTP server speaking Stripe's API) takes the refunds; the interruption is a real
closed port. localstripe ignores idempotency keys, so "once" here is the resume's own check: it asks
Stripe for a refund made under the claim's key before it sends one (real Stripe would also drop the
repeated key).
"""

from __future__ import annotations

import socket

import pytest
from django.contrib.auth.models import Group

from shop import gateway
from shop.models import Order, OrderStatus, Refund, RefundStatus
from shop.services.refunds import refund_claim
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_order, pay_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Fulfilment"))
    client.force_login(user)
    return user


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _refunded_at_stripe(order: Order) -> int:
    refunds = gateway.stripe_client().v1.refunds.list(params={"payment_intent": order.payment_intent_id}).data
    return sum(refund.amount for refund in refunds)


def _said(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def _retry(client, order: Order, refund: Refund):
    return client.post(f"/admin/shop_orders/action/{order.pk}/retry_refund/", {"refund": str(refund.pk)}, follow=True)


def test_an_interrupted_refund_is_retried_from_the_admin_and_refunded_once(client, staff, stripe_on, settings):
    order = pay_order(make_order(status=OrderStatus.PENDING))
    refund = refund_claim(order=order, actor=staff, reason="Goodwill")  # the process died right after its claim
    page = client.get(f"/admin/shop_orders/inspect/{order.pk}/").content.decode()
    assert "Retry refund" in page and f'name="refund" value="{refund.pk}"' in page

    settings.STRIPE_API_BASE = f"http://127.0.0.1:{_closed_port()}"  # Stripe away: still waiting, nothing changed
    response = _retry(client, order, refund)
    assert "The refund is still waiting" in _said(response)
    refund.refresh_from_db()
    assert refund.status == RefundStatus.PENDING
    assert Order.objects.get(pk=order.pk).status == OrderStatus.PAID

    settings.STRIPE_API_BASE = stripe_on
    response = _retry(client, order, refund)
    assert response.status_code == 200
    refund.refresh_from_db()
    order.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED and refund.stripe_refund_id.startswith("re_")
    assert (order.status, order.refunded_amount) == (OrderStatus.REFUNDED, order.total)
    assert _refunded_at_stripe(order) == order.total_cents

    _retry(client, order, refund)  # a second click (or a stale page) sends nothing
    assert _refunded_at_stripe(order) == order.total_cents
    assert "Retry refund" not in client.get(f"/admin/shop_orders/inspect/{order.pk}/").content.decode()


def test_a_refund_stripe_took_but_never_settled_is_settled_without_refunding_again(client, staff, stripe_on):
    order = pay_order(make_order(status=OrderStatus.PENDING))
    refund = refund_claim(order=order, actor=staff)
    # Stripe took it, then the process died before writing the answer down.
    taken = gateway.refund_create(
        intent_id=order.payment_intent_id, amount_cents=order.total_cents, idempotency_key=f"refund-{refund.pk}"
    )
    assert _refunded_at_stripe(order) == order.total_cents

    _retry(client, order, refund)
    refund.refresh_from_db()
    order.refresh_from_db()
    assert refund.status == RefundStatus.SUCCEEDED and refund.stripe_refund_id == taken.id
    assert order.status == OrderStatus.REFUNDED
    assert _refunded_at_stripe(order) == order.total_cents  # once, not twice
