"""Pre-order campaigns: which one runs, how far it got."""

from __future__ import annotations

from django.db.models import Sum

from shop.models import SOLD_STATES, Campaign, CampaignStatus, OrderLine, OrderStatus, Product

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
