"""Checkout: the cart becomes a pending order with a price snapshot; the payment page creates its PaymentIntent."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.money import format_money
from shop.cart import MemberCart, SessionCart
from shop.countries import HOME_COUNTRY, country_name
from shop.errors import ShopError
from shop.models import Order, OrderLine
from shop.selectors.campaigns import running_campaign
from shop.selectors.cart import cart_summary
from shop.selectors.shipping import addresses_for_user, default_address, shipping_countries
from shop.services.addresses import AddressData, address_clean
from shop.services.cart import check_offer, check_stock, variant_for_sale
from shop.services.pricing import Quote, quote


class TotalsChanged(ShopError):
    """What the buyer saw is not what the order would cost now (another country, method or price)."""


def new_checkout_token() -> str:
    """One per rendering of the checkout form: submitting the same form twice makes one order."""
    return secrets.token_urlsafe(24)


def checkout_quote(*, cart: SessionCart | MemberCart, country: str, method_id=None) -> Quote:
    """The totals the checkout page shows, from the same rules order_create applies."""
    return quote(lines=cart_summary(items=cart.items()).lines, country=country, method_id=method_id)


def shipping_method_check(*, priced: Quote, method_id: int | str | None) -> None:
    """A method chosen by id must be one offered for this destination and these items (the page only offers those)."""
    if method_id in (None, ""):
        return
    if not any(str(option.pk) == str(method_id) for option in priced.options):
        raise ShopError({"shipping_method": _("This shipping method is not offered for this address.")})


def _existing_for_token(token: str, user: User | None, email: str) -> Order | None:
    if not token:
        return None
    order = Order.objects.filter(checkout_token=token).first()
    if order is None:
        return None
    same_buyer = order.user_id == user.pk if user is not None else (order.user_id is None and order.email == email)
    if not same_buyer:
        raise ShopError(_("This checkout form has expired. Please check your order and submit it again."))
    return order


def order_create(
    *,
    cart: SessionCart | MemberCart,
    user: User | None = None,
    email: str = "",
    address: AddressData | None = None,
    shipping_method_id: int | str | None = None,
    referrer: User | None = None,
    checkout_token: str = "",
    language: str = "en",
    expected_total: Decimal | None = None,
) -> Order:
    """A pending order with its lines, delivery address and price snapshot, before any payment (no Stripe call).

    A guest (`user` None) gives an email; a member's email is their account's. Without an address a member's
    default address is used, else the order is priced for delivery in Germany (internal callers and tests;
    the checkout page always sends one). `checkout_token` makes a double submit return the first order.
    `expected_total`, the total the buyer saw, must match or TotalsChanged is raised and nothing is created.
    The cart stays as it is until the order is paid (services/cart.py cart_remove_paid).
    """
    if user is not None:
        email = user.email
    else:
        email = (email or "").strip()
        try:
            validate_email(email)
        except ValidationError:
            raise ShopError({"email": _("Please enter a valid email address.")}) from None
    if referrer is not None and ((user is not None and referrer.pk == user.pk) or not referrer.is_active):
        referrer = None
    existing = _existing_for_token(checkout_token, user, email)
    if existing is not None:
        return existing
    if address is None and user is not None:
        saved = default_address(user=user)
        address = AddressData.from_address(saved) if saved else None
    country = address.country if address else HOME_COUNTRY
    try:
        with transaction.atomic():
            order = _create(cart, user, email, address, country, shipping_method_id, referrer, checkout_token)
            order.language = (language or "en")[:10]
            if expected_total is not None and Decimal(expected_total) != order.total:
                raise TotalsChanged(
                    _(
                        "Shipping, VAT or prices changed for your address: the total is now %(total)s. "
                        "Please check the order and submit it again."
                    )
                    % {"total": format_money(order.total)},
                    code="totals_changed",
                )
            order.save(update_fields=["language"])
    except IntegrityError:
        # The same form submitted twice at once: the first request's order wins.
        existing = _existing_for_token(checkout_token, user, email)
        if existing is None:
            raise
        return existing
    if user is None:
        transaction.on_commit(lambda: _send_guest_link(order))
    return order


def _create(cart, user, email, address, country, shipping_method_id, referrer, checkout_token) -> Order:
    cart.lock()
    summary = cart_summary(items=cart.items())
    if not summary.lines:
        raise ShopError(_("Your cart is empty."))
    campaign = None
    products = {line.product.pk for line in summary.lines}
    for line in summary.lines:
        variant = variant_for_sale(line.variant.pk, user=user)
        check_stock(variant, line.quantity)
        check_offer(line.offer, sum(other.quantity for other in summary.lines if other.product.pk == line.product.pk))
        open_campaign = running_campaign(product=variant.product)
        if open_campaign:
            if len(products) > 1:
                raise ShopError(
                    _("Pre-orders are checked out on their own. Please order “%(title)s” separately.")
                    % {"title": variant.product.title}
                )
            campaign = open_campaign
    priced = quote(lines=summary.lines, country=country, method_id=shipping_method_id)
    if not priced.deliverable:
        raise ShopError(
            {"country": _("Sorry, we cannot ship these items to %(country)s.") % {"country": country_name(country)}}
        )
    method = priced.shipping.method
    order = Order.objects.create(
        user=user,
        email=email,
        campaign=campaign,
        referrer=referrer,
        subtotal=priced.subtotal,
        shipping_cost=priced.shipping_cost,
        shipping_vat_rate=priced.vat_rate,
        vat_total=priced.vat_total,
        total=priced.total,
        shipping_method_name=method.name,
        delivery_days_min=method.delivery_days_min,
        delivery_days_max=method.delivery_days_max,
        checkout_token=checkout_token or None,
        **(address.order_fields() if address else {"shipping_country": country}),
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
                vat_rate=priced.vat_rate,
                offer=line.offer_key,
            )
            for line in priced.lines
        ]
    )
    return order


def _send_guest_link(order: Order) -> None:
    """A guest has no account page: the order's signed link comes by email, to pay later and to see it."""
    link = settings.SITE_URL + order.get_absolute_url()
    body = _(
        "Thank you for your order %(number)s at Commonmade (%(total)s). It waits for payment.\n\n"
        "See your order and pay it here (keep this link to yourself):\n%(link)s"
    ) % {"number": order.number, "total": format_money(order.total), "link": link}
    send_mail(
        subject=_("[Commonmade] Your order %(number)s") % {"number": order.number},
        message=body,
        from_email=None,
        recipient_list=[order.email],
    )


