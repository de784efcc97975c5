"""Changes to live drops: scheduling, running the show, the chat, tips. Views, tasks and the admin call these."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal

import stripe
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from community import selectors as community_selectors
from community.services import moderation_remove_object
from core.markup import clean_text, contains_link
from core.money import format_money, quantize
from core.ratelimit import RateLimited, hit
from live import realtime, selectors
from live import rules as live_rules
from live.models import (
    ChatMessage,
    ChatTimeout,
    LiveShow,
    MessageKind,
    PinEvent,
    ShelfItem,
    ShowStatus,
    Tip,
    TipEvent,
    TipStatus,
)
from makers.models import RoyaltyKind
from makers.services import ledger_credit
from shop import gateway
from shop.errors import PaymentDeclined, PaymentError
from shop.models import Product, ProductStatus

logger = logging.getLogger(__name__)


# --- scheduling ---------------------------------------------------------------------------


RESERVED_SLUGS = {"new", "tips", "stripe"}


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:140] or "live-drop"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or LiveShow.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _shelf_products(*, host: User, by: User, product_ids: list[int]) -> list[Product]:
    """Products on sale; a maker's shelf holds products made from their own designs, staff may add any."""
    products = Product.objects.filter(pk__in=product_ids, status=ProductStatus.ON_SALE).select_related("design")
    found = {p.pk: p for p in products}
    chosen = []
    for pid in product_ids:
        product = found.get(pid)
        if product is None:
            raise ValidationError({"products": _("One of the products is not on sale.")})
        if not by.is_staff and product.design.maker_id != host.pk:
            raise ValidationError({"products": _("Only products made from your own designs go on your shelf.")})
        chosen.append(product)
    return chosen


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The drop must end after it starts.")})
    if ends_at - starts_at > timedelta(hours=12):
        raise ValidationError({"ends_at": _("A drop lasts at most 12 hours.")})


def show_schedule(
    *,
    by: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    stream_url: str = "",
    product_ids: list[int] | None = None,
    slow_mode_seconds: int = 0,
    host: User | None = None,
) -> LiveShow:
    """A maker (or staff, for any host) schedules a drop; the host's followers are told once."""
    host = host or by
    if not selectors.can_schedule(user=by) or (host.pk != by.pk and not by.is_staff):
        raise PermissionDenied(_("Only makers and editors can schedule live drops."))
    _check_times(starts_at, ends_at)
    if ends_at <= timezone.now():
        raise ValidationError({"ends_at": _("This time is already over.")})
    products = _shelf_products(host=host, by=by, product_ids=product_ids or [])
    with transaction.atomic():
        show = LiveShow.objects.create(
            host=host,
            title=clean_text(title).strip()[:140],
            slug=_unique_slug(title),
            description=clean_text(description).strip(),
            stream_url=stream_url,
            starts_at=starts_at,
            ends_at=ends_at,
            slow_mode_seconds=slow_mode_seconds,
        )
        _set_shelf(show, products)
        transaction.on_commit(lambda: _queue_followers(show.pk, "scheduled"))
    return show


def show_update(
    *,
    show: LiveShow,
    by: User,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
    stream_url: str = "",
    product_ids: list[int] | None = None,
    slow_mode_seconds: int = 0,
) -> LiveShow:
    _require_runner(show, by)
    if show.is_over:
        raise ValidationError(_("This drop is over and cannot be changed."))
    _check_times(starts_at, ends_at)
    products = _shelf_products(host=show.host, by=by, product_ids=product_ids or [])
    with transaction.atomic():
        show.title = clean_text(title).strip()[:140]
        show.description = clean_text(description).strip()
        show.stream_url = stream_url
        show.starts_at, show.ends_at = starts_at, ends_at
        show.slow_mode_seconds = slow_mode_seconds
        show.save()
        _set_shelf(show, products)
    return show


def _set_shelf(show: LiveShow, products: list[Product]) -> None:
    keep = [p.pk for p in products]
    ShelfItem.objects.filter(show=show).exclude(product_id__in=keep).delete()
    for position, product in enumerate(products):
        ShelfItem.objects.update_or_create(show=show, product=product, defaults={"position": position})
    if show.pinned_product_id and show.pinned_product_id not in keep:
        LiveShow.objects.filter(pk=show.pk).update(pinned_product=None)
        show.pinned_product = None


