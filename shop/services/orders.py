"""Order payment states: every change of an order's status happens here, once."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community.notifications import notify
from community.services import trust_record
from core.money import format_money
from shop import gateway
from shop.cart import MemberCart
from shop.models import ORDER_RANK, Order, OrderStatus, ProductVariant, to_cents
from shop.services.cart import cart_remove_paid
from shop.signals import order_paid, order_refunded


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
    """Paid once: stock goes down atomically, oversold lines are refunded, the buyer and the makers hear of it."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if not _moves_forward(order, OrderStatus.PAID):
            return order
        _settle_member_cart(order)
        oversold = []
        for line in order.lines.select_related("product"):
            if line.product.made_to_order:
                continue
            # Never below zero: the update only applies while enough stock is left.
            taken = ProductVariant.objects.filter(pk=line.variant_id, stock__gte=line.quantity).update(
                stock=F("stock") - line.quantity
            )
            if not taken:
                oversold.append(line)
        now = timezone.now()
        order.status = OrderStatus.PAID
        order.paid_at = now
        order.closed_at = None
        if oversold:
            amount = sum((line.line_total for line in oversold), Decimal("0"))
            gateway.refund_create(
                intent_id=order.payment_intent_id,
                amount_cents=to_cents(amount),
                idempotency_key=f"order-{order.number}-oversold",
            )
            for line in oversold:
                line.refunded_quantity = line.quantity
                line.save(update_fields=["refunded_quantity"])
            order.refunded_amount = max(order.refunded_amount, amount)
            titles = ", ".join(line.title for line in oversold)
            order.note = _(
                "Sorry: %(titles)s sold out while you were paying. We refunded %(amount)s for it to your card."
            ) % {"titles": titles, "amount": format_money(amount)}
            if amount >= order.total:
                order.status = OrderStatus.REFUNDED
                order.closed_at = now
        order.save()
        _send_confirmation(order)
        if order.status == OrderStatus.PAID:
            transaction.on_commit(lambda: order_paid.send(sender=Order, order=order))
            if order.user_id:
                buyer = order.user
                transaction.on_commit(lambda: trust_record(user=buyer, event="purchase"))
    return order


def _send_confirmation(order: Order) -> None:
    lines = "\n".join(
        f"{line.kept_quantity} × {line.title} ({line.sku}) – {format_money(line.unit_price)}"
        for line in order.lines.all()
        if line.kept_quantity
    )
    body = _("Thank you! We received your payment for order %(number)s.") % {"number": order.number}
    body += (
        "\n\n" + lines + "\n\n" + _("Total: %(total)s") % {"total": format_money(order.total - order.refunded_amount)}
    )
    if order.note:
        body += "\n\n" + order.note
    if order.user_id:  # a guest has no account to notify; the email below reaches them
        notify(
            recipient=order.user,
            kind="shop_order_paid",
            title=_("Order %(number)s is paid") % {"number": order.number},
            body=body,
            url=order.get_absolute_url(),
            send_email=False,
        )
    else:
        body += "\n\n" + _("Your order: %(link)s") % {"link": settings.SITE_URL + order.get_absolute_url()}
    recipient, subject = order.email, _("[Commonmade] Order confirmation %(number)s") % {"number": order.number}
    transaction.on_commit(lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[recipient]))


def _settle_member_cart(order: Order) -> None:
    """The first payment step (paid, or a pre-order authorised) takes the order's items out of the cart."""
    if order.user_id and order.status in (OrderStatus.PENDING, OrderStatus.FAILED):
        cart_remove_paid(cart=MemberCart(order.user), order=order)


def order_mark_authorized(*, order_id: int) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if _moves_forward(order, OrderStatus.AUTHORIZED):
            _settle_member_cart(order)
            order.status = OrderStatus.AUTHORIZED
            order.save(update_fields=["status"])
    return order


def order_mark_failed(*, order_id: int) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if _moves_forward(order, OrderStatus.FAILED):
            order.status = OrderStatus.FAILED
            order.save(update_fields=["status"])
    return order


def order_mark_canceled(*, order_id: int, reason: str = "") -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status in (OrderStatus.PENDING, OrderStatus.FAILED, OrderStatus.AUTHORIZED):
            order.status = OrderStatus.CANCELED
            order.closed_at = timezone.now()
            if reason:
                order.note = reason
            order.save(update_fields=["status", "closed_at", "note"])
    return order


def order_record_refund(*, order_id: int, amount_refunded_cents: int) -> Order:
    """Refunds only add up: a late or repeated event never lowers what was refunded."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED):
            return order
        amount = Decimal(amount_refunded_cents) / 100
        if amount <= order.refunded_amount:
            return order
        order.refunded_amount = amount
        fully = amount >= order.total and order.status == OrderStatus.PAID
        if fully:
            order.status = OrderStatus.REFUNDED
            order.closed_at = timezone.now()
        order.save(update_fields=["refunded_amount", "status", "closed_at"])
        if fully:
            transaction.on_commit(lambda: order_refunded.send(sender=Order, order=order))
    return order
