from __future__ import annotations

from django import template

from core.markup import render_markdown
from shop.selectors import campaigns as campaigns_selectors
from shop.selectors import catalogue as catalogue_selectors
from shop.selectors import favourites as favourites_selectors

register = template.Library()


@register.simple_tag
def design_shop_info(design) -> dict:
    """For the design page: the product on sale (price, rating) or a running pre-order campaign."""
    product = catalogue_selectors.product_for_design(design=design)
    campaign = campaigns_selectors.campaign_for_design(design=design)
    progress = campaigns_selectors.campaign_progress(campaign=campaign) if campaign else None
    if product is None and campaign is not None and campaign.product.is_on_sale:
        product = campaign.product
    return {"product": product, "progress": progress}


@register.inclusion_tag("shop/includes/favourite_button.html", takes_context=True)
def favourite_button(context, kind: str, obj, favourites=None):
    request = context.get("request")
    if favourites is None:
        favourites = favourites_selectors.favourite_keys(user=getattr(request, "user", None))
    return {
        "kind": kind,
        "obj": obj,
        "on": f"{kind}:{obj.pk}" in favourites,
        "request": request,
        "user": getattr(request, "user", None),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def review_text(text: str) -> str:
    """Review text as safe HTML through the one member-text renderer."""
    return render_markdown(text)


@register.filter
def stars(value) -> str:
    try:
        n = round(float(value))
    except (TypeError, ValueError):
        return ""
    return "★" * n + "☆" * (5 - n)


@register.filter
def design_url(design) -> str:
    """The design page's address, or "" while the design pages are not installed."""
    from django.urls import NoReverseMatch

    try:
        return design.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.simple_tag
def reviews_by(member, limit: int = 10):
    """The member's latest reviews, for their public profile."""
    from shop.models import Review

    return list(Review.objects.filter(author=member).select_related("product").order_by("-created_at")[:limit])
