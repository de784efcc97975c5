from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin import BrowseOnlyPermissionPolicy
from designs.services import is_editor
from shop import admin_views
from shop.admin_orders import ORDER_POLICY, OrderViewSet
from shop.models import Order, Product, ShippingMethod, ShippingZone

# Products change only through shop.services (create from a design, publish, retire).
register_permission_policy(Product, BrowseOnlyPermissionPolicy(Product), exact_class=True)


class ProductViewSet(SnippetViewSet):
    """Every product, to list, inspect and choose (collections and stories choose products here)."""

    model = Product
    icon = "tag"
    menu_label = _("Products")
    menu_order = 410
    add_to_admin_menu = True
    url_prefix = "products"
    list_display = ["title", "design", "product_type", "status", "price", "published_at"]
    list_filter = ["status", "product_type"]
    search_fields = ["title", "slug"]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return Product.objects.select_related("design")


register_snippet(ProductViewSet)

shop_admin_urls = (
    [
        path("", admin_views.shop_index, name="index"),
        path("create/<int:design_id>/", admin_views.product_create, name="product_create"),
        path("<int:pk>/publish/", admin_views.product_publish, name="product_publish"),
        path("<int:pk>/retire/", admin_views.product_retire, name="product_retire"),
    ],
    "shop_admin",
)


@hooks.register("register_admin_urls")
def register_shop_admin_urls():
    return [path("shop/", include(shop_admin_urls))]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_shop_menu_item():
    return EditorMenuItem(_("Shop"), reverse("shop_admin:index"), icon_name="tag", order=400)


@hooks.register("register_log_actions")
def register_shop_log_actions(actions):
    from core import audit

    audit.register(
        actions, "commonmade.product.create", _("Create a product"), _("Product created from “%(design)s” at %(price)s")
    )
    audit.register(actions, "commonmade.product.publish", _("Put a product on sale"), _("Product put on sale"))
    audit.register(actions, "commonmade.product.retire", _("Retire a product"), _("Product retired"))
    audit.register(
        actions, "commonmade.order.status", _("Change an order's status"), _("Order: %(from)s → %(to)s %(note)s")
    )


# ---------------------------------------------------------------------------
# Shipping: zones, methods and rates, edited as snippets (model permissions decide who may)
# ---------------------------------------------------------------------------
class ShippingZoneViewSet(SnippetViewSet):
    model = ShippingZone
    icon = "site"
    menu_label = _("Shipping zones")
    url_prefix = "shop/shipping-zones"
    list_display = ["name", "countries", "position"]
    ordering = ["position", "id"]
    copy_view_enabled = False


class ShippingMethodViewSet(SnippetViewSet):
    model = ShippingMethod
    icon = "tag"
    menu_label = _("Shipping methods and rates")
    url_prefix = "shop/shipping-methods"
    list_display = ["name", "zone", "delivery_days_min", "delivery_days_max", "free_shipping_threshold", "is_active"]
    list_filter = ["zone", "is_active"]
    ordering = ["zone__position", "position", "id"]

    def get_queryset(self, request):
        return ShippingMethod.objects.select_related("zone")


class ShippingViewSetGroup(SnippetViewSetGroup):
    items = (ShippingZoneViewSet, ShippingMethodViewSet)
    menu_icon = "site"
    menu_label = _("Shipping")
    menu_name = "shipping"
    menu_order = 410


register_snippet(ShippingViewSetGroup)
# Fulfilment: orders, their history and actions (shop/admin_orders.py).
register_permission_policy(Order, ORDER_POLICY, exact_class=True)


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet()
