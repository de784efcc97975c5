from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search.indexing import connect_sources, connect_vote_recount
        from search.sources import get_source, register
        from search.sources.designs import DesignSource
        from search.sources.makers import MakerSource
        from search.sources.products import ProductSource
        from search.sources.stories import StorySource

        for source in (DesignSource(), MakerSource(), ProductSource(), StorySource()):
            if get_source(source.kind) is None:
                register(source)
        connect_sources()
        connect_vote_recount()
