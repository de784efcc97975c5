"""Every change in the shop happens here: products, carts, orders, payments, campaigns, reviews, favourites."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

import stripe
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.models import User
from community.notifications import notify
from community.services import activity_record, notify_followers, trust_record
from core.money import format_money
from designs.models import Design, DesignState
from designs.services import design_put_on_sale, is_editor
from designs.validation import clean_design_image
from shop import payments
from shop.cart import MemberCart, SessionCart
from shop.models import (
    ORDER_RANK,
    Campaign,
    CampaignStatus,
    Favourite,
    Order,
    OrderLine,
    OrderStatus,
    Product,
    ProductStatus,
    ProductVariant,
    Review,
    StripeEvent,
    SupporterAccess,
    to_cents,
)
from shop.selectors import campaign_units, cart_summary, is_supporter, review_eligible_line, running_campaign
from shop.signals import order_paid, order_refunded, product_status_changed
from voting.selectors import would_buy_supporter_ids

logger = logging.getLogger(__name__)

PRODUCT_SOURCE_STATES = (DesignState.SELECTED, DesignState.IN_PRODUCTION, DesignState.ON_SALE)


class ShopError(ValidationError):
    """A refusal with a message meant for the person who asked."""


# ---------------------------------------------------------------------------
# Products
# ---------------------------------------------------------------------------
def _unique_product_slug(title: str) -> str:
    base = slugify(title)[:140] or "product"
    candidate, n = base, 2
    while Product.objects.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _would_buy_supporter_ids(design: Design) -> list[int]:
    return list(would_buy_supporter_ids(design=design))


@transaction.atomic
def product_create(
    *,
    design: Design,
    actor: User,
    title: str,
    product_type: str,
    price: Decimal,
    variants: Sequence[dict],
    description: str = "",
    royalty_share: Decimal | None = None,
    made_to_order: bool = False,
    publish: bool = False,
) -> Product:
    """An editor turns a crowd-chosen design into a product with its variants."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can create products."))
    if design.state not in PRODUCT_SOURCE_STATES:
        raise ShopError(_("Only selected designs can become products."))
    if not variants:
        raise ShopError({"variants": _("Add at least one variant with a SKU.")})
    skus = [v["sku"].strip() for v in variants]
    if any(not sku for sku in skus):
        raise ShopError({"variants": _("Every variant needs a SKU.")})
    if len(set(skus)) != len(skus) or ProductVariant.objects.filter(sku__in=skus).exists():
        raise ShopError({"variants": _("Each SKU must be unique; one of these is already in use.")})
    if royalty_share is None:
        royalty_share = Decimal(str(settings.ROYALTY_SHARE_DEFAULT))
    product = Product(
        design=design,
        title=title.strip(),
        slug=_unique_product_slug(title),
        product_type=product_type,
        description=description,
        price=price,
        royalty_share=royalty_share,
        made_to_order=made_to_order,
        created_by=actor,
    )
    product.full_clean()
    product.save()
    for position, data in enumerate(variants):
        stock = int(data.get("stock") or 0)
        if stock < 0:
            raise ShopError({"variants": _("Stock cannot be negative.")})
        ProductVariant.objects.create(
            product=product,
            size=data.get("size", "").strip(),
            colour=data.get("colour", "").strip(),
            sku=data["sku"].strip(),
            stock=stock,
            position=position,
        )
    if publish:
        product = product_publish(product=product, actor=actor)
    return product


