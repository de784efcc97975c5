"""Search and sharing metadata: every public page hands a PageMeta to base.html, one head include renders it.

Canonical URL, description, Open Graph and Twitter cards, hreflang alternates, breadcrumbs and the
page's schema.org JSON-LD all come from here, so the tags never disagree with each other.
These are building blocks that know no page type: each app's seo.py builds its own pages'
part (designs/seo.py a design's CreativeWork, shop/seo.py a product's Product, editorial/seo.py
the home page's WebSite, …) and passes it in.
"""

from __future__ import annotations

import contextlib
import html as html_module
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import markdown as md
import nh3
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.models import Page

SITE_NAME = "Commonmade"
OG_RENDITION = "fill-1200x630"
OG_WIDTH, OG_HEIGHT = 1200, 630
DESCRIPTION_LENGTH = 160
# Query parameters that make a different page; everything else (ref, utm_*, sort …) is dropped from the canonical URL.
CANONICAL_PARAMS = ("page",)


@dataclass
class Crumb:
    name: str
    url: str  # absolute


@dataclass
class PageMeta:
    title: str
    description: str = ""
    canonical: str = ""
    image: str = ""
    image_alt: str = ""
    og_type: str = "website"
    breadcrumbs: list[Crumb] = field(default_factory=list)
    structured_data: list[dict] = field(default_factory=list)
    noindex: bool = False
    page: Page | None = None  # a Wagtail page: its translations are the hreflang alternates

    @property
    def json_ld(self) -> list[dict]:
        data = list(self.structured_data)
        if self.breadcrumbs:
            data.append(breadcrumb_list(self.breadcrumbs))
        return data


# ---------------------------------------------------------------------------
# Text and URLs
# ---------------------------------------------------------------------------
def plain_text(text: str, *, limit: int = DESCRIPTION_LENGTH, markdown: bool = True) -> str:
    """Markdown or HTML reduced to one line of plain text, cut at a word boundary."""
    html = md.markdown(text or "") if markdown else (text or "")
    stripped = html_module.unescape(nh3.clean(html, tags=set()))
    one_line = re.sub(r"\s+", " ", stripped).strip()
    return Truncator(one_line).chars(limit) if limit else one_line


def absolute(request, url: str) -> str:
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def current_url(request) -> str:
    """The page's own absolute URL, without tracking or filter parameters."""
    kept = [(key, request.GET[key]) for key in CANONICAL_PARAMS if request.GET.get(key) not in (None, "", "1")]
    query = urlencode(kept)
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


def page_url(request, page: Page) -> str:
    """A Wagtail page's absolute URL on the host that serves this request (pages of another site keep theirs).

    Views and pages use the same origin, so canonical, hreflang, breadcrumbs and sitemap never disagree.
    """
    return absolute(request, page.get_url(request=request) or "")


def home_url(request) -> str:
    try:
        return absolute(request, reverse("wagtail_serve", args=[""]))
    except NoReverseMatch:
        return absolute(request, "/")


def image_url(request, image, spec: str = OG_RENDITION) -> str:
    """The absolute URL of a 1200×630 crop of a Wagtail image (empty when there is none)."""
    if image is None:
        return ""
    try:
        rendition = image.get_rendition(spec)
    except Exception:  # a missing source file must not take the page down
        return ""
    return absolute(request, rendition.url)


def alternates(request, page: Page | None = None) -> list[tuple[str, str]]:
    """(language, absolute URL) for each language version of this page, plus x-default."""
    if request is None:
        return []
    if isinstance(page, Page) and page.pk and page.translation_key:
        found = []
        translations = (
            Page.objects.live().public().filter(translation_key=page.translation_key).select_related("locale")
        )
        for translation in translations:
            url = page_url(request, translation)
            if url:
                found.append((translation.locale.language_code, url))
    else:
        here = request.build_absolute_uri(request.path)
        found = [(code, translate_url(here, code)) for code, _name in settings.LANGUAGES]
    if len(found) < 2:
        return []
    found.sort(key=lambda pair: [code for code, _name in settings.LANGUAGES].index(pair[0]))
    default = dict(found).get(settings.LANGUAGE_CODE)
    if default:
        found.append(("x-default", default))
    return found


# ---------------------------------------------------------------------------
# Breadcrumbs and JSON-LD
# ---------------------------------------------------------------------------
def _resolve(request, url: str) -> str:
    """A path, an absolute URL or a URL name ("designs:list")."""
    if url.startswith(("/", "http://", "https://")):
        return absolute(request, url)
    try:
        return absolute(request, reverse(url))
    except NoReverseMatch:
        return ""


def breadcrumbs(request, *trail: tuple[str, str | None]) -> list[Crumb]:
    """Home, then (name, url or URL name) pairs; the last one defaults to this page's canonical URL."""
    crumbs = [Crumb(gettext("Home"), home_url(request))]
    for position, (name, url) in enumerate(trail):
        last = position == len(trail) - 1
        crumbs.append(Crumb(str(name), _resolve(request, url) if url else (current_url(request) if last else "")))
    return crumbs


def breadcrumb_list(crumbs: list[Crumb]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb.name, "item": crumb.url}
            for n, crumb in enumerate(crumbs, start=1)
        ],
    }


