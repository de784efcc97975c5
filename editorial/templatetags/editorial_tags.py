from __future__ import annotations

from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from editorial.selectors import footer_links as _footer_links

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_links(context) -> list[tuple[str, str]]:
    """The footer's (title, URL) pairs from the site's footer settings (Settings → Footer)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return _footer_links(site=site, language=get_language() or "")