@transaction.atomic
def product_publish(*, product: Product, actor: User) -> Product:
    """Put the product on sale, move its design to on_sale and open the supporters' launch window."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can publish products."))
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == ProductStatus.ON_SALE:
        return product
    if not product.variants.exists():
        raise ShopError(_("A product needs at least one variant before it goes on sale."))
    design = product.design
    if design.state in (DesignState.SELECTED, DesignState.IN_PRODUCTION):
        design_put_on_sale(design=design, actor=actor, trusted=True)
    elif design.state != DesignState.ON_SALE:
        raise ShopError(_("The design is no longer selected; it cannot go on sale."))
    now = timezone.now()
    product.status = ProductStatus.ON_SALE
    product.published_at = now
    supporter_ids = [pk for pk in _would_buy_supporter_ids(design) if pk]
    if supporter_ids and settings.SHOP_SUPPORTER_WINDOW_HOURS > 0:
        product.supporter_window_ends_at = now + timedelta(hours=settings.SHOP_SUPPORTER_WINDOW_HOURS)
        SupporterAccess.objects.bulk_create(
            [SupporterAccess(product=product, user_id=pk) for pk in supporter_ids], ignore_conflicts=True
        )
        for user in User.objects.filter(pk__in=supporter_ids, is_active=True):
            notify(
                recipient=user,
                kind="shop_supporter_launch",
                title=_("“%(title)s” is on sale: you get early access") % {"title": product.title},
                body=_(
                    "You said you would buy “%(design)s”. It is now a product, and for the next %(hours)s hours "
                    "only supporters like you can order it."
                )
                % {"design": design.title, "hours": settings.SHOP_SUPPORTER_WINDOW_HOURS},
                url=product.get_absolute_url(),
            )
    product.save()
    maker = design.maker
    transaction.on_commit(lambda: _announce_product(product, maker))
    return product


def _announce_product(product: Product, maker: User) -> None:
    activity_record(actor=maker, verb="product_on_sale", target=product)
    notify_followers(
        maker=maker,
        title=_("New in the shop from %(maker)s: “%(title)s”") % {"maker": maker.public_name, "title": product.title},
        url=product.get_absolute_url(),
        kind="followed_maker",
    )


@transaction.atomic
def product_retire(*, product: Product, actor: User) -> Product:
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can retire products."))
    Product.objects.filter(pk=product.pk).update(status=ProductStatus.RETIRED)
    product.refresh_from_db()
    transaction.on_commit(lambda: product_status_changed.send(sender=Product, product=product))
    return product


@transaction.atomic
def campaign_start(*, product: Product, actor: User, goal_units: int, ends_at: datetime) -> Campaign:
    """A pre-order drop; at most SHOP_CAMPAIGN_MAX_DAYS long because card authorisations expire."""
    if not is_editor(actor):
        raise PermissionDenied(_("Only editors can start campaigns."))
    now = timezone.now()
    if goal_units < 1:
        raise ShopError({"goal_units": _("The goal must be at least one unit.")})
    if ends_at <= now:
        raise ShopError({"ends_at": _("The deadline must be in the future.")})
    if ends_at - now > timedelta(days=settings.SHOP_CAMPAIGN_MAX_DAYS):
        raise ShopError(
            {
                "ends_at": _("A campaign runs at most %(days)s days: card authorisations expire after that.")
                % {"days": settings.SHOP_CAMPAIGN_MAX_DAYS}
            }
        )
    product = Product.objects.select_for_update().get(pk=product.pk)
    if running_campaign(product=product):
        raise ShopError(_("This product already runs a campaign."))
    if not product.made_to_order:
        product.made_to_order = True
        product.save(update_fields=["made_to_order"])
    return Campaign.objects.create(product=product, goal_units=goal_units, starts_at=now, ends_at=ends_at)


# ---------------------------------------------------------------------------
# Cart
# ---------------------------------------------------------------------------
def parse_quantity(raw, *, allow_zero: bool = False) -> int:
    low = 0 if allow_zero else 1
    message = _("Please choose a quantity between %(low)s and %(high)s.") % {
        "low": low,
        "high": settings.SHOP_MAX_QUANTITY,
    }
    try:
        quantity = int(str(raw).strip())
    except (TypeError, ValueError):
        raise ShopError({"quantity": message}) from None
    if not low <= quantity <= settings.SHOP_MAX_QUANTITY:
        raise ShopError({"quantity": message})
    return quantity


def _variant_for_sale(raw_id, *, user) -> ProductVariant:
    try:
        variant_id = int(str(raw_id))
    except (TypeError, ValueError):
        variant_id = None
    variant = ProductVariant.objects.select_related("product").filter(pk=variant_id).first() if variant_id else None
    if variant is None or not variant.product.is_on_sale:
        raise ShopError({"variant": _("This item does not exist or is no longer for sale.")})
    product = variant.product
    if product.in_supporter_window() and not is_supporter(product=product, user=user):
        raise ShopError(
            {
                "variant": _("Supporters of this design have early access until %(when)s. Please come back then.")
                % {"when": timezone.localtime(product.supporter_window_ends_at).strftime("%d.%m.%Y %H:%M")}
            }
        )
    campaign = running_campaign(product=product)
    if product.campaigns.exists() and (campaign is None or not campaign.is_open()):
        raise ShopError({"variant": _("This pre-order campaign is closed.")})
    return variant


def _check_price(variant: ProductVariant, claimed_price) -> None:
    """The price is the server's; a request claiming another one is refused, not obeyed."""
    if claimed_price in (None, ""):
        return
    try:
        claimed = Decimal(str(claimed_price).replace(",", "."))
    except InvalidOperation:
        claimed = None
    if claimed != variant.product.price:
        raise ShopError(
            {"price": _("The price sent does not match the shop's price. Please reload the page and try again.")}
        )


