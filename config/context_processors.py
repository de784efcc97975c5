"""Template context shared by every page."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# Main navigation: (label, URL name). Sections whose URL is not installed are left out.
MAIN_NAVIGATION = [
    (_("Designs"), "designs:list"),
    (_("Challenges"), "voting:challenge_list"),
    (_("Shop"), "shop:product_list"),
    (_("Makers"), "makers:list"),
    (_("Live"), "live:list"),
    (_("Stories"), "editorial:stories"),
]


def _resolved(items):
    for label, name in items:
        try:
            yield {"label": label, "url": reverse(name)}
        except NoReverseMatch:
            continue


def site_chrome(request):
    nav = list(_resolved(MAIN_NAVIGATION))
    path = request.path
    for item in nav:
        item["current"] = path.startswith(item["url"])
    return {"main_navigation": nav}
