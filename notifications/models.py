"""Notifications: what a member is told, how they want it delivered, and their browsers' push subscriptions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class EmailState(models.TextChoices):
    NONE = "none", _("no email")
    DIGEST = "digest", _("waiting for the daily digest")
    SENT = "sent", _("sent")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("Email immediately")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("No email (only on the site)")


class Notification(models.Model):
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(
        _("email"), max_length=10, choices=EmailState.choices, default=EmailState.NONE, db_index=True
    )

    class Meta:
        # The tables keep the names they had when community owned these models (no data moves).
        db_table = "community_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How a member wants one kind of notification delivered by email."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notification_preferences", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=40)
    delivery = models.CharField(_("delivery"), max_length=12, choices=Delivery.choices)

    class Meta:
        db_table = "community_notificationpreference"
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="community_notificationpref_unique")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} = {self.delivery}"


class PushSubscription(models.Model):
    """A browser's Web Push subscription (the member allowed notifications there)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.URLField(_("endpoint"), max_length=800, unique=True)
    p256dh = models.CharField(_("public key"), max_length=200)
    auth = models.CharField(_("auth secret"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "community_pushsubscription"
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.endpoint[:60]}"
