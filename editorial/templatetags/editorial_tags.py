from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html_join
from wagtail.models import Page

from editorial import integrations

register = template.Library()


@register.simple_tag
def design_link(design) -> str | None:
    return integrations.design_url(design)


def _page_alternates(page: Page, request) -> list[tuple[str, str]]:
    translations = Page.objects.live().public().filter(translation_key=page.translation_key).select_related("locale")
    alternates = []
    for translation in translations:
        url = translation.get_full_url(request=request)
        if url:
            alternates.append((translation.locale.language_code, url))
    return alternates


def _view_alternates(request) -> list[tuple[str, str]]:
    current = request.build_absolute_uri(request.path)
    return [(code, translate_url(current, code)) for code, _name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> str:
    """<link rel="alternate" hreflang> for each language version of this page (and x-default)."""
    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page")
    if isinstance(page, Page) and page.pk and page.translation_key:
        alternates = _page_alternates(page, request)
    else:
        alternates = _view_alternates(request)
    if len(alternates) < 2:
        return ""
    default = dict(alternates).get(settings.LANGUAGE_CODE)
    if default:
        alternates.append(("x-default", default))
    return format_html_join(
        "\n", '<link rel="alternate" hreflang="{}" href="{}">', ((code, url) for code, url in alternates)
    )
