from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from community.signals import content_hidden, content_removed, content_restored
from designs.models import PUBLIC_STATES, Category, Design, DesignImage, DesignTag
from designs.signals import design_state_changed
from search.sources import IndexEntry, Schedule, SearchSource, id_in
from search.sources.metrics import design_metrics
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


def design_tags(design_ids: list[int]) -> dict[int, list[str]]:
    """Design id -> its folded tag names, sorted, in one query."""
    tags: dict[int, set[str]] = {}
    for design_id, name in DesignTag.objects.filter(content_object_id__in=id_in(design_ids)).values_list(
        "content_object_id", "tag__name"
    ):
        tags.setdefault(design_id, set()).add(fold(name))
    return {pk: sorted(names) for pk, names in tags.items()}


def cover_image_urls(design_ids: list[int]) -> dict[int, str]:
    """Design id -> its cover's card rendition, in two queries (renditions missing so far are made)."""
    covers: dict[int, int] = {}
    for design_id, image_id in (
        DesignImage.objects.filter(design_id__in=id_in(design_ids))
        .order_by("design_id", "position", "id")
        .values_list("design_id", "image_id")
    ):
        covers.setdefault(design_id, image_id)
    urls = rendition_urls(covers.values())
    return {design_id: urls.get(image_id, "") for design_id, image_id in covers.items()}


def rendition_urls(image_ids) -> dict[int, str]:
    """Image id -> its card rendition's URL, in two queries (renditions missing so far are made)."""
    ids = {pk for pk in image_ids if pk}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=id_in(ids)).prefetch_renditions(CARD_RENDITION)
    return {image.pk: image_url(image) for image in images}


class DesignSource(SearchSource):
    kind = "design"
    label = _("Designs")
    model = Design

    def queryset(self) -> QuerySet:
        return Design.objects.filter(
            state__in=PUBLIC_STATES, moderation_removed=False, moderation_hidden=False
        ).order_by("pk")

    def metrics(self, design: Design) -> tuple[float | None, float, int]:
        """(rating 0-5, crowd score 0-100, units sold): the crowd's votes and the shop's paid orders."""
        m = design_metrics([design.pk])[design.pk]
        return m.rating, m.crowd_score, m.sales

    def serialize_many(self, designs) -> list[IndexEntry]:
        return self.entries(d.pk for d in designs)

    def serialize(self, design: Design) -> IndexEntry:
        return self.serialize_many([design])[0]

    def entries(self, ids) -> list[IndexEntry]:
        """Plain rows in bulk, no model instances: a fixed handful of queries per batch of any size.

        Indexing 100,000 designs runs this 200 times; building a Design, its maker, category,
        tags, images and renditions as objects cost more than everything else together.
        """
        ids = list(ids)
        if not ids:
            return []
        rows = list(
            self.queryset()
            .filter(pk__in=id_in(ids))
            .values_list(
                "pk", "title", "slug", "description", "state", "approved_at", "created_at", "maker_id", "category_id"
            )
        )
        ids = [row[0] for row in rows]
        makers = {
            user.pk: user
            for user in get_user_model()
            .objects.only("handle", "display_name", "is_active")
            .filter(pk__in=id_in({r[7] for r in rows}))
        }
        categories = Category.objects.in_bulk({r[8] for r in rows})
        tags = design_tags(ids)
        images = cover_image_urls(ids)
        metrics = design_metrics(ids)
        out = []
        for pk, title, slug, description, state, approved_at, created_at, maker_id, category_id in rows:
            category = categories[category_id]
            m = metrics[pk]
            out.append(
                IndexEntry(
                    kind=self.kind,
                    object_id=pk,
                    title=title,
                    url=design_url(slug),
                    body=description,
                    subtitle=makers[maker_id].public_name,
                    tags=tags.get(pk, []),
                    category=category.slug,
                    category_label=category.name,
                    keywords=category.name_de,
                    state=state,
                    rating=m.rating,
                    crowd_score=m.crowd_score,
                    sales=m.sales,
                    published_at=approved_at or created_at,
                    image_url=images.get(pk, ""),
                )
            )
        return out

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
