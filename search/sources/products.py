from __future__ import annotations

import functools

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community.signals import content_hidden, content_removed, content_restored
from designs.models import PUBLIC_STATES, Design
from designs.signals import design_state_changed
from search.sources import IndexEntry, Schedule, SearchSource
from search.sources.designs import cover_image_urls, design_tags
from search.sources.metrics import design_metrics, ratings_by_product, units_sold_by_product
from shop.models import Order, Product, ProductStatus, ProductType, Review
from shop.signals import order_paid, order_refunded, product_status_changed


@functools.cache
def product_type_words(value: str) -> str:
    """The product type as people write it, in English and German ("T-shirt", "Tasche", …)."""
    try:
        choice = ProductType(value)
    except ValueError:
        return value
    labels = []
    for language in ("en", "de"):
        with translation.override(language):
            labels.append(str(choice.label))
    return " ".join(dict.fromkeys([*labels, value]))


class ProductSource(SearchSource):
    """Products on sale, found by their own words and by their design's (title, maker, tags, category)."""

    kind = "product"
    label = _("Products")
    model = Product

    def queryset(self) -> QuerySet:
        return (
            Product.objects.filter(
                status=ProductStatus.ON_SALE,
                design__state__in=PUBLIC_STATES,
                design__moderation_removed=False,
                design__moderation_hidden=False,
            )
            .select_related("design", "design__maker", "design__category")
            .order_by("pk")
        )

    def serialize_many(self, products) -> list[IndexEntry]:
        return self.entries(p.pk for p in products)

    def entries(self, ids) -> list[IndexEntry]:
        """A fixed handful of queries per batch: tags and cover renditions are read as plain rows."""
        products = list(self.queryset().filter(pk__in=list(ids)))
        ids = [p.pk for p in products]
        design_ids = list({p.design_id for p in products})
        ratings = ratings_by_product(ids)
        sold = units_sold_by_product(ids)
        crowd = design_metrics(design_ids)
        tags = design_tags(design_ids)
        images = cover_image_urls(design_ids)
        return [
            self._entry(
                p,
                ratings.get(p.pk),
                sold.get(p.pk, 0),
                crowd[p.design_id].crowd_score,
                tags.get(p.design_id, []),
                images.get(p.design_id, ""),
            )
            for p in products
        ]

    def serialize(self, product: Product) -> IndexEntry:
        return self.serialize_many([product])[0]

    def _entry(
        self,
        product: Product,
        rating: tuple[float, int] | None,
        sales: int,
        crowd_score: float,
        tags: list[str],
        image: str,
    ) -> IndexEntry:
        design = product.design
        body = "\n\n".join(text for text in (product.description, design.description) if text)
        return IndexEntry(
            kind=self.kind,
            object_id=product.pk,
            title=product.title,
            url=product.get_absolute_url(),
            body=body,
            subtitle=" · ".join(
                part for part in (str(product.get_product_type_display()), design.maker.public_name) if part
            ),
            keywords=" ".join(
                part
                for part in (design.title, product_type_words(product.product_type), design.category.name_de)
                if part
            ),
            tags=tags,
            category=design.category.slug,
            category_label=design.category.name,
            product_type=product.product_type,
            state=ProductStatus.ON_SALE,
            price=product.price,
            rating=rating[0] if rating else None,
            rating_count=rating[1] if rating else 0,
            crowd_score=crowd_score,
            sales=sales,
            published_at=product.published_at or product.created_at,
            image_url=image,
        )

    def connect(self, schedule: Schedule) -> None:
        def product_changed(sender, instance, **kwargs):
            if not kwargs.get("raw"):
                schedule(self.kind, instance.pk)
                schedule("design", instance.design_id)  # the design's units sold

        def status_changed(sender, product, **kwargs):
            schedule(self.kind, product.pk)

        def review_changed(sender, instance, **kwargs):
            if not kwargs.get("raw"):
                schedule(self.kind, instance.product_id)

        def order_changed(sender, order, **kwargs):
            for product_id, design_id in order.lines.values_list("product_id", "product__design_id"):
                schedule(self.kind, product_id)
                schedule("design", design_id)

        def design_changed(design_id: int):
            # A design's title, tags, state or removal shows in (or hides) its products.
            for product_id in Product.objects.filter(design_id=design_id).values_list("pk", flat=True):
                schedule(self.kind, product_id)

        def design_saved(sender, instance, **kwargs):
            if not kwargs.get("raw") and not kwargs.get("created"):
                design_changed(instance.pk)

        def design_state(sender, design, **kwargs):
            design_changed(design.pk)

        post_save.connect(product_changed, sender=Product, weak=False, dispatch_uid="search-product-save")
        post_delete.connect(product_changed, sender=Product, weak=False, dispatch_uid="search-product-delete")
        product_status_changed.connect(status_changed, weak=False, dispatch_uid="search-product-status")
        post_save.connect(review_changed, sender=Review, weak=False, dispatch_uid="search-review-save")
        post_delete.connect(review_changed, sender=Review, weak=False, dispatch_uid="search-review-delete")
        order_paid.connect(order_changed, sender=Order, weak=False, dispatch_uid="search-order-paid")
        order_refunded.connect(order_changed, sender=Order, weak=False, dispatch_uid="search-order-refunded")
        post_save.connect(design_saved, sender=Design, weak=False, dispatch_uid="search-product-design-save")
        design_state_changed.connect(design_state, weak=False, dispatch_uid="search-product-design-state")

        # Moderation writes rows with .update(): no post_save, so listen to its own signals.
        def moderated(sender, instance, **kwargs):
            if sender is Product:
                schedule(self.kind, instance.pk)
            elif sender is Design:
                design_changed(instance.pk)
            elif sender is Review:
                schedule(self.kind, instance.product_id)

        for signal, name in ((content_removed, "removed"), (content_hidden, "hidden"), (content_restored, "restored")):
            signal.connect(moderated, weak=False, dispatch_uid=f"search-product-moderation-{name}")
