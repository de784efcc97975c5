"""Storefront settings, the royalty ledger and payouts: every change to a maker's business happens here."""

from __future__ import annotations

import logging
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile, User
from accounts.services import profile_update
from core.site_settings import load as load_site_settings
from designs.services import wagtail_image_from
from designs.validation import clean_design_image
from makers.models import (
    Brand,
    BrandBlock,
    CollectionItem,
    ConnectAccount,
    MakerCollection,
    MakerRules,
    Payout,
    PayoutStatus,
    RoyaltyEntry,
    RoyaltyKind,
)
from makers.selectors import royalty_summary
from shop import gateway
from shop.errors import PaymentError
from shop.gateway import stripe_client
from shop.models import Order

AVATAR_MIN_SIDE = 200
AVATAR_MAX_BYTES = 5 * 1024 * 1024
# The storefront shows the banner at 1200 × 300 (4:1); one rule for both pages that upload it.
BANNER_MIN_HEIGHT = 300
BANNER_MAX_BYTES = 10 * 1024 * 1024


def _clean_upload(upload, *, field: str, min_short_side: int, max_bytes: int):
    """A checked copy of an optional upload; a refusal names the form field it came from."""
    if not upload:
        return None
    try:
        return clean_design_image(upload, min_short_side=min_short_side, max_bytes=max_bytes)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def _clean_banner(upload):
    return _clean_upload(upload, field="banner_upload", min_short_side=BANNER_MIN_HEIGHT, max_bytes=BANNER_MAX_BYTES)


def _banner_image(maker: User, clean_banner):
    return wagtail_image_from(clean_banner, title=f"Banner of {maker.handle}", name=f"banner-{maker.handle}")


def maker_settings_update(
    *, user: User, display_name: str, profile_data: dict, avatar_upload=None, banner_upload=None
) -> Profile:
    """Save storefront settings: the profile through its own service (same rules as the community
    profile); a new banner goes to the maker's brand, its only owner (as `brand_banner_replace`).

    A refused avatar, banner or bio leaves the profile and the brand unchanged.
    """
    clean_avatar = _clean_upload(
        avatar_upload, field="avatar_upload", min_short_side=AVATAR_MIN_SIDE, max_bytes=AVATAR_MAX_BYTES
    )
    clean_banner = _clean_banner(banner_upload)
    fields = {name: profile_data.get(name, "") for name in ("bio", "location", "website", "instagram")}
    with transaction.atomic():
        avatar = (
            wagtail_image_from(clean_avatar, title=f"Avatar of {user.handle}", name=f"avatar-{user.handle}")
            if clean_avatar is not None
            else None
        )
        profile = profile_update(user=user, display_name=display_name, avatar=avatar, **fields)
        if clean_banner is not None:
            _brand_banner_set(maker=user, image=_banner_image(user, clean_banner))
    return profile


def _brand_banner_set(*, maker: User, image, banner_alt: str = "") -> Brand:
    with transaction.atomic():
        brand, _created = Brand.objects.select_for_update().get_or_create(maker=maker)
        brand.banner = image
        brand.banner_alt = banner_alt
        brand.save()
    return brand


def brand_banner_replace(*, maker: User, banner_upload, banner_alt: str = "") -> Brand:
    """A new storefront banner, the rest of the brand as it is. The description of the old banner
    does not describe the new one, so it is replaced too (empty: the banner is decorative)."""
    from core.markup import clean_text

    clean_banner = _clean_banner(banner_upload)
    if clean_banner is None:
        raise ValueError("brand_banner_replace needs an upload")
    with transaction.atomic():
        image = _banner_image(maker, clean_banner)
        return _brand_banner_set(maker=maker, image=image, banner_alt=clean_text(banner_alt).strip()[:200])


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


def _left_to_reverse(earning: RoyaltyEntry, reversal: str) -> tuple[int, Decimal]:
    """Units and amount of an earning not yet taken back (reversals are negative)."""
    taken = RoyaltyEntry.objects.filter(order_line_id=earning.order_line_id, kind=reversal).aggregate(
        q=Sum("quantity"), a=Sum("amount")
    )
    return earning.quantity + (taken["q"] or 0), earning.amount + (taken["a"] or Decimal("0"))


