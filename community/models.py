from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class Follow(models.Model):
    follower = models.ForeignKey(User, on_delete=models.CASCADE, related_name="following", verbose_name=_("follower"))
    maker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="followers", verbose_name=_("maker"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["follower", "maker"], name="community_follow_unique"),
            models.CheckConstraint(condition=~models.Q(follower=models.F("maker")), name="community_follow_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.follower} → {self.maker}"


class Activity(models.Model):
    """Something a member did that their followers may want to see: "published" a design, …"""

    actor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activities", verbose_name=_("actor"))
    verb = models.CharField(_("verb"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["actor", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "verb", "content_type", "object_id"], name="community_activity_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.verb} {self.content_type_id}:{self.object_id}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    RUDE = "rude", _("Rude, hateful or harassing")
    OFF_TOPIC = "off_topic", _("Off topic")
    RIGHTS = "rights", _("Copies someone else's work")
    ILLEGAL = "illegal", _("Illegal content")
    OTHER = "other", _("Something else")


class FlagStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld")
    REJECTED = "rejected", _("Not upheld")


class Flag(models.Model):
    """One member's report about one item (comment, design, review, …)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    flagger = models.ForeignKey(User, on_delete=models.CASCADE, related_name="flags_given", verbose_name=_("flagger"))
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    weight = models.FloatField(_("weight"))
    status = models.CharField(_("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.PENDING)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "flagger"], name="community_flag_once")
        ]
        indexes = [models.Index(fields=["flagger", "status"])]

    def __str__(self) -> str:
        return f"{self.flagger}: {self.reason}"


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Flagged, visible")
    HIDDEN = "hidden", _("Hidden pending review")
    KEPT = "kept", _("Kept")
    REMOVED = "removed", _("Removed")


class ModerationCase(models.Model):
    """The flags on one item, and the moderators' decision about it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("author")
    )
    summary = models.CharField(_("what"), max_length=200, help_text=_("Public description of the item."))
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    weight_total = models.FloatField(_("flag weight"), default=0)
    reason = models.TextField(_("public reason"), blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-weight_total", "created_at"]
        verbose_name = _("moderation case")
        verbose_name_plural = _("moderation cases")
        permissions = [("moderate_content", _("Can decide on flagged content and suspend members"))]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="community_moderationcase_unique")
        ]

    def __str__(self) -> str:
        return self.summary


class ModerationAction(models.TextChoices):
    REMOVED = "removed", _("Removed")
    KEPT = "kept", _("Kept")
    WARNED = "warned", _("Warned")
    SUSPENDED = "suspended", _("Suspended")


PUBLIC_MODERATION_ACTIONS = (ModerationAction.REMOVED, ModerationAction.SUSPENDED)


class ModerationLogEntry(models.Model):
    """Every moderation decision; removals and suspensions are shown publicly at /moderation/."""

    action = models.CharField(_("action"), max_length=12, choices=ModerationAction.choices, db_index=True)
    case = models.ForeignKey(
        ModerationCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="log", verbose_name=_("case")
    )
    subject = models.CharField(_("what"), max_length=200)
    member = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("member")
    )
    moderator = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("moderator")
    )
    reason = models.TextField(_("reason"), blank=True)
    until = models.DateTimeField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.action}: {self.subject}"
