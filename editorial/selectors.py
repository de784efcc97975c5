"""Queries behind the editorial pages, with the prefetches that keep query counts flat.

Editorial is the top layer: it reads designs and the shop through their own selectors, and
renders each object with the card of the app that owns it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language
from wagtail.models import Locale, Page

from designs.extensions import attach_card_facts
from designs.models import Design, DesignState
from designs.selectors import designs_for_cards
from shop.selectors.catalogue import products_for_cards


@dataclass(frozen=True)
class CollectionItem:
    """One card of a collection: a public design or a product on sale."""

    kind: str  # "design" or "product"
    object: Any

    @property
    def title(self) -> str:
        return self.object.title

    @property
    def url(self) -> str:
        return self.object.get_absolute_url()


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
    pages or items. Drafts, withdrawn, rejected and moderation-removed designs, and
    products that are not on sale (drafts, retired) are left out, so nobody has to
    edit the page when they go.
    """
    chosen_by_page, all_designs, all_products = {}, set(), set()
    for page in pages:
        chosen, design_ids, product_ids = _chosen_ids(page.items.raw_data)
        chosen_by_page[page.pk] = chosen
        all_designs |= design_ids
        all_products |= product_ids
    designs = designs_for_cards(all_designs)
    attach_card_facts(list(designs.values()))  # the crowd's verdict on each design card, one query
    loaded = {"design": designs, "product": products_for_cards(all_products)}

    result = {}
    for page_id, chosen in chosen_by_page.items():
        items = []
        for kind, pk in chosen:
            if pk in loaded[kind]:
                items.append(CollectionItem(kind=kind, object=loaded[kind][pk]))
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


def stories_latest(*, limit: int = 3, locale: Locale | None = None):
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
