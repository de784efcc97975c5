"""Webhooks out of order and signed garbage: money state is never lost, nothing answers 500.

The PaymentIntent and charge objects come from localstripe (a real HTTP server speaking Stripe's
API); the events are signed with Stripe's scheme, as Stripe would send them.
"""

from __future__ import annotations

import json

import pytest

from makers.models import RoyaltyEntry
from shop.models import OrderStatus, StripeEvent
from tests.security import live
from tests.shop.conftest import charge_id, event_for, ls_get, post_event, sign
from tests.shop.test_webhooks import _confirm_at_stripe, _order

pytestmark = [pytest.mark.security_category("payments"), pytest.mark.django_db]


def _refund_at_stripe(order, base, intent):
    from shop import gateway

    gateway.refund_create(intent_id=order.payment_intent_id, amount_cents=order.total_cents, idempotency_key="r1")
    return ls_get(base, f"/v1/charges/{charge_id(intent['latest_charge'])}")


def test_a_refund_that_arrives_before_the_payment_still_refunds(client, stripe_on, django_capture_on_commit_callbacks):
    order, _variant = _order(price="40.00")
    intent = _confirm_at_stripe(order, stripe_on)
    charge = _refund_at_stripe(order, stripe_on, intent)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, event_for(charge, "charge.refunded", "evt_refund_first")).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    assert order.refunded_amount == order.total
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, event_for(intent, "payment_intent.succeeded", "evt_paid_late")).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    # Royalties credited by the payment are reversed by the refund: the maker is owed nothing.
    assert sum(entry.amount for entry in RoyaltyEntry.objects.all()) == 0


def test_a_refund_first_with_stripe_unreachable_waits_for_the_retry(client, settings, stripe_on):
    order, _variant = _order()
    intent = _confirm_at_stripe(order, stripe_on)
    charge = _refund_at_stripe(order, stripe_on, intent)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{live.closed_port()}"
    settings.STRIPE_TIMEOUT = 2
    response = post_event(client, event_for(charge, "charge.refunded", "evt_refund_retry"))
    assert response.status_code == 503
    assert not StripeEvent.objects.filter(event_id="evt_refund_retry").exists()
    settings.STRIPE_API_BASE = stripe_on
    assert post_event(client, event_for(charge, "charge.refunded", "evt_refund_retry")).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED


def _post_raw(client, payload: bytes):
    return client.post(
        "/shop/stripe/webhook/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=sign(payload)
    )


@pytest.mark.parametrize(
    "payload",
    [
        b"[]",
        b"null",
        b"42",
        b'"text"',
        b"{}",
        b'{"id": "evt_x"}',
        b'{"id": "evt_x", "type": "payment_intent.succeeded"}',
        b'{"id": "evt_x", "type": "payment_intent.succeeded", "data": []}',
        b'{"id": "evt_x", "type": "payment_intent.succeeded", "data": {"object": []}}',
        b'{"id": "evt_x", "type": "payment_intent.succeeded", "data": {"object": {}}}',
        b'{"id": 5, "type": "charge.refunded", "data": {"object": {"payment_intent": {"x": 1}}}}',
        b'{"id": "evt_x", "type": ["payment_intent.succeeded"], "data": {"object": {"id": "pi_1"}}}',
        b"\xff\xfe not utf-8",
        b"{" * 5000,
    ],
)
def test_signed_garbage_is_400(client, stripe_on, payload):
    assert _post_raw(client, payload).status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_succeeded_event_without_amount_or_with_a_text_amount_is_400(client, stripe_on):
    order, _variant = _order()
    intent = _confirm_at_stripe(order, stripe_on)
    for n, changed in enumerate([{"amount": None}, {"amount": "2500"}, {"amount": 25.5}, {"amount": True}]):
        obj = {**intent, **changed}
        if changed["amount"] is None:
            del obj["amount"]
        assert (
            _post_raw(client, json.dumps(event_for(obj, "payment_intent.succeeded", f"evt_{n}")).encode()).status_code
            == 400
        )
    refund = {"id": "ch_1", "object": "charge", "payment_intent": order.payment_intent_id}
    assert post_event(client, event_for(refund, "charge.refunded", "evt_r")).status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not StripeEvent.objects.exists()
