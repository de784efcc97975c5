"""The cart page and its changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import safe_next_url, wants_json
from shop import rules as shop_rules
from shop.cart import get_cart
from shop.forms import CartAddForm, CartUpdateForm
from shop.selectors import cart as cart_selectors
from shop.services import cart as cart_services


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def cart_view(request):
    summary = cart_selectors.cart_summary(items=get_cart(request).items())
    return render(request, "shop/cart.html", {"cart": summary, "max_quantity": shop_rules.MAX_QUANTITY})


# The form on a guest's product page carries no token (that page is cached for every guest): the
# script fetches one before sending. A POST without a valid token changes nothing and gets a page
# asking to confirm, with a fresh token (guests without the script, and forged cross-site posts).
@csrf_exempt
@require_POST
def cart_add(request):
    refused = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
    if refused is not None:
        fields = [(name, request.POST.get(name, "")) for name in ("variant", "quantity", "price", "next")]
        return render(request, "shop/cart_confirm.html", {"fields": fields}, status=403)
    cart = get_cart(request)
    form = CartAddForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.first_error())
        variant, quantity = cart_services.cart_add(
            cart=cart,
            user=request.user,
            variant=form.cleaned_data["variant"],
            quantity=form.cleaned_data["quantity"],
            claimed_price=form.cleaned_data["price"],
        )
    except ValidationError as exc:
        if wants_json(request):
            return JsonResponse({"ok": False, "error": error_text(exc)}, status=400)
        messages.error(request, error_text(exc))
        return redirect(safe_next_url(request, request.POST.get("next"), fallback=reverse("shop:cart")))
    count = cart.count()
    text = _("Added to your cart: %(title)s (%(label)s).") % {"title": variant.product.title, "label": variant.label}
    if wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "message": text,
                "cart_count": count,
                "cart_count_label": ngettext("%(n)s item", "%(n)s items", count) % {"n": count},
                "cart_url": reverse("shop:cart"),
                "cart_link_text": _("View your cart"),
                "quantity": quantity,
            }
        )
    messages.success(request, text)
    return redirect("shop:cart")


@require_POST
def cart_update(request):
    form = CartUpdateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.first_error())
        quantity = cart_services.cart_update(
            cart=get_cart(request),
            user=request.user,
            variant_id=form.cleaned_data["variant"],
            quantity=form.cleaned_data["quantity"],
        )
        messages.success(request, _("Your cart was updated.") if quantity else _("Removed from your cart."))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        response = render(
            request,
            "shop/cart.html",
            {
                "cart": cart_selectors.cart_summary(items=get_cart(request).items()),
                "max_quantity": shop_rules.MAX_QUANTITY,
                "error": error_text(exc),
            },
            status=400,
        )
        return response
    return redirect("shop:cart")