def offer_price_format_message() -> str:
    return _("Please enter a price in euros and cents, like 12.50.")


def offer_quantity_message() -> str:
    return _("Please enter a quantity between 1 and 100,000.")


def _check_offer_price(value: Decimal | None, product: Product) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or value != quantize(value):
        raise ValidationError({"drop_price": offer_price_format_message()})
    if not Decimal("0.50") <= value <= product.price:
        raise ValidationError(
            {
                "drop_price": _("A drop price is between %(low)s and the regular price, %(high)s.")
                % {"low": format_money(Decimal("0.50")), "high": format_money(product.price)}
            }
        )
    return quantize(value)


def _offer_item(show: LiveShow, by: User, product_id: int, *, lock: bool) -> ShelfItem:
    _require_runner(show, by)
    if show.is_over:
        raise ValidationError(_("This drop is over and cannot be changed."))
    items = ShelfItem.objects.select_related("product").filter(show=show, product_id=product_id)
    item = (items.select_for_update() if lock else items).first()
    if item is None:
        raise ValidationError(_("Only products on this drop's shelf can have a drop price."))
    return item


def shelf_offer_check(*, show: LiveShow, by: User, product_id: int) -> None:
    """The refusals that come before the offer's values: not the host, the drop over, not on the shelf."""
    _offer_item(show, by, product_id, lock=False)


def shelf_offer_set(
    *, show: LiveShow, by: User, product_id: int, drop_price: Decimal | None = None, drop_quantity: int | None = None
) -> ShelfItem:
    """The host sets a shelf product's drop-only price and the quantity sold in the drop (None: none).

    The shop honours both while the drop is live (live/offers.py); the quantity never drops below what
    was already sold in it.
    """
    with transaction.atomic():
        item = _offer_item(show, by, product_id, lock=True)
        price = _check_offer_price(drop_price, item.product)
        if drop_quantity is not None:
            if not 1 <= drop_quantity <= 100_000:
                raise ValidationError({"drop_quantity": offer_quantity_message()})
            if drop_quantity < item.drop_sold:
                raise ValidationError(
                    {"drop_quantity": _("%(n)s were already sold in this drop.") % {"n": item.drop_sold}}
                )
        item.drop_price, item.drop_quantity = price, drop_quantity
        item.save(update_fields=["drop_price", "drop_quantity"])
    return item


def _queue_followers(show_id: int, what: str) -> None:
    from live.tasks import tell_followers

    tell_followers.delay(show_id, what)


_CLAIM_FIELD = {"scheduled": "announced_at", "reminder": "reminded_at", "started": "start_notified_at"}


def followers_tell(*, show_id: int, what: str) -> int:
    """Tell the host's followers that a drop was scheduled, starts soon or started: each once per drop."""
    from community.services import notify_followers

    field = _CLAIM_FIELD[what]
    if not LiveShow.objects.filter(pk=show_id, **{f"{field}__isnull": True}).update(**{field: timezone.now()}):
        return 0
    show = LiveShow.objects.select_related("host").get(pk=show_id)
    if show.status == ShowStatus.CANCELLED:
        return 0
    name = show.host.public_name
    titles = {
        "scheduled": _("%(name)s scheduled a live drop: %(title)s"),
        "reminder": _("%(name)s goes live soon: %(title)s"),
        "started": _("%(name)s is live now: %(title)s"),
    }
    when = timezone.localtime(show.starts_at).strftime("%Y-%m-%d %H:%M")
    return notify_followers(
        maker=show.host,
        kind=f"live_{what}",
        title=titles[what] % {"name": name, "title": show.title},
        body=_("Starts %(when)s.") % {"when": when} if what != "started" else "",
        url=show.get_absolute_url(),
    )


def shows_remind_due() -> int:
    """Reminders for drops starting within LIVE_REMINDER_MINUTES (the beat runs this every minute)."""
    soon = timezone.now() + timedelta(minutes=live_rules.REMINDER_MINUTES)
    due = LiveShow.objects.filter(
        status=ShowStatus.SCHEDULED, starts_at__lte=soon, starts_at__gt=timezone.now(), reminded_at__isnull=True
    ).values_list("pk", flat=True)
    return sum(followers_tell(show_id=pk, what="reminder") for pk in list(due))


# --- running the show ------------------------------------------------------------------------


