"""A member's favourites."""

from __future__ import annotations

from django.db.models import QuerySet

from shop.models import Favourite


def favourites_for_user(*, user) -> QuerySet[Favourite]:
    return (
        Favourite.objects.filter(user=user)
        .select_related("design", "design__maker", "product", "product__design")
        .prefetch_related("design__images__image", "product__design__images__image")
    )


def favourite_keys(*, user) -> set[str]:
    """ "design:12" / "product:3" for every favourite, to mark toggles on a page with one query."""
    if not user or not user.is_authenticated:
        return set()
    keys = set()
    for design_id, product_id in Favourite.objects.filter(user=user).values_list("design_id", "product_id"):
        keys.add(f"design:{design_id}" if design_id else f"product:{product_id}")
    return keys
