"""A member's orders; nobody else's."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet, Sum

from shop.models import Order, OrderLine


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
