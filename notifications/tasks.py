from __future__ import annotations

from celery import shared_task

from notifications.models import Notification


@shared_task
def send_notification_email(notification_id: int) -> None:
    from notifications.services import email_notification

    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is not None:
        email_notification(notification=notification)


@shared_task
def send_daily_digests() -> int:
    from notifications.services import send_daily_digests as send

    return send()


@shared_task
def send_push_notification(notification_id: int) -> int:
    from notifications.webpush import push_send

    return push_send(notification_id=notification_id)