def _check_stock(variant: ProductVariant, quantity: int) -> None:
    if not variant.available(quantity):
        if variant.stock == 0:
            raise ShopError({"quantity": _("Sorry, this item is sold out.")})
        raise ShopError({"quantity": _("Only %(n)s left in stock.") % {"n": variant.stock}})


def cart_add(
    *, cart: SessionCart | MemberCart, user, variant_id, quantity, claimed_price=None
) -> tuple[ProductVariant, int]:
    """Add units of a variant; returns the variant and its new quantity in the cart."""
    quantity = parse_quantity(quantity)
    with transaction.atomic():
        cart.lock()
        variant = _variant_for_sale(variant_id, user=user)
        _check_price(variant, claimed_price)
        new_quantity = cart.items().get(variant.pk, 0) + quantity
        if new_quantity > settings.SHOP_MAX_QUANTITY:
            raise ShopError({"quantity": _("At most %(n)s of one item per order.") % {"n": settings.SHOP_MAX_QUANTITY}})
        _check_stock(variant, new_quantity)
        cart.set(variant.pk, new_quantity)
    return variant, new_quantity


def cart_update(*, cart: SessionCart | MemberCart, user, variant_id, quantity) -> int:
    """Set a line's quantity; 0 removes it."""
    quantity = parse_quantity(quantity, allow_zero=True)
    with transaction.atomic():
        cart.lock()
        try:
            vid = int(str(variant_id))
        except (TypeError, ValueError):
            vid = None
        if vid not in cart.items():
            raise ShopError({"variant": _("This item is not in your cart.")})
        if quantity:
            variant = _variant_for_sale(vid, user=user)
            _check_stock(variant, quantity)
        cart.set(vid, quantity)
    return quantity


def cart_merge(*, session_items: dict[int, int], user: User) -> int:
    """At login the visitor's cart joins the member's; quantities stay within stock and limits."""
    if not session_items:
        return 0
    cart = MemberCart(user)
    merged = 0
    with transaction.atomic():
        cart.lock()
        existing = cart.items()
        variants = ProductVariant.objects.select_related("product").in_bulk(list(session_items))
        for vid, qty in session_items.items():
            variant = variants.get(vid)
            if variant is None or not variant.product.is_on_sale:
                continue
            total = min(existing.get(vid, 0) + qty, settings.SHOP_MAX_QUANTITY)
            if not variant.product.made_to_order:
                total = min(total, variant.stock)
            if total > 0:
                cart.set(vid, total)
                merged += 1
    return merged


