from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

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
    CANCELED = "canceled", _("Canceled")
    REFUNDED = "refunded", _("Refunded")


# An order only moves forward: a lower rank never replaces a higher one.
ORDER_RANK = {
    OrderStatus.PENDING: 0,
    OrderStatus.FAILED: 0,
    OrderStatus.AUTHORIZED: 1,
    OrderStatus.PAID: 2,
    OrderStatus.CANCELED: 3,
    OrderStatus.REFUNDED: 3,
}


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
        _("status"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.PENDING, db_index=True
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
    note = models.TextField(_("note for the buyer"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("shop:order_detail", kwargs={"number": self.number})

    @property
    def total_cents(self) -> int:
        return to_cents(self.total)

    @property
    def is_payable(self) -> bool:
        return self.status in (OrderStatus.PENDING, OrderStatus.FAILED)


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
