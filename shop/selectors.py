"""Shop queries, with the joins that keep page query counts constant."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Avg, Count, F, Prefetch, QuerySet, Sum
from django.utils import timezone

from shop.models import (
    Campaign,
    CampaignStatus,
    Favourite,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductStatus,
    ProductVariant,
    Review,
    SupporterAccess,
)

COUNTED_ORDER_STATES = (OrderStatus.AUTHORIZED, OrderStatus.PAID)


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


def product_rating(*, product: Product) -> dict:
    data = Review.objects.filter(product=product).aggregate(avg=Avg("rating"), count=Count("id"))
    return {"average": round(data["avg"], 1) if data["avg"] is not None else None, "count": data["count"]}


def product_reviews(*, product: Product) -> QuerySet[Review]:
    return Review.objects.filter(product=product).select_related("author").order_by("-created_at", "-id")


def running_campaign(*, product: Product) -> Campaign | None:
    return product.campaigns.filter(status=CampaignStatus.RUNNING).order_by("-ends_at").first()


def campaign_units(*, campaign: Campaign) -> int:
    total = OrderLine.objects.filter(order__campaign=campaign, order__status__in=COUNTED_ORDER_STATES).aggregate(
        n=Sum("quantity")
    )["n"]
    return total or 0


def campaign_progress(*, campaign: Campaign) -> dict:
    units = campaign_units(campaign=campaign)
    percent = min(100, round(units * 100 / campaign.goal_units)) if campaign.goal_units else 0
    return {"campaign": campaign, "units": units, "goal": campaign.goal_units, "percent": percent}


def is_supporter(*, product: Product, user) -> bool:
    return bool(user and user.is_authenticated and SupporterAccess.objects.filter(product=product, user=user).exists())


@dataclass
class CartLine:
    variant: ProductVariant
    quantity: int

    @property
    def product(self) -> Product:
        return self.variant.product

    @property
    def unit_price(self) -> Decimal:
        return self.variant.product.price

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class CartSummary:
    lines: list[CartLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.line_total for line in self.lines), Decimal("0.00"))

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)


def cart_summary(*, items: dict[int, int]) -> CartSummary:
    """Prices always from the database, never from the request."""
    if not items:
        return CartSummary()
    variants = ProductVariant.objects.select_related("product", "product__design").in_bulk(list(items))
    lines = [CartLine(variants[vid], qty) for vid, qty in items.items() if vid in variants]
    return CartSummary(lines=lines)


def orders_for_user(*, user) -> QuerySet[Order]:
    return Order.objects.filter(user=user).annotate(item_count=Sum("lines__quantity")).order_by("-created_at", "-id")


def order_for_owner(*, number: str, user) -> Order | None:
    """None unless the order belongs to this member: others get a 404, never a hint."""
    if not user.is_authenticated:
        return None
    return (
        Order.objects.filter(number=number, user=user)
        .select_related("campaign")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product", "variant")))
        .first()
    )


def review_eligible_line(*, user, product: Product) -> OrderLine | None:
    """The paid order line that makes this member a verified buyer, within the review window."""
    if not user or not user.is_authenticated:
        return None
    since = timezone.now() - timedelta(days=settings.REVIEW_WINDOW_DAYS)
    return (
        OrderLine.objects.filter(
            order__user=user,
            order__status=OrderStatus.PAID,
            order__paid_at__gte=since,
            product=product,
            refunded_quantity__lt=F("quantity"),
        )
        .order_by("-order__paid_at")
        .first()
    )


def favourites_for_user(*, user) -> QuerySet[Favourite]:
    return (
        Favourite.objects.filter(user=user)
        .select_related("design", "design__maker", "product", "product__design")
        .prefetch_related("design__images__image", "product__design__images__image")
    )


def favourite_keys(*, user) -> set[str]:
    """ "design:12" / "product:3" for every favourite, to mark toggles on a page with one query."""
    if not user or not user.is_authenticated:
        return set()
    keys = set()
    for design_id, product_id in Favourite.objects.filter(user=user).values_list("design_id", "product_id"):
        keys.add(f"design:{design_id}" if design_id else f"product:{product_id}")
    return keys


def product_for_design(*, design) -> Product | None:
    """The product on sale for a design (cheapest first), with its rating."""
    return (
        _with_rating(Product.objects.filter(design=design, status=ProductStatus.ON_SALE))
        .order_by("price", "id")
        .first()
    )


def campaign_for_design(*, design) -> Campaign | None:
    return (
        Campaign.objects.filter(product__design=design, status=CampaignStatus.RUNNING)
        .select_related("product")
        .order_by("-ends_at")
        .first()
    )
