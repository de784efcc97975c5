from __future__ import annotations

from celery import shared_task

from community.models import Notification


@shared_task
def send_notification_email(notification_id: int) -> None:
    from community.notifications import email_notification

    notification = Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    if notification is not None:
        email_notification(notification=notification)


@shared_task
def send_daily_digests() -> int:
    from community.notifications import send_daily_digests as send

    return send()


@shared_task
def send_push_notification(notification_id: int) -> int:
    from community.webpush import push_send

    return push_send(notification_id=notification_id)


@shared_task(name="community.tasks.flush_trust_counters")
def flush_trust_counters() -> int:
    """Write the buffered trust events (votes cast) to the members' profiles."""
    from community.services import trust_counters_flush

    return trust_counters_flush()
