"""What makers, their visitors and their ledger show: storefronts, the dashboard, royalties."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum, Value
from django.db.models.functions import TruncDate
from django.utils.translation import gettext

from accounts.models import User
from core.site_settings import load as load_site_settings
from designs import selectors as design_selectors
from designs.extensions import attach_card_facts
from designs.models import Design, DesignState
from makers.charts import Series
from makers.models import (
    Brand,
    CollectionItem,
    MakerCollection,
    MakerRules,
    Payout,
    PayoutStatus,
    RoyaltyEntry,
    RoyaltyKind,
)
from voting.selectors import daily_votes_rows, summary_from_stats

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


def storefront_maker(*, handle: str) -> User | None:
    """The storefront's maker with profile and brand (banner, blocks) read along; `brand_for` uses them."""
    return (
        User.objects.select_related("profile", "profile__avatar", "brand", "brand__banner")
        .prefetch_related("brand__blocks")
        .filter(handle__iexact=handle, is_active=True)
        .first()
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
    # The vote counters come with the designs (one row each), the three daily series in one query.
    designs = list(design_selectors.dashboard_designs(maker=maker).select_related("vote_stats"))
    ids = [d.pk for d in designs]
    window = design_selectors.last_days(days)
    views, votes, sold = _daily_series(maker=maker, design_ids=ids, since=window[0])
    summaries = {d.pk: summary_from_stats(_vote_stats(d)) for d in designs}
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


def _vote_stats(design: Design):
    try:
        return design.vote_stats
    except ObjectDoesNotExist:  # no vote yet
        return None


def _daily_units_rows(*, maker: User, since: date) -> QuerySet:
    return (
        RoyaltyEntry.objects.filter(maker=maker, kind=RoyaltyKind.EARNING, created_at__date__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(units=Sum("quantity"))
        .order_by()
    )


def daily_units_sold(*, maker: User, since: date) -> dict[date, int]:
    return {row["day"]: row["units"] for row in _daily_units_rows(maker=maker, since=since)}


def _daily_series(
    *, maker: User, design_ids: list[int], since: date
) -> tuple[dict[date, int], dict[date, int], dict[date, int]]:
    """Views, counted votes and units sold per day, from `since` on: one query (UNION ALL of the three)."""
    parts = [
        rows.annotate(series=Value(n, output_field=IntegerField()))
        for n, rows in enumerate(
            (
                design_selectors.daily_views_rows(design_ids=design_ids, since=since),
                daily_votes_rows(design_ids=design_ids, since=since),
                _daily_units_rows(maker=maker, since=since),
            )
        )
    ]
    series: tuple[dict[date, int], ...] = ({}, {}, {})
    # Rows carry the first part's names: day, total, series.
    for row in parts[0].union(parts[1], parts[2], all=True):
        series[row["series"]][row["day"]] = series[row["series"]].get(row["day"], 0) + (row["total"] or 0)
    return series


def storefront_products(*, maker: User):
    from shop.selectors.catalogue import product_list

    return product_list(maker=maker)


ZERO = Decimal("0.00")


def _subtotal(queryset, value) -> Subquery:
    """One number from a correlated subquery on the maker (an aggregate over their rows)."""
    return Subquery(queryset.order_by().values("maker_id").annotate(n=value).values("n")[:1])


def maker_money_totals(*, maker) -> dict:
    """Royalties earned, payouts paid and in flight, referral commissions and orders: one query."""
    entries = RoyaltyEntry.objects.filter(maker_id=OuterRef("pk"))
    payouts = Payout.objects.filter(maker_id=OuterRef("pk"))
    referrals = entries.filter(kind__in=(RoyaltyKind.REFERRAL, RoyaltyKind.REFERRAL_REVERSAL))
    row = (
        User.objects.filter(pk=maker.pk)
        .annotate(
            _earned=_subtotal(entries, Sum("amount")),
            _paid_out=_subtotal(payouts.filter(status=PayoutStatus.PAID), Sum("amount")),
            _in_flight=_subtotal(payouts.exclude(status=PayoutStatus.PAID), Sum("amount")),
            _referral_total=_subtotal(referrals, Sum("amount")),
            _referral_orders=_subtotal(
                referrals.filter(kind=RoyaltyKind.REFERRAL, order_line__isnull=False),
                Count("order_line__order_id", distinct=True),
            ),
        )
        .values("_earned", "_paid_out", "_in_flight", "_referral_total", "_referral_orders")
        .first()
        or {}
    )
    return {
        "earned": row.get("_earned") or ZERO,
        "paid_out": row.get("_paid_out") or ZERO,
        "in_flight": row.get("_in_flight") or ZERO,
        "referral_total": row.get("_referral_total") or ZERO,
        "referral_orders": row.get("_referral_orders") or 0,
    }


def royalty_summary(*, maker, totals: dict | None = None) -> dict:
    """earned: net royalties (after refunds); paid_out: transferred; balance: still owed (pending payouts count).

    `totals`: from maker_money_totals, when the page has read them already."""
    totals = totals or maker_money_totals(maker=maker)
    earned, paid_out, in_flight = totals["earned"], totals["paid_out"], totals["in_flight"]
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
    if "brand" in maker._state.fields_cache:  # read with the maker (storefront_maker)
        return maker._state.fields_cache["brand"]
    return Brand.objects.select_related("banner").prefetch_related("blocks").filter(maker=maker).first()


def collections_for(*, maker: User, on_sale_only: bool = True) -> list[MakerCollection]:
    """The maker's collections with their products (on sale only, for visitors), in the maker's order."""
    from shop.models import ProductStatus

    items = Prefetch("items", queryset=CollectionItem.objects.select_related("product"))
    collections = list(MakerCollection.objects.filter(maker=maker).prefetch_related(items))
    for collection in collections:
        products = [item.product for item in collection.items.all()]
        collection.shown_products = [p for p in products if not on_sale_only or p.status == ProductStatus.ON_SALE]
    return collections


def referral_summary(*, maker: User, limit: int = 10, totals: dict | None = None) -> dict:
    """Commissions the maker earned by sharing links (?ref=handle): net total, orders and the latest entries.

    `totals`: from maker_money_totals, when the page has read them already."""
    kinds = (RoyaltyKind.REFERRAL, RoyaltyKind.REFERRAL_REVERSAL)
    entries = RoyaltyEntry.objects.filter(maker=maker, kind__in=kinds)
    totals = totals or maker_money_totals(maker=maker)
    return {
        "total": Decimal(totals["referral_total"]).quantize(ZERO),
        "orders": totals["referral_orders"],
        "entries": list(entries.select_related("order_line").order_by("-created_at", "-id")[:limit]),
    }


def referral_share_percent() -> str:
    """The referral commission as editors set it (Settings → Maker rules), as a percentage: "5", "7.5"."""
    share = load_site_settings(MakerRules).referral_commission_share * 100
    return format(share.normalize(), "f")
