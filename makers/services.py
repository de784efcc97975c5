"""Storefront settings, the royalty ledger and payouts: every change to a maker's business happens here."""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Profile, User
from designs.services import wagtail_image_from
from designs.validation import clean_design_image
from makers.models import ConnectAccount, Payout, PayoutStatus, RoyaltyEntry, RoyaltyKind
from makers.selectors import royalty_summary
from shop import gateway
from shop.errors import PaymentError
from shop.gateway import stripe_client
from shop.models import Order

AVATAR_MIN_SIDE = 200
AVATAR_MAX_BYTES = 5 * 1024 * 1024
BANNER_MIN_HEIGHT = 300
BANNER_MAX_BYTES = 10 * 1024 * 1024


def maker_settings_update(
    *, user: User, display_name: str, profile_data: dict, avatar_upload=None, banner_upload=None
) -> Profile:
    """Save storefront settings; a refused avatar or banner leaves the profile unchanged."""
    clean_avatar = (
        clean_design_image(avatar_upload, min_short_side=AVATAR_MIN_SIDE, max_bytes=AVATAR_MAX_BYTES)
        if avatar_upload
        else None
    )
    clean_banner = (
        clean_design_image(banner_upload, min_short_side=BANNER_MIN_HEIGHT, max_bytes=BANNER_MAX_BYTES)
        if banner_upload
        else None
    )
    with transaction.atomic():
        profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
        for field in ("bio", "location", "website", "instagram"):
            if field in profile_data:
                setattr(profile, field, profile_data[field])
        if clean_avatar is not None:
            profile.avatar = wagtail_image_from(
                clean_avatar, title=f"Avatar of {user.handle}", name=f"avatar-{user.handle}"
            )
        if clean_banner is not None:
            profile.banner = wagtail_image_from(
                clean_banner, title=f"Banner of {user.handle}", name=f"banner-{user.handle}"
            )
        profile.save()
        user.display_name = display_name.strip()
        user.save(update_fields=["display_name"])
    return profile


logger = logging.getLogger(__name__)
CENT = Decimal("0.01")


def _royalty(unit_price: Decimal, quantity: int, share: Decimal) -> Decimal:
    return (unit_price * quantity * share).quantize(CENT, rounding=ROUND_HALF_UP)


def _entry_once(**fields) -> RoyaltyEntry | None:
    """Write one ledger entry; the (order line, kind) constraint makes a repeat a no-op."""
    try:
        with transaction.atomic():
            return RoyaltyEntry.objects.create(**fields)
    except IntegrityError:
        return None


def _earn(*, order: Order, kind: str, maker_id_for, share_for, describe) -> list[RoyaltyEntry]:
    entries = []
    for line in order.lines.select_related("product__design"):
        quantity = line.quantity - line.refunded_quantity
        if quantity <= 0:
            continue
        entry = _entry_once(
            maker_id=maker_id_for(line),
            order_line=line,
            kind=kind,
            quantity=quantity,
            amount=_royalty(line.unit_price, quantity, share_for(line)),
            description=describe(line, quantity),
        )
        if entry is not None:
            entries.append(entry)
    return entries


def _reverse(*, order: Order, earned: str, reversal: str, description: str) -> list[RoyaltyEntry]:
    entries = []
    for earning in RoyaltyEntry.objects.filter(order_line__order=order, kind=earned):
        entry = _entry_once(
            maker_id=earning.maker_id,
            order_line_id=earning.order_line_id,
            kind=reversal,
            quantity=-earning.quantity,
            amount=-earning.amount,
            description=description,
        )
        if entry is not None:
            entries.append(entry)
    return entries


@transaction.atomic
def royalty_record_order(*, order: Order) -> list[RoyaltyEntry]:
    """One earning per paid order line; the unique constraint makes a second call a no-op."""
    return _earn(
        order=order,
        kind=RoyaltyKind.EARNING,
        maker_id_for=lambda line: line.product.design.maker_id,
        share_for=lambda line: line.royalty_share,
        describe=lambda line, qty: (
            _("%(qty)s × %(title)s, order %(number)s") % {"qty": qty, "title": line.title, "number": order.number}
        ),
    )


@transaction.atomic
def royalty_reverse_order(*, order: Order) -> list[RoyaltyEntry]:
    """A refunded order takes back what it earned, once per line."""
    return _reverse(
        order=order,
        earned=RoyaltyKind.EARNING,
        reversal=RoyaltyKind.REVERSAL,
        description=_("Refund of order %(number)s") % {"number": order.number},
    )


