"""The live drops section of a maker's storefront (the brand: followers, drops now, upcoming and past)
and the drops-with-sales section of the maker's dashboard."""

from __future__ import annotations

from django.template.loader import render_to_string

from community.selectors import follower_count
from live import selectors
from makers.panels import register_panel


def storefront_panel(request, maker) -> str:
    now, upcoming, past = selectors.host_shows(host=maker, now=3, upcoming=5, past=6)
    is_owner = request.user.is_authenticated and request.user.pk == maker.pk
    if not (now or upcoming or past or is_owner):
        return ""
    context = {
        "maker": maker,
        "now": now,
        "upcoming": upcoming,
        "past": past,
        "followers": follower_count(user=maker),
        "is_owner": is_owner,
        "can_schedule": is_owner and selectors.can_schedule(user=request.user),
    }
    return render_to_string("live/includes/storefront_panel.html", context, request=request)


def dashboard_panel(request, maker) -> str:
    drops = selectors.host_drops_with_sales(host=maker)
    if not drops:
        return ""
    return render_to_string("live/includes/dashboard_panel.html", {"drops": drops}, request=request)


def register() -> None:
    register_panel("storefront", storefront_panel)
    register_panel("dashboard", dashboard_panel)
