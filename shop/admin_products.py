"""Products in the Wagtail admin: a snippet viewset (list, filters, inspect, choosers) where editors
create a product from a selected design, put it on sale and take it off sale.

Guarded by one permission policy: editors (designs.moderate_design) and holders of shop.view_product
list products; editors "add" (from a design) and "publish" (on sale / off sale). Nobody edits or
deletes a product here: the views only parse the form and call shop.services.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.admin import ServiceActionPermissionPolicy
from core.site_settings import load as load_site_settings
from designs.models import Design, DesignState
from shop.forms import ProductCreateForm
from shop.models import Product, ShopRules
from shop.services import campaigns as campaign_services
from shop.services import products as product_services

EDITOR = "designs.moderate_design"
PUBLISH = "publish"  # on sale and off sale

PRODUCT_POLICY = ServiceActionPermissionPolicy(Product, actions={"view": [EDITOR], "add": [EDITOR], PUBLISH: [EDITOR]})

READY_STATES = (DesignState.SELECTED, DesignState.IN_PRODUCTION)


def _require(request, action: str) -> None:
    if not PRODUCT_POLICY.user_has_permission(request.user, action):
        raise PermissionDenied(_("Only editors can manage the shop."))


def _refusal(exc: Exception) -> str:
    return " ".join(getattr(exc, "messages", [str(exc)]))


class ProductIndexView(IndexView):
    """The products; each row offers "Put on sale" or "Take off sale" next to Inspect."""

    @cached_property
    def add_item_label(self):
        return _("Create from a design")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission(PUBLISH):
            if instance.is_on_sale:
                label, name, icon = _("Take off sale"), "retire", "cross"
            else:
                label, name, icon = _("Put on sale"), "publish", "check"
            url = reverse(Product.snippet_viewset.get_url_name(name), args=[instance.pk])
            buttons.append(Button(label, url=url, icon_name=icon, priority=5))
        return buttons


class CampaignColumn(Column):
    cell_template_name = "shop/admin/campaign_cell.html"


class ChooseDesignView(View):
    """Step 1 of "Create from a design": the selected designs that have no product yet."""

    def get(self, request):
        _require(request, "add")
        designs = list(Design.objects.filter(state__in=READY_STATES).select_related("maker").order_by("title"))
        for design in designs:
            design.create_url = reverse(Product.snippet_viewset.get_url_name("create_from_design"), args=[design.pk])
        context = {
            "page_title": _("Create a product from a design"),
            "header_icon": "tag",
            "designs": designs,
            "index_url": reverse(Product.snippet_viewset.get_url_name("list")),
        }
        return TemplateResponse(request, "shop/admin/choose_design.html", context)


class ProductCreateView(View):
    """Step 2: the product form for one design; shop.services creates it (and its campaign)."""

    def dispatch(self, request, design_id: int):
        _require(request, "add")
        self.design = get_object_or_404(Design, pk=design_id)
        return super().dispatch(request, design_id)

    def get(self, request, design_id: int):
        return self.render(ProductCreateForm(initial=self.initial()))

    def post(self, request, design_id: int):
        form = ProductCreateForm(request.POST, initial=self.initial())
        if not form.is_valid():
            return self.render(form)
        data = dict(form.cleaned_data)
        royalty_share = (data.pop("royalty_percent") / 100).quantize(Decimal("0.001"))
        try:
            product = campaign_services.product_launch(
                design=self.design, actor=request.user, royalty_share=royalty_share, **data
            )
        except (ValidationError, PermissionDenied) as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, _refusal(exc))
            return self.render(form)
        messages.success(request, _("Product “%(title)s” created.") % {"title": product.title})
        return redirect(Product.snippet_viewset.get_url_name("list"))

    def initial(self) -> dict:
        shop_rules = load_site_settings(ShopRules)
        return {
            "title": self.design.title,
            "royalty_percent": (shop_rules.royalty_share_default * 100).quantize(Decimal("0.1")),
            "manufacturer": shop_rules.default_manufacturer,
        }

    def render(self, form):
        context = {
            "page_title": _("Create product"),
            "page_subtitle": self.design.title,
            "header_icon": "tag",
            "design": self.design,
            "form": form,
        }
        return TemplateResponse(self.request, "shop/admin/product_create.html", context)


class ProductStatusView(View):
    """Put on sale or take off sale: GET asks to confirm, POST calls the service."""

    action = ""

    def dispatch(self, request, pk: int):
        _require(request, PUBLISH)
        self.product = get_object_or_404(Product, pk=pk)
        return super().dispatch(request, pk)

    def get(self, request, pk: int):
        context = {
            "page_title": _("Put on sale") if self.action == "publish" else _("Take off sale"),
            "page_subtitle": self.product.title,
            "header_icon": "tag",
            "product": self.product,
            "action": self.action,
            "index_url": reverse(Product.snippet_viewset.get_url_name("list")),
        }
        return TemplateResponse(request, "shop/admin/product_status_confirm.html", context)

    def post(self, request, pk: int):
        title = self.product.title
        try:
            if self.action == "publish":
                product_services.product_publish(product=self.product, actor=request.user)
                messages.success(request, _("“%(title)s” is on sale.") % {"title": title})
            else:
                product_services.product_retire(product=self.product, actor=request.user)
                messages.success(request, _("“%(title)s” was taken off sale.") % {"title": title})
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _refusal(exc))
        return redirect(Product.snippet_viewset.get_url_name("list"))


class ProductViewSet(SnippetViewSet):
    """Every product, to list, inspect and choose (collections and stories choose products here)."""

    model = Product
    icon = "tag"
    menu_label = gettext_lazy("Products")
    url_prefix = "products"
    index_view_class = ProductIndexView
    list_display = [
        "title",
        "design",
        "product_type",
        "status",
        "price",
        CampaignColumn("campaigns", label=gettext_lazy("Campaign"), accessor="pk"),
        "published_at",
    ]
    list_filter = ["status", "product_type", "made_to_order"]
    search_fields = ["title", "slug"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return Product.objects.select_related("design").prefetch_related("campaigns")

    def get_urlpatterns(self):
        urls = [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]
        return urls + [
            path("add/", ChooseDesignView.as_view(), name="add"),
            path("add/<int:design_id>/", ProductCreateView.as_view(), name="create_from_design"),
            path("publish/<int:pk>/", ProductStatusView.as_view(action="publish"), name="publish"),
            path("retire/<int:pk>/", ProductStatusView.as_view(action="retire"), name="retire"),
        ]


class ProductBulkAction(SnippetBulkAction):
    """Put several products on sale, or take them off sale, at once; each one through the service."""

    models = [Product]
    action = ""

    def check_perm(self, snippet):
        return PRODUCT_POLICY.user_has_permission(self.request.user, PUBLISH)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        done, refused = 0, []
        for product in objects:
            try:
                if cls.action == "publish":
                    product_services.product_publish(product=product, actor=user)
                else:
                    product_services.product_retire(product=product, actor=user)
            except (ValidationError, PermissionDenied) as exc:
                refused.append(f"{product.title}: {_refusal(exc)}")
            else:
                done += 1
        kwargs["self"].refused = refused
        return done, 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_success_message(self, num_parent_objects, num_child_objects):
        for refusal in getattr(self, "refused", []):
            messages.error(self.request, refusal)
        return self.done_message(num_parent_objects)


class PublishBulkAction(ProductBulkAction):
    display_name = gettext_lazy("Put on sale")
    aria_label = gettext_lazy("Put the selected products on sale")
    action_type = "put_on_sale"
    template_name = "shop/admin/bulk_product_status.html"
    action_priority = 20
    action = "publish"

    def done_message(self, n: int) -> str:
        return ngettext("%(n)d product is on sale.", "%(n)d products are on sale.", n) % {"n": n}


class RetireBulkAction(ProductBulkAction):
    display_name = gettext_lazy("Take off sale")
    aria_label = gettext_lazy("Take the selected products off sale")
    action_type = "take_off_sale"
    template_name = "shop/admin/bulk_product_status.html"
    action_priority = 25
    action = "retire"

    def done_message(self, n: int) -> str:
        return ngettext("%(n)d product was taken off sale.", "%(n)d products were taken off sale.", n) % {"n": n}