def checkout_destination(
    *,
    user: User,
    address: dict | None = None,
    saved_address_id: int | None = None,
    country: str = "",
    need_address: bool = True,
) -> tuple[AddressData | None, str]:
    """Where an order goes: one of the member's saved addresses, a new address (checked as on the checkout page),
    only a country (for an estimate, when `need_address` is False), or else the member's default address.

    Returns the address (None for a country only) and the country code.
    """
    allowed = {c.code for c in shipping_countries()}
    refused = ShopError({"country": _("We do not deliver to this country yet.")})
    if saved_address_id is not None:
        saved = next((a for a in addresses_for_user(user=user) if a.pk == saved_address_id), None)
        if saved is None:
            raise ShopError({"saved_address": _("This is not your address.")})
        if saved.country not in allowed:
            raise refused
        return AddressData.from_address(saved), saved.country
    if address is not None:
        data = address_clean(address, allowed_countries=allowed)
        return data, data.country
    code = (country or "").strip().upper()
    if code and not need_address:
        if code not in allowed:
            raise refused
        return None, code
    saved = default_address(user=user)
    if saved is not None and saved.country in allowed:
        return AddressData.from_address(saved), saved.country
    if need_address:
        raise ShopError({"address": _("Please enter a delivery address.")})
    return None, HOME_COUNTRY
