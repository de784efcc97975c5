"""A member's orders; nobody else's."""

from __future__ import annotations

from django.core import signing
from django.db.models import Prefetch, QuerySet, Sum

from shop.models import ORDER_ACCESS_SALT, Order, OrderLine


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


def order_for_token(*, token: str) -> Order | None:
    """The order behind a signed link (Order.access_token); None for a forged or mangled one."""
    try:
        number = signing.Signer(salt=ORDER_ACCESS_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return (
        Order.objects.filter(number=number)
        .select_related("campaign")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product", "variant")))
        .first()
    )


def order_for_key(*, key: str, user) -> Order | None:
    """A signed link opens its order for anybody holding it; a plain number only for its member."""
    if ":" in key:
        return order_for_token(token=key)
    return order_for_owner(number=key, user=user)
