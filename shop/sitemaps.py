from __future__ import annotations

from django.db.models.functions import Coalesce

from core.seo import LanguageSitemap
from shop.models import Product, ProductStatus


class ProductSitemap(LanguageSitemap):
    """Products on sale whose design is still up."""

    changefreq = "daily"

    def items(self):
        return (
            Product.objects.filter(status=ProductStatus.ON_SALE, design__moderation_removed=False)
            .annotate(changed=Coalesce("published_at", "created_at"))
            .order_by("pk")
            .only("slug")
        )

    def lastmod(self, item):
        return item.changed
