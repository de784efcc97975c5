"""The one place the site talks to Stripe: every call carries an idempotency key."""

from __future__ import annotations

import stripe
from django.conf import settings


def stripe_client() -> stripe.StripeClient:
    """A client for the configured Stripe API (STRIPE_API_BASE points it at localstripe in tests)."""
    addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY or "sk_test_unset", base_addresses=addresses)


def test_payments_enabled() -> bool:
    """The server-side confirmation path exists for test keys only, never for live ones."""
    return settings.SHOP_TEST_PAYMENTS and settings.STRIPE_SECRET_KEY.startswith("sk_test_")


def intent_create(*, amount_cents: int, order_number: str, manual_capture: bool, idempotency_key: str):
    params = {
        "amount": amount_cents,
        "currency": "eur",
        "metadata": {"order": order_number},
        "payment_method_types": ["card"],
        "capture_method": "manual" if manual_capture else "automatic",
    }
    return stripe_client().v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key})


def intent_retrieve(intent_id: str):
    return stripe_client().v1.payment_intents.retrieve(intent_id)


def intent_test_confirm(*, intent_id: str, idempotency_key: str, payment_method: str = "pm_card_visa"):
    """Attach a Stripe test card and confirm on the server, as Stripe.js would in the browser."""
    client = stripe_client()
    client.v1.payment_intents.update(
        intent_id, params={"payment_method": payment_method}, options={"idempotency_key": idempotency_key + "-pm"}
    )
    return client.v1.payment_intents.confirm(intent_id, options={"idempotency_key": idempotency_key})


def intent_capture(*, intent_id: str, idempotency_key: str):
    return stripe_client().v1.payment_intents.capture(intent_id, options={"idempotency_key": idempotency_key})


def intent_cancel(*, intent_id: str, idempotency_key: str):
    return stripe_client().v1.payment_intents.cancel(intent_id, options={"idempotency_key": idempotency_key})


def refund_create(*, intent_id: str, amount_cents: int, idempotency_key: str):
    return stripe_client().v1.refunds.create(
        params={"payment_intent": intent_id, "amount": amount_cents}, options={"idempotency_key": idempotency_key}
    )
