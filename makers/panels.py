"""Sections that higher apps add to a maker's storefront and dashboard; makers never imports them.

An app registers a function `(request, maker) -> str` (rendered HTML, "" for nothing) for a place
("storefront" or "dashboard") in its AppConfig.ready(); the page shows the sections in that order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User

logger = logging.getLogger(__name__)

Panel = Callable[[HttpRequest, User], str]
PLACES = ("storefront", "dashboard")
_panels: dict[str, list[Panel]] = {place: [] for place in PLACES}


def register_panel(place: str, panel: Panel) -> None:
    if place not in _panels:
        raise ValueError(f"unknown place {place!r}")
    if panel not in _panels[place]:
        _panels[place].append(panel)


def panels_for(place: str, *, request: HttpRequest, maker: User) -> list[SafeString]:
    rendered = []
    for panel in _panels.get(place, []):
        html = panel(request, maker)
        if html:
            rendered.append(mark_safe(html))  # noqa: S308 (templates rendered by the registering app)
    return rendered
