from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from designs.services import is_editor
from shop import admin_views

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
        actions, "commonmade.order.status", _("Change an order's status"), _("Order now %(status)s (%(total)s)")
    )
