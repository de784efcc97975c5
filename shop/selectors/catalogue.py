"""Products as the shop shows them, with the joins that keep page query counts constant."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.db.models import Avg, Count, F, Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.site_settings import load as load_site_settings
from designs.models import PUBLIC_STATES, DesignImage
from shop.models import Campaign, Order, OrderStatus, Product, ProductStatus, ShopRules, SupporterAccess
from shop.selectors.campaigns import campaign_for_design, running_campaign


def _with_rating(qs: QuerySet[Product]) -> QuerySet[Product]:
    return qs.annotate(
        rating_avg=Avg("reviews__rating", distinct=False),
        rating_count=Count("reviews", distinct=True),
    )


def public_products() -> QuerySet[Product]:
    """Products anyone may see and buy: on sale, of a design that is public (not removed or hidden)."""
    return Product.objects.filter(
        status=ProductStatus.ON_SALE,
        design__state__in=PUBLIC_STATES,
        design__moderation_removed=False,
        design__moderation_hidden=False,
    )


def _for_cards(qs: QuerySet[Product]) -> QuerySet[Product]:
    """What shop/includes/product_card.html reads: design, maker, cover image with renditions, rating."""
    images = DesignImage.objects.select_related("image").prefetch_related("image__renditions")
    return _with_rating(
        qs.select_related("design", "design__maker", "design__category").prefetch_related(
            Prefetch("design__images", queryset=images)
        )
    )


def products_for_cards(ids: Iterable[int], *, public_only: bool = True) -> dict[int, Product]:
    """Product id -> product ready for shop/includes/product_card.html.

    With public_only (the default) drafts, retired products and products of removed designs are left out.
    """
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    queryset = (public_products() if public_only else Product.objects.all()).filter(pk__in=ids)
    return {product.pk: product for product in _for_cards(queryset)}


def products_latest(*, limit: int = 8) -> list[Product]:
    """The newest public products, newest first."""
    return list(_for_cards(public_products()).order_by("-published_at", "-id")[:limit])


def sales_summary(*, since: datetime) -> dict:
    """Paid orders since a moment: {"orders": count, "total": Decimal} (refunds not subtracted)."""
    row = Order.objects.filter(status=OrderStatus.PAID, paid_at__gte=since).aggregate(n=Count("pk"), total=Sum("total"))
    return {"orders": row["n"], "total": row["total"] or Decimal("0.00")}


def product_list(
    *, product_type: str = "", category: str = "", max_price: Decimal | None = None, sort: str = "", maker=None
):
    qs = (
        Product.objects.filter(status=ProductStatus.ON_SALE)
        .select_related("design", "design__maker", "design__category")
        .prefetch_related(Prefetch("design__images", queryset=DesignImage.objects.select_related("image")))
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
        "variants",
        Prefetch("design__images", queryset=DesignImage.objects.select_related("image")),
        "campaigns",  # the running campaign and the purchase rules read them from here
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


def design_shop_facts(*, design) -> tuple[Product | None, Campaign | None]:
    """The design page's product on sale and running campaign: the same for everyone, so cached like a
    page fragment (products, reviews and campaigns empty that cache when they change). The campaign's
    progress (orders) is not part of it."""
    from core.pagecache import cached_fragment

    return cached_fragment(
        f"shop:design-panel:{design.pk}",
        lambda: (product_for_design(design=design), campaign_for_design(design=design)),
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
    has_campaigns = (
        bool(product._prefetched_objects_cache["campaigns"])
        if "campaigns" in getattr(product, "_prefetched_objects_cache", {})
        else product.campaigns.exists()
    )
    if has_campaigns and (campaign is None or not campaign.is_open()):
        return _("This pre-order campaign is closed.")
    return ""


def delivery_estimate(*, product: Product) -> tuple[int, int]:
    """Working days from order to delivery: from stock, or made to order (ShopRules, a site setting)."""
    rules = load_site_settings(ShopRules)
    days = rules.delivery_days_made_to_order if product.made_to_order else rules.delivery_days_in_stock
    return days[0], days[1]


def is_supporter(*, product: Product, user) -> bool:
    return bool(user and user.is_authenticated and SupporterAccess.objects.filter(product=product, user=user).exists())
