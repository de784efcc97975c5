"""The one place the site talks to Stripe: every call carries an idempotency key.

Every failure leaves here as a PaymentError with a message for the buyer (shop/errors.py), never as
a Stripe exception: Stripe down, a timeout, a declined card and a refused request each have their own.
"""

from __future__ import annotations

import functools
import logging

import stripe
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.errors import PaymentDeclined, PaymentRefused, PaymentUnavailable

logger = logging.getLogger(__name__)

# Retries are safe (every call carries an idempotency key) but each one adds a timeout's wait.
NETWORK_RETRIES = 1


def stripe_client() -> stripe.StripeClient:
    """A client for the configured Stripe API (STRIPE_API_BASE points it at localstripe in tests)."""
    addresses = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY or "sk_test_unset",
        base_addresses=addresses,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT),
        max_network_retries=NETWORK_RETRIES,
    )


def translated(call):
    """Turn Stripe's exceptions into PaymentErrors; log what the buyer is not shown."""

    @functools.wraps(call)
    def wrapper(*args, **kwargs):
        try:
            return call(*args, **kwargs)
        except stripe.CardError as exc:
            raise PaymentDeclined(stripe_code=exc.code or "") from exc
        except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as exc:
            logger.warning("Stripe unavailable in %s: %s", call.__name__, exc)
            raise PaymentUnavailable() from exc
        except (stripe.AuthenticationError, stripe.PermissionError) as exc:
            logger.error("Stripe refused the shop's keys in %s: %s", call.__name__, exc)
            raise PaymentUnavailable() from exc
        except stripe.StripeError as exc:
            logger.error("Stripe refused %s (%s): %s", call.__name__, exc.http_status, exc)
            raise PaymentRefused(stripe_code=exc.code or "") from exc

    return wrapper


class TestCard(models.TextChoices):
    """Stripe's test payment methods the test-payment path offers: one that pays, one that is declined."""

    __test__ = False  # not a test case, whatever pytest thinks of the name

    VISA = "pm_card_visa", _("Pay with a test card")
    DECLINED = "pm_card_chargeCustomerFail", _("Try a declined test card")


def test_payments_enabled() -> bool:
    """The server-side confirmation path exists for test keys only, never for live ones."""
    return settings.SHOP_TEST_PAYMENTS and settings.STRIPE_SECRET_KEY.startswith("sk_test_")


@translated
def intent_create(*, amount_cents: int, order_number: str, manual_capture: bool, idempotency_key: str):
    params = {
        "amount": amount_cents,
        "currency": "eur",
        "metadata": {"order": order_number},
        "payment_method_types": ["card"],
        "capture_method": "manual" if manual_capture else "automatic",
    }
    return stripe_client().v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key})


@translated
def intent_retrieve(intent_id: str):
    return stripe_client().v1.payment_intents.retrieve(intent_id)


@translated
def intent_test_confirm(*, intent_id: str, idempotency_key: str, payment_method: TestCard = TestCard.VISA):
    """Attach a Stripe test card and confirm on the server, as Stripe.js would in the browser."""
    if not isinstance(payment_method, TestCard):
        raise ValueError(f"Not one of the test cards: {payment_method!r}")
    client = stripe_client()
    client.v1.payment_intents.update(
        intent_id, params={"payment_method": payment_method}, options={"idempotency_key": idempotency_key + "-pm"}
    )
    return client.v1.payment_intents.confirm(intent_id, options={"idempotency_key": idempotency_key})


@translated
def intent_capture(*, intent_id: str, idempotency_key: str):
    return stripe_client().v1.payment_intents.capture(intent_id, options={"idempotency_key": idempotency_key})


@translated
def intent_cancel(*, intent_id: str, idempotency_key: str):
    return stripe_client().v1.payment_intents.cancel(intent_id, options={"idempotency_key": idempotency_key})


@translated
def refund_create(*, intent_id: str, amount_cents: int, idempotency_key: str):
    # The key is also the refund's metadata, so a refund whose answer was lost can be found again.
    params = {"payment_intent": intent_id, "amount": amount_cents, "metadata": {"claim": idempotency_key}}
    return stripe_client().v1.refunds.create(params=params, options={"idempotency_key": idempotency_key})


@translated
def refund_find(*, intent_id: str, idempotency_key: str):
    """The refund made earlier with this key on this payment, or None: it was never taken."""
    for refund in stripe_client().v1.refunds.list(params={"payment_intent": intent_id, "limit": 100}).data:
        metadata = refund.metadata.to_dict() if refund.metadata else {}
        if metadata.get("claim") == idempotency_key:
            return refund
    return None


@translated
def connect_account_create(*, email: str, maker_id: int, idempotency_key: str):
    """A Stripe Connect Express account for a maker's payouts."""
    params = {
        "type": "express",
        "country": "DE",
        "email": email,
        "capabilities": {"transfers": {"requested": True}},
        "metadata": {"maker": str(maker_id)},
    }
    return stripe_client().v1.accounts.create(params=params, options={"idempotency_key": idempotency_key})


@translated
def connect_onboarding_link(*, account_id: str, return_url: str, refresh_url: str):
    params = {"account": account_id, "refresh_url": refresh_url, "return_url": return_url, "type": "account_onboarding"}
    return stripe_client().v1.account_links.create(params=params)
