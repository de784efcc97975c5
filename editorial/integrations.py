"""Everything editorial reads from the voting and shop apps, in one place.

Voting and the shop are optional for editorial: each function imports lazily and
answers "nothing" (an empty list, None, {}) when the other app or the function it
needs is not there. Pages then leave that section out instead of failing.
Product details (field names, the live flag, price, rating) are read only here,
so adjusting to the shop's model means editing the small functions below.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)


def _function(module: str, name: str) -> Callable | None:
    """`module.name` if both exist, else None (the app is not installed or not built yet)."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def url_or_none(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


# ---------------------------------------------------------------------------
# Designs (same codebase, lower app; only its URLs may not be there yet)
# ---------------------------------------------------------------------------
def design_url(design) -> str | None:
    try:
        return design.get_absolute_url()
    except NoReverseMatch:
        return None


def design_ratings(design_ids: Iterable[int]) -> dict[int, Any]:
    """Design id -> rating (voting's score), or {} while voting offers no ratings.

    Contract asked of voting: `voting.selectors.design_scores(*, design_ids) -> dict[int, float]`.
    """
    ids = list(design_ids)
    scores = _function("voting.selectors", "design_scores")
    if scores is None or not ids:
        return {}
    return dict(scores(design_ids=ids))


# ---------------------------------------------------------------------------
# Voting
# ---------------------------------------------------------------------------
def trending_designs(*, limit: int = 8) -> list | None:
    """None when voting has no trending selector yet (the block then hides)."""
    selector = _function("voting.selectors", "trending_designs")
    if selector is None:
        return None
    return list(selector(limit=limit))


def open_challenges(*, limit: int = 4) -> list | None:
    selector = _function("voting.selectors", "challenges_open")
    if selector is None:
        return None
    return list(selector())[:limit]


def challenge_url(challenge) -> str | None:
    getter = getattr(challenge, "get_absolute_url", None)
    if getter is None:
        return None
    try:
        return getter()
    except NoReverseMatch:
        return None


def week_top_designs(*, limit: int = 5) -> list | None:
    """The dashboard's "top designs this week": voting's trending list, or None without voting."""
    return trending_designs(limit=limit)


# ---------------------------------------------------------------------------
# Shop
# ---------------------------------------------------------------------------
def product_model():
    """shop.Product, or None while the shop has no products."""
    try:
        return apps.get_model("shop", "Product")
    except LookupError:
        return None


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


def _product_queryset():
    model = product_model()
    if model is None:
        return None
    queryset = model.objects.all()
    related = [f.name for f in model._meta.get_fields() if f.name == "design"]
    if related:
        queryset = queryset.select_related("design").prefetch_related("design__images__image")
    if any(f.name == "variants" for f in model._meta.get_fields()):
        queryset = queryset.prefetch_related("variants")
    return queryset


def _product_is_live(product) -> bool:
    for flag in ("published", "is_published", "live", "is_live", "is_active", "active"):
        if hasattr(product, flag):
            return bool(getattr(product, flag))
    return True


def _product_price(product) -> Decimal | None:
    price = getattr(product, "price", None)
    if price is not None and not callable(price):
        return price
    variants = getattr(product, "variants", None)
    if variants is None:
        return None
    prices = [v.price for v in variants.all() if getattr(v, "price", None) is not None]
    return min(prices) if prices else None


def _product_card(product) -> ProductCard:
    design = getattr(product, "design", None)
    cover = design.cover if design is not None else None
    try:
        url = product.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        url = None
    rating = getattr(product, "rating", None) or getattr(product, "average_rating", None)
    return ProductCard(
        id=product.pk,
        title=str(getattr(product, "title", product)),
        url=url,
        price=_product_price(product),
        rating=rating if not callable(rating) else None,
        image=cover.image if cover else None,
        image_alt=cover.alt if cover else str(product),
        live=_product_is_live(product) and (design is None or not design.moderation_removed),
    )


def product_cards(product_ids: Iterable[int]) -> dict[int, ProductCard]:
    """Product id -> card, for the ids that exist, in one query plus prefetches."""
    ids = [pk for pk in product_ids if pk is not None]
    queryset = _product_queryset()
    if queryset is None or not ids:
        return {}
    return {product.pk: _product_card(product) for product in queryset.filter(pk__in=ids)}


def latest_products(*, limit: int = 8) -> list[ProductCard] | None:
    selector = _function("shop.selectors", "products_latest")
    if selector is not None:
        products = list(selector(limit=limit))
    else:
        queryset = _product_queryset()
        if queryset is None:
            return None
        products = list(queryset.order_by("-pk")[: limit * 2])
    cards = [_product_card(product) for product in products]
    return [card for card in cards if card.live][:limit]


def week_sales() -> dict | None:
    """The dashboard's "sales this week": {"orders": int, "total": Decimal} or None without the shop.

    Contract asked of the shop: `shop.selectors.sales_summary(*, since: datetime) -> dict`
    with the keys "orders" and "total".
    """
    selector = _function("shop.selectors", "sales_summary")
    if selector is None:
        return None
    from datetime import timedelta

    from django.utils import timezone

    return dict(selector(since=timezone.now() - timedelta(days=7)))
