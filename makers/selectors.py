"""What a maker earned, was paid and is owed."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet, Sum

from makers.models import Payout, PayoutStatus, RoyaltyEntry

ZERO = Decimal("0.00")


def royalty_summary(*, maker) -> dict:
    """earned: net royalties (after refunds); paid_out: transferred; balance: still owed (pending payouts count)."""
    earned = RoyaltyEntry.objects.filter(maker=maker).aggregate(s=Sum("amount"))["s"] or ZERO
    paid_out = Payout.objects.filter(maker=maker, status=PayoutStatus.PAID).aggregate(s=Sum("amount"))["s"] or ZERO
    in_flight = (
        Payout.objects.filter(maker=maker).exclude(status=PayoutStatus.PAID).aggregate(s=Sum("amount"))["s"] or ZERO
    )
    return {
        "earned": Decimal(earned).quantize(ZERO),
        "paid_out": Decimal(paid_out).quantize(ZERO),
        "balance": Decimal(earned - paid_out - in_flight).quantize(ZERO),
    }


def royalty_entries(*, maker, limit: int = 50) -> QuerySet[RoyaltyEntry]:
    return (
        RoyaltyEntry.objects.filter(maker=maker)
        .select_related("order_line", "order_line__product")
        .order_by("-created_at", "-id")[:limit]
    )


def payouts_for_maker(*, maker) -> QuerySet[Payout]:
    return Payout.objects.filter(maker=maker).order_by("-created_at")