def _require_runner(show: LiveShow, user: User) -> None:
    if not selectors.can_run(user=user, show=show):
        raise PermissionDenied(_("Only the host of this drop can do this."))


def show_start(*, show: LiveShow, by: User) -> LiveShow:
    _require_runner(show, by)
    now = timezone.now()
    if not LiveShow.objects.filter(pk=show.pk, status=ShowStatus.SCHEDULED).update(
        status=ShowStatus.LIVE, started_at=now
    ):
        show.refresh_from_db()
        if show.status == ShowStatus.LIVE:
            return show
        raise ValidationError(_("This drop is over and cannot start again."))
    show.refresh_from_db()
    transaction.on_commit(lambda: realtime.broadcast(show.pk, {"type": "status", "status": ShowStatus.LIVE}))
    transaction.on_commit(lambda: _queue_followers(show.pk, "started"))
    return show


def show_end(*, show: LiveShow, by: User) -> LiveShow:
    _require_runner(show, by)
    LiveShow.objects.filter(pk=show.pk, status__in=(ShowStatus.SCHEDULED, ShowStatus.LIVE)).update(
        status=ShowStatus.ENDED, ended_at=timezone.now()
    )
    show.refresh_from_db()
    transaction.on_commit(lambda: realtime.broadcast(show.pk, {"type": "status", "status": show.status}))
    return show


def show_cancel(*, show: LiveShow, by: User) -> tuple[LiveShow, int]:
    """Cancel a drop and refund its paid tips; returns the drop and how many tips could not be refunded yet.

    Running it again retries the refunds that failed (each refund is keyed, so none is paid back twice).
    """
    _require_runner(show, by)
    LiveShow.objects.filter(pk=show.pk).exclude(status=ShowStatus.CANCELLED).update(
        status=ShowStatus.CANCELLED, ended_at=timezone.now()
    )
    show.refresh_from_db()
    transaction.on_commit(lambda: realtime.broadcast(show.pk, {"type": "status", "status": ShowStatus.CANCELLED}))
    failed = 0
    for tip in Tip.objects.filter(show=show, status=TipStatus.PAID):
        try:
            tip_refund(tip=tip)
        except PaymentError:
            failed += 1
    return show, failed


def show_pin_check(*, show: LiveShow, by: User) -> None:
    """Who may pin, and when: the host (or a moderator) while the drop is live."""
    _require_runner(show, by)
    if show.status != ShowStatus.LIVE:
        raise ValidationError(_("Products are pinned while the drop is live."))


def not_on_shelf_message() -> str:
    return _("Only products on this drop's shelf can be pinned.")


def show_pin(*, show: LiveShow, by: User, product: Product | None) -> LiveShow:
    """Pin a product on this drop's shelf (None unpins); viewers see it at once and the replay keeps the timeline.

    The product is a Product (PinForm reads it from the request), never an id.
    """
    if product is not None and not isinstance(product, Product):
        raise ValueError(f"A product or None, not {product!r}")
    show_pin_check(show=show, by=by)
    if product is not None and not ShelfItem.objects.filter(show=show, product=product).exists():
        raise ValidationError(not_on_shelf_message())
    with transaction.atomic():
        LiveShow.objects.filter(pk=show.pk).update(pinned_product=product)
        show.pinned_product = product
        PinEvent.objects.create(show=show, product=product)
    payload = {"type": "pin", "product_id": product.pk if product else None, "title": product.title if product else ""}
    transaction.on_commit(lambda: realtime.broadcast(show.pk, payload))
    return show


# --- chat --------------------------------------------------------------------------------------


def _require_member(user: User, *, action: str) -> None:
    if not user.is_authenticated:
        raise PermissionDenied(_("Please log in to %(action)s.") % {"action": action})
    if not community_selectors.has_verified_email(user=user):
        raise PermissionDenied(_("Please verify your email address before you %(action)s.") % {"action": action})
    until = community_selectors.suspended_until(user=user)
    if until:
        raise PermissionDenied(
            _("Your account is suspended until %(until)s.")
            % {"until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M")}
        )


def message_html(message: ChatMessage) -> str:
    """The chat line as every viewer sees it (nothing viewer-specific: it is pushed to all)."""
    return render_to_string("live/includes/chat_message.html", {"message": message})


def _push_message(message: ChatMessage) -> None:
    payload = {"type": "chat", "id": message.pk, "html": message_html(message)}
    transaction.on_commit(lambda: realtime.broadcast(message.show_id, payload))


