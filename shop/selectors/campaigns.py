"""Pre-order campaigns: which one runs, how far it got."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from core.site_settings import load as load_site_settings
from shop.models import SOLD_STATES, Campaign, CampaignStatus, OrderLine, OrderStatus, Product, ShopRules

COUNTED_ORDER_STATES = (OrderStatus.AUTHORIZED, *SOLD_STATES)


def running_campaign(*, product: Product) -> Campaign | None:
    """The product's running campaign (the latest to end); from the prefetched campaigns when there are."""
    if "campaigns" in getattr(product, "_prefetched_objects_cache", {}):
        running = [c for c in product.campaigns.all() if c.status == CampaignStatus.RUNNING]
        return max(running, key=lambda c: c.ends_at) if running else None
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


def campaign_for_design(*, design) -> Campaign | None:
    return (
        Campaign.objects.filter(product__design=design, status=CampaignStatus.RUNNING)
        .select_related("product")
        .order_by("-ends_at")
        .first()
    )


# Working days a pre-order product takes to be made once its campaign has ended (a fixed rule).
CAMPAIGN_PRODUCTION_DAYS = (5, 10)


def add_working_days(start: date, days: int) -> date:
    """`days` working days (Monday to Friday) after `start`."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def campaign_delivery(*, ends_at, shipping_days: tuple[int, int] | None = None) -> dict:
    """When a pre-order arrives: after the deadline, production, then shipping (working days each).

    shipping_days: the chosen method's (an order's snapshot); by default the in-stock delivery time."""
    if shipping_days is None:
        rules = load_site_settings(ShopRules)
        shipping_days = (rules.delivery_days_in_stock_min, rules.delivery_days_in_stock_max)
    ship_min, ship_max = shipping_days
    ends = timezone.localdate(ends_at)
    made_min, made_max = CAMPAIGN_PRODUCTION_DAYS
    return {
        "ends": ends,
        "earliest": add_working_days(ends, made_min + ship_min),
        "latest": add_working_days(ends, made_max + ship_max),
    }


def order_campaign_delivery(*, order) -> dict | None:
    """The expected delivery of a pre-order (an order placed in a campaign), or None for other orders."""
    if order.campaign_id is None:
        return None
    days = (order.delivery_days_min, order.delivery_days_max) if order.delivery_days_max else None
    return campaign_delivery(ends_at=order.campaign.ends_at, shipping_days=days)


def open_campaign_ends():
    """A subquery: when the product's open campaign ends (None without one), for annotating variants."""
    from django.db.models import OuterRef, Subquery

    now = timezone.now()
    campaigns = Campaign.objects.filter(
        product=OuterRef("product_id"), status=CampaignStatus.RUNNING, starts_at__lte=now, ends_at__gt=now
    )
    return Subquery(campaigns.order_by("-ends_at").values("ends_at")[:1])
