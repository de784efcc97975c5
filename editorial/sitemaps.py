from __future__ import annotations

from core.seo import WagtailPageSitemap
from editorial.models import CollectionIndexPage, CollectionPage, HomePage, StandardPage, StoryIndexPage, StoryPage


class PageSitemap(WagtailPageSitemap):
    """The home page, standard pages (about, FAQ, …) and the section indexes, in each language."""

    page_models = (HomePage, StandardPage, CollectionIndexPage, StoryIndexPage)
    changefreq = "weekly"


class CollectionSitemap(WagtailPageSitemap):
    page_models = (CollectionPage,)
    changefreq = "weekly"


class StorySitemap(WagtailPageSitemap):
    page_models = (StoryPage,)
    changefreq = "monthly"