def _reverse(*, order: Order, earned: str, reversal: str, description: str) -> list[RoyaltyEntry]:
    """Take back what is left of each earning of the order (after any partial refunds), once."""
    entries = []
    for earning in RoyaltyEntry.objects.filter(order_line__order=order, kind=earned, reference=""):
        quantity, amount = _left_to_reverse(earning, reversal)
        if quantity <= 0 and amount <= 0:
            continue
        entry = _entry_once(
            maker_id=earning.maker_id,
            order_line_id=earning.order_line_id,
            kind=reversal,
            quantity=-quantity,
            amount=-amount,
            description=description,
        )
        if entry is not None:
            entries.append(entry)
    return entries


def _reverse_units(*, refund, earned: str, reversal: str, description: str) -> list[RoyaltyEntry]:
    """Take back the share of each earning for the units one refund gave back, once per refund."""
    entries = []
    units = {rl.order_line_id: rl.quantity for rl in refund.lines.all()}
    for earning in RoyaltyEntry.objects.filter(order_line_id__in=units, kind=earned, reference=""):
        left_quantity, left_amount = _left_to_reverse(earning, reversal)
        quantity = min(units[earning.order_line_id], left_quantity)
        if quantity <= 0:
            continue
        if quantity == left_quantity:
            amount = left_amount  # the last units take what is left, so rounding never leaves a cent behind
        else:
            amount = (earning.amount * quantity / earning.quantity).quantize(CENT, rounding=ROUND_HALF_UP)
        entry = _entry_once(
            maker_id=earning.maker_id,
            order_line_id=earning.order_line_id,
            kind=reversal,
            quantity=-quantity,
            amount=-amount,
            description=description,
            reference=f"refund-{refund.pk}",
        )
        if entry is not None:
            entries.append(entry)
    return entries


@transaction.atomic
def royalty_reverse_refund(*, order: Order, refund) -> list[RoyaltyEntry]:
    """A refund of some units (a return, a partial refund) takes back their royalties and referral commissions."""
    label = _("Refund of order %(number)s") % {"number": order.number}
    return _reverse_units(
        refund=refund, earned=RoyaltyKind.EARNING, reversal=RoyaltyKind.REVERSAL, description=label
    ) + _reverse_units(
        refund=refund,
        earned=RoyaltyKind.REFERRAL,
        reversal=RoyaltyKind.REFERRAL_REVERSAL,
        description=_("Refund of order %(number)s (referral)") % {"number": order.number},
    )


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
    """The referrer of a paid order earns the MakerRules referral share of each kept line, once per line."""
    if not order.referrer_id or order.referrer_id == order.user_id:
        return []
    referrer = User.objects.filter(pk=order.referrer_id, is_active=True).first()
    share = load_site_settings(MakerRules).referral_commission_share
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


def ledger_credit(*, maker: User, kind: str, reference: str, amount: Decimal, description: str) -> RoyaltyEntry | None:
    """One ledger entry that is not an order line's (a tip, its refund), once per reference and kind.

    Returns None when the entry already exists, so a repeated or concurrent call never counts twice.
    """
    if kind not in (RoyaltyKind.TIP, RoyaltyKind.TIP_REFUND):
        raise ValueError(f"ledger_credit does not write {kind!r} entries")
    if not reference or len(reference) > RoyaltyEntry._meta.get_field("reference").max_length:
        raise ValueError("ledger_credit needs a reference of at most 40 characters")
    return _entry_once(
        maker_id=maker.pk,
        order_line=None,
        reference=reference,
        kind=kind,
        quantity=1 if kind == RoyaltyKind.TIP else -1,
        amount=Decimal(amount).quantize(CENT),
        description=description[:250],
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
            if balance < load_site_settings(MakerRules).payout_minimum:
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


# --- the maker's brand: accent colour, banner, intro blocks, curated collections -----------------------

BRAND_BLOCKS_MAX = 3
COLLECTIONS_MAX = 12
COLLECTION_PRODUCTS_MAX = 24


def _accent(value: str) -> str:
    from core.colour import AA_NORMAL_TEXT, WHITE, contrast_ratio, normalise_hex

    if not (value or "").strip():
        return ""
    colour = normalise_hex(value)
    if colour is None:
        raise ValidationError({"accent_colour": _("Please enter a colour like #1f5fa8.")})
    ratio = contrast_ratio(colour, WHITE)
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            {
                "accent_colour": _(
                    "This colour is too light: white text on it has a contrast of %(ratio).1f:1, "
                    "at least 4.5:1 is needed. Please choose a darker shade."
                )
                % {"ratio": ratio}
            }
        )
    return colour


