"""A member's orders and favourites."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core import params
from core.http import safe_next_url, wants_json
from designs.models import Design
from shop.cart import MemberCart, get_cart
from shop.forms import ReturnRequestForm
from shop.models import Product, ReturnReason, ReturnStatus
from shop.pdf import invoice_pdf
from shop.selectors import favourites as favourites_selectors
from shop.selectors import orders as orders_selectors
from shop.services import cart as cart_services
from shop.services import favourites as favourites_services
from shop.services import fulfilment


@login_required
def order_list(request):
    page = Paginator(orders_selectors.orders_for_user(user=request.user), 20).get_page(params.page_number(request))
    return render(request, "shop/order_list.html", {"page": page})


@login_required
def order_detail(request, number):
    order = orders_selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    cart_services.cart_settle_paid(cart=get_cart(request), order=order)
    return render(request, "shop/order_detail.html", order_page_context(order, request.user))


def order_page_context(order, user, *, signed_key: str = "", **extra) -> dict:
    """What the order page shows after payment: timeline, shipment, invoices and the return form.

    signed_key: the signed link a guest came with; the invoice and return links then carry it.
    """
    refusal = fulfilment.return_refusal(order, user, access_token=signed_key)
    return {
        "order": order,
        "signed_key": signed_key,
        "timeline": orders_selectors.order_timeline(order=order),
        "invoices": orders_selectors.order_invoices(order=order),
        "return_refusal": refusal,
        "returnable_lines": [] if refusal else fulfilment.returnable_lines(order),
        "return_reasons": ReturnReason.choices,
        "return_window_ends": fulfilment.return_window_ends(order),
        "open_return": order.returns.filter(status=ReturnStatus.REQUESTED).first(),
        **extra,
    }


@login_required
def invoice_download(request, number, invoice_number):
    invoice = orders_selectors.invoice_for_viewer(number=number, invoice_number=invoice_number, user=request.user)
    return invoice_response(invoice)


def invoice_response(invoice) -> HttpResponse:
    if invoice is None:
        raise Http404(_("No such invoice."))
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def order_return_request(request, number):
    order = orders_selectors.order_for_owner(number=number, user=request.user)
    if order is None:
        raise Http404(_("No such order."))
    return return_request(request, order, actor=request.user)


def return_request(request, order, *, actor, access_token: str = ""):
    """The return form's answer, for a member (actor) or a guest with the signed link (access_token)."""
    form = ReturnRequestForm(request.POST, lines=order.lines.all())
    try:
        if not form.is_valid():
            raise ValidationError(form.first_error())
        fulfilment.order_request_return(
            order=order,
            actor=actor,
            quantities=form.quantities,
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
            access_token=access_token,
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("We received your return request and will answer it shortly."))
    if access_token:
        return redirect("shop:order_view", key=access_token)
    return redirect(order.get_absolute_url())


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
    kind = params.choice(request.POST, "kind", ("design", "product"))
    item_id = params.integer(request.POST, "id", minimum=1)
    if not kind or item_id is None:
        return HttpResponse(_("Unknown item."), status=400)
    if kind == "design":
        target = get_object_or_404(Design, pk=item_id)
        if not target.is_public:
            raise Http404
        on = favourites_services.favourite_toggle(user=request.user, design=target)
    else:
        target = get_object_or_404(Product, pk=item_id)
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
    return redirect(safe_next_url(request, request.POST.get("next"), fallback=reverse("shop:favourites")))
