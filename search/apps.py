from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search.indexing import connect_sources
        from search.sources import get_source, register
        from search.sources.designs import DesignSource
        from search.sources.makers import MakerSource

        # Products and stories register here too once the shop and editorial have them.
        for source in (DesignSource(), MakerSource()):
            if get_source(source.kind) is None:
                register(source)
        connect_sources()