@transaction.atomic
def referral_record_order(*, order: Order) -> list[RoyaltyEntry]:
    """The referrer of a paid order earns REFERRAL_COMMISSION_SHARE of each kept line, once per line."""
    if not order.referrer_id or order.referrer_id == order.user_id:
        return []
    referrer = User.objects.filter(pk=order.referrer_id, is_active=True).first()
    share = Decimal(str(settings.REFERRAL_COMMISSION_SHARE))
    if referrer is None or share <= 0:
        return []
    return _earn(
        order=order,
        kind=RoyaltyKind.REFERRAL,
        maker_id_for=lambda line: referrer.pk,
        share_for=lambda line: share,
        describe=lambda line, qty: (
            _("Referral: %(qty)s × %(title)s, order %(number)s")
            % {"qty": qty, "title": line.title, "number": order.number}
        ),
    )


@transaction.atomic
def referral_reverse_order(*, order: Order) -> list[RoyaltyEntry]:
    """A refunded order takes back its referral commission, once per line."""
    return _reverse(
        order=order,
        earned=RoyaltyKind.REFERRAL,
        reversal=RoyaltyKind.REFERRAL_REVERSAL,
        description=_("Refund of order %(number)s (referral)") % {"number": order.number},
    )


def connect_onboarding_link(*, maker: User, return_url: str, refresh_url: str) -> str:
    """The Stripe Connect Express onboarding URL; the account is created once per maker.

    Raises PaymentError (a ValidationError with a message for the maker) when Stripe refuses or is
    unreachable, e.g. localstripe on the embedded default, which has no Connect.
    """
    account = ConnectAccount.objects.filter(maker=maker).first()
    try:
        if account is None:
            created = gateway.connect_account_create(
                email=maker.email, maker_id=maker.pk, idempotency_key=f"connect-account-{maker.pk}"
            )
            account, _created = ConnectAccount.objects.get_or_create(
                maker=maker, defaults={"stripe_account_id": created.id}
            )
        link = gateway.connect_onboarding_link(
            account_id=account.stripe_account_id, return_url=return_url, refresh_url=refresh_url
        )
    except PaymentError as exc:
        raise PaymentError(
            _(
                "Payout set-up is not available right now: our payment provider did not accept the request. "
                "Your royalties are safe in your ledger; please try again later."
            ),
            stripe_code=exc.stripe_code,
        ) from exc
    return link.url


def payout_run(*, maker: User, period: str) -> Payout | None:
    """Transfer the maker's unpaid balance for this month, once. None when there is nothing to pay."""
    account = ConnectAccount.objects.filter(maker=maker).first()
    if account is None:
        return None
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=maker.pk).first()
        payout = Payout.objects.filter(maker=maker, period=period).first()
        if payout is None:
            balance = royalty_summary(maker=maker)["balance"]
            if balance < Decimal(settings.PAYOUT_MINIMUM_EUR):
                return None
            payout = Payout.objects.create(maker=maker, period=period, amount=balance)
        elif payout.status == PayoutStatus.PAID:
            return payout
    try:
        transfer = stripe_client().v1.transfers.create(
            params={
                "amount": int((payout.amount * 100).quantize(Decimal("1"))),
                "currency": "eur",
                "destination": account.stripe_account_id,
                "transfer_group": f"royalties-{period}",
                "description": f"Commonmade royalties {period}",
                "metadata": {"payout": str(payout.pk), "maker": str(maker.pk)},
            },
            # The same key on every retry: Stripe answers a repeat with the first transfer.
            options={"idempotency_key": f"payout-{payout.pk}"},
        )
    except Exception as exc:
        logger.exception("Payout %s failed", payout.pk)
        Payout.objects.filter(pk=payout.pk).update(status=PayoutStatus.FAILED, error=str(exc)[:1000])
        payout.refresh_from_db()
        return payout
    Payout.objects.filter(pk=payout.pk).update(
        status=PayoutStatus.PAID, stripe_transfer_id=transfer.id, paid_at=timezone.now(), error=""
    )
    payout.refresh_from_db()
    return payout


def payouts_run_month(*, period: str | None = None) -> list[Payout]:
    period = period or timezone.localdate().strftime("%Y-%m")
    if len(period) != 7 or period[4] != "-":
        raise ValidationError(_("The month is written YYYY-MM."))
    done = []
    for account in ConnectAccount.objects.select_related("maker"):
        payout = payout_run(maker=account.maker, period=period)
        if payout is not None:
            done.append(payout)
    return done
