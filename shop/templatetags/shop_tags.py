from __future__ import annotations

from django import template

from core.markup import render_markdown
from shop.cart import get_cart
from shop.selectors import campaigns as campaigns_selectors
from shop.selectors import catalogue as catalogue_selectors
from shop.selectors import favourites as favourites_selectors

register = template.Library()


@register.simple_tag
def design_shop_info(design) -> dict:
    """For the design page: the product on sale (price, rating) or a running pre-order campaign."""
    product, campaign = catalogue_selectors.design_shop_facts(design=design)
    progress = campaigns_selectors.campaign_progress(campaign=campaign) if campaign else None
    if product is None and campaign is not None and campaign.product.is_on_sale:
        product = campaign.product
    return {"product": product, "progress": progress}


@register.inclusion_tag("shop/includes/cart_link.html", takes_context=True)
def cart_link(context):
    """The header's cart link with the number of items: a session read for visitors, one query for members."""
    request = context.get("request")
    return {"count": get_cart(request).count() if request is not None else 0}


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


@register.simple_tag
def legal_url(slug: str) -> str:
    """The legal page chosen in Settings → Footer and legal pages, in the current language (cached)."""
    from core.links import legal_url as chosen_legal_url

    return chosen_legal_url(slug)


@register.inclusion_tag("shop/includes/price_note.html")
def price_note() -> dict:
    """ "incl. VAT, plus shipping" with the link to the shipping costs, next to every price."""
    return {"shipping_url": legal_url("shipping")}


@register.simple_tag(takes_context=True)
def delivery_estimate(context, product):
    """Delivery time and cost of one unit to the visitor's likely country, for the product page."""
    from shop.selectors.shipping import preferred_country
    from shop.services.pricing import delivery_estimate as estimate

    request = context.get("request")
    variant = next(iter(product.variants.all()), None)
    if variant is None:
        return None
    return estimate(variant=variant, country=preferred_country(user=getattr(request, "user", None)))


@register.simple_tag
def preorder_delivery(product, ends_at=None):
    """The expected delivery of a product in an open pre-order campaign, else None.

    ends_at: the campaign's end when the caller already has it (cart lines annotate it), saving a query."""
    from shop.selectors.campaigns import campaign_delivery, running_campaign

    if ends_at is None:
        campaign = running_campaign(product=product)
        if campaign is None or not campaign.is_open():
            return None
        ends_at = campaign.ends_at
    return campaign_delivery(ends_at=ends_at)


@register.simple_tag
def order_preorder_delivery(order):
    from shop.selectors.campaigns import order_campaign_delivery

    return order_campaign_delivery(order=order)


@register.filter
def vat_percent(rate) -> str:
    """0.1900 → "19", 0.2550 → "25.5"."""
    from decimal import Decimal, InvalidOperation

    try:
        return str((Decimal(rate) * 100).normalize())
    except (InvalidOperation, TypeError, ValueError):
        return ""


@register.filter(name="country_name")
def country_name_filter(code: str) -> str:
    from shop.countries import country_name

    return country_name(code)
