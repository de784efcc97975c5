"""The shop's catalogue: product list with filters, product page."""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from core import params, seo
from designs.models import Category
from shop import rules as shop_rules
from shop.models import ProductType
from shop.selectors import campaigns as campaigns_selectors
from shop.selectors import catalogue as catalogue_selectors
from shop.selectors import favourites as favourites_selectors
from shop.selectors import reviews as reviews_selectors
from shop.seo import product_page_meta


def product_list(request):
    filters = {
        "product_type": params.choice(request.GET, "type", ProductType.values),
        "category": params.text(request.GET, "category", max_length=50),
        # NaN, Infinity, 1e999999 and negative prices are no filter at all.
        "max_price": params.decimal(request.GET, "max_price", minimum=Decimal("0"), maximum=Decimal("1000000")),
        "sort": params.text(request.GET, "sort", max_length=20),
    }
    page = Paginator(catalogue_selectors.product_list(**filters), 24).get_page(params.page_number(request))
    context = {
        "page": page,
        "filters": filters,
        "product_types": ProductType.choices,
        "categories": Category.objects.all(),
        "favourites": favourites_selectors.favourite_keys(user=request.user),
        "seo": seo.page_meta(
            request,
            title=_("Shop"),
            description=_("Products made from the designs the Commonmade community chose."),
            trail=((_("Shop"), None),),
        ),
    }
    return render(request, "shop/product_list.html", context)


def product_detail(request, slug):
    product = catalogue_selectors.product_detail(slug=slug, user=request.user)
    if product is None:
        raise Http404(_("No such product."))
    campaign = campaigns_selectors.running_campaign(product=product)
    variants = list(product.variants.all())
    rating = reviews_selectors.product_rating(product=product)
    reviews = list(reviews_selectors.product_reviews(product=product)[:50])
    context = {
        "product": product,
        "variants": variants,
        "rating": rating,
        "reviews": reviews,
        "progress": campaigns_selectors.campaign_progress(campaign=campaign) if campaign else None,
        "preorder_delivery": (
            campaigns_selectors.campaign_delivery(ends_at=campaign.ends_at) if campaign and campaign.is_open() else None
        ),
        "can_review": reviews_selectors.review_eligible_line(user=request.user, product=product) is not None,
        "is_maker": request.user.is_authenticated and request.user.pk == product.design.maker_id,
        "is_supporter": catalogue_selectors.is_supporter(product=product, user=request.user),
        # The rules that would refuse the cart, said before the click (a disabled button with the reason).
        "buy_refusal": catalogue_selectors.purchase_refusal(product=product, user=request.user)
        or (_("Sorry, this item is sold out.") if not any(v.available() for v in variants) else ""),
        "favourites": favourites_selectors.favourite_keys(user=request.user),
        "max_quantity": shop_rules.MAX_QUANTITY,
        "seo": product_page_meta(
            request, product, variants=variants, rating=rating, reviews=reviews, campaign=campaign
        ),
    }
    return render(request, "shop/product_detail.html", context)
