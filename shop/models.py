from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.money import to_cents


class ProductType(models.TextChoices):
    TSHIRT = "tshirt", _("T-shirt")
    HOODIE = "hoodie", _("Hoodie")
    POSTER = "poster", _("Poster")
    STICKER = "sticker", _("Sticker")
    MUG = "mug", _("Mug")
    TOTE = "tote", _("Tote bag")


# Colour names editors type for variants, shown in the visitor's language (others are shown as typed).
COLOUR_NAMES = {
    "black": pgettext_lazy("colour", "black"),
    "white": pgettext_lazy("colour", "white"),
    "grey": pgettext_lazy("colour", "grey"),
    "gray": pgettext_lazy("colour", "grey"),
    "navy": pgettext_lazy("colour", "navy"),
    "blue": pgettext_lazy("colour", "blue"),
    "red": pgettext_lazy("colour", "red"),
    "green": pgettext_lazy("colour", "green"),
    "yellow": pgettext_lazy("colour", "yellow"),
    "pink": pgettext_lazy("colour", "pink"),
    "natural": pgettext_lazy("colour", "natural"),
    "cream": pgettext_lazy("colour", "cream"),
    "sand": pgettext_lazy("colour", "sand"),
    "olive": pgettext_lazy("colour", "olive"),
}


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ON_SALE = "on_sale", _("On sale")
    RETIRED = "retired", _("Retired")