def item_list(request, items: list[tuple[str, str]], *, name: str = "") -> dict:
    """An ordered ItemList of (name, url) pairs, e.g. a collection or a challenge's results."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": title, "url": absolute(request, url)}
            for n, (title, url) in enumerate(items, start=1)
        ],
    }
    if name:
        data["name"] = name
    return data


_person_url: Callable[[Any], str] | None = None


def set_person_url(function: Callable[[Any], str]) -> None:
    """The app that owns members' public pages (makers: the storefront) tells core how to link a person."""
    global _person_url
    _person_url = function


def person(request, user) -> dict:
    data = {"@type": "Person", "name": user.public_name, "alternateName": f"@{user.handle}"}
    if _person_url is not None:
        with contextlib.suppress(NoReverseMatch):
            data["url"] = absolute(request, _person_url(user))
    return data


def organization(request) -> dict:
    from django.templatetags.static import static

    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": SITE_NAME,
        "url": home_url(request),
        "logo": absolute(request, static("img/icon.svg")),
    }


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """One <script type="application/ld+json">, escaped like json_script so text cannot close the tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


# ---------------------------------------------------------------------------
# Defaults for pages that pass nothing
# ---------------------------------------------------------------------------
def default_description() -> str:
    return gettext("Commonmade: the community decides which makers’ designs become products.")


def page_meta(
    request,
    *,
    title: str,
    description: str = "",
    trail: tuple[tuple[str, str | None], ...] | list = (),
    image=None,
    image_alt: str = "",
    og_type: str = "website",
    structured_data: list[dict] | None = None,
    page: Page | None = None,
    noindex: bool = False,
) -> PageMeta:
    """The usual way to build a PageMeta in a view: plain description, absolute URLs, breadcrumbs."""
    canonical = page_url(request, page) if page is not None else current_url(request)
    return PageMeta(
        title=str(title),
        description=plain_text(description, markdown=False) or default_description(),
        canonical=canonical,
        image=image_url(request, image),
        image_alt=image_alt or str(title),
        og_type=og_type,
        breadcrumbs=breadcrumbs(request, *trail) if trail else [Crumb(gettext("Home"), home_url(request))],
        structured_data=list(structured_data or []),
        noindex=noindex,
        page=page,
    )


def share_links(url: str, title: str, image: str = "") -> list[dict]:
    """Plain share links (no scripts of other sites): the visitor's browser simply opens them."""
    from urllib.parse import quote

    u, t = quote(url, safe=""), quote(title, safe="")
    links = [
        {"name": gettext("Email"), "slug": "email", "href": f"mailto:?subject={t}&body={t}%20{u}"},
        {"name": "X", "slug": "x", "href": f"https://twitter.com/intent/tweet?url={u}&text={t}"},
        {"name": "Facebook", "slug": "facebook", "href": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {
            "name": "Pinterest",
            "slug": "pinterest",
            "href": f"https://pinterest.com/pin/create/button/?url={u}&description={t}"
            + (f"&media={quote(image, safe='')}" if image else ""),
        },
        {"name": "WhatsApp", "slug": "whatsapp", "href": f"https://wa.me/?text={t}%20{u}"},
    ]
    return links


# ---------------------------------------------------------------------------
# Sitemaps
# ---------------------------------------------------------------------------
class _ItemsInLanguages(Sequence):
    """(item, language) for every language, lazily: a sitemap page loads only its own rows.

    Django's i18n sitemaps build the whole list (every design, once per language) to count the
    pages and to cut one out; this counts with one COUNT and slices the queryset instead.
    """

    def __init__(self, items, languages: list[str]):
        self.items, self.languages = items, languages

    @cached_property
    def per_language(self) -> int:
        items = self.items
        return len(items) if isinstance(items, list | tuple) else items.count()

    def __len__(self) -> int:
        return self.per_language * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        if start >= stop:
            return []
        width = len(self.languages)
        first, last = start // width, (stop - 1) // width + 1
        # Django's order: each item in every language, then the next item.
        pairs = [(item, language) for item in self.items[first:last] for language in self.languages]
        return pairs[start - first * width : stop - first * width]


class LanguageSitemap(Sitemap):
    """A section whose pages exist in every language: English at /, German at /de/, with alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = 5000

    def _items(self):
        return _ItemsInLanguages(self.items(), list(self._languages()))


class WagtailPageSitemap(Sitemap):
    """Live, public Wagtail pages of some types, each language version under its own URL with its alternates."""

    page_models: tuple = ()
    limit = 5000

    def items(self):
        pages = Page.objects.live().public().type(*self.page_models).select_related("locale")
        return pages.order_by("path", "pk")

    def location(self, item):
        parts = item.get_url_parts()
        return parts[2] if parts else item.url_path

    def lastmod(self, item):
        return item.last_published_at or item.first_published_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        keys = {url["item"].translation_key for url in urls}
        versions: dict = {}
        for translation in (
            Page.objects.live().public().filter(translation_key__in=keys).select_related("locale").order_by("pk")
        ):
            parts = translation.get_url_parts()
            if parts:
                versions.setdefault(translation.translation_key, []).append(
                    (translation.locale.language_code, f"{protocol}://{domain}{parts[2]}")
                )
        for url in urls:
            found = versions.get(url["item"].translation_key, [])
            if len(found) > 1:
                url["alternates"] = [{"lang_code": code, "location": loc} for code, loc in found]
                default = dict(found).get(settings.LANGUAGE_CODE)
                if default:
                    url["alternates"].append({"lang_code": "x-default", "location": default})
        return urls
