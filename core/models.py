from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class QueuedEmail(models.Model):
    """An email the mail server did not take; core/mail.py sends it again later, so none is lost."""

    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text"), blank=True)
    from_email = models.CharField(_("from"), max_length=320, blank=True)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(default=list, blank=True)
    bcc = models.JSONField(default=list, blank=True)
    reply_to = models.JSONField(default=list, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    alternatives = models.JSONField(default=list, blank=True, help_text=_("[content, mimetype] pairs, e.g. HTML"))
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("queued email")
        verbose_name_plural = _("queued emails")

    def __str__(self) -> str:
        return self.subject
