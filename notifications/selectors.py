"""Queries about a member's notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from core.membercache import member_value
from notifications.models import Notification

UNREAD_CACHE = "unread-notifications"  # core/membercache.py; dropped by notifications/receivers.py and mark-read


def unread_count(*, user: User) -> int:
    """The member's unread notifications (the header's bell): from their cache entry, or one query."""
    if not user.is_authenticated:
        return 0
    return member_value(
        UNREAD_CACHE,
        user.pk,
        lambda: Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count(),
    )


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")
