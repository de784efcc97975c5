"""Checkout for members: a quote, placing the order (once per Idempotency-Key), paying it.

The totals come from shop.services.pricing through the same checkout service the checkout page
calls; the order is made by shop.services.checkout.order_create and paid through
shop.services.payments, so the API and the site price, refuse and charge alike.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Header, Router

from api import present
from api import services as api_services
from api.auth import MEMBER
from api.routes.common import with_errors
from api.routes.me import order_out, own_order
from api.schemas import CountryList, OrderDetail, OrderIn, PaymentOut, QuoteIn, QuoteOut, TestPaymentIn
from shop import gateway
from shop.cart import get_cart
from shop.countries import country_name
from shop.errors import ShopError
from shop.referrals import referrer_from_request
from shop.selectors import orders as order_selectors
from shop.selectors import shipping as shipping_selectors
from shop.services import addresses as address_services
from shop.services import checkout as checkout_services
from shop.services import payments as payments_services
from shop.services.pricing import Quote

router = Router(tags=["checkout"], auth=MEMBER)


@router.get(
    "/checkout/countries/", auth=None, response=with_errors({200: CountryList}), summary="Countries we deliver to"
)
def countries(request: HttpRequest):
    return {"items": [{"code": c.code, "name": str(c.name)} for c in shipping_selectors.shipping_countries()]}


def _destination(request: HttpRequest, payload, *, need_address: bool):
    """The address and country the payload asks for; a new address's field errors are named `address.<field>`."""
    try:
        return checkout_services.checkout_destination(
            user=request.user,
            address=payload.address.dict() if payload.address is not None else None,
            saved_address_id=payload.saved_address,
            country=getattr(payload, "country", None) or "",
            need_address=need_address,
        )
    except ShopError:
        raise
    except ValidationError as exc:
        prefixed = {f"address.{field}": messages for field, messages in exc.message_dict.items()}
        raise ValidationError(prefixed) from exc


def quote_out(priced: Quote) -> dict:
    vat_lines = []
    if priced.vat_rate:
        vat_lines.append(
            {
                "label": _("incl. %(rate)s %% VAT") % {"rate": priced.vat_percent},
                "rate": priced.vat_rate,
                "amount": priced.vat_total,
            }
        )
    return {
        "country": priced.country,
        "country_name": str(country_name(priced.country)),
        "deliverable": priced.deliverable,
        "lines": [
            {
                "variant_id": line.variant.pk,
                "sku": line.variant.sku,
                "title": f"{line.product.title} – {line.variant.label}",
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
            }
            for line in priced.lines
        ],
        "shipping_options": [
            {
                "id": option.pk,
                "name": option.name,
                "cost": option.cost,
                "cost_display": present.money(option.cost),
                "free": option.free,
                "days_min": option.days_min,
                "days_max": option.days_max,
            }
            for option in priced.options
        ],
        "shipping_method": priced.shipping.pk if priced.shipping else None,
        "subtotal": priced.subtotal,
        "shipping_cost": priced.shipping_cost,
        "total": priced.total,
        "total_display": present.money(priced.total),
        "net_total": priced.net_total,
        "vat_total": priced.vat_total,
        "vat_lines": vat_lines,
        "currency": "eur",
    }


def _priced(request: HttpRequest, country: str, method_id: int | None) -> Quote:
    priced = checkout_services.checkout_quote(cart=get_cart(request), country=country, method_id=method_id)
    if not priced.lines:
        raise ShopError(_("Your cart is empty."))
    checkout_services.shipping_method_check(priced=priced, method_id=method_id)
    return priced


@router.post(
    "/checkout/quote/",
    response=with_errors({200: QuoteOut}, 403),
    summary="What your cart costs delivered to an address: goods, shipping options, VAT and total",
    description="Send a new `address`, a `saved_address`, or only a `country` for an estimate; without any, "
    "your default address is used. Prices follow the destination's VAT (see the README's rule).",
)
def checkout_quote(request: HttpRequest, payload: QuoteIn):
    _address, country = _destination(request, payload, need_address=False)
    return quote_out(_priced(request, country, payload.shipping_method))


@router.post(
    "/checkout/order/",
    response=with_errors({200: OrderDetail, 201: OrderDetail}, 403, 409),
    summary="Place the order for your cart (once per Idempotency-Key)",
    description="Makes a pending order with the quote's totals; pay it with POST /me/orders/{number}/payment/. "
    "A retry with the same `Idempotency-Key` answers 200 with the order the first request made, never a second "
    "order; the same key with another address is a 409. With `expected_total`, an order that would cost something "
    "else (prices, shipping or VAT changed) is refused with 409 and nothing is made. The cart keeps its items "
    "until the order is paid.",
)
def checkout_order(
    request: HttpRequest,
    payload: OrderIn,
    idempotency_key: str = Header(
        ...,
        alias="Idempotency-Key",
        pattern=api_services.IDEMPOTENCY_KEY_PATTERN,
        description="a new random value (e.g. a UUID) per order the buyer means to place",
    ),
):
    user = request.user
    if not payload.accept_terms:
        raise ValidationError({"accept_terms": _("Please accept the terms and conditions.")})
    address, country = _destination(request, payload, need_address=True)
    token = api_services.checkout_token_for(user=user, key=idempotency_key)
    existing = order_selectors.order_for_checkout_token(token=token, user=user)
    if existing is not None:
        api_services.idempotent_replay_check(order=existing, address=address)
        return 200, order_out(own_order(request, existing.number))
    _priced(request, country, payload.shipping_method)
    order = checkout_services.order_create(
        cart=get_cart(request),
        user=user,
        address=address,
        shipping_method_id=payload.shipping_method,
        referrer=referrer_from_request(request),
        checkout_token=token,
        language=get_language() or "en",
        expected_total=payload.expected_total,
    )
    if payload.save_address and payload.address is not None:
        address_services.address_save(user=user, data=address)
    return 201, order_out(own_order(request, order.number))


@router.post(
    "/me/orders/{number}/payment/",
    response=with_errors({200: PaymentOut}, 403, 404, 409, 502, 503),
    summary="Pay one of your orders: its PaymentIntent's client secret",
    description="Creates the order's PaymentIntent once (a second call answers with the same one). Confirm it "
    "with Stripe.js or a Stripe mobile SDK and the `publishable_key`; the order turns paid when Stripe tells "
    "the shop (poll GET /me/orders/{number}/). 409 when the order is paid, canceled or its campaign closed.",
)
def order_payment(request: HttpRequest, number: str):
    order = own_order(request, number)
    payments_services.order_check_payable(order=order)
    order = payments_services.order_ensure_intent(order=order)
    return {
        "order": order.number,
        "status": order.status,
        "amount": order.total,
        "currency": order.currency,
        "client_secret": payments_services.order_client_secret(order=order),
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "test_mode": gateway.test_payments_enabled(),
    }


@router.post(
    "/me/orders/{number}/test-payment/",
    response=with_errors({200: OrderDetail}, 402, 403, 404, 409, 502, 503),
    summary="Pay one of your orders with a Stripe test card (test mode only)",
    description="Only while the shop runs on Stripe test keys (localstripe, demos), as the site's payment page "
    "offers it: 403 otherwise. `pm_card_chargeCustomerFail` is declined (402) and the order stays payable.",
)
def order_test_payment(request: HttpRequest, number: str, payload: TestPaymentIn | None = None):
    order = own_order(request, number)
    card = payload.card if payload is not None else TestPaymentIn().card
    payments_services.order_test_pay(order=order, user=request.user, payment_method=card)
    return order_out(own_order(request, number))
