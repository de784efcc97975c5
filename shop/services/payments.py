"""Paying an order: the PaymentIntent, the test-card path and Stripe's webhooks."""

from __future__ import annotations

import logging
from datetime import timedelta

import stripe
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from shop import gateway
from shop.errors import PaymentDeclined, PaymentError, PaymentInProgress, ShopError
from shop.models import Order, OrderStatus, StripeEvent
from shop.services.orders import (
    order_apply_intent_status,
    order_mark_authorized,
    order_mark_canceled,
    order_mark_failed,
    order_mark_paid,
    order_record_refund,
)

logger = logging.getLogger(__name__)


# Longer than the slowest attempt (three Stripe calls, each with its timeout and one retry): a claim
# left by a crashed process frees itself after this.
CLAIM_TTL = timedelta(minutes=5)


def order_ensure_intent(*, order: Order) -> Order:
    """Create the order's PaymentIntent once; concurrent callers share one (same idempotency key)."""
    if order.payment_intent_id:
        return order
    try:
        intent = gateway.intent_create(
            amount_cents=order.total_cents,
            order_number=order.number,
            manual_capture=order.campaign_id is not None,
            idempotency_key=f"order-{order.number}-intent-{order.payment_attempts}",
        )
    except PaymentError:
        # Stripe replays its answer to a key for a day, an error too: the next try gets a new key.
        Order.objects.filter(pk=order.pk).update(payment_attempts=F("payment_attempts") + 1)
        raise
    Order.objects.filter(pk=order.pk, payment_intent_id__isnull=True).update(payment_intent_id=intent.id)
    order.refresh_from_db()
    return order


def order_client_secret(*, order: Order) -> str:
    return gateway.intent_retrieve(order.payment_intent_id).client_secret


# The order's state, not the request, stands in the way: the JSON API answers these with 409.
NOT_PAYABLE = "not_payable"


def _refuse_unpayable(order: Order) -> None:
    if order.status in (OrderStatus.PAID, OrderStatus.REFUNDED):
        raise ShopError(_("This order is already paid."), code=NOT_PAYABLE)
    if order.status == OrderStatus.AUTHORIZED:
        raise ShopError(
            _("This pre-order is already authorised; you will be charged if the campaign succeeds."), code=NOT_PAYABLE
        )
    if order.status == OrderStatus.CANCELED:
        raise ShopError(_("This order was canceled and cannot be paid."), code=NOT_PAYABLE)
    if order.campaign_id and not order.campaign.is_open():
        raise ShopError(_("This pre-order campaign is closed."), code=NOT_PAYABLE)


def order_check_payable(*, order: Order) -> None:
    _refuse_unpayable(order)


def order_payment_claim(*, order: Order) -> Order:
    """Claim a payable order for one payment attempt, in one short UPDATE that holds no lock afterwards.

    Stripe is called after the claim and outside any transaction; the result is applied in its own
    transaction, then the claim is released. A second request meanwhile gets PaymentInProgress (409).
    """
    now = timezone.now()
    claimed = (
        Order.objects.filter(pk=order.pk, status__in=(OrderStatus.PENDING, OrderStatus.FAILED))
        .filter(Q(payment_claimed_at__isnull=True) | Q(payment_claimed_at__lt=now - CLAIM_TTL))
        .update(payment_claimed_at=now, payment_attempts=F("payment_attempts") + 1)
    )
    order = Order.objects.select_related("campaign").get(pk=order.pk)
    _refuse_unpayable(order)
    if not claimed:
        raise PaymentInProgress()
    return order


def order_payment_release(*, order: Order) -> None:
    """Give up this request's claim (and only this one's: a newer claim stays)."""
    Order.objects.filter(pk=order.pk, payment_claimed_at=order.payment_claimed_at).update(payment_claimed_at=None)


def _confirm_with_test_card(order: Order, payment_method: gateway.TestCard) -> str:
    had_intent = bool(order.payment_intent_id)
    order = order_ensure_intent(order=order)
    if had_intent:
        # An earlier attempt may have gone through although its answer was lost (a timeout).
        status = gateway.intent_retrieve(order.payment_intent_id).status
        if status in ("succeeded", "requires_capture", "processing", "canceled"):
            return status
    intent = gateway.intent_test_confirm(
        intent_id=order.payment_intent_id,
        idempotency_key=f"order-{order.number}-confirm-{order.payment_attempts}",
        payment_method=payment_method,
    )
    return intent.status


def order_test_pay(
    *, order: Order, user: User | None, payment_method: gateway.TestCard = gateway.TestCard.VISA
) -> Order:
    """Confirm with a Stripe test card on the server: test keys only (localstripe, CI, demos).

    Whatever Stripe answers, the order is either paid (or authorised) or still payable, and a
    PaymentError carries the message for the buyer. The card is a TestCard (TestPayForm reads it
    from the request); anything else is refused before the order is touched.
    """
    if not isinstance(payment_method, gateway.TestCard):
        raise ValueError(f"Not one of the test cards: {payment_method!r}")
    if not gateway.test_payments_enabled():
        raise PermissionDenied(_("Test payments are switched off."))
    # A guest order (no member) is paid by whoever holds its signed link; the view checked the link.
    if order.user_id is not None and (user is None or order.user_id != user.pk):
        raise PermissionDenied(_("This is not your order."))
    _refuse_unpayable(order)
    order = order_payment_claim(order=order)
    try:
        status = _confirm_with_test_card(order, payment_method)
        return order_apply_intent_status(order_id=order.pk, status=status)
    except PaymentDeclined:
        order_mark_failed(order_id=order.pk)
        _drop_declined_intent(order)
        raise
    finally:
        order_payment_release(order=order)


