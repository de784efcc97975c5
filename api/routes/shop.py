"""The shop, read-only: products with variants, stock and delivery estimate, reviews; favourites."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Query, Router

from api import present
from api.auth import MEMBER, viewer
from api.pagination import paginate
from api.routes.common import with_errors
from api.routes.designs import favourite_set
from api.schemas import FavouriteOut, ProductDetail, ProductPage, ReviewPage
from designs import selectors as design_selectors
from shop.models import ProductType
from shop.selectors import campaigns as campaign_selectors
from shop.selectors import catalogue as catalogue_selectors
from shop.selectors import favourites as favourite_selectors
from shop.selectors import reviews as review_selectors

router = Router(tags=["shop"])

ProductTypeParam = Literal[tuple(ProductType.values)]  # type: ignore[valid-type]


def product_cards(request: HttpRequest, products: list) -> list[dict]:
    covers = design_selectors.cover_image_urls(design_ids=[p.design_id for p in products], spec=present.CARD_SPEC)
    return [product_card(request, p, cover=covers.get(p.design_id)) for p in products]


def product_card(request: HttpRequest, product, *, cover: str | None, rating: dict | None = None) -> dict:
    if rating is None:
        average = getattr(product, "rating_avg", None)
        rating = {
            "average": round(average, 1) if average is not None else None,
            "count": getattr(product, "rating_count", 0),
        }
    return {
        "slug": product.slug,
        "title": product.title,
        "url": present.absolute(request, product.get_absolute_url()),
        "product_type": product.product_type,
        "price": product.price,
        "price_display": present.money(product.price),
        "currency": "eur",
        "design": product.design.slug,
        "maker": present.maker_ref(request, product.design.maker),
        "image": present.absolute(request, cover),
        "rating_average": rating["average"],
        "rating_count": rating["count"],
    }


@router.get("/products/", response=with_errors({200: ProductPage}), summary="Products on sale")
def product_list(
    request: HttpRequest,
    type: ProductTypeParam | None = Query(None),  # noqa: A002 (the site's parameter name)
    category: str | None = Query(None, max_length=50),
    max_price: Decimal | None = Query(None, ge=0, le=100000, max_digits=8, decimal_places=2, allow_inf_nan=False),
    sort: Literal["newest", "price", "-price", "rating"] = Query("newest"),
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    products = catalogue_selectors.product_list(
        product_type=type or "", category=category or "", max_price=max_price, sort="" if sort == "newest" else sort
    )
    return paginate(request, products, limit=limit, cursor=cursor, prepare=lambda rows: product_cards(request, rows))


def _product(request: HttpRequest, slug: str):
    product = catalogue_selectors.product_detail(slug=slug, user=viewer(request))
    if product is None:
        raise Http404(_("No such product."))
    return product


def _delivery(product) -> dict:
    low, high = catalogue_selectors.delivery_estimate(product=product)
    text = ngettext("Delivered in %(min)s–%(max)s working day", "Delivered in %(min)s–%(max)s working days", high) % {
        "min": low,
        "max": high,
    }
    return {"min_days": low, "max_days": high, "text": text}


@router.get(
    "/products/{slug}/",
    response=with_errors({200: ProductDetail, 304: None}, 404),
    summary="A product with its variants, stock and delivery estimate",
)
def product_detail(request: HttpRequest, slug: str):
    product = _product(request, slug)
    user = viewer(request)
    variants = list(product.variants.all())
    campaign = campaign_selectors.running_campaign(product=product)
    covers = design_selectors.cover_image_urls(design_ids=[product.design_id], spec=present.DETAIL_SPEC)
    data = product_card(
        request, product, cover=covers.get(product.design_id), rating=review_selectors.product_rating(product=product)
    )
    refusal = catalogue_selectors.purchase_refusal(product=product, user=user) or (
        _("Sorry, this item is sold out.") if not any(v.available() for v in variants) else ""
    )
    progress = campaign_selectors.campaign_progress(campaign=campaign) if campaign else None
    data.update(
        description=product.description,
        made_to_order=product.made_to_order,
        variants=[
            {
                "id": v.pk,
                "sku": v.sku,
                "label": str(v.label),
                "size": v.size,
                "colour": v.colour,
                "in_stock": v.available(),
                "stock": None if product.made_to_order else v.stock,
            }
            for v in variants
        ],
        delivery=_delivery(product),
        buy_refusal=refusal or None,
        campaign={
            "ends_at": campaign.ends_at,
            "goal_units": progress["goal"],
            "units": progress["units"],
            "percent": progress["percent"],
        }
        if campaign
        else None,
        is_favourite=f"product:{product.pk}" in favourite_selectors.favourite_keys(user=user),
    )
    return data


@router.get(
    "/products/{slug}/reviews/", response=with_errors({200: ReviewPage}, 404), summary="Verified buyers' reviews"
)
def review_list(
    request: HttpRequest,
    slug: str,
    limit: int | None = Query(None, ge=1, le=100),
    cursor: str | None = Query(None, max_length=500),
):
    product = _product(request, slug)
    rating = review_selectors.product_rating(product=product)
    page = paginate(
        request,
        review_selectors.product_reviews(product=product),
        limit=limit,
        cursor=cursor,
        prepare=lambda rows: [
            {
                "id": r.pk,
                "author": present.member(request, r.author),
                "rating": r.rating,
                "text": r.text,
                "answer": r.answer,
                "created_at": r.created_at,
            }
            for r in rows
        ],
    )
    page.update(average=rating["average"], count=rating["count"])
    return page


@router.put(
    "/products/{slug}/favourite/",
    auth=MEMBER,
    response=with_errors({200: FavouriteOut}, 403, 404),
    summary="Keep a product as a favourite",
)
def product_favourite(request: HttpRequest, slug: str):
    return {"favourite": favourite_set(user=request.user, product=_product(request, slug), wanted=True)}


@router.delete(
    "/products/{slug}/favourite/",
    auth=MEMBER,
    response=with_errors({200: FavouriteOut}, 403, 404),
    summary="Remove a product from the favourites",
)
def product_unfavourite(request: HttpRequest, slug: str):
    return {"favourite": favourite_set(user=request.user, product=_product(request, slug), wanted=False)}
