"""A maker's royalties, payouts and brand in the data download. The ledger stays after account deletion
(bookkeeping records, § 147 AO); the Stripe Connect link goes, so does the brand with its banner."""

from __future__ import annotations

from core import privacy
from makers.models import Brand, ConnectAccount, Payout, RoyaltyEntry


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


def export_brand(user) -> dict | None:
    brand = Brand.objects.select_related("banner").prefetch_related("blocks").filter(maker=user).first()
    if brand is None:
        return None
    return {
        "accent_colour": brand.accent_colour,
        "banner": brand.banner.file if brand.banner_id else None,
        "banner_alt": brand.banner_alt,
        "intro_blocks": [{"heading": b.heading, "text": b.text} for b in brand.blocks.all()],
    }


def erase_maker(user) -> None:
    ConnectAccount.objects.filter(maker=user).delete()
    brand = Brand.objects.select_related("banner").filter(maker=user).first()
    if brand is not None:
        banner = brand.banner
        brand.delete()
        if banner is not None:
            banner.delete()


def register() -> None:
    privacy.register("royalties", exporter=export_royalties, eraser=erase_maker)
    privacy.register("brand", exporter=export_brand)