# ---------------------------------------------------------------------------
# Orders and payment
# ---------------------------------------------------------------------------
def order_create(*, user: User, cart: MemberCart, referrer: User | None = None) -> Order:
    """A pending order with its lines and price snapshot, before any payment; then its PaymentIntent.

    `referrer`: the member whose shared link brought the buyer (never the buyer themself).
    """
    if referrer is not None and (referrer.pk == user.pk or not referrer.is_active):
        referrer = None
    with transaction.atomic():
        cart.lock()
        summary = cart_summary(items=cart.items())
        if not summary.lines:
            raise ShopError(_("Your cart is empty."))
        campaign = None
        products = {line.product.pk for line in summary.lines}
        for line in summary.lines:
            variant = _variant_for_sale(line.variant.pk, user=user)
            _check_stock(variant, line.quantity)
            open_campaign = running_campaign(product=variant.product)
            if open_campaign:
                if len(products) > 1:
                    raise ShopError(
                        _("Pre-orders are checked out on their own. Please order “%(title)s” separately.")
                        % {"title": variant.product.title}
                    )
                campaign = open_campaign
        order = Order.objects.create(
            user=user, email=user.email, total=summary.total, campaign=campaign, referrer=referrer
        )
        OrderLine.objects.bulk_create(
            [
                OrderLine(
                    order=order,
                    product=line.product,
                    variant=line.variant,
                    title=f"{line.product.title} – {line.variant.label}",
                    sku=line.variant.sku,
                    unit_price=line.unit_price,
                    quantity=line.quantity,
                    royalty_share=line.product.royalty_share,
                )
                for line in summary.lines
            ]
        )
        cart.clear()
    order_ensure_intent(order=order)
    return order


def order_ensure_intent(*, order: Order) -> Order:
    """Create the order's PaymentIntent once; a retry reuses the same idempotency key."""
    if order.payment_intent_id:
        return order
    intent = payments.intent_create(
        amount_cents=order.total_cents,
        order_number=order.number,
        manual_capture=order.campaign_id is not None,
        idempotency_key=f"order-{order.number}-intent",
    )
    Order.objects.filter(pk=order.pk, payment_intent_id__isnull=True).update(payment_intent_id=intent.id)
    order.refresh_from_db()
    return order


def order_client_secret(*, order: Order) -> str:
    return payments.intent_retrieve(order.payment_intent_id).client_secret


def _refuse_unpayable(order: Order) -> None:
    if order.status in (OrderStatus.PAID, OrderStatus.REFUNDED):
        raise ShopError(_("This order is already paid."))
    if order.status == OrderStatus.AUTHORIZED:
        raise ShopError(_("This pre-order is already authorised; you will be charged if the campaign succeeds."))
    if order.status == OrderStatus.CANCELED:
        raise ShopError(_("This order was canceled and cannot be paid."))
    if order.campaign_id and not order.campaign.is_open():
        raise ShopError(_("This pre-order campaign is closed."))


def order_check_payable(*, order: Order) -> None:
    _refuse_unpayable(order)


def order_test_pay(*, order: Order, user: User, payment_method: str = "pm_card_visa") -> Order:
    """Confirm with a Stripe test card on the server: test keys only (localstripe, CI, demos)."""
    if not payments.test_payments_enabled():
        raise PermissionDenied(_("Test payments are switched off."))
    if order.user_id != user.pk:
        raise PermissionDenied(_("This is not your order."))
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=order.pk)
        _refuse_unpayable(order)
        order = order_ensure_intent(order=order)
        try:
            intent = payments.intent_test_confirm(
                intent_id=order.payment_intent_id,
                idempotency_key=f"order-{order.number}-confirm-{payment_method}",
                payment_method=payment_method,
            )
            status = intent.status
        except stripe.CardError:
            status = "requires_payment_method"
    return order_apply_intent_status(order_id=order.pk, status=status)


def order_apply_intent_status(*, order_id: int, status: str) -> Order:
    if status == "succeeded":
        return order_mark_paid(order_id=order_id)
    if status == "requires_capture":
        return order_mark_authorized(order_id=order_id)
    if status == "canceled":
        return order_mark_canceled(order_id=order_id)
    if status == "requires_payment_method":
        return order_mark_failed(order_id=order_id)
    return Order.objects.get(pk=order_id)


def _moves_forward(order: Order, to: str) -> bool:
    return ORDER_RANK[to] > ORDER_RANK[order.status] or (
        order.status == OrderStatus.PENDING and to == OrderStatus.FAILED
    )


