from __future__ import annotations

from django.db.models import Max, Q
from django.urls import reverse

from accounts.models import User
from core.seo import LanguageSitemap
from designs.models import PUBLIC_STATES

_PUBLIC_DESIGN = Q(designs__state__in=PUBLIC_STATES, designs__moderation_removed=False)


class MakerSitemap(LanguageSitemap):
    """Storefronts of makers with at least one public design."""

    changefreq = "weekly"

    def items(self):
        return (
            User.objects.filter(_PUBLIC_DESIGN, is_active=True, profile__is_maker=True)
            .annotate(changed=Max("designs__updated_at", filter=_PUBLIC_DESIGN))
            .order_by("pk")
            .only("handle")
        )

    def location(self, item):
        return reverse("makers:storefront", kwargs={"handle": item.handle})

    def lastmod(self, item):
        return item.changed
