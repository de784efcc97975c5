from __future__ import annotations

from django import template

from editorial import integrations

register = template.Library()


@register.simple_tag
def design_link(design) -> str | None:
    return integrations.design_url(design)


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> str:
    """Kept for older templates: the one hreflang mechanism lives in community.seo."""
    from community.templatetags.seo_tags import hreflang_links as links

    return links(context)
