"""The numbers search ranks by, read in bulk: crowd scores from voting, units sold and reviews from the shop.

One query per kind of number for a whole batch, so indexing 500 objects costs the same
few queries as indexing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Sum

from search.sources import id_in
from shop.models import SOLD_STATES, OrderLine, Review
from voting.selectors import vote_summary_for_designs

# Units count once the order is paid; refunded units are taken off again.
SOLD_ORDER_STATES = SOLD_STATES


@dataclass(frozen=True)
class DesignMetrics:
    rating: float | None  # the crowd's Bayesian mean score (0-5), None before the first counted vote
    crowd_score: float  # 0-100, from voting; 0 before the first counted vote (no prior boost in search)
    sales: int  # units sold of all the design's products


def _units(rows) -> dict[int, int]:
    return {key: max(0, n or 0) for key, n in rows}


def units_sold_by_product(product_ids: Iterable[int]) -> dict[int, int]:
    ids = list(product_ids)
    if not ids:
        return {}
    rows = (
        OrderLine.objects.filter(product_id__in=ids, order__status__in=SOLD_ORDER_STATES)
        .values("product_id")
        .annotate(n=Sum(F("quantity") - F("refunded_quantity")))
        .values_list("product_id", "n")
        .order_by()
    )
    return _units(rows)


def units_sold_by_design(design_ids: Iterable[int]) -> dict[int, int]:
    ids = list(design_ids)
    if not ids:
        return {}
    rows = (
        OrderLine.objects.filter(product__design_id__in=id_in(ids), order__status__in=SOLD_ORDER_STATES)
        .values("product__design_id")
        .annotate(n=Sum(F("quantity") - F("refunded_quantity")))
        .values_list("product__design_id", "n")
        .order_by()
    )
    return _units(rows)


def ratings_by_product(product_ids: Iterable[int]) -> dict[int, tuple[float, int]]:
    """Product id -> (average stars, number of reviews); products without reviews are left out."""
    ids = list(product_ids)
    if not ids:
        return {}
    rows = (
        Review.objects.filter(product_id__in=ids)
        .values("product_id")
        .annotate(avg=Avg("rating"), n=Count("pk"))
        .values_list("product_id", "avg", "n")
        .order_by()
    )
    return {pk: (float(avg), n) for pk, avg, n in rows if n}


def design_metrics(design_ids: Iterable[int]) -> dict[int, DesignMetrics]:
    ids = list(dict.fromkeys(design_ids))
    if not ids:
        return {}
    summaries = vote_summary_for_designs(design_ids=ids)
    sold = units_sold_by_design(ids)
    out = {}
    for pk in ids:
        summary = summaries[pk]
        out[pk] = DesignMetrics(
            rating=round(summary.bayesian_score, 3) if summary.votes else None,
            crowd_score=round(summary.crowd_score, 3) if summary.votes else 0.0,
            sales=sold.get(pk, 0),
        )
    return out
