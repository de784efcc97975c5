"""What makers, their visitors and their ledger show: storefronts, the dashboard, royalties."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext

from accounts.models import User
from core.site_settings import load as load_site_settings
from designs import selectors as design_selectors
from designs.extensions import attach_card_facts
from designs.models import Design, DesignState
from makers.charts import Series
from makers.models import Brand, MakerCollection, MakerRules, Payout, PayoutStatus, RoyaltyEntry, RoyaltyKind
from voting.selectors import daily_votes_for_designs, vote_summary_for_designs

STOREFRONT_STATE_ORDER = [
    DesignState.ON_SALE,
    DesignState.APPROVED,
    DesignState.SHORTLISTED,
    DesignState.SELECTED,
    DesignState.IN_PRODUCTION,
    DesignState.NOT_SELECTED,
    DesignState.RETIRED,
    DesignState.SUBMITTED,
    DesignState.DRAFT,
    DesignState.REJECTED,
    DesignState.WITHDRAWN,
]


def maker_by_handle(*, handle: str) -> User | None:
    return (
        User.objects.select_related("profile", "profile__avatar").filter(handle__iexact=handle, is_active=True).first()
    )


def storefront_sections(
    *, maker: User, viewer: User | None, products_shown: bool = False
) -> list[tuple[DesignState, list[Design]]]:
    """The storefront's design sections. Designs on sale appear once, as products, when the shop lists them;
    retired designs are the maker's own history and shown to the maker only."""
    grouped = design_selectors.maker_designs_by_state(maker=maker, viewer=viewer)
    is_owner = viewer is not None and viewer.is_authenticated and viewer.pk == maker.pk
    hidden = set()
    if products_shown:
        hidden.add(DesignState.ON_SALE)
    if not is_owner:
        hidden.add(DesignState.RETIRED)
    return [
        (state, attach_card_facts(grouped[state.value]))
        for state in STOREFRONT_STATE_ORDER
        if state not in hidden and grouped.get(state.value)
    ]


def makers_directory() -> QuerySet[User]:
    return design_selectors.makers_list()


@dataclass
class DashboardRow:
    design: Design
    views: int
    extra: dict = field(default_factory=dict)


@dataclass
class Dashboard:
    rows: list[DashboardRow]
    days: list[date]
    series: list[Series]
    totals: dict[str, int]


def maker_dashboard(*, maker: User, days: int = 30) -> Dashboard:
    designs = list(design_selectors.dashboard_designs(maker=maker))
    ids = [d.pk for d in designs]
    window = design_selectors.last_days(days)
    views = design_selectors.daily_views(design_ids=ids, since=window[0])
    sold = daily_units_sold(maker=maker, since=window[0])
    votes = daily_votes_for_designs(design_ids=ids, since=window[0])
    summaries = vote_summary_for_designs(design_ids=ids)
    rows = [DashboardRow(design=d, views=d.view_count, extra={"votes": summaries.get(d.pk)}) for d in designs]
    series = [
        Series(label=gettext("Views"), values=[views.get(day, 0) for day in window]),
        Series(label=gettext("Votes"), values=[votes.get(day, 0) for day in window]),
        Series(label=gettext("Items sold"), values=[sold.get(day, 0) for day in window]),
    ]
    totals = {
        "designs": len(designs),
        "views": sum(d.view_count for d in designs),
        "sold": sum(sold.values()),
        "votes": sum(summary.votes for summary in summaries.values()),
    }
    return Dashboard(rows=rows, days=window, series=series, totals=totals)


def daily_units_sold(*, maker: User, since: date) -> dict[date, int]:
    rows = (
        RoyaltyEntry.objects.filter(maker=maker, kind=RoyaltyKind.EARNING, created_at__date__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(units=Sum("quantity"))
    )
    return {row["day"]: row["units"] for row in rows}


def storefront_products(*, maker: User):
    from shop.selectors.catalogue import product_list

    return product_list(maker=maker)


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


def brand_for(*, maker: User) -> Brand | None:
    return Brand.objects.select_related("banner").prefetch_related("blocks").filter(maker=maker).first()


def collections_for(*, maker: User, on_sale_only: bool = True) -> list[MakerCollection]:
    """The maker's collections with their products (on sale only, for visitors), in the maker's order."""
    from shop.models import ProductStatus

    collections = list(MakerCollection.objects.filter(maker=maker).prefetch_related("items__product"))
    for collection in collections:
        products = [item.product for item in collection.items.all()]
        collection.shown_products = [p for p in products if not on_sale_only or p.status == ProductStatus.ON_SALE]
    return collections


def referral_summary(*, maker: User, limit: int = 10) -> dict:
    """Commissions the maker earned by sharing links (?ref=handle): net total, orders and the latest entries."""
    kinds = (RoyaltyKind.REFERRAL, RoyaltyKind.REFERRAL_REVERSAL)
    entries = RoyaltyEntry.objects.filter(maker=maker, kind__in=kinds)
    total = entries.aggregate(s=Sum("amount"))["s"] or ZERO
    orders = (
        entries.filter(kind=RoyaltyKind.REFERRAL, order_line__isnull=False)
        .values("order_line__order_id")
        .distinct()
        .count()
    )
    return {
        "total": Decimal(total).quantize(ZERO),
        "orders": orders,
        "entries": list(entries.select_related("order_line").order_by("-created_at", "-id")[:limit]),
    }


def referral_share_percent() -> str:
    """The referral commission as editors set it (Settings → Maker rules), as a percentage: "5", "7.5"."""
    share = load_site_settings(MakerRules).referral_commission_share * 100
    return format(share.normalize(), "f")
