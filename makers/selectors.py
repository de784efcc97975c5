"""What makers and their visitors see: storefronts and the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext

from community.models import User
from designs import selectors as design_selectors
from designs.models import Design, DesignState
from makers.charts import Series

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


def storefront_sections(*, maker: User, viewer: User | None) -> list[tuple[DesignState, list[Design]]]:
    grouped = design_selectors.maker_designs_by_state(maker=maker, viewer=viewer)
    return [(state, grouped[state.value]) for state in STOREFRONT_STATE_ORDER if grouped.get(state.value)]


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
    rows = [DashboardRow(design=d, views=d.view_count) for d in designs]
    series = [Series(label=gettext("Views"), values=[views.get(day, 0) for day in window])]
    totals = {"designs": len(designs), "views": sum(d.view_count for d in designs)}
    return Dashboard(rows=rows, days=window, series=series, totals=totals)
