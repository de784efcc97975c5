"""Webhooks: signed payloads verified with stripe.Webhook.construct_event, each event handled once.

Most tests sign the payload themselves with Stripe's scheme (localstripe sends only
payment_intent.succeeded/payment_failed, never canceled or charge.refunded); the objects inside
are read from localstripe, so their shape is real. One test lets localstripe deliver the webhook
to a live server.
"""

import time

import pytest
import requests

from makers.models import RoyaltyEntry, RoyaltyKind
from shop import gateway
from shop.cart import MemberCart
from shop.models import Order, OrderStatus, StripeEvent
from shop.services.checkout import order_create
from shop.services.payments import order_ensure_intent
from tests.factories.accounts import UserFactory
from tests.factories.shop import make_product
from tests.shop.conftest import SECRET_KEY, WEBHOOK_SECRET, charge_id, event_for, ls_get, post_event

pytestmark = pytest.mark.django_db


def _order(stock=5, price="25.00"):
    user = UserFactory()
    variant = make_product(stock=stock, price=price).variants.get()
    cart = MemberCart(user)
    cart.set(variant.pk, 1)
    # Checkout calls no Stripe; the payment page creates the PaymentIntent.
    return order_ensure_intent(order=order_create(user=user, cart=cart)), variant


def _confirm_at_stripe(order, base):
    """Pay at Stripe's side only, as the browser's Payment Element would; the site learns of it by webhook."""
    gateway.intent_test_confirm(intent_id=order.payment_intent_id, idempotency_key=f"c-{order.number}")
    return ls_get(base, f"/v1/payment_intents/{order.payment_intent_id}")


def test_forged_signature_is_400_and_changes_nothing(client, stripe_on):
    order, variant = _order()
    intent = _confirm_at_stripe(order, stripe_on)
    response = post_event(client, event_for(intent, "payment_intent.succeeded", "evt_forged"), secret="whsec_wrong")
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING
    assert not StripeEvent.objects.exists()
    response = client.post("/shop/stripe/webhook/", data=b"{}", content_type="application/json")
    assert response.status_code == 400


def test_succeeded_marks_paid_and_a_replay_has_no_second_effect(client, stripe_on, django_capture_on_commit_callbacks):
    order, variant = _order(stock=5)
    intent = _confirm_at_stripe(order, stripe_on)
    event = event_for(intent, "payment_intent.succeeded", "evt_once")
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, event).status_code == 200
        assert post_event(client, event).status_code == 200
        # Stripe can also send the same change as a new event: still no second effect.
        assert post_event(client, event_for(intent, "payment_intent.succeeded", "evt_twin")).status_code == 200
    order.refresh_from_db()
    variant.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert variant.stock == 4
    assert StripeEvent.objects.filter(event_id="evt_once").count() == 1
    assert RoyaltyEntry.objects.filter(kind=RoyaltyKind.EARNING).count() == 1


def test_event_for_unknown_order_is_logged_200_and_creates_nothing(client, stripe_on, caplog):
    intent = gateway.intent_create(amount_cents=1234, order_number="NOPE", manual_capture=False, idempotency_key="u1")
    obj = ls_get(stripe_on, f"/v1/payment_intents/{intent.id}")
    response = post_event(client, event_for(obj, "payment_intent.succeeded", "evt_unknown"))
    assert response.status_code == 200
    assert "unknown payment" in caplog.text
    assert not Order.objects.exists() and not StripeEvent.objects.exists()


def test_out_of_order_events_never_move_an_order_backwards(client, stripe_on):
    order, variant = _order()
    intent = _confirm_at_stripe(order, stripe_on)
    assert post_event(client, event_for(intent, "payment_intent.succeeded", "evt_a")).status_code == 200
    late_failure = dict(intent, status="requires_payment_method")
    assert post_event(client, event_for(late_failure, "payment_intent.payment_failed", "evt_b")).status_code == 200
    assert (
        post_event(client, event_for(dict(intent, status="canceled"), "payment_intent.canceled", "evt_c")).status_code
        == 200
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    variant.refresh_from_db()
    assert variant.stock == 4


def test_failed_then_canceled_events(client, stripe_on):
    order, _variant = _order()
    obj = ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")
    post_event(client, event_for(obj, "payment_intent.payment_failed", "evt_f"))
    order.refresh_from_db()
    assert order.status == OrderStatus.FAILED
    gateway.intent_cancel(intent_id=order.payment_intent_id, idempotency_key="x")
    canceled = ls_get(stripe_on, f"/v1/payment_intents/{order.payment_intent_id}")
    post_event(client, event_for(canceled, "payment_intent.canceled", "evt_cx"))
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED


def test_charge_refunded_refunds_the_order_and_reverses_royalties(
    client, stripe_on, django_capture_on_commit_callbacks
):
    order, _variant = _order(price="40.00")
    intent = _confirm_at_stripe(order, stripe_on)
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client, event_for(intent, "payment_intent.succeeded", "evt_paid"))
    gateway.refund_create(intent_id=order.payment_intent_id, amount_cents=order.total_cents, idempotency_key="r")
    charge = ls_get(stripe_on, f"/v1/charges/{charge_id(intent['latest_charge'])}")
    assert charge["refunded"] is True
    with django_capture_on_commit_callbacks(execute=True):
        assert post_event(client, event_for(charge, "charge.refunded", "evt_ref")).status_code == 200
        post_event(client, event_for(charge, "charge.refunded", "evt_ref"))
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED
    reversals = RoyaltyEntry.objects.filter(kind=RoyaltyKind.REVERSAL)
    assert reversals.count() == 1 and reversals.get().amount == -RoyaltyEntry.objects.get(kind="earning").amount


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_localstripe_delivers_a_signed_webhook_to_the_live_site(live_server, stripe_on):
    """Real delivery: localstripe posts payment_intent.succeeded, signed, to the running site."""
    hook = f"{stripe_on}/_config/webhooks/live-{time.time_ns()}"
    url = f"{live_server.url}/shop/stripe/webhook/"
    # Only the event under test: other deliveries would race the test's own queries on SQLite's shared connection.
    requests.post(
        hook,
        json={"url": url, "secret": WEBHOOK_SECRET, "events": ["payment_intent.succeeded"]},
        auth=(SECRET_KEY, ""),
        timeout=5,
    ).raise_for_status()
    order, variant = _order(stock=2)
    _confirm_at_stripe(order, stripe_on)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        order.refresh_from_db()
        if order.status == OrderStatus.PAID:
            break
        time.sleep(0.2)
    assert order.status == OrderStatus.PAID
    assert StripeEvent.objects.filter(order=order, type="payment_intent.succeeded").count() == 1
    variant.refresh_from_db()
    assert variant.stock == 1
    # Stop further deliveries to this server once it is gone.
    requests.post(hook, data={"url": "http://127.0.0.1:9/", "secret": "x"}, auth=(SECRET_KEY, ""), timeout=5)
