"""Checkout, the payment page and Stripe's webhook."""

from __future__ import annotations

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop import gateway
from shop.cart import get_cart
from shop.countries import HOME_COUNTRY, REGIONS, country_name
from shop.errors import PaymentError, PaymentInProgress
from shop.forms import CheckoutForm, TestPayForm
from shop.referrals import referrer_from_request
from shop.selectors import orders as orders_selectors
from shop.selectors import shipping as shipping_selectors
from shop.services import addresses as address_services
from shop.services import cart as cart_services
from shop.services import checkout as checkout_services
from shop.services import payments as payments_services
from shop.services.checkout import TotalsChanged
from shop.views.account import invoice_response, order_page_context, return_request
from shop.views.cart import error_text


def checkout(request):
    """Address, shipping method, totals with VAT, terms; "Order and pay" makes one pending order."""
    cart = get_cart(request)
    user = request.user if request.user.is_authenticated else None
    addresses = shipping_selectors.addresses_for_user(user=user)
    countries = shipping_selectors.shipping_countries()
    if request.method == "POST":
        data = request.POST
        country, method_id = _destination(data, addresses, user)
        quote = checkout_services.checkout_quote(cart=cart, country=country, method_id=method_id)
        form = CheckoutForm(data, user=user, addresses=addresses, countries=countries, shipping_options=quote.options)
        if not quote.lines:
            return _render_checkout(request, form, quote, error=_("Your cart is empty."), status=400)
        if data.get("action") == "update":
            return _render_checkout(request, form, quote, validate=False)
        if not form.is_valid():
            return _render_checkout(request, form, quote, status=400)
        try:
            order = checkout_services.order_create(
                cart=cart,
                user=user,
                email=form.cleaned_data.get("email", ""),
                address=form.cleaned_data["address"],
                shipping_method_id=method_id,
                referrer=referrer_from_request(request),
                checkout_token=form.cleaned_data.get("checkout_token") or "",
                language=get_language() or "en",
                expected_total=form.cleaned_data.get("quoted_total"),
            )
        except TotalsChanged as exc:
            return _render_checkout(request, form, quote, error=error_text(exc), status=409)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                return _render_checkout(request, form, quote, status=400)
            return _render_checkout(request, form, quote, error=error_text(exc), status=400)
        if user is not None and form.cleaned_data.get("save_address") and form.chosen_saved_address() is None:
            address_services.address_save(user=user, data=form.cleaned_data["address"])
        return redirect("shop:order_pay", key=order.access_key)
    default = shipping_selectors.default_address(user=user)
    country = default.country if default else request.GET.get("country", "").upper() or HOME_COUNTRY
    if country not in {c.code for c in countries}:
        country = HOME_COUNTRY
    quote = checkout_services.checkout_quote(cart=cart, country=country)
    initial = {"country": country, "saved_address": str(default.pk) if default else CheckoutForm.NEW}
    form = CheckoutForm(
        initial=initial, user=user, addresses=addresses, countries=countries, shipping_options=quote.options
    )
    return _render_checkout(request, form, quote)


def _destination(data, addresses, user) -> tuple[str, str]:
    saved = {str(address.pk): address for address in addresses}.get(str(data.get("saved_address") or ""))
    country = saved.country if saved else str(data.get("country") or HOME_COUNTRY).upper()[:2]
    return country, str(data.get("shipping_method") or "")


def _render_checkout(request, form, quote, *, validate=True, error="", status=200):
    """The page always shows the totals for the address and method on it, with a fresh one-time token."""
    if form.is_bound and not validate:
        form = type(form)(
            initial={**{k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}},
            user=form.user,
            addresses=list(form.addresses.values()),
            countries=form.countries,
            shipping_options=quote.options,
        )
    token = (form.data.get("checkout_token") if form.is_bound else "") or checkout_services.new_checkout_token()
    context = {
        "form": form,
        "quote": quote,
        "error": error,
        "checkout_token": token,
        "chosen_method": str(quote.shipping.pk) if quote.shipping else "",
        "regions": REGIONS,
        "country_name": country_name(quote.country),
    }
    return render(request, "shop/checkout.html", context, status=status)


