"""A member's orders and favourites."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.http import safe_next_url, wants_json
from designs.models import Design
from shop.cart import MemberCart, get_cart
from shop.models import Product
from shop.selectors import favourites as favourites_selectors
from shop.selectors import orders as orders_selectors
from shop.services import cart as cart_services
from shop.services import favourites as favourites_services


@login_required
def order_list(request):
    page = Paginator(orders_selectors.orders_for_user(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "shop/order_list.html", {"page": page})


@login_required
def order_detail(request, number):
    order = orders_selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    cart_services.cart_settle_paid(cart=get_cart(request), order=order)
    return render(request, "shop/order_detail.html", {"order": order})


@login_required
@require_POST
def order_buy_again(request, number):
    order = orders_selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    added, skipped = cart_services.order_buy_again(order=order, user=request.user, cart=MemberCart(request.user))
    if added:
        messages.success(
            request,
            ngettext(
                "We put %(n)s item from this order in your cart.",
                "We put %(n)s items from this order in your cart.",
                added,
            )
            % {"n": added},
        )
    if skipped:
        messages.error(request, _("No longer available: %(items)s.") % {"items": ", ".join(skipped)})
    return redirect("shop:cart")


@login_required
def favourites(request):
    return render(
        request, "shop/favourites.html", {"favourites": favourites_selectors.favourites_for_user(user=request.user)}
    )


@login_required
@require_POST
def favourite_toggle(request):
    kind, raw_id = request.POST.get("kind"), request.POST.get("id", "")
    if kind not in ("design", "product") or not raw_id.isdigit():
        return HttpResponse(_("Unknown item."), status=400)
    if kind == "design":
        target = get_object_or_404(Design, pk=int(raw_id))
        if not target.is_public:
            raise Http404
        on = favourites_services.favourite_toggle(user=request.user, design=target)
    else:
        target = get_object_or_404(Product, pk=int(raw_id))
        on = favourites_services.favourite_toggle(user=request.user, product=target)
    text = _("Saved to your favourites.") if on else _("Removed from your favourites.")
    if wants_json(request):
        html = render_to_string(
            "shop/includes/favourite_button.html",
            {
                "kind": kind,
                "obj": target,
                "on": on,
                "request": request,
                "user": request.user,
                "next": safe_next_url(request, request.POST.get("next"), fallback=""),
            },
            request=request,
        )
        return JsonResponse({"ok": True, "favourite": on, "message": text, "html": html})
    messages.success(request, text)
    next_url = request.POST.get("next", "")
    return redirect(next_url if next_url.startswith("/") and not next_url.startswith("//") else "shop:favourites")