def chat_post(*, show: LiveShow, author: User, text: str) -> ChatMessage:
    """A verified member writes in a drop's chat: sanitised, rate-limited, slow mode and time-outs applied."""
    _require_member(author, action=_("chat"))
    if not show.chat_open:
        raise ValidationError(_("The chat is open while the drop is live."), code="conflict")
    until = selectors.timed_out_until(show=show, user=author)
    if until:
        raise PermissionDenied(
            _("The host paused your chat until %(until)s.") % {"until": timezone.localtime(until).strftime("%H:%M")}
        )
    text = clean_text(text).strip()
    if not text:
        raise ValidationError({"text": _("Please write something.")})
    if len(text) > live_rules.CHAT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("A chat message has at most %(max)s characters.") % {"max": live_rules.CHAT_MAX_LENGTH}}
        )
    level = community_selectors.trust_level(user=author)
    if level == 0 and contains_link(text):
        raise ValidationError({"text": _("New members cannot post links yet. Please remove the link.")})
    runner = selectors.can_moderate_chat(user=author, show=show)
    if (
        show.slow_mode_seconds
        and not runner
        and not hit(
            key=f"live-slow:{show.pk}:{author.pk}", limit=1, window_seconds=show.slow_mode_seconds, fail_open=True
        )
    ):
        raise RateLimited(
            _("Slow mode is on: one message every %(n)s seconds. Please wait a moment.") % {"n": show.slow_mode_seconds}
        )
    limit = live_rules.CHAT_RATE_LIMIT_NEW if level == 0 else live_rules.CHAT_RATE_LIMIT
    window = live_rules.CHAT_RATE_WINDOW_SECONDS
    if not hit(key=f"live-chat:{author.pk}", limit=limit, window_seconds=window, fail_open=True):
        raise RateLimited(
            _("You are writing too fast: at most %(limit)s messages in %(seconds)s seconds.")
            % {"limit": limit, "seconds": window}
        )
    with transaction.atomic():
        message = ChatMessage.objects.create(show=show, author=author, text=text)
        _push_message(message)
    return message


def chat_remove(*, message: ChatMessage, by: User, reason: str = "") -> ChatMessage:
    """The host, staff or a moderator removes a message: a placeholder stays and the public log records it."""
    show = message.show
    if not selectors.can_moderate_chat(user=by, show=show):
        raise PermissionDenied(_("Only the host and moderators can remove chat messages."))
    reason = clean_text(reason).strip() or _("Removed by the host of the live drop.")
    if message.moderation_removed:
        return message
    moderation_remove_object(obj=message, moderator=by, reason=reason, authorised=True)
    message.refresh_from_db()
    return message


def chat_mark(*, message_id: int, hidden: bool | None = None, removed: bool = False) -> None:
    """Follow community moderation (flags hid it, a moderator kept or removed it) and tell the viewers."""
    changes = {"moderation_removed": True} if removed else {"hidden": bool(hidden)}
    message = ChatMessage.objects.filter(pk=message_id).first()
    if message is None:
        return
    ChatMessage.objects.filter(pk=message_id).update(**changes)
    message.refresh_from_db()
    transaction.on_commit(
        lambda: realtime.broadcast(message.show_id, {"type": "chat", "id": message.pk, "html": message_html(message)})
    )


def chat_timeout(*, show: LiveShow, member: User, by: User, minutes: int) -> ChatTimeout:
    if not selectors.can_moderate_chat(user=by, show=show):
        raise PermissionDenied(_("Only the host and moderators can pause a member's chat."))
    if member.pk == show.host_id or member.pk == by.pk:
        raise ValidationError(_("The host cannot be paused."))
    if not 1 <= minutes <= 24 * 60:
        raise ValidationError({"minutes": _("A time-out lasts between 1 minute and 24 hours.")})
    until = timezone.now() + timedelta(minutes=minutes)
    timeout, _created = ChatTimeout.objects.update_or_create(
        show=show, member=member, defaults={"until": until, "by": by}
    )
    return timeout


# --- tips ----------------------------------------------------------------------------------------


def tip_amounts() -> list[Decimal]:
    return [quantize(a) for a in live_rules.TIP_AMOUNTS]


