"""A member's orders; nobody else's."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, Sum

from shop.models import Invoice, Order, OrderEvent, OrderLine


def orders_for_user(*, user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).annotate(item_count=Sum("lines__quantity")).order_by("-created_at", "-id")


def order_for_owner(*, number: str, user) -> Order | None:
    """None unless the order belongs to this member: others get a 404, never a hint."""
    if not user.is_authenticated:
        return None
    return (
        Order.objects.filter(number=number, user=user)
        .select_related("campaign")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product", "variant")))
        .first()
    )


def order_timeline(*, order: Order) -> list[OrderEvent]:
    """The order's history as the buyer sees it: each status change and each refund, oldest first."""
    return list(order.history.order_by("created_at", "id"))


def order_invoices(*, order: Order) -> list[Invoice]:
    return list(order.invoices.order_by("issued_at", "id"))


def invoice_for_viewer(*, number: str, invoice_number: str, user) -> Invoice | None:
    """The invoice if this user owns the order or works in fulfilment; None (a 404) for anyone else."""
    from shop.services.fulfilment import is_fulfilment_staff

    if not user.is_authenticated:
        return None
    invoices = Invoice.objects.select_related("order").filter(number=invoice_number, order__number=number)
    if not is_fulfilment_staff(user):
        invoices = invoices.filter(order__user=user)
    return invoices.first()
