"""Products for other apps' pages (editorial collections, "New in the shop")."""

from __future__ import annotations

from django.db.models import Avg, Count, QuerySet

from community.selectors import moderated_ids
from designs.models import PUBLIC_STATES
from shop.models import Product, ProductStatus, Review


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


def ratings_for_products(*, product_ids) -> dict[int, tuple[float, int]]:
    """Product id -> (average stars, number of reviews), for products with visible reviews."""
    rows = (
        Review.objects.filter(product_id__in=list(product_ids))
        .exclude(pk__in=moderated_ids(model=Review))
        .values("product_id")
        .annotate(avg=Avg("rating"), n=Count("pk"))
        .order_by()
    )
    return {row["product_id"]: (round(float(row["avg"]), 1), row["n"]) for row in rows}
