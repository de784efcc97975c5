"""In-app notifications with email. Other apps call notify(); the only way in."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from community.models import Notification, User


def notify(
    *, recipient: User, kind: str, title: str, body: str = "", url: str = "", send_email: bool = True
) -> Notification:
    """Store a notification and email it once the surrounding transaction commits."""
    notification = Notification.objects.create(recipient=recipient, kind=kind, title=title, body=body, url=url)
    if send_email and recipient.email:
        transaction.on_commit(lambda: _email(notification))
    return notification


def _email(notification: Notification) -> None:
    link = f"{settings.SITE_URL}{notification.url}" if notification.url else settings.SITE_URL
    send_mail(
        subject=f"[Commonmade] {notification.title}",
        message=f"{notification.body}\n\n{link}\n".strip() + "\n",
        from_email=None,
        recipient_list=[notification.recipient.email],
        fail_silently=True,
    )
