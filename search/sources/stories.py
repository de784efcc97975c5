from __future__ import annotations

import logging

from django.db.models import QuerySet
from django.db.models.signals import post_delete
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished

from editorial.models import StoryPage
from search.sources import IndexEntry, Schedule, SearchSource
from search.sources.designs import image_url
from search.text import fold

logger = logging.getLogger(__name__)


def story_text(page: StoryPage) -> str:
    """The words of a story's body: text and quotes (chosen designs and products are found on their own)."""
    try:
        parts = page.body.stream_block.get_searchable_content(page.body)
    except Exception:  # a broken block must not keep the rest of the story out of the index
        logger.warning("Could not read the body of story %s", page.pk, exc_info=True)
        return ""
    return " ".join(" ".join(strip_tags(str(part)).split()) for part in parts if part)


class StorySource(SearchSource):
    """Live, public stories in every language; each translation is its own hit."""

    kind = "story"
    label = _("Stories")
    model = StoryPage

    def queryset(self) -> QuerySet:
        return (
            StoryPage.objects.live()
            .public()
            .select_related("locale", "hero_image")
            .prefetch_related("tagged_items__tag", "story_makers__maker")
            .order_by("pk")
        )

    def serialize(self, page: StoryPage) -> IndexEntry:
        makers = [link.maker for link in page.story_makers.all()]
        names = [m.public_name for m in makers]
        language = str(page.locale.get_display_name() or "") if page.locale_id else ""
        return IndexEntry(
            kind=self.kind,
            object_id=page.pk,
            title=page.title,
            url=page.get_url() or page.url_path,
            body="\n\n".join(text for text in (page.intro, story_text(page)) if text),
            subtitle=" · ".join(part for part in (", ".join(names), language) if part),
            keywords=" ".join(f"@{m.handle}" for m in makers),
            tags=sorted({fold(item.tag.name) for item in page.tagged_items.all()}),
            published_at=page.first_published_at,
            image_url=image_url(page.hero_image) if page.hero_image_id else "",
        )

    def connect(self, schedule: Schedule) -> None:
        def changed(sender, instance, **kwargs):
            if isinstance(instance, StoryPage) or getattr(instance, "specific_class", None) is StoryPage:
                schedule(self.kind, instance.pk)

        page_published.connect(changed, weak=False, dispatch_uid="search-story-published")
        page_unpublished.connect(changed, weak=False, dispatch_uid="search-story-unpublished")
        post_delete.connect(changed, sender=StoryPage, weak=False, dispatch_uid="search-story-delete")
