"""Order payment states: every change of an order's status caused by a payment happens here, once.

The steps after payment (production, shipping, returns) live in services/fulfilment.py, refunds in
services/refunds.py. Every change writes one OrderEvent.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community.services import trust_record
from core import audit
from core.money import format_money
from shop.cart import MemberCart
from shop.models import (
    ORDER_RANK,
    REFUNDABLE_STATES,
    Order,
    OrderEvent,
    OrderStatus,
    ProductVariant,
    Refund,
    RefundStatus,
)
from shop.offers import offer_claim
from shop.services.cart import cart_remove_paid
from shop.signals import order_paid, order_refunded, stock_changed


def order_event_record(
    *, order: Order, from_status: str, to_status: str, actor: User | None = None, note: str = "", data=None
) -> OrderEvent:
    """One line of the order's history; called inside the transaction that made the change.

    Wagtail's audit log gets the same line, for administrators (core/audit.py).
    """
    event = OrderEvent.objects.create(
        order=order, from_status=from_status, to_status=to_status, actor=actor, note=note, data=data or {}
    )
    audit.record(
        order,
        "commonmade.order.status",
        user=actor,
        note=note,
        **{"from": OrderStatus(from_status).label, "to": OrderStatus(to_status).label},
    )
    return event


def order_apply_intent_status(*, order_id: int, status: str) -> Order:
    if status == "succeeded":
        return order_mark_paid(order_id=order_id)
    if status == "requires_capture":
        return order_mark_authorized(order_id=order_id)
    if status == "canceled":
        return order_mark_canceled(order_id=order_id)
    if status == "requires_payment_method":
        return order_mark_failed(order_id=order_id)
    return Order.objects.get(pk=order_id)


def _moves_forward(order: Order, to: str) -> bool:
    return ORDER_RANK[to] > ORDER_RANK[order.status] or (
        order.status == OrderStatus.PENDING and to == OrderStatus.FAILED
    )


def order_mark_paid(*, order_id: int) -> Order:
    """Paid once: stock goes down atomically, the invoice gets its number, the buyer and the makers hear of it.

    Lines that sold out meanwhile leave the order and get a refund; Stripe is called for it only after
    this transaction committed (services/refunds.py), never while the order row is locked.
    """
    from shop.emails import send_order_email
    from shop.services.invoices import invoice_issue
    from shop.services.refunds import refund_execute, refund_prepare_oversold

    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if not _moves_forward(order, OrderStatus.PAID):
            return order
        source = order.status
        _settle_member_cart(order)
        oversold = []
        for line in order.lines.select_related("product"):
            if not _take_units(line):
                oversold.append(line)
        order.status = OrderStatus.PAID
        order.paid_at = timezone.now()
        order.closed_at = None
        refund = None
        if oversold:
            refund = refund_prepare_oversold(order=order, lines=oversold)
            titles = ", ".join(line.title for line in oversold)
            order.note = _(
                "Sorry: %(titles)s sold out while you were paying. We refund %(amount)s for it to your card."
            ) % {"titles": titles, "amount": format_money(refund.amount)}
        order.save()
        order_event_record(order=order, from_status=source, to_status=OrderStatus.PAID)
        invoice_issue(order=order)
        send_order_email(order=order, step=OrderStatus.PAID)
        if refund is not None:
            refund_id = refund.pk
            transaction.on_commit(lambda: refund_execute(refund_id=refund_id), robust=True)
        if any(line.kept_quantity for line in order.lines.all()):
            transaction.on_commit(lambda: order_paid.send(sender=Order, order=order))
            if order.user_id:
                buyer = order.user
                transaction.on_commit(lambda: trust_record(user=buyer, event="purchase"))
    return order


class _Unavailable(Exception):
    pass


def _take_units(line) -> bool:
    """Take the line's units: from an offer's limit (a live drop's quantity) and from stock, both or neither.

    Each is a conditional UPDATE that only applies while enough is left, so concurrent payments never
    oversell; a savepoint gives an offer's units back when the stock then turns out to be gone.
    """
    try:
        with transaction.atomic():
            if line.offer and not offer_claim(line.offer, line.quantity):
                raise _Unavailable
            if not line.product.made_to_order and not ProductVariant.objects.filter(
                pk=line.variant_id, stock__gte=line.quantity
            ).update(stock=F("stock") - line.quantity):
                raise _Unavailable
    except _Unavailable:
        return False
    if not line.product.made_to_order:
        variant_id = line.variant_id
        transaction.on_commit(lambda: stock_changed.send(sender=ProductVariant, variant_id=variant_id))
    return True


def _settle_member_cart(order: Order) -> None:
    """The first payment step (paid, or a pre-order authorised) takes the order's items out of the cart."""
    if order.user_id and order.status in (OrderStatus.PENDING, OrderStatus.FAILED):
        cart_remove_paid(cart=MemberCart(order.user), order=order)


def order_mark_authorized(*, order_id: int) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if _moves_forward(order, OrderStatus.AUTHORIZED):
            _settle_member_cart(order)
            source, order.status = order.status, OrderStatus.AUTHORIZED
            order.save(update_fields=["status"])
            order_event_record(order=order, from_status=source, to_status=order.status)
    return order


def order_mark_failed(*, order_id: int) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if _moves_forward(order, OrderStatus.FAILED):
            source, order.status = order.status, OrderStatus.FAILED
            order.save(update_fields=["status"])
            order_event_record(order=order, from_status=source, to_status=order.status)
    return order


def order_mark_canceled(*, order_id: int, reason: str = "", actor: User | None = None) -> Order:
    """An unpaid order (or a pre-order whose card hold was released) is canceled; a paid one is refunded instead."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status in (OrderStatus.PENDING, OrderStatus.FAILED, OrderStatus.AUTHORIZED):
            source, order.status = order.status, OrderStatus.CANCELED
            order.closed_at = timezone.now()
            if reason:
                order.note = reason
            order.save(update_fields=["status", "closed_at", "note"])
            order_event_record(order=order, from_status=source, to_status=order.status, actor=actor, note=reason)
    return order


def order_record_refund(*, order_id: int, amount_refunded_cents: int) -> Order:
    """A refund made in Stripe's dashboard (charge.refunded): refunds only add up, never lower what was refunded.

    Refunds this site makes are settled by services/refunds.py; while one is under way the event is left to it.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status not in REFUNDABLE_STATES:
            return order
        if Refund.objects.filter(order=order, status=RefundStatus.PENDING).exists():
            return order
        amount = Decimal(amount_refunded_cents) / 100
        if amount <= order.refunded_amount:
            return order
        order.refunded_amount = amount
        fully = amount >= order.total and order.status != OrderStatus.REFUNDED
        source = order.status
        if fully:
            order.status = OrderStatus.REFUNDED
            order.closed_at = timezone.now()
        order.save(update_fields=["refunded_amount", "status", "closed_at"])
        order_event_record(
            order=order,
            from_status=source,
            to_status=order.status,
            note=_("Refunded through the payment provider: %(amount)s in all.") % {"amount": format_money(amount)},
        )
        if fully:
            transaction.on_commit(lambda: order_refunded.send(sender=Order, order=order))
    return order
