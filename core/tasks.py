from __future__ import annotations

from celery import shared_task


@shared_task(name="core.send_queued_emails", ignore_result=True)
def send_queued_emails() -> None:
    """Deliver the emails queued while the mail server was away (core/mail.py)."""
    from core.mail import send_queued_emails as send

    send()
