from __future__ import annotations

from core.seo import LanguageSitemap
from live.models import LiveShow, ShowStatus


class LiveShowSitemap(LanguageSitemap):
    """Drops that are upcoming, live or kept as a replay (cancelled ones are left out)."""

    changefreq = "hourly"

    def items(self):
        return LiveShow.objects.exclude(status=ShowStatus.CANCELLED).order_by("pk").only("slug", "starts_at")

    def location(self, item):
        return item.get_absolute_url()

    def lastmod(self, item):
        return item.starts_at
