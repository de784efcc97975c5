"""The one way member text becomes HTML: markdown without raw HTML, then an nh3 allow-list.

Comments, bios, reviews and design descriptions all go through render_markdown(),
so a payload that is harmless in one place is harmless everywhere.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "hr", "a", "h3", "h4", "del"}
)
LINK_REL = "nofollow ugc noopener"
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Bidirectional overrides and invisible format characters let a link text lie about
# where it points (or hide a "javascript:" prefix); they are never needed in a comment.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u0000-\u0008\u000b\u000c\u000e-\u001f]"
)
_LINK_LIKE = re.compile(r"(https?://|www\.|mailto:|\]\s*\(|<a\s)", re.IGNORECASE)


def _markdown() -> markdown.Markdown:
    """A converter of this thread, reset: building one costs more than converting a short text."""
    md = getattr(_converters, "md", None)
    if md is None:
        md = _converters.md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        # Raw HTML is text, never markup: members write markdown only.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    return md.reset()


_converters = threading.local()


def clean_text(text: str) -> str:
    """Normalise member input before it is stored or rendered."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))


def contains_link(text: str) -> bool:
    return bool(_LINK_LIKE.search(clean_text(text)))


def render_markdown(text: str, *, allow_links: bool = True) -> SafeString:
    """Markdown to HTML that can be shown to anyone: allow-listed tags, safe links only."""
    html = _markdown().convert(clean_text(text))
    tags = set(ALLOWED_TAGS) if allow_links else set(ALLOWED_TAGS - {"a"})
    cleaned = nh3.clean(
        html,
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href", "title"}} if allow_links else {},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL if allow_links else None,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 above)


def markdown_to_text(text: str) -> str:
    """Member markdown as plain words (for snippets, email subjects, notification lists): no **, no #."""
    import html as html_lib

    html = _markdown().convert(clean_text(text or ""))
    plain = nh3.clean(html, tags=set(), strip_comments=True)
    return " ".join(html_lib.unescape(plain).split())
