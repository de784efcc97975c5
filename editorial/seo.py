"""What editorial pages tell search engines: breadcrumbs from the page tree, an Article per story,
an ItemList per collection, and the Organization and WebSite (with its search) on the home page."""

from __future__ import annotations

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from core import seo


def page_trail(request, page: Page) -> list[tuple[str, str]]:
    """(title, URL) for each page below the home page, down to this one."""
    ancestors = page.get_ancestors(inclusive=True).filter(depth__gt=2).specific(defer=True)
    return [(ancestor.title, seo.page_url(request, ancestor)) for ancestor in ancestors]


def page_description(page: Page) -> str:
    for text in (page.search_description, getattr(page, "intro", "")):
        if text:
            return seo.plain_text(text, markdown=False)
    return ""


def _maker_person(request, maker: dict) -> dict:
    person = {"@type": "Person", "name": maker["name"]}
    if maker.get("url"):
        person["url"] = seo.absolute(request, maker["url"])
    return person


def story_article(request, page, context: dict) -> dict:
    image = seo.image_url(request, page.hero_image) if page.hero_image_id else ""
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": seo.plain_text(page.intro, limit=0, markdown=False),
        "url": seo.page_url(request, page),
        "inLanguage": page.locale.language_code,
        "datePublished": page.date.isoformat(),
        "dateModified": (page.last_published_at.date() if page.last_published_at else page.date).isoformat(),
        "author": {"@type": "Organization", "name": seo.SITE_NAME, "url": seo.home_url(request)},
        "publisher": seo.organization(request),
        "keywords": ", ".join(tag.name for tag in context.get("story_tags", [])),
        "about": [_maker_person(request, maker) for maker in context.get("makers", [])],
    }
    if image:
        data["image"] = image
    data["publisher"].pop("@context", None)
    return {key: value for key, value in data.items() if value not in ("", None, [])}


def website(request) -> dict:
    """The site as a schema.org WebSite with its search box (the home page)."""
    search = seo.absolute(request, reverse("search:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": seo.SITE_NAME,
        "url": seo.home_url(request),
        "inLanguage": get_language() or settings.LANGUAGE_CODE,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def structured_data_for(request, page, context: dict) -> list[dict]:
    from editorial.models import CollectionPage, HomePage, StoryPage

    if isinstance(page, HomePage):
        return [seo.organization(request), website(request)]
    if isinstance(page, StoryPage):
        return [story_article(request, page, context)]
    if isinstance(page, CollectionPage):
        items = [(item.title, item.url) for item in context.get("items", []) if item.url]
        return [seo.item_list(request, items, name=page.title)] if items else []
    return []


def editorial_page_meta(request, page, context: dict) -> seo.PageMeta:
    hero = getattr(page, "hero_image", None)
    meta = seo.page_meta(
        request,
        title=page.seo_title or page.title,
        description=page_description(page)
        or (_("Makers upload designs. The community votes. The designs the crowd chooses become products.")),
        trail=tuple(page_trail(request, page)),
        image=hero,
        image_alt=page.title,
        og_type="article" if page.specific_class.__name__ == "StoryPage" else "website",
        structured_data=structured_data_for(request, page, context),
        page=page,
    )
    return meta


class SeoPageMixin:
    """Hands the page's PageMeta to the template once the page's own context is complete."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if isinstance(response, TemplateResponse) and response.context_data is not None:
            response.context_data.setdefault("seo", editorial_page_meta(request, self, response.context_data))
        return response
