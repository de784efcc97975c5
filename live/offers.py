"""A shelf item's drop price and limited quantity, offered to the shop while the drop is live.

Registered with the shop in LiveConfig.ready() (shop/offers.py); the shop never imports live.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from live import rules as live_rules
from live.models import LiveShow, ShelfItem, ShowStatus
from shop.offers import Offer, register_offer_provider

PROVIDER = "live"


def offers(product_ids: list[int]) -> dict[int, Offer]:
    """Offers of the shelves of drops that are live now, per product."""
    items = (
        ShelfItem.objects.filter(product_id__in=product_ids, show__status=ShowStatus.LIVE)
        .filter(Q(drop_price__isnull=False) | Q(drop_quantity__isnull=False))
        .select_related("product", "show")
        .order_by("id")
    )
    found: dict[int, Offer] = {}
    for item in items:
        offer = Offer(
            key=f"{PROVIDER}:{item.pk}",
            price=item.drop_price if item.drop_price is not None else item.product.price,
            remaining=item.drop_remaining,
            label=_("Live drop price") if item.drop_price is not None else _("Live drop"),
            url=item.show.get_absolute_url(),
        )
        if item.product_id not in found or offer.price < found[item.product_id].price:
            found[item.product_id] = offer
    return found


def claim(ref: str, quantity: int) -> bool:
    """Take units from the drop's quantity while it runs (or shortly after, for payments under way).

    One UPDATE on the shelf item's own columns: PostgreSQL re-checks its condition on the newest row
    after waiting for a concurrent buyer's lock, so two payments never take the same last unit.
    """
    try:
        item_id = int(ref)
    except ValueError:
        return False
    grace = timezone.now() - timedelta(minutes=live_rules.DROP_PAYMENT_GRACE_MINUTES)
    show_ok = LiveShow.objects.filter(shelf__pk=item_id).filter(
        Q(status=ShowStatus.LIVE) | Q(status=ShowStatus.ENDED, ended_at__gte=grace)
    )
    if not show_ok.exists():
        return False
    return bool(
        ShelfItem.objects.filter(pk=item_id)
        .filter(Q(drop_quantity__isnull=True) | Q(drop_sold__lte=F("drop_quantity") - quantity))
        .update(drop_sold=F("drop_sold") + quantity)
    )


def register() -> None:
    register_offer_provider(PROVIDER, offers=offers, claim=claim)
