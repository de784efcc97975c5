"""A member's notifications, delivery preferences and push subscriptions in the data download; all
deleted with the account (core.privacy, registered in NotificationsConfig.ready())."""

from __future__ import annotations

from accounts.models import User
from core import privacy
from notifications.models import Notification, NotificationPreference, PushSubscription


def export_notifications(user: User) -> list[dict]:
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("created_at")
        .values("kind", "title", "body", "url", "created_at", "read_at")
    )


def export_preferences(user: User) -> dict:
    return {
        "delivery": {p.kind: p.delivery for p in NotificationPreference.objects.filter(user=user).order_by("kind")},
        "push_subscriptions": list(
            PushSubscription.objects.filter(user=user).order_by("created_at").values("endpoint", "created_at")
        ),
    }


def erase_notifications(user: User) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    PushSubscription.objects.filter(user=user).delete()


def register() -> None:
    privacy.register("notifications", exporter=export_notifications, eraser=erase_notifications)
    privacy.register("notification_settings", exporter=export_preferences)
