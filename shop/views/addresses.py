"""A member's saved delivery addresses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shop.countries import REGIONS
from shop.forms import SavedAddressForm
from shop.models import Address
from shop.selectors import shipping as shipping_selectors
from shop.services import addresses as address_services
from shop.views.cart import error_text


@login_required
def address_list(request):
    addresses = shipping_selectors.addresses_for_user(user=request.user)
    return render(request, "shop/address_list.html", {"addresses": addresses})


@login_required
def address_edit(request, pk=None):
    address = get_object_or_404(Address, pk=pk, user=request.user) if pk else None
    if request.method == "POST":
        form = SavedAddressForm(request.POST)
        if form.is_valid():
            try:
                address_services.address_save(
                    user=request.user,
                    data=form.cleaned_data["address"],
                    make_default=form.cleaned_data.get("make_default", False),
                    address=address,
                )
            except ValidationError as exc:
                messages.error(request, error_text(exc))
            else:
                messages.success(request, _("Address saved."))
                return redirect("shop:address_list")
    else:
        initial = {"country": "DE"}
        if address is not None:
            initial = {key: getattr(address, key) for key in address_services.ADDRESS_FIELDS}
            initial["make_default"] = address.is_default
        form = SavedAddressForm(initial=initial)
    return render(request, "shop/address_form.html", {"form": form, "address": address, "regions": REGIONS})


@login_required
@require_POST
def address_delete(request, pk):
    try:
        address_services.address_delete(user=request.user, address_id=pk)
        messages.success(request, _("Address deleted."))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("shop:address_list")


@login_required
@require_POST
def address_default(request, pk):
    try:
        address_services.address_set_default(user=request.user, address_id=pk)
        messages.success(request, _("This is now your default address."))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("shop:address_list")
