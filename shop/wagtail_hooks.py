from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from shop.admin_orders import ORDER_POLICY, OrderViewSet
from shop.admin_products import PRODUCT_POLICY, ProductViewSet, PublishBulkAction, RetireBulkAction
from shop.models import Order, Product, ShippingMethod, ShippingZone

# Products change only through shop.services (create from a design, put on sale, take off sale).
register_permission_policy(Product, PRODUCT_POLICY, exact_class=True)


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
# Products, and shipping: zones, methods and rates, edited as snippets (model permissions decide who may)
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


class ShopViewSetGroup(SnippetViewSetGroup):
    """Products (shop/admin_products.py) and the shipping rules under one "Shop" entry of the admin menu."""

    items = (ProductViewSet, ShippingZoneViewSet, ShippingMethodViewSet)
    menu_icon = "tag"
    menu_label = _("Shop")
    menu_name = "shop"
    menu_order = 400


register_snippet(ShopViewSetGroup)


# Bulk "Put on sale" / "Take off sale" on the product listing (Wagtail registers the classes themselves).
hooks.register("register_bulk_action", PublishBulkAction)
hooks.register("register_bulk_action", RetireBulkAction)
# Fulfilment: orders, their history and actions (shop/admin_orders.py).
register_permission_policy(Order, ORDER_POLICY, exact_class=True)


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet()
