"""Products as the shop shows them, with the joins that keep page query counts constant."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Avg, Count, F, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop.models import Product, ProductStatus, SupporterAccess
from shop.selectors.campaigns import running_campaign


def _with_rating(qs: QuerySet[Product]) -> QuerySet[Product]:
    return qs.annotate(
        rating_avg=Avg("reviews__rating", distinct=False),
        rating_count=Count("reviews", distinct=True),
    )


def product_list(
    *, product_type: str = "", category: str = "", max_price: Decimal | None = None, sort: str = "", maker=None
):
    qs = (
        Product.objects.filter(status=ProductStatus.ON_SALE)
        .select_related("design", "design__maker", "design__category")
        .prefetch_related("design__images__image")
    )
    if product_type:
        qs = qs.filter(product_type=product_type)
    if category:
        qs = qs.filter(design__category__slug=category)
    if maker is not None:
        qs = qs.filter(design__maker=maker)
    if max_price is not None:
        qs = qs.filter(price__lte=max_price)
    qs = _with_rating(qs)
    order = {"price": ["price", "-id"], "-price": ["-price", "-id"], "rating": [F("rating_avg").desc(nulls_last=True)]}
    return qs.order_by(*order.get(sort, ["-published_at", "-id"]))


def product_detail(*, slug: str, user=None) -> Product | None:
    qs = Product.objects.select_related("design", "design__maker", "design__category").prefetch_related(
        "variants", "design__images__image"
    )
    product = qs.filter(slug=slug).first()
    if product is None:
        return None
    if product.status == ProductStatus.DRAFT and not _is_editor(user):
        return None
    return product


def _is_editor(user) -> bool:
    from designs.services import is_editor

    return is_editor(user)


def product_for_design(*, design) -> Product | None:
    """The product on sale for a design (cheapest first), with its rating."""
    return (
        _with_rating(Product.objects.filter(design=design, status=ProductStatus.ON_SALE))
        .order_by("price", "id")
        .first()
    )


def purchase_refusal(*, product: Product, user) -> str:
    """Why this visitor cannot buy the product now, or "": one rule for the product page and the cart."""
    if not product.is_on_sale:
        return _("This item does not exist or is no longer for sale.")
    if product.in_supporter_window() and not is_supporter(product=product, user=user):
        return _("Supporters of this design have early access until %(when)s. Please come back then.") % {
            "when": date_format(timezone.localtime(product.supporter_window_ends_at), "DATETIME_FORMAT")
        }
    campaign = running_campaign(product=product)
    if product.campaigns.exists() and (campaign is None or not campaign.is_open()):
        return _("This pre-order campaign is closed.")
    return ""


def is_supporter(*, product: Product, user) -> bool:
    return bool(user and user.is_authenticated and SupporterAccess.objects.filter(product=product, user=user).exists())
