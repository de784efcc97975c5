from __future__ import annotations

from django.utils import timezone

from core.seo import LanguageSitemap
from voting.models import Challenge


class ChallengeSitemap(LanguageSitemap):
    changefreq = "daily"

    def items(self):
        return Challenge.objects.order_by("pk")

    def lastmod(self, item):
        """The last moment the page changed: creation, a window opening or closing, or the results."""
        now = timezone.now()
        moments = [
            item.created_at,
            item.closed_at,
            *(
                moment
                for moment in (
                    item.submission_starts_at,
                    item.submission_ends_at,
                    item.voting_starts_at,
                    item.voting_ends_at,
                )
                if moment <= now
            ),
        ]
        return max(moment for moment in moments if moment is not None)
