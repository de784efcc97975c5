"""Template context shared by every page."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import links

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


# The footer while editors have chosen no links (Settings → Footer and legal pages): the standard pages
# seed_demo makes, by slug, and how voting works.
DEFAULT_FOOTER = [
    ("about", _("About")),
    ("imprint", _("Imprint")),
    ("privacy", _("Privacy")),
    ("terms", _("Terms")),
    ("withdrawal", _("Withdrawal policy")),
    ("shipping", _("Shipping and payment")),
    ("faq", _("FAQ")),
]


def _default_footer() -> list[dict]:
    language = (get_language() or "en").split("-")[0]
    footer = [{"label": label, "url": links.path_url(slug, language)} for slug, label in DEFAULT_FOOTER]
    return footer + list(_resolved([(_("How voting works"), "voting:how_it_works")]))


def site_chrome(request):
    nav = list(_resolved(MAIN_NAVIGATION))
    path = request.path
    for item in nav:
        item["current"] = path.startswith(item["url"])
    footer = links.footer_links()
    return {"main_navigation": nav, "footer_links": _default_footer() if footer is None else footer}
