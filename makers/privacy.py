"""A maker's royalties and payouts in the data download. The ledger stays after account deletion
(bookkeeping records, § 147 AO); the Stripe Connect link goes."""

from __future__ import annotations

from core import privacy
from makers.models import ConnectAccount, Payout, RoyaltyEntry


def export_royalties(user) -> dict:
    return {
        "royalties": list(
            RoyaltyEntry.objects.filter(maker=user)
            .order_by("created_at", "pk")
            .values("kind", "amount", "description", "created_at")
        ),
        "payouts": list(
            Payout.objects.filter(maker=user)
            .order_by("created_at", "pk")
            .values("period", "amount", "status", "paid_at")
        ),
        "stripe_account": ConnectAccount.objects.filter(maker=user).values_list("stripe_account_id", flat=True).first(),
    }


def erase_maker(user) -> None:
    ConnectAccount.objects.filter(maker=user).delete()


def register() -> None:
    privacy.register("royalties", exporter=export_royalties, eraser=erase_maker)
