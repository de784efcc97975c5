"""The markdown filters, built into every template (TEMPLATES builtins): one renderer, core/markup.py."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Member or editor text as sanitised HTML."""
    return render_markdown(text or "")


@register.filter
def markdown_nolinks(text: str) -> SafeString:
    return render_markdown(text or "", allow_links=False)