def order_mark_paid(*, order_id: int) -> Order:
    """Paid once: stock goes down atomically, oversold lines are refunded, the buyer and the makers hear of it."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if not _moves_forward(order, OrderStatus.PAID):
            return order
        oversold = []
        for line in order.lines.select_related("product"):
            if line.product.made_to_order:
                continue
            # Never below zero: the update only applies while enough stock is left.
            taken = ProductVariant.objects.filter(pk=line.variant_id, stock__gte=line.quantity).update(
                stock=F("stock") - line.quantity
            )
            if not taken:
                oversold.append(line)
        now = timezone.now()
        order.status = OrderStatus.PAID
        order.paid_at = now
        order.closed_at = None
        if oversold:
            amount = sum((line.line_total for line in oversold), Decimal("0"))
            payments.refund_create(
                intent_id=order.payment_intent_id,
                amount_cents=to_cents(amount),
                idempotency_key=f"order-{order.number}-oversold",
            )
            for line in oversold:
                line.refunded_quantity = line.quantity
                line.save(update_fields=["refunded_quantity"])
            order.refunded_amount = max(order.refunded_amount, amount)
            titles = ", ".join(line.title for line in oversold)
            order.note = _(
                "Sorry: %(titles)s sold out while you were paying. We refunded %(amount)s for it to your card."
            ) % {"titles": titles, "amount": format_money(amount)}
            if amount >= order.total:
                order.status = OrderStatus.REFUNDED
                order.closed_at = now
        order.save()
        _send_confirmation(order)
        if order.status == OrderStatus.PAID:
            transaction.on_commit(lambda: order_paid.send(sender=Order, order=order))
            if order.user_id:
                buyer = order.user
                transaction.on_commit(lambda: trust_record(user=buyer, event="purchase"))
    return order


def _send_confirmation(order: Order) -> None:
    lines = "\n".join(
        f"{line.kept_quantity} × {line.title} ({line.sku}) – {format_money(line.unit_price)}"
        for line in order.lines.all()
        if line.kept_quantity
    )
    body = _("Thank you! We received your payment for order %(number)s.") % {"number": order.number}
    body += (
        "\n\n" + lines + "\n\n" + _("Total: %(total)s") % {"total": format_money(order.total - order.refunded_amount)}
    )
    if order.note:
        body += "\n\n" + order.note
    notify(
        recipient=order.user,
        kind="shop_order_paid",
        title=_("Order %(number)s is paid") % {"number": order.number},
        body=body,
        url=order.get_absolute_url(),
        send_email=False,
    )
    recipient, subject = order.email, _("[Commonmade] Order confirmation %(number)s") % {"number": order.number}
    transaction.on_commit(lambda: send_mail(subject=subject, message=body, from_email=None, recipient_list=[recipient]))


def order_mark_authorized(*, order_id: int) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if _moves_forward(order, OrderStatus.AUTHORIZED):
            order.status = OrderStatus.AUTHORIZED
            order.save(update_fields=["status"])
    return order


def order_mark_failed(*, order_id: int) -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if _moves_forward(order, OrderStatus.FAILED):
            order.status = OrderStatus.FAILED
            order.save(update_fields=["status"])
    return order


def order_mark_canceled(*, order_id: int, reason: str = "") -> Order:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status in (OrderStatus.PENDING, OrderStatus.FAILED, OrderStatus.AUTHORIZED):
            order.status = OrderStatus.CANCELED
            order.closed_at = timezone.now()
            if reason:
                order.note = reason
            order.save(update_fields=["status", "closed_at", "note"])
    return order


def order_record_refund(*, order_id: int, amount_refunded_cents: int) -> Order:
    """Refunds only add up: a late or repeated event never lowers what was refunded."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status not in (OrderStatus.PAID, OrderStatus.REFUNDED):
            return order
        amount = Decimal(amount_refunded_cents) / 100
        if amount <= order.refunded_amount:
            return order
        order.refunded_amount = amount
        fully = amount >= order.total and order.status == OrderStatus.PAID
        if fully:
            order.status = OrderStatus.REFUNDED
            order.closed_at = timezone.now()
        order.save(update_fields=["refunded_amount", "status", "closed_at"])
        if fully:
            transaction.on_commit(lambda: order_refunded.send(sender=Order, order=order))
    return order


