from __future__ import annotations

import logging

from django.db.models import Prefetch, QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community.signals import content_hidden, content_removed, content_restored
from designs.models import PUBLIC_STATES, Design, DesignImage
from designs.signals import design_state_changed
from search.sources import IndexEntry, Schedule, SearchSource
from search.sources.metrics import DesignMetrics, design_metrics
from search.text import fold

logger = logging.getLogger(__name__)


_SLUG_MARK = "slug-placeholder-0"


def design_url(slug: str) -> str:
    """reverse() once per language, then string substitution: indexing 100,000 designs calls this per row."""
    language = translation.get_language() or ""
    pattern = _URL_PATTERNS.get(language)
    if pattern is None:
        try:
            pattern = reverse("designs:detail", kwargs={"slug": _SLUG_MARK})
        except NoReverseMatch:
            pattern = f"/designs/{_SLUG_MARK}/"
        _URL_PATTERNS[language] = pattern
    return pattern.replace(_SLUG_MARK, slug)


_URL_PATTERNS: dict[str, str] = {}


def image_url(image) -> str:
    try:
        return image.get_rendition(CARD_RENDITION).url
    except Exception:  # a missing or broken file must not stop indexing
        logger.warning("No rendition for image %s", image.pk, exc_info=True)
        return ""


CARD_RENDITION = "fill-480x480"


def images_with_card_rendition() -> QuerySet:
    """Design images with the index's card rendition prefetched: no rendition lookup per item."""
    # All of them: Wagtail takes prefetched renditions as complete (designs/selectors.py).
    return DesignImage.objects.select_related("image").prefetch_related("image__renditions")


class DesignSource(SearchSource):
    kind = "design"
    label = _("Designs")
    model = Design

    def queryset(self) -> QuerySet:
        return (
            Design.objects.filter(state__in=PUBLIC_STATES, moderation_removed=False, moderation_hidden=False)
            .select_related("maker", "category")
            .prefetch_related("tagged_items__tag", Prefetch("images", queryset=images_with_card_rendition()))
            .order_by("pk")
        )

    def metrics(self, design: Design) -> tuple[float | None, float, int]:
        """(rating 0-5, crowd score 0-100, units sold): the crowd's votes and the shop's paid orders."""
        m = design_metrics([design.pk])[design.pk]
        return m.rating, m.crowd_score, m.sales

    def serialize_many(self, designs) -> list[IndexEntry]:
        designs = list(designs)
        metrics = design_metrics(d.pk for d in designs)
        return [self._entry(d, metrics[d.pk]) for d in designs]

    def serialize(self, design: Design) -> IndexEntry:
        return self.serialize_many([design])[0]

    def _entry(self, design: Design, metrics: DesignMetrics) -> IndexEntry:
        rating, crowd_score, sales = metrics.rating, metrics.crowd_score, metrics.sales
        cover = design.cover
        return IndexEntry(
            kind=self.kind,
            object_id=design.pk,
            title=design.title,
            url=design_url(design.slug),
            body=design.description,
            subtitle=design.maker.public_name,
            tags=sorted({fold(item.tag.name) for item in design.tagged_items.all()}),
            category=design.category.slug,
            category_label=design.category.name,
            keywords=design.category.name_de,
            state=design.state,
            rating=rating,
            crowd_score=crowd_score,
            sales=sales,
            published_at=design.approved_at or design.created_at,
            image_url=image_url(cover.image) if cover else "",
        )

    def connect(self, schedule: Schedule) -> None:
        def changed(sender, instance, **kwargs):
            if not kwargs.get("raw"):
                schedule(self.kind, instance.pk)
                schedule("maker", instance.maker_id)  # the maker's count of public designs

        def state_changed(sender, design, **kwargs):
            schedule(self.kind, design.pk)

        def image_changed(sender, instance, **kwargs):
            if not kwargs.get("raw"):
                schedule(self.kind, instance.design_id)

        post_save.connect(changed, sender=Design, weak=False, dispatch_uid="search-design-save")
        post_delete.connect(changed, sender=Design, weak=False, dispatch_uid="search-design-delete")
        post_save.connect(image_changed, sender=DesignImage, weak=False, dispatch_uid="search-designimage-save")
        design_state_changed.connect(state_changed, weak=False, dispatch_uid="search-design-state")

        # Moderation hides and removes designs with .update() (no post_save): listen to its signals.
        def moderated(sender, instance, **kwargs):
            schedule(self.kind, instance.pk)
            schedule("maker", instance.maker_id)

        for signal, name in ((content_removed, "removed"), (content_hidden, "hidden"), (content_restored, "restored")):
            signal.connect(moderated, sender=Design, weak=False, dispatch_uid=f"search-design-moderation-{name}")