def _drop_declined_intent(order: Order) -> None:
    """The next try gets a fresh PaymentIntent (localstripe cannot confirm a declined one again).

    The order lets go of the old one first, so its `canceled` webhook finds no order to cancel.
    """
    order.refresh_from_db(fields=["payment_intent_id"])
    if not order.payment_intent_id:
        return
    Order.objects.filter(pk=order.pk, payment_intent_id=order.payment_intent_id).update(payment_intent_id=None)
    try:
        gateway.intent_cancel(
            intent_id=order.payment_intent_id, idempotency_key=f"order-{order.number}-drop-{order.payment_attempts}"
        )
    except PaymentError:
        logger.warning("Order %s: declined PaymentIntent %s left open", order.number, order.payment_intent_id)


HANDLED_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.amount_capturable_updated",
    "charge.refunded",
}


class MalformedEvent(ValueError):
    """A signed payload that is not a Stripe event the shop can read."""


def _read_event(payload: bytes, signature: str | None):
    """The verified event, its type and its object; MalformedEvent for anything else that is signed."""
    try:
        event = stripe.Webhook.construct_event(payload, signature or "", settings.STRIPE_WEBHOOK_SECRET)
    except stripe.SignatureVerificationError:
        raise
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        # Checked after the signature inside construct_event: only signed garbage gets this far.
        raise MalformedEvent(str(exc)) from exc
    try:
        event_id, event_type, obj = event.id, event.type, event.data.object
    except (AttributeError, KeyError, TypeError) as exc:
        raise MalformedEvent("no id, type or object") from exc
    if not isinstance(event_id, str) or not isinstance(event_type, str) or not isinstance(obj, stripe.StripeObject):
        raise MalformedEvent("id, type or object of the wrong kind")
    return event, event_type, obj.to_dict()


def _whole_number(obj, name: str) -> int:
    value = obj.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvent(f"{name} missing or not a whole number")
    return value


def webhook_handle(*, payload: bytes, signature: str | None) -> tuple[int, str]:
    """Verify, record and apply one Stripe event, once. Returns (HTTP status, message).

    Signed payloads that are no readable event answer 400. Events may arrive in any order: a
    refund that comes before the payment's own event first applies the PaymentIntent's current
    state, read from Stripe, so the refund is never dropped; with Stripe unreachable the event is
    answered 503 and not recorded, and Stripe delivers it again later.
    """
    try:
        event, event_type, obj = _read_event(payload, signature)
    except stripe.SignatureVerificationError:
        logger.warning("Stripe webhook with a bad signature refused")
        return 400, "invalid signature"
    except MalformedEvent as exc:
        logger.warning("Signed Stripe webhook that is no readable event refused: %s", exc)
        return 400, "malformed event"
    if event_type not in HANDLED_EVENTS:
        return 200, "ignored"
    intent_id = obj.get("id") if event_type.startswith("payment_intent.") else obj.get("payment_intent")
    if intent_id is not None and not isinstance(intent_id, str):  # expanded object
        intent_id = intent_id.get("id") if isinstance(intent_id, dict) else None
    if not intent_id or not isinstance(intent_id, str):
        return 400, "malformed event"
    try:
        amount = _whole_number(obj, "amount") if event_type == "payment_intent.succeeded" else None
        refunded = _whole_number(obj, "amount_refunded") if event_type == "charge.refunded" else None
    except MalformedEvent as exc:
        logger.warning("Stripe event %s (%s) refused: %s", event.id, event_type, exc)
        return 400, "malformed event"
    order = Order.objects.filter(payment_intent_id=intent_id).first()
    if order is None:
        logger.warning("Stripe event %s (%s) for unknown payment %s", event.id, event_type, intent_id)
        return 200, "unknown order"
    current_status = None
    if event_type == "charge.refunded" and order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED):
        # The refund overtook the payment's own event: learn the payment's state from Stripe first.
        try:
            current_status = gateway.intent_retrieve(intent_id).status
        except PaymentError:
            logger.warning("Stripe event %s: Stripe unreachable, the refund waits for Stripe's retry", event.id)
            return 503, "retry later"
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeEvent.objects.create(event_id=event.id, type=event_type, order=order)
        except IntegrityError:
            return 200, "already handled"
        if event_type == "payment_intent.succeeded":
            if amount != order.total_cents:
                logger.error("Order %s: paid amount %s does not match %s", order.number, amount, order.total)
                record.result = "amount mismatch"
            else:
                order = order_mark_paid(order_id=order.pk)
        elif event_type == "payment_intent.amount_capturable_updated":
            order = order_mark_authorized(order_id=order.pk)
        elif event_type == "payment_intent.payment_failed":
            order = order_mark_failed(order_id=order.pk)
        elif event_type == "payment_intent.canceled":
            order = order_mark_canceled(order_id=order.pk)
        elif event_type == "charge.refunded":
            if current_status:
                order = order_apply_intent_status(order_id=order.pk, status=current_status)
            order = order_record_refund(order_id=order.pk, amount_refunded_cents=refunded)
        record.result = record.result or order.status
        record.save(update_fields=["result"])
    return 200, record.result
