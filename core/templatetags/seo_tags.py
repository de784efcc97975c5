"""The head tags, breadcrumbs and share links that base.html and the detail pages render from a PageMeta."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html_join

from core import seo

register = template.Library()


def _meta(context) -> seo.PageMeta:
    """The view's PageMeta, or a plain one for pages that pass none (the canonical URL still holds)."""
    meta = context.get("seo")
    if isinstance(meta, seo.PageMeta):
        return meta
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return seo.PageMeta(title=seo.SITE_NAME, description=seo.default_description())
    if hasattr(page, "specific") and hasattr(page, "translation_key"):
        return seo.page_meta(request, title=page.seo_title or page.title, page=page)
    return seo.page_meta(request, title=seo.SITE_NAME)


@register.inclusion_tag("includes/seo_tags.html", takes_context=True)
def seo_head(context):
    meta = _meta(context)
    request = context.get("request")
    return {
        "meta": meta,
        "alternates": seo.alternates(request, meta.page if meta.page is not None else context.get("page")),
        "json_ld": [seo.json_ld_script(data) for data in meta.json_ld],
    }


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    return _meta(context).description


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> str:
    """<link rel="alternate" hreflang> for each language version of this page (and x-default)."""
    found = seo.alternates(context.get("request"), context.get("page"))
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', found)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs_nav(context):
    meta = context.get("seo")
    crumbs = meta.breadcrumbs if isinstance(meta, seo.PageMeta) else []
    return {"crumbs": crumbs if len(crumbs) > 1 else []}


def with_ref(url: str, user) -> str:
    """A member's share link carries ?ref=<handle>, so orders through it credit them."""
    if user is None or not user.is_authenticated:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode({'ref': user.handle})}"


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_buttons(context, title: str, url: str = "", image: str = ""):
    meta = context.get("seo")
    request = context.get("request")
    if not url:
        url = meta.canonical if isinstance(meta, seo.PageMeta) else seo.current_url(request)
    if not image and isinstance(meta, seo.PageMeta):
        image = meta.image
    share_url = with_ref(url, getattr(request, "user", None))
    return {"share_url": share_url, "title": title, "links": seo.share_links(share_url, title, image)}
