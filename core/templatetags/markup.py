"""The markdown filters, built into every template (TEMPLATES builtins): one renderer, core/markup.py."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core.markup import markdown_to_text, render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Member or editor text as sanitised HTML."""
    return render_markdown(text or "")


@register.filter
def markdown_nolinks(text: str) -> SafeString:
    return render_markdown(text or "", allow_links=False)


@register.filter
def plain(text: str) -> str:
    """Member markdown as plain words: for short previews where formatting would show as ** and #."""
    return markdown_to_text(text or "")
