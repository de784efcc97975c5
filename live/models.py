"""Live drops: a scheduled show with a stream, a product shelf, a chat and tips for the host."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.money import to_cents


class ShowStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Upcoming")
    LIVE = "live", _("Live now")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", _("Cancelled")


class LiveShow(models.Model):
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="live_shows", verbose_name=_("host")
    )
    title = models.CharField(_("title"), max_length=140)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    stream_url = models.URLField(
        _("stream address"), blank=True, help_text=_("A YouTube, Twitch or Vimeo address, embedded on the page.")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=ShowStatus.choices, default=ShowStatus.SCHEDULED, db_index=True
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    pinned_product = models.ForeignKey(
        "shop.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pinned product"),
    )
    slow_mode_seconds = models.PositiveSmallIntegerField(
        _("slow mode (seconds)"),
        default=0,
        validators=[MaxValueValidator(600)],
        help_text=_("Each member may send one message per this many seconds; 0 switches slow mode off."),
    )
    # Set once each, so followers hear about a drop once when it is scheduled, shortly before and at the start.
    announced_at = models.DateTimeField(_("followers told"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True, editable=False)
    start_notified_at = models.DateTimeField(_("start announced"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("live drop")
        verbose_name_plural = _("live drops")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="live_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("live:show", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        return self.status == ShowStatus.LIVE

    @property
    def is_scheduled(self) -> bool:
        return self.status == ShowStatus.SCHEDULED

    @property
    def is_over(self) -> bool:
        return self.status in (ShowStatus.ENDED, ShowStatus.CANCELLED)

    @property
    def chat_open(self) -> bool:
        """Viewers chat while the show runs, and in the hour before it."""
        if self.status == ShowStatus.LIVE:
            return True
        return self.status == ShowStatus.SCHEDULED and self.starts_at - timezone.timedelta(hours=1) <= timezone.now()


class ShelfItem(models.Model):
    show = models.ForeignKey(LiveShow, on_delete=models.CASCADE, related_name="shelf", verbose_name=_("live drop"))
    product = models.ForeignKey("shop.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # A drop-only offer, valid while the show is live (shop/offers.py; live/offers.py provides it).
    drop_price = models.DecimalField(
        _("drop price (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.50"))],
        help_text=_("Sold at this price while the drop is live; empty for the regular price."),
    )
    drop_quantity = models.PositiveIntegerField(
        _("quantity in this drop"),
        null=True,
        blank=True,
        help_text=_("At most this many units are sold while the drop is live; empty for no limit but the stock."),
    )
    drop_sold = models.PositiveIntegerField(_("sold in this drop"), default=0, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("shelf item")
        verbose_name_plural = _("shelf")
        constraints = [
            models.UniqueConstraint(fields=["show", "product"], name="live_shelf_product_once"),
            # The database itself refuses an oversold drop, whatever the code above it does.
            models.CheckConstraint(
                condition=models.Q(drop_quantity__isnull=True) | models.Q(drop_sold__lte=models.F("drop_quantity")),
                name="live_shelf_drop_not_oversold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.show_id}: {self.product_id}"

    @property
    def has_offer(self) -> bool:
        return self.drop_price is not None or self.drop_quantity is not None

    @property
    def drop_remaining(self) -> int | None:
        return None if self.drop_quantity is None else max(0, self.drop_quantity - self.drop_sold)


class PinEvent(models.Model):
    """The pinned-product timeline: what the host showed when, kept for the replay."""

    show = models.ForeignKey(LiveShow, on_delete=models.CASCADE, related_name="pins", verbose_name=_("live drop"))
    product = models.ForeignKey(
        "shop.Product", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("product")
    )
    pinned_at = models.DateTimeField(_("pinned"), default=timezone.now)

    class Meta:
        ordering = ["pinned_at", "id"]
        verbose_name = _("pin")
        verbose_name_plural = _("pins")

    def __str__(self) -> str:
        return f"{self.show_id}: {self.product_id} at {self.pinned_at}"


class MessageKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    TIP = "tip", _("Tip")


class ChatMessage(models.Model):
    show = models.ForeignKey(LiveShow, on_delete=models.CASCADE, related_name="messages", verbose_name=_("live drop"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MessageKind.choices, default=MessageKind.MESSAGE)
    text = models.TextField(_("text"), max_length=2000)
    tip = models.OneToOneField(
        "live.Tip", on_delete=models.CASCADE, null=True, blank=True, related_name="thanks", verbose_name=_("tip")
    )
    # Hidden while flags wait for a moderator; removed by the host or a moderator (a placeholder stays).
    hidden = models.BooleanField(_("hidden pending review"), default=False)
    moderation_removed = models.BooleanField(_("removed"), default=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("chat message")
        verbose_name_plural = _("chat messages")

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.show.get_absolute_url()}#m{self.pk}"


class ChatTimeout(models.Model):
    """A member the host or a moderator silenced in one drop's chat until a time."""

    show = models.ForeignKey(LiveShow, on_delete=models.CASCADE, related_name="timeouts", verbose_name=_("live drop"))
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    until = models.DateTimeField(_("until"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("chat time-out")
        verbose_name_plural = _("chat time-outs")
        constraints = [models.UniqueConstraint(fields=["show", "member"], name="live_timeout_once_per_member")]

    def __str__(self) -> str:
        return f"{self.member_id} until {self.until}"


class TipStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    FAILED = "failed", _("Payment failed")
    PAID = "paid", _("Paid")
    REFUNDED = "refunded", _("Refunded")


class Tip(models.Model):
    number = models.UUIDField(_("number"), default=uuid.uuid4, unique=True, editable=False)
    show = models.ForeignKey(LiveShow, on_delete=models.PROTECT, related_name="tips", verbose_name=_("live drop"))
    tipper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="live_tips", verbose_name=_("member")
    )
    amount = models.DecimalField(
        _("amount (EUR)"), max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("1"))]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TipStatus.choices, default=TipStatus.PENDING, db_index=True
    )
    payment_intent_id = models.CharField(_("payment intent"), max_length=255, unique=True, null=True, blank=True)
    attempts = models.PositiveIntegerField(_("payment attempts"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def __str__(self) -> str:
        return f"{self.amount} → {self.show_id}"

    @property
    def amount_cents(self) -> int:
        return to_cents(self.amount)

    @property
    def reference(self) -> str:
        """The tip's key in the host's ledger."""
        return f"tip-{self.number.hex}"


class TipEvent(models.Model):
    """Every Stripe event applied to a tip, so each one takes effect once."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="events", verbose_name=_("tip"))
    result = models.CharField(_("result"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("tip payment event")
        verbose_name_plural = _("tip payment events")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
