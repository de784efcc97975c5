"""Checkout, the payment page and Stripe's webhook."""

from __future__ import annotations

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from community.referrals import referrer_from_request
from shop import gateway
from shop.cart import MemberCart, get_cart
from shop.errors import PaymentError, PaymentInProgress
from shop.selectors import cart as cart_selectors
from shop.selectors import orders as orders_selectors
from shop.services import cart as cart_services
from shop.services import checkout as checkout_services
from shop.services import payments as payments_services
from shop.views.cart import error_text

# Stripe's test payment methods offered on the payment page in test mode.
TEST_CARDS = ("pm_card_visa", "pm_card_chargeCustomerFail")


@login_required
def checkout(request):
    cart = MemberCart(request.user)
    if request.method == "POST":
        try:
            order = checkout_services.order_create(
                user=request.user, cart=cart, referrer=referrer_from_request(request)
            )
        except ValidationError as exc:
            return render(
                request,
                "shop/checkout.html",
                {"cart": cart_selectors.cart_summary(items=cart.items()), "error": error_text(exc)},
                status=400,
            )
        return redirect("shop:order_pay", number=order.number)
    return render(request, "shop/checkout.html", {"cart": cart_selectors.cart_summary(items=cart.items())})


@login_required
@csp_update(settings.STRIPE_CSP)
def order_pay(request, number):
    order = orders_selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    try:
        payments_services.order_check_payable(order=order)
    except ValidationError as exc:
        messages.info(request, error_text(exc))
        return redirect(order.get_absolute_url())
    test_mode = gateway.test_payments_enabled()
    client_secret = ""
    if not test_mode:
        try:
            order = payments_services.order_ensure_intent(order=order)
            client_secret = payments_services.order_client_secret(order=order)
        except PaymentError as exc:
            messages.error(request, error_text(exc))
            return redirect(order.get_absolute_url())
    context = {
        "order": order,
        "test_mode": test_mode,
        "client_secret": client_secret,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_js_url": settings.STRIPE_JS_URL,
        "return_url": request.build_absolute_uri(order.get_absolute_url()),
    }
    return render(request, "shop/pay.html", context)


@login_required
@require_POST
def order_test_pay(request, number):
    order = orders_selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    try:
        order = payments_services.order_test_pay(order=order, user=request.user, payment_method=_test_card(request))
    except PermissionDenied as exc:
        return HttpResponse(str(exc), status=403)
    except PaymentInProgress as exc:
        order.refresh_from_db()
        return render(request, "shop/order_detail.html", {"order": order, "error": error_text(exc)}, status=409)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect(order.get_absolute_url())
    cart_services.cart_settle_paid(cart=get_cart(request), order=order)
    messages.success(request, _("Payment status: %(status)s.") % {"status": order.get_status_display()})
    return redirect(order.get_absolute_url())


def _test_card(request) -> str:
    """One of Stripe's test payment methods, never a real one; the buttons on the payment page send them."""
    card = request.POST.get("card", "")
    return card if card in TEST_CARDS else "pm_card_visa"


@csrf_exempt
@require_POST
def stripe_webhook(request):
    status, message = payments_services.webhook_handle(
        payload=request.body, signature=request.headers.get("Stripe-Signature")
    )
    return HttpResponse(message, status=status, content_type="text/plain")
