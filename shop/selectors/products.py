"""Products for other apps' pages (editorial collections, "New in the shop")."""

from __future__ import annotations

from django.db.models import QuerySet

from designs.models import PUBLIC_STATES
from shop.models import Product, ProductStatus


def products_on_sale() -> QuerySet[Product]:
    """Products a visitor can buy now: on sale, and their design still public."""
    return Product.objects.filter(
        status=ProductStatus.ON_SALE,
        design__state__in=PUBLIC_STATES,
        design__moderation_removed=False,
        design__moderation_hidden=False,
    )


def products_latest(*, limit: int = 8) -> list[Product]:
    return list(
        products_on_sale()
        .select_related("design")
        .prefetch_related("design__images__image")
        .order_by("-published_at", "-pk")[:limit]
    )
