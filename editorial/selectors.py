"""Queries behind the editorial pages, with the prefetches that keep query counts flat."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from designs.models import Design, DesignImage, DesignState
from editorial import integrations


@dataclass(frozen=True)
class CollectionItem:
    """One card of a collection: a design or a product, already resolved for display."""

    kind: str  # "design" or "product"
    title: str
    url: str | None
    image: Any
    image_alt: str
    state_label: str
    maker: str
    price: Decimal | None
    rating: Any


def designs_for_cards(ids: Iterable[int]) -> dict[int, Design]:
    """Design id -> design with maker, category and cover image (and its renditions) loaded."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    images = DesignImage.objects.select_related("image").prefetch_related("image__renditions")
    queryset = Design.objects.filter(pk__in=ids).select_related("maker", "category")
    return {design.pk: design for design in queryset.prefetch_related(Prefetch("images", queryset=images))}


def _design_item(design: Design, ratings: dict[int, Any]) -> CollectionItem:
    cover = design.cover
    return CollectionItem(
        kind="design",
        title=design.title,
        url=integrations.design_url(design),
        image=cover.image if cover else None,
        image_alt=cover.alt if cover else design.title,
        state_label=design.state_label,
        maker=design.maker.public_name,
        price=None,
        rating=ratings.get(design.pk),  # the crowd's verdict (crowd score, votes), or None
    )


def _product_item(card: integrations.ProductCard) -> CollectionItem:
    return CollectionItem(
        kind="product",
        title=card.title,
        url=card.url,
        image=card.image,
        image_alt=card.image_alt,
        state_label="",
        maker="",
        price=card.price,
        rating=card.rating,
    )


def _chosen_ids(raw_items: Sequence[dict]) -> tuple[list[tuple[str, int]], set[int], set[int]]:
    chosen, design_ids, product_ids = [], set(), set()
    for raw in raw_items:
        kind, pk = raw.get("type"), raw.get("value")
        if kind not in ("design", "product") or not isinstance(pk, int):
            continue
        chosen.append((kind, pk))
        (design_ids if kind == "design" else product_ids).add(pk)
    return chosen, design_ids, product_ids


def collection_items_for_pages(pages: Sequence[Page], *, limit: int | None = None) -> dict[int, list[CollectionItem]]:
    """Page id -> the visible items of each collection page, in the editor's order.

    One query for all designs and one for all products, whatever the number of
    pages or items. Withdrawn, rejected and moderation-removed designs and
    unpublished products are left out, so nobody has to edit the page when they go.
    """
    chosen_by_page, all_designs, all_products = {}, set(), set()
    for page in pages:
        chosen, design_ids, product_ids = _chosen_ids(page.items.raw_data)
        chosen_by_page[page.pk] = chosen
        all_designs |= design_ids
        all_products |= product_ids
    designs = {pk: d for pk, d in designs_for_cards(all_designs).items() if d.is_public}
    products = {pk: card for pk, card in integrations.product_cards(all_products).items() if card.live}
    ratings = integrations.design_ratings(designs)

    result = {}
    for page_id, chosen in chosen_by_page.items():
        items = []
        for kind, pk in chosen:
            if kind == "design" and pk in designs:
                items.append(_design_item(designs[pk], ratings))
            elif kind == "product" and pk in products:
                items.append(_product_item(products[pk]))
            if limit is not None and len(items) >= limit:
                break
        result[page_id] = items
    return result


def collection_items(page: Page) -> list[CollectionItem]:
    return collection_items_for_pages([page])[page.pk]


def current_locale() -> Locale:
    try:
        return Locale.objects.get_for_language(get_language())
    except Locale.DoesNotExist:
        return Locale.get_default()


def stories_latest(*, limit: int = 3, locale: Locale | None = None) -> QuerySet:
    from editorial.models import StoryPage

    locale = locale or current_locale()
    return (
        StoryPage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("hero_image")
        .prefetch_related("hero_image__renditions")
        .order_by("-date", "-first_published_at")[:limit]
    )


def story_index_for_language(language: str | None = None) -> Page | None:
    """The live story index of the language, else of the default language."""
    from editorial.models import StoryIndexPage

    live = StoryIndexPage.objects.live().public()
    try:
        locale = Locale.objects.get_for_language(language or get_language())
        page = live.filter(locale=locale).first()
    except Locale.DoesNotExist:
        page = None
    return page or live.filter(locale=Locale.get_default()).first() or live.first()


def designs_awaiting_moderation(*, limit: int = 5) -> tuple[int, list[Design]]:
    queryset = Design.objects.filter(state=DesignState.SUBMITTED, moderation_removed=False)
    return queryset.count(), list(queryset.select_related("maker").order_by("submitted_at", "id")[:limit])


def designs_awaiting_decision(*, limit: int = 5) -> tuple[int, list[Design]]:
    queryset = Design.objects.filter(state=DesignState.SHORTLISTED, moderation_removed=False)
    return queryset.count(), list(queryset.select_related("maker").order_by("voting_ends_at", "id")[:limit])