def tip_create(*, show: LiveShow, tipper: User, amount: Decimal | None) -> Tip:
    """A verified member starts a tip of one of the fixed amounts; its PaymentIntent is created at once."""
    _require_member(tipper, action=_("tip"))
    if show.status != ShowStatus.LIVE:
        raise ValidationError(_("Tips are open while the drop is live."))
    if tipper.pk == show.host_id:
        raise ValidationError(_("You cannot tip yourself."))
    try:  # None is an amount the request did not give as a number; it is refused here, after the checks above
        value = quantize(amount) if amount is not None and amount == quantize(amount) else None
    except ArithmeticError:  # not a finite number
        value = None
    if value not in tip_amounts():
        raise ValidationError(
            {
                "amount": _("Please choose one of %(amounts)s.")
                % {"amounts": ", ".join(map(format_money, tip_amounts()))}
            }
        )
    if not hit(key=f"live-tip:{tipper.pk}", limit=live_rules.TIP_RATE_LIMIT, window_seconds=3600, fail_open=True):
        raise RateLimited(_("That is a lot of tips in one hour. Please wait a little."))
    tip = Tip.objects.create(show=show, tipper=tipper, amount=value)
    return tip_ensure_intent(tip=tip)


def tip_ensure_intent(*, tip: Tip) -> Tip:
    if tip.payment_intent_id:
        return tip
    try:
        intent = gateway.intent_create(
            amount_cents=tip.amount_cents,
            order_number=f"TIP-{tip.number.hex[:12].upper()}",
            manual_capture=False,
            idempotency_key=f"tip-{tip.number}-intent-{tip.attempts}",
        )
    except PaymentError:
        Tip.objects.filter(pk=tip.pk).update(attempts=F("attempts") + 1)
        raise
    Tip.objects.filter(pk=tip.pk, payment_intent_id__isnull=True).update(payment_intent_id=intent.id)
    tip.refresh_from_db()
    return tip


def tip_client_secret(*, tip: Tip) -> str:
    return gateway.intent_retrieve(tip.payment_intent_id).client_secret


def tip_test_pay(*, tip: Tip, user: User, payment_method: gateway.TestCard = gateway.TestCard.VISA) -> Tip:
    """Confirm with a Stripe test card on the server (test keys only); the result is read from Stripe."""
    if not isinstance(payment_method, gateway.TestCard):
        raise ValueError(f"Not one of the test cards: {payment_method!r}")
    if not gateway.test_payments_enabled():
        raise PermissionDenied(_("Test payments are switched off."))
    if tip.tipper_id != user.pk:
        raise PermissionDenied(_("This is not your tip."))
    if tip.status in (TipStatus.PAID, TipStatus.REFUNDED):
        return tip
    tip = tip_ensure_intent(tip=tip)
    status = gateway.intent_retrieve(tip.payment_intent_id).status
    if status != "succeeded":
        try:
            status = gateway.intent_test_confirm(
                intent_id=tip.payment_intent_id,
                idempotency_key=f"tip-{tip.number}-confirm-{tip.attempts}",
                payment_method=payment_method,
            ).status
        except PaymentDeclined:
            Tip.objects.filter(pk=tip.pk, status=TipStatus.PENDING).update(
                status=TipStatus.FAILED, payment_intent_id=None, attempts=F("attempts") + 1
            )
            raise
    if status == "succeeded":
        return tip_mark_paid(tip_id=tip.pk)
    tip.refresh_from_db()
    return tip


def tip_apply_intent(*, tip: Tip) -> Tip:
    """Ask Stripe how the tip's payment stands (after Stripe.js confirmed it in the browser) and apply it."""
    if tip.status in (TipStatus.PAID, TipStatus.REFUNDED) or not tip.payment_intent_id:
        return tip
    intent = gateway.intent_retrieve(tip.payment_intent_id)
    if intent.status == "succeeded" and int(intent.amount) == tip.amount_cents:
        return tip_mark_paid(tip_id=tip.pk)
    return tip


