"""The footer's links and the legal pages, from the SiteLinks site setting (editable in the Wagtail admin).

They are resolved once per language (each page in the visitor's language, with its title) and cached
until the setting or a page changes, so the footer and the checkout's links cost no query per page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext

# The legal pages the shop links to, by the slug they have when no page is chosen (seed_demo makes them).
LEGAL_SLUGS = ("terms", "withdrawal", "shipping", "privacy", "imprint")
CACHE_PREFIX = "site-links:"
# Dropped on every change (core/apps.py); this bounds another process's stale copy.
CACHE_SECONDS = 3600


def _language(language: str | None = None) -> str:
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def path_url(slug: str, language: str) -> str:
    """/<slug>/ in the default language, /<language>/<slug>/ in the others (Wagtail's i18n URLs)."""
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    return f"{prefix}/{slug}/"


def _page_link(page) -> tuple[str, str] | None:
    """(URL, title) of the page's live translation in the active language; None while it is not live."""
    localized = page.localized
    if not localized.live:
        return None
    url = localized.get_url()
    return (url, localized.title) if url else None


def _localized_path(url: str, language: str) -> str:
    """A path of this site as written (default language) in the visitor's language: /x/ -> /de/x/."""
    if not url.startswith("/"):
        return url
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


def _resolve(language: str) -> dict:
    from core.models import SiteLinks

    # One query with the legal pages; reading never creates the row (saving it drops cached pages).
    links = (
        SiteLinks.objects.filter(site__is_default_site=True)
        .select_related(*(f"{slug}_page" for slug in LEGAL_SLUGS))
        .first()
    ) or SiteLinks()
    legal: dict[str, str] = {}
    footer: list[dict[str, str]] = []
    with translation.override(language):
        for slug in LEGAL_SLUGS:
            page = getattr(links, f"{slug}_page")
            found = _page_link(page) if page else None
            legal[slug] = found[0] if found else path_url(slug, language)
        for block in links.footer_links:
            value = block.value
            if block.block_type == "page":
                found = _page_link(value["page"]) if value["page"] else None
                if found:
                    footer.append({"url": found[0], "label": gettext(value["label"]) if value["label"] else found[1]})
            else:
                footer.append(
                    {"url": _localized_path(value["url"].strip(), language), "label": gettext(value["label"])}
                )
    return {"legal": legal, "footer": footer if len(links.footer_links) else None}


def site_links(language: str | None = None) -> dict:
    """{"legal": {slug: URL}, "footer": [{"url", "label"}] or None} in the language (default: the active one)."""
    language = _language(language)
    key = f"{CACHE_PREFIX}{language}"
    links = cache.get(key)
    if links is None:
        links = _resolve(language)
        cache.set(key, links, CACHE_SECONDS)
    return links


def legal_url(slug: str) -> str:
    """The legal page's URL in the active language."""
    language = _language()
    return site_links(language)["legal"].get(slug) or path_url(slug, language)


def footer_links() -> list[dict[str, str]] | None:
    """The footer's links in the active language (live pages only); None while editors chose none."""
    return site_links()["footer"]


def forget(**kwargs) -> None:
    """Drop the resolved links (the setting or a page changed)."""
    cache.delete_many([f"{CACHE_PREFIX}{code}" for code, _name in settings.LANGUAGES])
