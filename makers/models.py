from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class ConnectAccount(models.Model):
    """The maker's Stripe Connect Express account, where royalties are paid out."""

    maker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connect_account", verbose_name=_("maker")
    )
    stripe_account_id = models.CharField(_("Stripe account"), max_length=255, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("payout account")
        verbose_name_plural = _("payout accounts")

    def __str__(self) -> str:
        return self.stripe_account_id


class PayoutStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")


class Payout(models.Model):
    maker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("maker")
    )
    period = models.CharField(_("month"), max_length=7, help_text=_("YYYY-MM"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    status = models.CharField(_("status"), max_length=10, choices=PayoutStatus.choices, default=PayoutStatus.PENDING)
    stripe_transfer_id = models.CharField(_("Stripe transfer"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        # One payout per maker and month: a rerun of the monthly command never transfers twice.
        constraints = [models.UniqueConstraint(fields=["maker", "period"], name="makers_payout_once_per_month")]

    def __str__(self) -> str:
        return f"{self.maker_id} {self.period}: {self.amount}"


class RoyaltyKind(models.TextChoices):
    EARNING = "earning", _("Royalty")
    REVERSAL = "reversal", _("Refund")
    REFERRAL = "referral", _("Referral commission")
    REFERRAL_REVERSAL = "ref_refund", _("Referral commission refunded")
    TIP = "tip", _("Tip")
    TIP_REFUND = "tip_refund", _("Tip refunded")


class RoyaltyEntry(models.Model):
    """One line of a maker's royalty ledger: earned per order line, reversed when refunded.

    Referral commissions share the ledger: a member whose link brought the buyer earns one per paid line.
    Entries without an order line (tips from a live drop) carry a `reference` that is unique per kind.
    """

    maker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="royalty_entries", verbose_name=_("maker")
    )
    order_line = models.ForeignKey(
        "shop.OrderLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="royalty_entries",
        verbose_name=_("order line"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RoyaltyKind.choices)
    quantity = models.IntegerField(_("quantity"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    description = models.CharField(_("description"), max_length=250)
    # Empty for the earning and a whole-order reversal; "refund-<id>" for the reversal of one (partial) refund;
    # for an entry without an order line (a tip), what it is for ("tip-<number>").
    reference = models.CharField(_("reference"), max_length=40, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("royalty entry")
        verbose_name_plural = _("royalty entries")
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "kind", "reference"], name="makers_royalty_once_per_line_kind_reference"
            ),
            # Entries without an order line (tips) are kept once by their reference alone.
            models.UniqueConstraint(
                fields=["reference", "kind"],
                condition=models.Q(order_line__isnull=True),
                name="makers_royalty_once_per_reference_without_line",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.maker_id} {self.kind} {self.amount}"


@register_setting(icon="user")
class MakerRules(BaseSiteSetting):
    """Royalty rules editors may tune in the admin (Settings → Maker rules)."""

    payout_minimum = models.DecimalField(
        _("smallest payout (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("10.00"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("A maker's monthly balance below this waits for the next month."),
    )
    referral_commission_share = models.DecimalField(
        _("referral commission share"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.050"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("What a member who shared the link earns of a paid order: 0.05 means 5 %."),
    )

    panels = [FieldPanel("payout_minimum"), FieldPanel("referral_commission_share")]

    class Meta:
        verbose_name = _("maker rules")


class Brand(models.Model):
    """How a maker's storefront looks: an accent colour (checked for contrast), a banner and intro blocks.

    The banner here is the storefront's only one: the storefront settings and the brand settings both set it.
    """

    maker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="brand", verbose_name=_("maker")
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        help_text=_("A colour like #1f5fa8, dark enough for white text on it (contrast at least 4.5:1)."),
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("banner image"),
    )
    banner_alt = models.CharField(_("banner description"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self) -> str:
        return f"brand of {self.maker_id}"


class BrandBlock(models.Model):
    """One intro block on the storefront: a heading and a short Markdown text."""

    brand = models.ForeignKey(Brand, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("brand"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=80, blank=True)
    text = models.TextField(_("text"), max_length=1500, blank=True, help_text=_("Markdown: *italic*, **bold**, links."))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("intro block")
        verbose_name_plural = _("intro blocks")

    def __str__(self) -> str:
        return self.heading or self.text[:40]


class MakerCollection(models.Model):
    """A collection the maker curates from their own products, shown on the storefront."""

    maker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maker_collections", verbose_name=_("maker")
    )
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    products = models.ManyToManyField(
        "shop.Product", through="CollectionItem", related_name="+", verbose_name=_("products")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("maker's collection")
        verbose_name_plural = _("makers' collections")

    def __str__(self) -> str:
        return self.title


class CollectionItem(models.Model):
    collection = models.ForeignKey(
        MakerCollection, on_delete=models.CASCADE, related_name="items", verbose_name=_("collection")
    )
    product = models.ForeignKey("shop.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("collection item")
        verbose_name_plural = _("collection items")
        constraints = [models.UniqueConstraint(fields=["collection", "product"], name="makers_collection_product_once")]

    def __str__(self) -> str:
        return f"{self.collection_id}: {self.product_id}"
