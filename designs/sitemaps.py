from __future__ import annotations

from core.seo import LanguageSitemap
from designs.selectors import public_designs


class DesignSitemap(LanguageSitemap):
    """Designs in a public state (in voting and later), never drafts, withdrawn or removed ones."""

    changefreq = "daily"

    def items(self):
        return public_designs().order_by("pk").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at
