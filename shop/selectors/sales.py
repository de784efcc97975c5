"""Sales figures for the editors' dashboard."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Sum

from shop.models import Order, OrderStatus


def sales_summary(*, since: datetime) -> dict:
    """Orders paid since `since` (refunded and canceled ones left out): {"orders": int, "total": Decimal}."""
    data = (
        Order.objects.filter(paid_at__gte=since)
        .exclude(status__in=(OrderStatus.REFUNDED, OrderStatus.CANCELED))
        .aggregate(orders=Count("pk"), total=Sum("total"))
    )
    return {"orders": data["orders"] or 0, "total": data["total"] or Decimal("0.00")}