def brand_update(
    *,
    maker: User,
    accent_colour: str = "",
    banner_upload=None,
    banner_alt: str = "",
    remove_banner: bool = False,
    blocks: list[tuple[str, str]] | None = None,
) -> Brand:
    """Save a maker's brand; intro blocks are (heading, Markdown text) pairs, empty ones are dropped."""
    from core.markup import clean_text

    colour = _accent(accent_colour)
    clean_banner = _clean_banner(banner_upload)
    kept = [
        (clean_text(h).strip()[:80], clean_text(t).strip()[:1500])
        for h, t in (blocks or [])
        if (h or "").strip() or (t or "").strip()
    ]
    if len(kept) > BRAND_BLOCKS_MAX:
        raise ValidationError(_("At most %(n)s intro blocks.") % {"n": BRAND_BLOCKS_MAX})
    with transaction.atomic():
        brand, _created = Brand.objects.select_for_update().get_or_create(maker=maker)
        brand.accent_colour = colour
        brand.banner_alt = clean_text(banner_alt).strip()[:200]
        if remove_banner:
            brand.banner = None
        if clean_banner is not None:
            brand.banner = _banner_image(maker, clean_banner)
        brand.save()
        brand.blocks.all().delete()
        BrandBlock.objects.bulk_create(
            [BrandBlock(brand=brand, position=i, heading=h, text=t) for i, (h, t) in enumerate(kept)]
        )
    return brand


def _own_products(maker: User, product_ids: list[int]) -> list:
    from shop.models import Product

    found = Product.objects.in_bulk([int(p) for p in product_ids])
    products = []
    for pid in product_ids:
        product = found.get(int(pid))
        if product is None or product.design.maker_id != maker.pk:
            raise ValidationError({"products": _("A collection holds products made from your own designs.")})
        products.append(product)
    if len(products) > COLLECTION_PRODUCTS_MAX:
        raise ValidationError(
            {"products": _("At most %(n)s products in a collection.") % {"n": COLLECTION_PRODUCTS_MAX}}
        )
    return products


def collection_save(
    *, maker: User, title: str, description: str = "", product_ids: list[int], collection: MakerCollection | None = None
) -> MakerCollection:
    """Create or change one of the maker's curated collections (their own products only)."""
    from core.markup import clean_text

    if collection is not None and collection.maker_id != maker.pk:
        raise PermissionDenied(_("This is not your collection."))
    title = clean_text(title).strip()[:80]
    if not title:
        raise ValidationError({"title": _("Please give the collection a title.")})
    products = _own_products(maker, product_ids)
    with transaction.atomic():
        if collection is None:
            if MakerCollection.objects.filter(maker=maker).count() >= COLLECTIONS_MAX:
                raise ValidationError(_("At most %(n)s collections.") % {"n": COLLECTIONS_MAX})
            position = MakerCollection.objects.filter(maker=maker).count()
            collection = MakerCollection.objects.create(maker=maker, title=title, position=position)
        collection.title = title
        collection.description = clean_text(description).strip()[:1000]
        collection.save()
        collection.items.all().delete()
        CollectionItem.objects.bulk_create(
            [CollectionItem(collection=collection, product=p, position=i) for i, p in enumerate(products)]
        )
    return collection


def collection_delete(*, maker: User, collection: MakerCollection) -> None:
    if collection.maker_id != maker.pk:
        raise PermissionDenied(_("This is not your collection."))
    collection.delete()
