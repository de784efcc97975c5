"""Email that never takes a page down and is never lost.

EMAIL_BACKEND is `core.mail.QueueingEmailBackend`; it hands each message to the real backend
(EMAIL_DELIVERY_BACKEND: SMTP, anymail, console). When that fails (mail server down, refused,
timed out) the message is stored as a QueuedEmail and the caller carries on; `send_queued_emails`
(a periodic task, or `manage.py send_queued_emails`) delivers the queue once the server answers.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import socket

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

# What a mail server or a provider's API raises when it is down or refuses.
DELIVERY_ERRORS: tuple[type[BaseException], ...] = (smtplib.SMTPException, OSError, socket.timeout)
try:  # django-anymail, when it is the delivery backend
    from anymail.exceptions import AnymailError

    DELIVERY_ERRORS = (*DELIVERY_ERRORS, AnymailError)
except ImportError:  # pragma: no cover - anymail is optional
    pass


def delivery_connection(**kwargs):
    return get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False, **kwargs)


def _queue(message: EmailMessage, error: BaseException) -> None:
    from core.models import QueuedEmail

    QueuedEmail.objects.create(
        subject=str(message.subject)[:998],
        body=str(message.body),
        from_email=message.from_email or "",
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=dict(message.extra_headers),
        alternatives=[[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        last_error=f"{type(error).__name__}: {error}"[:500],
    )


class QueueingEmailBackend(BaseEmailBackend):
    """Sends through EMAIL_DELIVERY_BACKEND; what it cannot send waits in the database."""

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        sent = 0
        connection = delivery_connection()
        for message in email_messages:
            try:
                sent += connection.send_messages([message]) or 0
            except DELIVERY_ERRORS as exc:
                logger.warning("Email %r not delivered, queued for later: %s", message.subject, exc)
                try:
                    with transaction.atomic():
                        _queue(message, exc)
                except DatabaseError:
                    logger.exception("Email %r could not be queued either", message.subject)
                    if not self.fail_silently:
                        raise
        with contextlib.suppress(*DELIVERY_ERRORS):
            connection.close()
        return sent


def send_queued_emails(*, limit: int = 200) -> tuple[int, int]:
    """Try the queue again, oldest first; returns (sent, still waiting)."""
    from core.models import QueuedEmail

    sent = 0
    connection = delivery_connection()
    for queued in QueuedEmail.objects.filter(sent_at__isnull=True)[:limit]:
        message = EmailMultiAlternatives(
            subject=queued.subject,
            body=queued.body,
            from_email=queued.from_email or None,
            to=queued.to,
            cc=queued.cc,
            bcc=queued.bcc,
            reply_to=queued.reply_to,
            headers=queued.headers,
            alternatives=[tuple(pair) for pair in queued.alternatives],
        )
        try:
            connection.send_messages([message])
        except DELIVERY_ERRORS as exc:
            QueuedEmail.objects.filter(pk=queued.pk).update(
                attempts=queued.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:500]
            )
            break  # the server is still away: try again on the next run
        QueuedEmail.objects.filter(pk=queued.pk).update(sent_at=timezone.now())
        sent += 1
    return sent, QueuedEmail.objects.filter(sent_at__isnull=True).count()