HANDLED_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.amount_capturable_updated",
    "charge.refunded",
}


def webhook_handle(*, payload: bytes, signature: str | None) -> tuple[int, str]:
    """Verify, record and apply one Stripe event, once. Returns (HTTP status, message)."""
    try:
        event = stripe.Webhook.construct_event(payload, signature or "", settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Stripe webhook with a bad signature refused")
        return 400, "invalid signature"
    if event.type not in HANDLED_EVENTS:
        return 200, "ignored"
    obj = event.data.object
    intent_id = obj.id if event.type.startswith("payment_intent.") else getattr(obj, "payment_intent", None)
    if intent_id is not None and not isinstance(intent_id, str):  # expanded object
        intent_id = intent_id.id
    order = Order.objects.filter(payment_intent_id=intent_id).first() if intent_id else None
    if order is None:
        logger.warning("Stripe event %s (%s) for unknown payment %s", event.id, event.type, intent_id)
        return 200, "unknown order"
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeEvent.objects.create(event_id=event.id, type=event.type, order=order)
        except IntegrityError:
            return 200, "already handled"
        if event.type == "payment_intent.succeeded":
            if int(obj.amount) != order.total_cents:
                logger.error("Order %s: paid amount %s does not match %s", order.number, obj.amount, order.total)
                record.result = "amount mismatch"
            else:
                order = order_mark_paid(order_id=order.pk)
        elif event.type == "payment_intent.amount_capturable_updated":
            order = order_mark_authorized(order_id=order.pk)
        elif event.type == "payment_intent.payment_failed":
            order = order_mark_failed(order_id=order.pk)
        elif event.type == "payment_intent.canceled":
            order = order_mark_canceled(order_id=order.pk)
        elif event.type == "charge.refunded":
            order = order_record_refund(order_id=order.pk, amount_refunded_cents=int(obj.amount_refunded))
        record.result = record.result or order.status
        record.save(update_fields=["result"])
    return 200, record.result


# ---------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------
def campaign_close(*, campaign: Campaign) -> str:
    """Goal reached: capture every authorisation. Missed: cancel them all; nobody is charged. Safe to rerun."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update(of=("self",)).select_related("product").get(pk=campaign.pk)
        if campaign.status != CampaignStatus.RUNNING:
            return campaign.status
        if not campaign.outcome:
            reached = campaign_units(campaign=campaign) >= campaign.goal_units
            campaign.outcome = CampaignStatus.SUCCEEDED if reached else CampaignStatus.FAILED
            campaign.save(update_fields=["outcome"])
    open_states = (OrderStatus.PENDING, OrderStatus.FAILED, OrderStatus.AUTHORIZED)
    for order in campaign.orders.filter(status__in=open_states).order_by("id"):
        _close_campaign_order(campaign, order)
    with transaction.atomic():
        Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.RUNNING).update(
            status=campaign.outcome, closed_at=timezone.now()
        )
    return campaign.outcome


def _close_campaign_order(campaign: Campaign, order: Order) -> None:
    title = campaign.product.title
    if campaign.outcome == CampaignStatus.SUCCEEDED and order.status == OrderStatus.AUTHORIZED:
        intent = payments.intent_capture(
            intent_id=order.payment_intent_id, idempotency_key=f"order-{order.number}-capture"
        )
        order_apply_intent_status(order_id=order.pk, status=intent.status)
        return
    if order.payment_intent_id:
        current = payments.intent_retrieve(order.payment_intent_id)
        if current.status not in ("canceled", "succeeded"):
            payments.intent_cancel(intent_id=order.payment_intent_id, idempotency_key=f"order-{order.number}-cancel")
    if campaign.outcome == CampaignStatus.SUCCEEDED:
        reason = _("The pre-order for “%(title)s” closed before your payment went through.") % {"title": title}
    else:
        reason = _("The pre-order campaign for “%(title)s” did not reach its goal. Your card was not charged.") % {
            "title": title
        }
    with transaction.atomic():
        was_authorized = order.status == OrderStatus.AUTHORIZED
        order = order_mark_canceled(order_id=order.pk, reason=reason)
        if was_authorized and order.status == OrderStatus.CANCELED:
            notify(
                recipient=order.user,
                kind="shop_campaign_failed",
                title=_("Pre-order canceled: %(title)s") % {"title": title},
                body=reason,
                url=order.get_absolute_url(),
            )


def campaigns_close_due(*, now: datetime | None = None) -> list[tuple[int, str]]:
    now = now or timezone.now()
    results = []
    for campaign in Campaign.objects.filter(status=CampaignStatus.RUNNING, ends_at__lte=now).order_by("ends_at"):
        results.append((campaign.pk, campaign_close(campaign=campaign)))
    return results


# ---------------------------------------------------------------------------
# Account: buy again, favourites
# ---------------------------------------------------------------------------
def order_buy_again(*, order: Order, user: User, cart: MemberCart) -> tuple[int, list[str]]:
    """Put the order's items back in the cart; returns how many were added and what was not available."""
    if order.user_id != user.pk:
        raise PermissionDenied(_("This is not your order."))
    added, skipped = 0, []
    for line in order.lines.all():
        try:
            cart_add(cart=cart, user=user, variant_id=line.variant_id, quantity=line.quantity)
            added += 1
        except ShopError:
            skipped.append(line.title)
    return added, skipped


def favourite_toggle(*, user: User, design: Design | None = None, product: Product | None = None) -> bool:
    """Returns True when the item is now a favourite."""
    if (design is None) == (product is None):
        raise ShopError(_("Choose a design or a product."))
    lookup = {"design": design} if design is not None else {"product": product}
    with transaction.atomic():
        deleted, _unused = Favourite.objects.filter(user=user, **lookup).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Favourite.objects.create(user=user, **lookup)
        except IntegrityError:  # a double click created it a moment ago
            pass
    return True


# ---------------------------------------------------------------------------
# Reviews
# ---------------------------------------------------------------------------
def review_save(*, author: User, product: Product, rating, text: str, photo=None, remove_photo: bool = False) -> Review:
    """A verified buyer writes or edits their one review of a product."""
    line = review_eligible_line(user=author, product=product)
    if line is None:
        raise PermissionDenied(
            _("Only members who bought this product in the last %(days)s days can review it.")
            % {"days": settings.REVIEW_WINDOW_DAYS}
        )
    errors = {}
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        errors["rating"] = _("Please choose 1 to 5 stars.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Please tell others what you think.")
    elif len(text) > 5000:
        errors["text"] = _("Please keep your review under 5000 characters.")
    cleaned = None
    if photo:
        try:
            cleaned = clean_design_image(photo, min_short_side=settings.REVIEW_PHOTO_MIN_SHORT_SIDE)
        except ValidationError as exc:
            errors["photo"] = exc.messages
    if errors:
        raise ShopError(errors)
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(product=product, author=author).first()
        if review is None:
            review = Review(product=product, author=author)
        review.order_line = line
        review.rating = rating
        review.text = text
        if remove_photo and review.photo:
            review.photo.delete(save=False)
        if cleaned:
            review.photo.save(
                f"review-{product.pk}-{author.pk}.{cleaned.extension}", ContentFile(cleaned.content), save=False
            )
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError:  # written a moment ago in another tab
            raise ShopError(_("You already reviewed this product; please edit your review.")) from None
    return review


@transaction.atomic
def review_answer(*, maker: User, review: Review, text: str) -> Review:
    """The product's maker answers a review publicly, once."""
    review = Review.objects.select_for_update(of=("self",)).select_related("product__design").get(pk=review.pk)
    if review.product.design.maker_id != maker.pk:
        raise PermissionDenied(_("Only the maker of this design can answer its reviews."))
    if review.answered_at:
        raise ShopError(_("You already answered this review."))
    text = (text or "").strip()
    if not text:
        raise ShopError({"answer": _("Please write an answer.")})
    review.answer = text[:3000]
    review.answered_at = timezone.now()
    review.save(update_fields=["answer", "answered_at"])
    notify(
        recipient=review.author,
        kind="shop_review_answered",
        title=_("The maker answered your review of “%(title)s”") % {"title": review.product.title},
        url=review.product.get_absolute_url(),
    )
    return review
