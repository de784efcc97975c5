from __future__ import annotations

from django import template

from notifications import selectors

register = template.Library()


@register.inclusion_tag("notifications/notification_badge.html", takes_context=True)
def notification_badge(context):
    viewer = getattr(context.get("request"), "user", None)
    return {"unread": selectors.unread_count(user=viewer) if viewer is not None else 0}
