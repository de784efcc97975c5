"""Product ratings and reviews, and who may write one."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Avg, Count, F, QuerySet
from django.utils import timezone

from community.selectors import moderated_ids
from shop import rules as shop_rules
from shop.models import SOLD_STATES, OrderLine, Product, Review


def _shown(queryset: QuerySet[Review]) -> QuerySet[Review]:
    """Leave out reviews hidden by flags or removed by moderators."""
    return queryset.exclude(pk__in=moderated_ids(model=Review))


def product_rating(*, product: Product) -> dict:
    data = _shown(Review.objects.filter(product=product)).aggregate(avg=Avg("rating"), count=Count("id"))
    return {"average": round(data["avg"], 1) if data["avg"] is not None else None, "count": data["count"]}


def product_reviews(*, product: Product) -> QuerySet[Review]:
    return _shown(Review.objects.filter(product=product)).select_related("author").order_by("-created_at", "-id")


def review_eligible_line(*, user, product: Product) -> OrderLine | None:
    """The paid order line that makes this member a verified buyer, within the review window."""
    if not user or not user.is_authenticated:
        return None
    since = timezone.now() - timedelta(days=shop_rules.REVIEW_WINDOW_DAYS)
    return (
        OrderLine.objects.filter(
            order__user=user,
            order__status__in=SOLD_STATES,
            order__paid_at__gte=since,
            product=product,
            refunded_quantity__lt=F("quantity"),
        )
        .order_by("-order__paid_at")
        .first()
    )