class Product(models.Model):
    design = models.ForeignKey(
        "designs.Design", on_delete=models.PROTECT, related_name="products", verbose_name=_("design")
    )
    title = models.CharField(_("title"), max_length=140)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    product_type = models.CharField(_("product type"), max_length=20, choices=ProductType.choices)
    description = models.TextField(_("description"), blank=True)
    # EU General Product Safety Regulation (GPSR): who made it, who answers for it in the EU, how to use it safely.
    manufacturer = models.TextField(
        _("manufacturer"), blank=True, help_text=_("Name, postal address and email or website of the manufacturer.")
    )
    responsible_person = models.TextField(
        _("responsible person in the EU"),
        blank=True,
        help_text=_("Name and postal address of the economic operator in the EU, if the manufacturer is outside it."),
    )
    safety_information = models.TextField(
        _("safety information"), blank=True, help_text=_("Warnings, care and safe-use instructions.")
    )
    title_de = models.CharField(_("German title"), max_length=140, blank=True)
    description_de = models.TextField(_("German description"), blank=True)
    price = models.DecimalField(
        _("price (EUR, VAT included)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.50"))],
    )
    royalty_share = models.DecimalField(
        _("maker's royalty share"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("0.15 means 15 % of the price incl. VAT goes to the maker."),
    )
    made_to_order = models.BooleanField(_("made to order"), default=False, help_text=_("No stock is kept."))
    personalised = models.BooleanField(
        _("personalised"),
        default=False,
        help_text=_("Made to the buyer's specification: the 14-day right of withdrawal does not apply."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProductStatus.choices, default=ProductStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    supporter_window_ends_at = models.DateTimeField(_("supporters' early access ends"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("shop:product_detail", kwargs={"slug": self.slug})

    def fragment_version(self) -> tuple:
        """What a cached product card shows (core/fragcache.py), beside what empties the page cache's
        generation (saving a product, a review, the design's images)."""
        return (
            self.pk,
            self.title,
            self.title_de,
            self.price,
            self.status,
            getattr(self, "rating_avg", None),
            getattr(self, "rating_count", None),
            self.design.maker.public_name,
        )

    @property
    def local_title(self) -> str:
        """The title in the visitor's language (German when there is one), else the original."""
        return (self.title_de if get_language() == "de" else "") or self.title

    @property
    def local_description(self) -> str:
        return (self.description_de if get_language() == "de" else "") or self.description

    @property
    def is_on_sale(self) -> bool:
        return self.status == ProductStatus.ON_SALE

    @property
    def is_public(self) -> bool:
        """Anyone may see it: on sale, and its design is public (not removed or hidden by moderation)."""
        return self.is_on_sale and self.design.is_public

    def in_supporter_window(self, now=None) -> bool:
        return bool(self.supporter_window_ends_at and (now or timezone.now()) < self.supporter_window_ends_at)


class ProductVariant(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product"))
    size = models.CharField(_("size"), max_length=20, blank=True)
    colour = models.CharField(_("colour"), max_length=30, blank=True)
    sku = models.CharField(_("SKU"), max_length=40, unique=True)
    stock = models.PositiveIntegerField(_("stock"), default=0)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [models.CheckConstraint(condition=models.Q(stock__gte=0), name="shop_variant_stock_not_negative")]

    def __str__(self) -> str:
        return f"{self.product} – {self.label}"

    @property
    def label(self) -> str:
        colour = COLOUR_NAMES.get(self.colour.strip().lower(), self.colour) if self.colour else ""
        return " / ".join(str(part) for part in (self.size, colour) if part) or str(_("One size"))

    def available(self, quantity: int = 1) -> bool:
        return self.product.made_to_order or self.stock >= quantity


class CampaignStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Goal reached")
    FAILED = "failed", _("Goal missed")


class Campaign(models.Model):
    """A pre-order drop: payments are authorised only, and captured if the goal is reached by the deadline."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("product"))
    goal_units = models.PositiveIntegerField(_("goal (units)"), validators=[MinValueValidator(1)])
    starts_at = models.DateTimeField(_("starts"), default=timezone.now)
    ends_at = models.DateTimeField(_("deadline"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.RUNNING, db_index=True
    )
    # Decided once at the deadline and kept, so a rerun after a crash finishes the same way.
    outcome = models.CharField(_("outcome"), max_length=10, choices=CampaignStatus.choices, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-ends_at"]
        verbose_name = _("pre-order campaign")
        verbose_name_plural = _("pre-order campaigns")

    def __str__(self) -> str:
        return f"{self.product} ({self.goal_units})"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == CampaignStatus.RUNNING and self.starts_at <= now < self.ends_at


class Cart(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart", verbose_name=_("member")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self) -> str:
        return f"cart of {self.user_id}"


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items", verbose_name=_("cart"))
    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE, related_name="+", verbose_name=_("variant"))
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["id"]
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        constraints = [models.UniqueConstraint(fields=["cart", "variant"], name="shop_cartitem_unique_variant")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.variant_id}"


class OrderStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    FAILED = "failed", _("Payment failed")
    AUTHORIZED = "authorized", _("Pre-ordered (card authorised)")
    PAID = "paid", _("Paid")
    IN_PRODUCTION = "in_production", _("In production")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    RETURN_REQUESTED = "return_requested", _("Return requested")
    RETURNED = "returned", _("Return approved")
    CANCELED = "canceled", _("Canceled")
    REFUNDED = "refunded", _("Refunded")


# An order only moves forward on payment events: a lower rank never replaces a higher one.
ORDER_RANK = {
    OrderStatus.PENDING: 0,
    OrderStatus.FAILED: 0,
    OrderStatus.AUTHORIZED: 1,
    OrderStatus.PAID: 2,
    OrderStatus.IN_PRODUCTION: 3,
    OrderStatus.SHIPPED: 4,
    OrderStatus.DELIVERED: 5,
    OrderStatus.RETURN_REQUESTED: 6,
    OrderStatus.RETURNED: 7,
    OrderStatus.CANCELED: 8,
    OrderStatus.REFUNDED: 8,
}
# Paid for and not (wholly) given back: these orders count as sales and verified purchases.
SOLD_STATES = (
    OrderStatus.PAID,
    OrderStatus.IN_PRODUCTION,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
    OrderStatus.RETURN_REQUESTED,
    OrderStatus.RETURNED,
)
# Money was taken: a refund can be made from these.
REFUNDABLE_STATES = (*SOLD_STATES, OrderStatus.REFUNDED)


class Carrier(models.TextChoices):
    DHL = "dhl", "DHL"
    DPD = "dpd", "DPD"
    HERMES = "hermes", "Hermes"
    UPS = "ups", "UPS"
    GLS = "gls", "GLS"
    DEUTSCHE_POST = "deutsche_post", "Deutsche Post"
    OTHER = "other", _("Other")


# Where a parcel can be followed; {number} is the tracking number (URL-quoted).
TRACKING_URLS = {
    Carrier.DHL: "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={number}",
    Carrier.DEUTSCHE_POST: "https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode={number}",
    Carrier.DPD: "https://tracking.dpd.de/status/de_DE/parcel/{number}",
    Carrier.HERMES: "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation#{number}",
    Carrier.UPS: "https://www.ups.com/track?tracknum={number}",
    Carrier.GLS: "https://gls-group.com/DE/de/paketverfolgung?match={number}",
}


ORDER_ACCESS_SALT = "shop.order-access"


def new_order_number() -> str:
    return uuid.uuid4().hex[:12].upper()


class Order(models.Model):
    number = models.CharField(_("order number"), max_length=12, unique=True, default=new_order_number)
    # Empty for a guest order; attached when the buyer signs up or logs in with the verified email.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("buyer"),
    )
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"), max_length=10, default="en", help_text=_("The buyer's language at checkout: emails use it.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING, db_index=True
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("pre-order campaign"),
    )
    # Totals computed on the server at checkout and kept, whatever prices or rates change later (VAT included).
    subtotal = models.DecimalField(_("goods (EUR)"), max_digits=10, decimal_places=2, default=Decimal("0"))
    shipping_cost = models.DecimalField(_("shipping (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0"))
    shipping_vat_rate = models.DecimalField(
        _("shipping VAT rate"), max_digits=5, decimal_places=4, default=Decimal("0")
    )
    vat_total = models.DecimalField(_("VAT included (EUR)"), max_digits=10, decimal_places=2, default=Decimal("0"))
    total = models.DecimalField(_("total (EUR)"), max_digits=10, decimal_places=2)
    shipping_method_name = models.CharField(_("shipping method"), max_length=120, blank=True)
    delivery_days_min = models.PositiveSmallIntegerField(_("delivery from (working days)"), null=True, blank=True)
    delivery_days_max = models.PositiveSmallIntegerField(_("delivery up to (working days)"), null=True, blank=True)
    # The delivery address as entered at checkout (a snapshot: editing a saved address later changes nothing here).
    shipping_name = models.CharField(_("name"), max_length=200, blank=True)
    shipping_company = models.CharField(_("company"), max_length=200, blank=True)
    shipping_line1 = models.CharField(_("street and number"), max_length=200, blank=True)
    shipping_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    shipping_postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    shipping_city = models.CharField(_("city"), max_length=120, blank=True)
    shipping_region = models.CharField(_("state / region"), max_length=120, blank=True)
    shipping_country = models.CharField(_("country"), max_length=2, blank=True, db_index=True)
    shipping_phone = models.CharField(_("phone"), max_length=40, blank=True)
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_orders",
        verbose_name=_("referred by"),
        help_text=_("The member whose shared link brought the buyer here."),
    )
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    refunded_amount = models.DecimalField(_("refunded (EUR)"), max_digits=10, decimal_places=2, default=Decimal("0"))
    payment_intent_id = models.CharField(_("payment intent"), max_length=255, unique=True, null=True, blank=True)
    # Set while one request is paying the order (services/payments.py order_payment_claim); counts the tries.
    payment_claimed_at = models.DateTimeField(_("payment attempt started"), null=True, blank=True, editable=False)
    payment_attempts = models.PositiveIntegerField(_("payment attempts"), default=0, editable=False)
    # The checkout form's one-time token: a second submit of the same form finds this order instead of making one.
    checkout_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    note = models.TextField(_("note for the buyer"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    # Fulfilment (services/fulfilment.py): set by "mark shipped" and "mark delivered".
    carrier = models.CharField(_("carrier"), max_length=20, choices=Carrier.choices, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    shipped_at = models.DateTimeField(_("shipped"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        """A member's order lives in their account; a guest's behind its signed link (see access_token)."""
        if self.user_id is None:
            return reverse("shop:order_view", kwargs={"key": self.access_token})
        return reverse("shop:order_detail", kwargs={"number": self.number})

    @property
    def access_token(self) -> str:
        """The order number, signed: whoever holds it (the buyer, from the email) may see and pay the order."""
        return signing.Signer(salt=ORDER_ACCESS_SALT).sign(self.number)

    def access_token_matches(self, token: str) -> bool:
        """True if `token` is this order's signed link (checked on the server, in constant time)."""
        import hmac

        return bool(token) and hmac.compare_digest(str(token), self.access_token)

    @property
    def access_key(self) -> str:
        """What the pay links carry: the number for a member's order, the signed token for a guest's."""
        return self.number if self.user_id else self.access_token

    @property
    def total_cents(self) -> int:
        return to_cents(self.total)

    @property
    def is_payable(self) -> bool:
        return self.status in (OrderStatus.PENDING, OrderStatus.FAILED)

    @property
    def is_paid(self) -> bool:
        """Paid, nothing more yet: canceling now refunds everything."""
        return self.status == OrderStatus.PAID

    @property
    def is_delivered(self) -> bool:
        return self.status == OrderStatus.DELIVERED

    @property
    def tracking_url(self) -> str:
        from urllib.parse import quote

        pattern = TRACKING_URLS.get(self.carrier)
        if not pattern or not self.tracking_number:
            return ""
        return pattern.format(number=quote(self.tracking_number, safe=""))

    @property
    def kept_total(self) -> Decimal:
        return self.total - self.refunded_amount


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+", verbose_name=_("product"))
    variant = models.ForeignKey(
        ProductVariant, on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("variant")
    )
    # Snapshots: what the buyer saw and agreed to pay, whatever changes later.
    title = models.CharField(_("title"), max_length=200)
    sku = models.CharField(_("SKU"), max_length=40)
    unit_price = models.DecimalField(_("unit price (EUR)"), max_digits=8, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    royalty_share = models.DecimalField(_("royalty share"), max_digits=4, decimal_places=3)
    vat_rate = models.DecimalField(
        _("VAT rate"), max_digits=5, decimal_places=4, default=Decimal("0"), help_text=_("0.1900 means 19 %.")
    )
    refunded_quantity = models.PositiveIntegerField(_("refunded quantity"), default=0)
    # The offer the line was priced under ("<provider>:<ref>", shop/offers.py), e.g. a live drop's price.
    offer = models.CharField(_("offer"), max_length=60, blank=True, default="")

    class Meta:
        ordering = ["id"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.title}"

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def kept_quantity(self) -> int:
        return self.quantity - self.refunded_quantity


# Fulfilment


class OrderEvent(models.Model):
    """One step in an order's history: a status change (or a refund, invoice, note) with who and when."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="history", verbose_name=_("order"))
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")

    def __str__(self) -> str:
        return f"{self.order}: {self.from_status} → {self.to_status}"

    @property
    def is_status_change(self) -> bool:
        return self.from_status != self.to_status

    @property
    def to_label(self) -> str:
        return OrderStatus(self.to_status).label


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceCounter(models.Model):
    """The last number given per series and year; its row is locked while a number is taken, so none is skipped."""

    series = models.CharField(_("series"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="shop_invoicecounter_unique")]

    def __str__(self) -> str:
        return f"{self.series}-{self.year}: {self.last_number}"


class Invoice(models.Model):
    """An invoice (or a credit note for a refund) with its own sequential number; amounts are a snapshot."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("order"))
    kind = models.CharField(_("kind"), max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    number = models.CharField(_("invoice number"), max_length=30, unique=True)
    sequence = models.PositiveIntegerField(_("sequence"))
    year = models.PositiveSmallIntegerField(_("year"))
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    total = models.DecimalField(_("total (EUR)"), max_digits=10, decimal_places=2)
    vat_total = models.DecimalField(_("VAT (EUR)"), max_digits=10, decimal_places=2)
    # The lines, VAT breakdown and seller as printed, so a later change of settings never alters an invoice.
    data = models.JSONField(_("contents"), default=dict)
    refund = models.OneToOneField(
        "Refund",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
        verbose_name=_("refund"),
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=models.Q(kind="invoice"), name="shop_invoice_one_per_order"
            ),
            models.UniqueConstraint(fields=["kind", "year", "sequence"], name="shop_invoice_sequence_unique"),
        ]

    def __str__(self) -> str:
        return self.number


class ReturnStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    REFUNDED = "refunded", _("Refunded")


class ReturnReason(models.TextChoices):
    CHANGED_MIND = "changed_mind", _("I changed my mind (withdrawal)")
    WRONG_SIZE = "wrong_size", _("Wrong size")
    DAMAGED = "damaged", _("Arrived damaged")
    NOT_AS_DESCRIBED = "not_as_described", _("Not as described")
    OTHER = "other", _("Other")


class ReturnRequest(models.Model):
    """A buyer's withdrawal or return: which lines, how many, why; staff approve or reject it."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="returns", verbose_name=_("order"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.REQUESTED, db_index=True
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReturnReason.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    previous_status = models.CharField(_("status before"), max_length=20, choices=OrderStatus.choices)
    staff_note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("return")
        verbose_name_plural = _("returns")

    def __str__(self) -> str:
        return f"{self.order} return {self.pk}"

    @property
    def is_requested(self) -> bool:
        """Waiting for staff to approve or reject it."""
        return self.status == ReturnStatus.REQUESTED

    @property
    def is_approved(self) -> bool:
        """Approved, its refund not (yet) through."""
        return self.status == ReturnStatus.APPROVED


class ReturnLine(models.Model):
    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines", verbose_name=_("return")
    )
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="+", verbose_name=_("order line"))
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["id"]
        verbose_name = _("returned item")
        verbose_name_plural = _("returned items")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line_id}"


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("Being sent to the payment provider")
    SUCCEEDED = "succeeded", _("Refunded")
    FAILED = "failed", _("Failed")


class Refund(models.Model):
    """Money given back through Stripe, claimed before the call and settled after it (never under a lock)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("order"))
    return_request = models.ForeignKey(
        ReturnRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="refunds",
        verbose_name=_("return"),
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    shipping_amount = models.DecimalField(
        _("shipping refunded (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING, db_index=True
    )
    stripe_refund_id = models.CharField(_("Stripe refund"), max_length=255, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # Sold-out lines leave the order when it is paid, before their money goes back (services/refunds.py).
    items_withdrawn = models.BooleanField(_("items already taken off the order"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    settled_at = models.DateTimeField(_("settled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")

    def __str__(self) -> str:
        return f"{self.order} refund {self.amount}"

    @property
    def is_pending(self) -> bool:
        """Claimed but not settled with Stripe yet (an interrupted refund staff can retry)."""
        return self.status == RefundStatus.PENDING


class RefundLine(models.Model):
    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines", verbose_name=_("refund"))
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.PROTECT, related_name="refund_lines", verbose_name=_("order line")
    )
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1)])
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["id"]
        verbose_name = _("refunded item")
        verbose_name_plural = _("refunded items")

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line_id}"


class StripeEvent(models.Model):
    """Every webhook event handled, so each one takes effect once."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    order = models.ForeignKey(
        Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("order")
    )
    result = models.CharField(_("result"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class SupporterAccess(models.Model):
    """A member who said "I'd buy it" gets early access when the product launches."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="supporter_access", verbose_name=_("product")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("supporter access")
        verbose_name_plural = _("supporter access")
        constraints = [models.UniqueConstraint(fields=["product", "user"], name="shop_supporter_access_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.product_id}"


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("product"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("author")
    )
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("verified purchase")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(_("review"), max_length=5000)
    photo = models.ImageField(_("photo"), upload_to="reviews/%Y/%m/", blank=True)
    answer = models.TextField(_("maker's answer"), blank=True, max_length=3000)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["product", "author"], name="shop_review_once_per_product"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="shop_review_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}★ {self.product}"


class Favourite(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favourites", verbose_name=_("member")
    )
    design = models.ForeignKey(
        "designs.Design", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("design")
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("product")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("favourite")
        verbose_name_plural = _("favourites")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(design__isnull=False, product__isnull=True)
                    | models.Q(design__isnull=True, product__isnull=False)
                ),
                name="shop_favourite_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "design"], condition=models.Q(design__isnull=False), name="shop_favourite_design_once"
            ),
            models.UniqueConstraint(
                fields=["user", "product"],
                condition=models.Q(product__isnull=False),
                name="shop_favourite_product_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ♥ {self.design_id or self.product_id}"


# ---------------------------------------------------------------------------
# Shipping, addresses
# ---------------------------------------------------------------------------
def validate_country_codes(value: str) -> None:
    from shop.countries import COUNTRIES

    codes = parse_country_codes(value)
    unknown = [code for code in codes if code not in COUNTRIES]
    if unknown:
        raise ValidationError(
            _("Unknown or unsupported country codes: %(codes)s. Use two-letter codes such as DE, AT, FR.")
            % {"codes": ", ".join(unknown)}
        )
    if not codes:
        raise ValidationError(_("Name at least one country."))


def parse_country_codes(value: str) -> list[str]:
    return [
        part.strip().upper() for part in (value or "").replace(";", ",").replace(" ", ",").split(",") if part.strip()
    ]


class ShippingZone(models.Model):
    """Countries that share shipping methods and rates (Germany; EU; rest of Europe; world)."""

    name = models.CharField(_("name"), max_length=80)
    countries = models.CharField(
        _("countries"),
        max_length=400,
        validators=[validate_country_codes],
        help_text=_("Two-letter country codes separated by commas, e.g. “AT, BE, FR”. A country belongs to one zone."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = [FieldPanel("name"), FieldPanel("countries"), FieldPanel("position")]

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("shipping zone")
        verbose_name_plural = _("shipping zones")

    def __str__(self) -> str:
        return self.name

    @property
    def country_codes(self) -> list[str]:
        return parse_country_codes(self.countries)

    def clean(self) -> None:
        taken = {}
        for zone in ShippingZone.objects.exclude(pk=self.pk):
            for code in zone.country_codes:
                taken[code] = zone.name
        clash = [f"{code} ({taken[code]})" for code in parse_country_codes(self.countries) if code in taken]
        if clash:
            raise ValidationError({"countries": _("Already in another zone: %(codes)s.") % {"codes": ", ".join(clash)}})
        self.countries = ", ".join(parse_country_codes(self.countries))


class ShippingMethod(ClusterableModel):
    """One way to ship into a zone (standard, express), with its rates per product type."""

    zone = models.ForeignKey(ShippingZone, on_delete=models.CASCADE, related_name="methods", verbose_name=_("zone"))
    name = models.CharField(_("name"), max_length=80, help_text=_("Shown to buyers, e.g. “Standard (DHL)”."))
    delivery_days_min = models.PositiveSmallIntegerField(_("delivery from (working days)"), default=2)
    delivery_days_max = models.PositiveSmallIntegerField(_("delivery up to (working days)"), default=4)
    free_shipping_threshold = models.DecimalField(
        _("free shipping from (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Goods value (what the buyer pays for the items) from which this method is free. Empty: never."),
    )
    is_active = models.BooleanField(_("offered"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = [
        FieldPanel("zone"),
        FieldPanel("name"),
        FieldPanel("delivery_days_min"),
        FieldPanel("delivery_days_max"),
        FieldPanel("free_shipping_threshold"),
        FieldPanel("is_active"),
        FieldPanel("position"),
        InlinePanel("rates", label=_("Rates by product type"), min_num=1),
    ]

    class Meta:
        ordering = ["zone__position", "position", "id"]
        verbose_name = _("shipping method")
        verbose_name_plural = _("shipping methods")

    def __str__(self) -> str:
        return f"{self.zone} – {self.name}"

    def clean(self) -> None:
        if self.delivery_days_min > self.delivery_days_max:
            raise ValidationError({"delivery_days_max": _("Must not be less than the first day.")})


class ShippingRate(models.Model):
    """What shipping costs in a method for one product type (or for every type without its own rate)."""

    method = ParentalKey(ShippingMethod, on_delete=models.CASCADE, related_name="rates", verbose_name=_("method"))
    product_type = models.CharField(
        _("product type"),
        max_length=20,
        choices=ProductType.choices,
        blank=True,
        help_text=_("Empty: every product type without a rate of its own."),
    )
    first_item = models.DecimalField(
        _("first item (EUR, incl. German VAT)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    additional_item = models.DecimalField(
        _("each further item (EUR, incl. German VAT)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    panels = [FieldPanel("product_type"), FieldPanel("first_item"), FieldPanel("additional_item")]

    class Meta:
        ordering = ["product_type", "id"]
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        constraints = [
            models.UniqueConstraint(fields=["method", "product_type"], name="shop_shippingrate_one_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.method}: {self.get_product_type_display() or '*'}"


class Address(models.Model):
    """A member's saved delivery address (orders keep their own copy)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("member")
    )
    name = models.CharField(_("full name"), max_length=200)
    company = models.CharField(_("company (optional)"), max_length=200, blank=True)
    line1 = models.CharField(_("street and number"), max_length=200)
    line2 = models.CharField(_("address line 2 (optional)"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20)
    city = models.CharField(_("city"), max_length=120)
    region = models.CharField(_("state / region"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2)
    phone = models.CharField(_("phone (optional)"), max_length=40, blank=True)
    is_default = models.BooleanField(_("default address"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-is_default", "-created_at", "-id"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(is_default=True), name="shop_address_one_default"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.line1}, {self.postcode} {self.city}, {self.country}"


@register_setting(icon="tag")
class ShopRules(BaseSiteSetting):
    """Shop rules editors may tune in the admin (Settings → Shop rules)."""

    royalty_share_default = models.DecimalField(
        _("default royalty share"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.150"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Offered when a product is made from a design: 0.15 means 15 % of the price incl. VAT."),
    )

    supporter_window_hours = models.PositiveIntegerField(
        _("early access for supporters (hours)"),
        default=48,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_(
            'When a product goes on sale, members who said "I\'d buy it" may buy it this long before '
            "everyone else. 0 turns early access off."
        ),
    )
    default_manufacturer = models.TextField(
        _("default manufacturer"),
        default="Commonmade Print GmbH, Musterstraße 12, 10115 Berlin, Germany, safety@commonmade.example",
        help_text=_("A new product starts with this manufacturer (EU product safety, shown on product pages)."),
    )
    delivery_days_in_stock_min = models.PositiveSmallIntegerField(_("in stock: fewest working days"), default=2)
    delivery_days_in_stock_max = models.PositiveSmallIntegerField(_("in stock: most working days"), default=4)
    delivery_days_made_to_order_min = models.PositiveSmallIntegerField(
        _("made to order: fewest working days"), default=5
    )
    delivery_days_made_to_order_max = models.PositiveSmallIntegerField(
        _("made to order: most working days"), default=10
    )

    panels = [
        FieldPanel("royalty_share_default"),
        FieldPanel("supporter_window_hours"),
        FieldPanel("default_manufacturer"),
        MultiFieldPanel(
            [
                FieldPanel("delivery_days_in_stock_min"),
                FieldPanel("delivery_days_in_stock_max"),
                FieldPanel("delivery_days_made_to_order_min"),
                FieldPanel("delivery_days_made_to_order_max"),
            ],
            heading=_("Delivery estimates shown with products"),
        ),
    ]

    class Meta:
        verbose_name = _("shop rules")

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.delivery_days_in_stock_min > self.delivery_days_in_stock_max:
            errors["delivery_days_in_stock_max"] = _("At least the fewest days.")
        if self.delivery_days_made_to_order_min > self.delivery_days_made_to_order_max:
            errors["delivery_days_made_to_order_max"] = _("At least the fewest days.")
        if errors:
            raise ValidationError(errors)

    @property
    def delivery_days_in_stock(self) -> tuple[int, int]:
        return (self.delivery_days_in_stock_min, self.delivery_days_in_stock_max)

    @property
    def delivery_days_made_to_order(self) -> tuple[int, int]:
        return (self.delivery_days_made_to_order_min, self.delivery_days_made_to_order_max)


@register_setting(icon="doc-full")
class SellerDetails(BaseSiteSetting):
    """The seller printed on invoices and order emails (Settings → Seller details)."""

    name = models.CharField(_("name"), max_length=200, default="Commonmade GmbH")
    address = models.TextField(
        _("address"), default="Musterstraße 1\n10115 Berlin\nGermany", help_text=_("One line per address line.")
    )
    vat_id = models.CharField(_("VAT ID"), max_length=40, default="DE123456789")
    register = models.CharField(
        _("commercial register"), max_length=200, blank=True, default="Amtsgericht Berlin-Charlottenburg HRB 000000"
    )
    email = models.EmailField(_("email"), default="orders@commonmade.example")

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("vat_id"),
        FieldPanel("register"),
        FieldPanel("email"),
    ]

    class Meta:
        verbose_name = _("seller details")

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]
