"""Everything editorial reads from the voting and shop apps, in one place.

Editorial sits above voting and the shop, so it imports them directly. Product details
(the on-sale rule, price, rating) are read only here, so pages never touch the shop's models.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import NoReverseMatch, reverse


def url_or_none(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


# ---------------------------------------------------------------------------
# Designs
# ---------------------------------------------------------------------------
def design_url(design) -> str | None:
    try:
        return design.get_absolute_url()
    except NoReverseMatch:
        return None


def design_ratings(design_ids: Iterable[int]) -> dict[int, Any]:
    """Design id -> the crowd's verdict for a card: crowd score (0-100) and votes, for designs with votes."""
    from voting.selectors import vote_summary_for_designs

    ids = list(design_ids)
    if not ids:
        return {}
    return {pk: summary for pk, summary in vote_summary_for_designs(design_ids=ids).items() if summary.votes}


# ---------------------------------------------------------------------------
# Voting
# ---------------------------------------------------------------------------
def trending_designs(*, limit: int = 8) -> list:
    from voting.selectors import trending_designs as selector

    return list(selector(limit=limit))


def open_challenges(*, limit: int = 4) -> list:
    from voting.selectors import challenges_open

    return list(challenges_open())[:limit]


def featured_challenge():
    """The challenge taking entries now (else the one in its voting window), or None."""
    from voting.selectors import featured_challenge as selector

    return selector()


def challenge_url(challenge) -> str | None:
    getter = getattr(challenge, "get_absolute_url", None)
    if getter is None:
        return None
    try:
        return getter()
    except NoReverseMatch:
        return None


def week_top_designs(*, limit: int = 5) -> list:
    """The dashboard's "top designs this week": voting's trending list."""
    return trending_designs(limit=limit)


# ---------------------------------------------------------------------------
# Shop
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ProductCard:
    """What a page shows of a product: enough to render a card without touching the model."""

    id: int
    title: str
    url: str | None
    price: Decimal | None
    rating: float | None
    image: Any
    image_alt: str
    live: bool
    review_count: int = 0


def _product_card(product, *, live: bool, rating: tuple[float, int] | None) -> ProductCard:
    design = product.design
    cover = design.cover if design is not None else None
    try:
        url = product.get_absolute_url()
    except NoReverseMatch:
        url = None
    return ProductCard(
        id=product.pk,
        title=product.local_title,
        url=url,
        price=product.price,
        rating=rating[0] if rating else None,
        review_count=rating[1] if rating else 0,
        image=cover.image if cover else None,
        image_alt=cover.alt if cover else product.local_title,
        live=live,
    )


def product_cards(product_ids: Iterable[int]) -> dict[int, ProductCard]:
    """Product id -> card, for the ids that exist; `live` is False for drafts, retired and removed products."""
    from shop.models import Product
    from shop.selectors.products import products_on_sale, ratings_for_products

    ids = [pk for pk in product_ids if pk is not None]
    if not ids:
        return {}
    products = list(
        Product.objects.filter(pk__in=ids).select_related("design").prefetch_related("design__images__image")
    )
    on_sale = set(products_on_sale().filter(pk__in=ids).values_list("pk", flat=True))
    ratings = ratings_for_products(product_ids=ids)
    return {p.pk: _product_card(p, live=p.pk in on_sale, rating=ratings.get(p.pk)) for p in products}


def latest_products(*, limit: int = 8) -> list[ProductCard]:
    """ "New in the shop": products on sale, newest first (no drafts, nothing retired)."""
    from shop.selectors.products import products_latest, ratings_for_products

    products = products_latest(limit=limit)
    ratings = ratings_for_products(product_ids=[p.pk for p in products])
    return [_product_card(p, live=True, rating=ratings.get(p.pk)) for p in products]


def week_sales() -> dict:
    """The dashboard's "sales this week": {"orders": int, "total": Decimal}."""
    from datetime import timedelta

    from django.utils import timezone

    from shop.selectors.sales import sales_summary

    return dict(sales_summary(since=timezone.now() - timedelta(days=7)))


def product_model():
    """shop.Product (kept as a function: blocks and the admin ask for it lazily)."""
    from django.apps import apps

    return apps.get_model("shop", "Product")
