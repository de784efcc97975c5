"""What a product page tells search engines: a Product with its Offer, rating and the reviews it shows."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core import seo
from shop.models import Product, ProductStatus

SCHEMA = "https://schema.org/"
STRUCTURED_REVIEWS = 10


def product_availability(product: Product, variants, campaign) -> str:
    if product.status != ProductStatus.ON_SALE:
        return SCHEMA + "Discontinued"
    if campaign is not None:
        return SCHEMA + "PreOrder"
    if product.made_to_order or any(variant.stock > 0 for variant in variants):
        return SCHEMA + "InStock"
    return SCHEMA + "OutOfStock"


def product_json_ld(request, product: Product, *, variants, rating: dict, reviews, campaign) -> dict:
    design = product.design
    cover = design.cover
    url = seo.absolute(request, product.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.local_title,
        "url": url,
        "description": seo.plain_text(product.local_description, limit=0, markdown=False) or design.title,
        "category": product.get_product_type_display(),
        "brand": {"@type": "Brand", "name": seo.SITE_NAME},
        "image": seo.image_url(request, cover.image) if cover else "",
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": f"{product.price:.2f}",
            "priceCurrency": "EUR",
            "availability": product_availability(product, variants, campaign),
            "seller": {"@type": "Organization", "name": seo.SITE_NAME},
        },
    }
    if rating["count"]:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": rating["average"],
            "reviewCount": rating["count"],
            "bestRating": 5,
            "worstRating": 1,
        }
        data["review"] = [
            {
                "@type": "Review",
                "author": {"@type": "Person", "name": review.author.public_name},
                "datePublished": review.created_at.date().isoformat(),
                "reviewBody": review.text,
                "reviewRating": {"@type": "Rating", "ratingValue": review.rating, "bestRating": 5, "worstRating": 1},
            }
            for review in list(reviews)[:STRUCTURED_REVIEWS]
        ]
    return {key: value for key, value in data.items() if value not in ("", None)}


def product_page_meta(request, product: Product, *, variants, rating: dict, reviews, campaign) -> seo.PageMeta:
    cover = product.design.cover
    description = seo.plain_text(product.local_description, markdown=False) or _(
        "%(title)s, designed by %(maker)s and chosen by the Commonmade community."
    ) % {"title": product.local_title, "maker": product.design.maker.public_name}
    return seo.page_meta(
        request,
        title=product.local_title,
        description=description,
        trail=((_("Shop"), "shop:product_list"), (product.local_title, None)),
        image=cover.image if cover else None,
        image_alt=cover.alt if cover else product.local_title,
        og_type="product",
        structured_data=[
            product_json_ld(request, product, variants=variants, rating=rating, reviews=reviews, campaign=campaign)
        ],
        noindex=product.status == ProductStatus.DRAFT,
    )
