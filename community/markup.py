"""User text: markdown rendered, then cleaned with an allow-list."""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre"}
ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str, *, allow_links: bool = True) -> SafeString:
    html = md.markdown(text or "", extensions=["sane_lists"], output_format="html")
    tags = TAGS if allow_links else TAGS - {"a"}
    cleaned = nh3.clean(
        html,
        tags=tags,
        attributes=ATTRIBUTES if allow_links else {},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 (cleaned by nh3 above)
