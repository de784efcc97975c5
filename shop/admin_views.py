"""The editors' shop screens in the Wagtail admin: turn selected designs into products, publish, run campaigns."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.site_settings import load as load_site_settings
from designs.models import Design, DesignState
from designs.services import is_editor
from shop.forms import ProductCreateForm
from shop.models import Product, ShopRules
from shop.services import campaigns as campaign_services
from shop.services import products as product_services


def _editor_only(request) -> None:
    if not is_editor(request.user):
        raise PermissionDenied(_("Only editors can manage the shop."))


def shop_index(request):
    _editor_only(request)
    ready = (
        Design.objects.filter(state__in=[DesignState.SELECTED, DesignState.IN_PRODUCTION])
        .select_related("maker")
        .order_by("title")
    )
    products = Product.objects.select_related("design").prefetch_related("campaigns").order_by("-created_at")
    return render(request, "shop/admin/index.html", {"ready": ready, "products": products})


def product_create(request, design_id: int):
    _editor_only(request)
    design = get_object_or_404(Design, pk=design_id)
    shop_rules = load_site_settings(ShopRules)
    initial = {
        "title": design.title,
        "royalty_percent": (shop_rules.royalty_share_default * 100).quantize(Decimal("0.1")),
        "manufacturer": shop_rules.default_manufacturer,
    }
    form = ProductCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                product = product_services.product_create(
                    design=design,
                    actor=request.user,
                    title=data["title"],
                    product_type=data["product_type"],
                    description=data["description"],
                    title_de=data["title_de"],
                    description_de=data["description_de"],
                    price=data["price"],
                    royalty_share=(data["royalty_percent"] / 100).quantize(Decimal("0.001")),
                    made_to_order=data["made_to_order"] or bool(data["campaign_goal"]),
                    variants=data["variants"],
                    publish=data["publish"],
                    manufacturer=data["manufacturer"],
                    responsible_person=data["responsible_person"],
                    safety_information=data["safety_information"],
                )
                if data["campaign_goal"]:
                    campaign_services.campaign_start(
                        product=product,
                        actor=request.user,
                        goal_units=data["campaign_goal"],
                        ends_at=timezone.now() + timedelta(days=data["campaign_days"]),
                    )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Product “%(title)s” created.") % {"title": product.title})
            return redirect("shop_admin:index")
    return render(request, "shop/admin/product_create.html", {"form": form, "design": design})


@require_POST
def product_publish(request, pk: int):
    _editor_only(request)
    product = get_object_or_404(Product, pk=pk)
    try:
        product_services.product_publish(product=product, actor=request.user)
        messages.success(request, _("“%(title)s” is on sale.") % {"title": product.title})
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("shop_admin:index")


@require_POST
def product_retire(request, pk: int):
    _editor_only(request)
    product = get_object_or_404(Product, pk=pk)
    product_services.product_retire(product=product, actor=request.user)
    messages.success(request, _("“%(title)s” was taken off sale.") % {"title": product.title})
    return redirect("shop_admin:index")
