from django import template

from core.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Markdown from members, rendered through the sanitizer."""
    return render_markdown(text)
