"""The header's unread count is cached per member (core/membercache.py); any change to a notification drops it."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.membercache import member_value_drop
from notifications.models import Notification
from notifications.selectors import UNREAD_CACHE


@receiver(post_save, sender=Notification, dispatch_uid="notifications_unread_save")
@receiver(post_delete, sender=Notification, dispatch_uid="notifications_unread_delete")
def drop_unread_count(sender, instance, **kwargs):
    """A notification made, changed or deleted drops its recipient's cached unread count."""
    member_value_drop(UNREAD_CACHE, instance.recipient_id)
