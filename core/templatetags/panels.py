from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from core.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot: str) -> SafeString:
    """Render every panel registered for `slot`, in order, with the page's context."""
    html = []
    for panel in panels_for(slot):
        tmpl = context.template.engine.get_template(panel.template)
        with context.push():
            html.append(tmpl.render(context))
    return mark_safe("".join(html))  # noqa: S308 (each part is a rendered, autoescaped template)