def _order_or_404(request, key):
    order = orders_selectors.order_for_key(key=key, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    return order


def order_view(request, key):
    """A guest's order page behind its signed link (the link from the email); members use their account."""
    if ":" not in key:
        return redirect("shop:order_detail", number=key)
    order = _order_or_404(request, key)
    cart_services.cart_settle_paid(cart=get_cart(request), order=order)
    # What a member sees in their account: timeline, invoices, the return form; the links carry the signed key.
    context = order_page_context(order, request.user, signed_key=key, access_key=key)
    return render(request, "shop/order_detail.html", context)


def order_view_invoice(request, key, invoice_number):
    """A guest downloads the order's invoice (or credit note) with the signed link; a wrong signature is a 404."""
    return invoice_response(orders_selectors.invoice_for_token(token=key, invoice_number=invoice_number))


@require_POST
def order_view_return(request, key):
    """A guest requests a return from the signed order page; the service checks the signature again."""
    order = _order_or_404(request, key) if ":" in key else None
    if order is None:
        raise Http404(_("No such order."))
    # Recorded as the member only if it is their own order; otherwise the link's holder, the buyer.
    actor = request.user if request.user.is_authenticated and request.user.pk == order.user_id else None
    return return_request(request, order, actor=actor, access_token=key)


@csp_update(settings.STRIPE_CSP)
def order_pay(request, key):
    if ":" not in key and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    order = _order_or_404(request, key)
    back = _order_url(order, key)
    try:
        payments_services.order_check_payable(order=order)
    except ValidationError as exc:
        messages.info(request, error_text(exc))
        return redirect(back)
    test_mode = gateway.test_payments_enabled()
    client_secret = ""
    if not test_mode:
        try:
            order = payments_services.order_ensure_intent(order=order)
            client_secret = payments_services.order_client_secret(order=order)
        except PaymentError as exc:
            messages.error(request, error_text(exc))
            return redirect(back)
    context = {
        "order": order,
        "access_key": key,
        "test_mode": test_mode,
        "client_secret": client_secret,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_js_url": settings.STRIPE_JS_URL,
        "return_url": request.build_absolute_uri(back),
    }
    return render(request, "shop/pay.html", context)


def _order_url(order, key) -> str:
    """Back to where this buyer can see the order: the signed link they came with, or their account."""
    if ":" in key:
        return reverse("shop:order_view", kwargs={"key": key})
    return order.get_absolute_url()


@require_POST
def order_test_pay(request, key):
    if ":" not in key and not request.user.is_authenticated:
        return redirect_to_login(reverse("shop:order_pay", kwargs={"key": key}))
    order = _order_or_404(request, key)
    # The signed link stands for the buyer; a plain number only works for the member who owns the order.
    payer = order.user if ":" in key else request.user
    form = TestPayForm(request.POST)
    if not form.is_valid():
        context = {"order": order, "access_key": key, "error": " ".join(form.errors["card"])}
        return render(request, "shop/order_detail.html", context, status=400)
    try:
        order = payments_services.order_test_pay(order=order, user=payer, payment_method=form.cleaned_data["card"])
    except PermissionDenied as exc:
        return HttpResponse(str(exc), status=403)
    except PaymentInProgress as exc:
        order.refresh_from_db()
        context = {"order": order, "access_key": key, "error": error_text(exc)}
        return render(request, "shop/order_detail.html", context, status=409)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(_order_url(order, key))
    cart_services.cart_settle_paid(cart=get_cart(request), order=order)
    messages.success(request, _("Payment status: %(status)s.") % {"status": order.get_status_display()})
    return redirect(_order_url(order, key))


@csrf_exempt
@require_POST
def stripe_webhook(request):
    status, message = payments_services.webhook_handle(
        payload=request.body, signature=request.headers.get("Stripe-Signature")
    )
    return HttpResponse(message, status=status, content_type="text/plain")