def tip_mark_paid(*, tip_id: int) -> Tip:
    """The tip is paid: the host's ledger gets it and the chat thanks the tipper, each exactly once."""
    with transaction.atomic():
        tip = Tip.objects.select_for_update().select_related("show", "show__host", "tipper").get(pk=tip_id)
        if not Tip.objects.filter(pk=tip.pk, status__in=(TipStatus.PENDING, TipStatus.FAILED)).update(
            status=TipStatus.PAID, paid_at=timezone.now()
        ):
            tip.refresh_from_db()
            return tip
        tip.refresh_from_db()
        ledger_credit(
            maker=tip.show.host,
            kind=RoyaltyKind.TIP,
            reference=tip.reference,
            amount=tip.amount,
            description=_("Tip from @%(handle)s in “%(title)s”")
            % {"handle": tip.tipper.handle, "title": tip.show.title},
        )
        try:
            with transaction.atomic():
                message = ChatMessage.objects.create(
                    show=tip.show, author=tip.tipper, kind=MessageKind.TIP, text=format_money(tip.amount), tip=tip
                )
        except IntegrityError:
            message = None
        if message is not None:
            _push_message(message)
        _push_tip_count(tip.show)
    return tip


def _push_tip_count(show: LiveShow) -> None:
    """Viewers' "N tips so far" follows paid and refunded tips without a reload."""
    transaction.on_commit(
        lambda: realtime.broadcast(show.pk, {"type": "tips", "count": selectors.tips_total(show=show)["count"]})
    )


def tip_refund(*, tip: Tip) -> Tip:
    """Pay a tip back (a cancelled drop); the ledger takes it back once."""
    if tip.status != TipStatus.PAID:
        return tip
    gateway.refund_create(
        intent_id=tip.payment_intent_id, amount_cents=tip.amount_cents, idempotency_key=f"tip-{tip.number}-refund"
    )
    return tip_mark_refunded(tip_id=tip.pk)


def tip_mark_refunded(*, tip_id: int) -> Tip:
    with transaction.atomic():
        tip = Tip.objects.select_for_update().select_related("show", "show__host").get(pk=tip_id)
        if Tip.objects.filter(pk=tip.pk, status=TipStatus.PAID).update(
            status=TipStatus.REFUNDED, refunded_at=timezone.now()
        ):
            ledger_credit(
                maker=tip.show.host,
                kind=RoyaltyKind.TIP_REFUND,
                reference=tip.reference,
                amount=-tip.amount,
                description=_("Tip refunded: “%(title)s”") % {"title": tip.show.title},
            )
            _push_tip_count(tip.show)
        tip.refresh_from_db()
    return tip


TIP_EVENTS = {"payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded"}


def tip_webhook_handle(*, payload: bytes, signature: str | None) -> tuple[int, str]:
    """Verify, record and apply one Stripe event about a tip, once. Returns (HTTP status, message).

    A forged event (bad signature) is refused; a replayed one is recognised by its id; an amount that is
    not the tip's never marks it paid.
    """
    try:
        event = stripe.Webhook.construct_event(payload, signature or "", settings.STRIPE_WEBHOOK_SECRET)
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("Stripe webhook for tips with a bad signature refused")
        return 400, "invalid signature"
    if event.type not in TIP_EVENTS:
        return 200, "ignored"
    obj = event.data.object
    intent_id = obj.id if event.type.startswith("payment_intent.") else getattr(obj, "payment_intent", None)
    if intent_id is not None and not isinstance(intent_id, str):
        intent_id = intent_id.id
    tip = Tip.objects.filter(payment_intent_id=intent_id).first() if intent_id else None
    if tip is None:
        return 200, "not a tip"
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = TipEvent.objects.create(event_id=event.id, type=event.type, tip=tip)
        except IntegrityError:
            return 200, "already handled"
        if event.type == "payment_intent.succeeded":
            if int(obj.amount) != tip.amount_cents or str(getattr(obj, "currency", "eur")).lower() != "eur":
                logger.error("Tip %s: paid amount %s does not match %s", tip.pk, obj.amount, tip.amount)
                record.result = "amount mismatch"
            else:
                tip = tip_mark_paid(tip_id=tip.pk)
        elif event.type == "payment_intent.payment_failed":
            Tip.objects.filter(pk=tip.pk, status=TipStatus.PENDING).update(status=TipStatus.FAILED)
            tip.refresh_from_db()
        elif event.type == "charge.refunded" and int(obj.amount_refunded) >= tip.amount_cents:
            tip = tip_mark_refunded(tip_id=tip.pk)
        record.result = record.result or tip.status
        record.save(update_fields=["result"])
    return 200, record.result


def tips_of(*, user: User) -> list[Tip]:
    return list(Tip.objects.filter(tipper=user).select_related("show").order_by("-created_at")[:20])
