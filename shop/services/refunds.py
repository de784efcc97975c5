"""Refunds through Stripe, full or per line, in three steps that never call Stripe under a row lock.

1. Claim (a short transaction with the order row locked): check what may still be refunded, write a
   Refund in state "pending" with its lines. A pending refund counts against what is refundable, so two
   staff clicking at once never refund a unit twice.
2. Call Stripe with no transaction open, with the refund's own idempotency key.
3. Settle (another short transaction): the refund succeeded (lines, order total, history, maybe the
   order's final status) or failed (only the refund row says so: the order is exactly as before).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.money import format_money, quantize, to_cents
from shop import gateway
from shop.errors import PaymentError, PaymentUnavailable, ShopError
from shop.models import (
    REFUNDABLE_STATES,
    Order,
    OrderLine,
    OrderStatus,
    Refund,
    RefundLine,
    RefundStatus,
    ReturnRequest,
)
from shop.services.orders import order_event_record
from shop.signals import order_refund_settled, order_refunded

logger = logging.getLogger(__name__)


class RefundError(ShopError):
    """A refund that cannot be made: nothing was sent to the payment provider and nothing changed."""


class RefundUnavailable(ShopError):
    """The payment provider did not take the refund: nothing was refunded and the order is unchanged."""


def refundable_quantities(*, order: Order) -> dict[int, int]:
    """Per order line: units neither refunded nor in a refund under way."""
    pending = dict(
        RefundLine.objects.filter(
            refund__order=order, refund__status=RefundStatus.PENDING, refund__items_withdrawn=False
        )
        .values("order_line_id")
        .annotate(n=Sum("quantity"))
        .values_list("order_line_id", "n")
    )
    return {line.pk: line.quantity - line.refunded_quantity - pending.get(line.pk, 0) for line in order.lines.all()}


def _shipping_refundable(order: Order) -> Decimal:
    refunded = Refund.objects.filter(order=order).exclude(status=RefundStatus.FAILED).aggregate(
        s=Sum("shipping_amount")
    )["s"] or Decimal("0")
    return max(order.shipping_cost - refunded, Decimal("0"))


def _in_transaction() -> bool:
    """True inside a transaction this code opened (the test runner's own wrapping transaction does not count)."""
    return any(not getattr(block, "_from_testcase", False) for block in transaction.get_connection().atomic_blocks)


def refund_prepare_oversold(*, order: Order, lines: Iterable[OrderLine]) -> Refund:
    """Inside order_mark_paid's transaction: sold-out lines leave the order now, their money goes back after commit."""
    refund = Refund.objects.create(
        order=order, amount=Decimal("0"), reason=_("Sold out while paying"), items_withdrawn=True
    )
    amount = Decimal("0")
    for line in lines:
        RefundLine.objects.create(refund=refund, order_line=line, quantity=line.quantity, amount=line.line_total)
        line.refunded_quantity = line.quantity
        line.save(update_fields=["refunded_quantity"])
        amount += line.line_total
    refund.amount = quantize(amount)
    refund.save(update_fields=["amount"])
    return refund


def refund_claim(
    *,
    order: Order,
    actor: User | None,
    quantities: Mapping[int, int] | None = None,
    include_shipping: bool = False,
    reason: str = "",
    return_request: ReturnRequest | None = None,
) -> Refund:
    """Step 1: write a pending refund. quantities maps order line ids to units; None refunds everything left."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in REFUNDABLE_STATES or not locked.payment_intent_id:
            raise RefundError(
                _("An order that is “%(status)s” has no payment to refund.") % {"status": locked.get_status_display()}
            )
        available = refundable_quantities(order=locked)
        if quantities is None:
            quantities = {line_id: n for line_id, n in available.items() if n > 0}
            include_shipping = True
        quantities = {int(k): int(v) for k, v in quantities.items() if int(v) > 0}
        lines = {line.pk: line for line in locked.lines.all()}
        for line_id, n in quantities.items():
            if line_id not in lines:
                raise RefundError(_("That item is not part of this order."))
            if n > available.get(line_id, 0):
                raise RefundError(
                    _("At most %(n)s of “%(title)s” can still be refunded.")
                    % {"n": available.get(line_id, 0), "title": lines[line_id].title}
                )
        shipping = _shipping_refundable(locked) if include_shipping else Decimal("0")
        if not quantities and not shipping:
            raise RefundError(_("Choose at least one item to refund."))
        refund = Refund.objects.create(
            order=locked,
            amount=Decimal("0"),
            shipping_amount=shipping,
            reason=reason[:200],
            actor=actor,
            return_request=return_request,
        )
        amount = shipping
        for line_id, n in quantities.items():
            line_amount = quantize(lines[line_id].unit_price * n)
            RefundLine.objects.create(refund=refund, order_line_id=line_id, quantity=n, amount=line_amount)
            amount += line_amount
        refund.amount = quantize(min(amount, locked.total - locked.refunded_amount))
        refund.save(update_fields=["amount"])
    return refund


def refund_execute(*, refund_id: int, to_status: str | None = None) -> Refund:
    """Steps 2 and 3 for a claimed refund. Raises RefundUnavailable (order unchanged) if Stripe does not take it."""
    refund = Refund.objects.select_related("order").get(pk=refund_id)
    if refund.status != RefundStatus.PENDING:
        return refund
    if _in_transaction():
        raise RuntimeError("refund_execute calls Stripe: never inside a transaction")
    try:
        answer = gateway.refund_create(
            intent_id=refund.order.payment_intent_id,
            amount_cents=to_cents(refund.amount),
            idempotency_key=f"refund-{refund.pk}",
        )
    except PaymentError as exc:
        logger.warning("Refund %s of order %s not taken: %s", refund.pk, refund.order.number, exc)
        Refund.objects.filter(pk=refund.pk, status=RefundStatus.PENDING).update(status=RefundStatus.FAILED)
        if refund.items_withdrawn:
            return refund
        raise RefundUnavailable(
            _(
                "The payment provider could not be reached or did not take the refund. Nothing was refunded "
                "and the order is unchanged: please try again in a few minutes."
            )
        ) from exc
    return _settle(refund_id=refund.pk, stripe_refund_id=getattr(answer, "id", "") or "", to_status=to_status)


def refund_resume(*, refund_id: int) -> Refund:
    """Finish a refund left claimed ("pending"): its process died or lost Stripe's answer mid-way.

    Asks Stripe first whether a refund with this claim's key was made (then only settles it), and
    otherwise sends it again with the same idempotency key: the money goes back once, however often
    this runs. Stripe still away: the claim stays pending for the next try (RefundUnavailable)."""
    refund = Refund.objects.select_related("order").get(pk=refund_id)
    if refund.status != RefundStatus.PENDING:
        return refund
    if _in_transaction():
        raise RuntimeError("refund_resume calls Stripe: never inside a transaction")
    key = f"refund-{refund.pk}"
    to_status = OrderStatus.REFUNDED if refund.return_request_id else None
    try:
        answer = gateway.refund_find(intent_id=refund.order.payment_intent_id, idempotency_key=key)
        if answer is None:
            answer = gateway.refund_create(
                intent_id=refund.order.payment_intent_id, amount_cents=to_cents(refund.amount), idempotency_key=key
            )
    except PaymentUnavailable as exc:
        logger.warning("Refund %s of order %s still not taken: %s", refund.pk, refund.order.number, exc)
        raise RefundUnavailable(
            _("The payment provider could not be reached. The refund is still waiting: retry it in a few minutes.")
        ) from exc
    except PaymentError as exc:
        Refund.objects.filter(pk=refund.pk, status=RefundStatus.PENDING).update(status=RefundStatus.FAILED)
        raise RefundUnavailable(
            _("The payment provider did not take the refund. Nothing was refunded and the order is unchanged.")
        ) from exc
    return _settle(refund_id=refund.pk, stripe_refund_id=getattr(answer, "id", "") or "", to_status=to_status)


def _settle(*, refund_id: int, stripe_refund_id: str, to_status: str | None) -> Refund:
    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        order = Order.objects.select_for_update().get(pk=refund.order_id)
        if refund.status != RefundStatus.PENDING:
            return refund
        refund.status = RefundStatus.SUCCEEDED
        refund.stripe_refund_id = stripe_refund_id
        refund.settled_at = timezone.now()
        refund.save(update_fields=["status", "stripe_refund_id", "settled_at"])
        if not refund.items_withdrawn:
            for refund_line in refund.lines.select_related("order_line"):
                line = refund_line.order_line
                line.refunded_quantity = min(line.quantity, line.refunded_quantity + refund_line.quantity)
                line.save(update_fields=["refunded_quantity"])
        order.refunded_amount = min(order.total, order.refunded_amount + refund.amount)
        source = order.status
        fully = order.refunded_amount >= order.total or not any(line.kept_quantity for line in order.lines.all())
        if to_status:
            order.status = to_status
        elif fully:
            order.status = OrderStatus.REFUNDED
        if order.status != source and order.status in (OrderStatus.REFUNDED, OrderStatus.CANCELED):
            order.closed_at = refund.settled_at
        order.save(update_fields=["refunded_amount", "status", "closed_at"])
        items = [
            {"line": rl.order_line_id, "title": rl.order_line.title, "quantity": rl.quantity, "amount": str(rl.amount)}
            for rl in refund.lines.select_related("order_line")
        ]
        order_event_record(
            order=order,
            from_status=source,
            to_status=order.status,
            actor=refund.actor,
            note=_("Refunded %(amount)s.") % {"amount": format_money(refund.amount)}
            + (f" {refund.reason}" if refund.reason else ""),
            data={"refund": refund.pk, "amount": str(refund.amount), "items": items},
        )
        from shop.emails import send_order_email
        from shop.services.invoices import credit_note_issue

        credit_note_issue(refund=refund)
        if not refund.items_withdrawn:
            send_order_email(order=order, step=OrderStatus.REFUNDED, refund=refund)
            transaction.on_commit(lambda: order_refund_settled.send(sender=Order, order=order, refund=refund))
        if fully and source not in (OrderStatus.REFUNDED, OrderStatus.CANCELED):
            # Everything went back: royalties and commissions of the whole order are taken back.
            transaction.on_commit(lambda: order_refunded.send(sender=Order, order=order))
    return refund


def order_refund(
    *,
    order: Order,
    actor: User | None,
    quantities: Mapping[int, int] | None = None,
    include_shipping: bool = False,
    reason: str = "",
    return_request: ReturnRequest | None = None,
    to_status: str | None = None,
) -> Refund:
    """Refund the whole order (quantities None) or some units of some lines, through Stripe.

    to_status: where the order goes once the money is back (a return: refunded; a cancellation: canceled);
    without it the order becomes "refunded" only when nothing is left.
    """
    refund = refund_claim(
        order=order,
        actor=actor,
        quantities=quantities,
        include_shipping=include_shipping,
        reason=reason,
        return_request=return_request,
    )
    return refund_execute(refund_id=refund.pk, to_status=to_status)
