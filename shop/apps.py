from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    name = "shop"
    verbose_name = _("Shop")

    def ready(self):
        from core.panels import register_panel
        from shop import privacy

        privacy.register()
        from shop import receivers  # noqa: F401

        register_panel("design.detail", "shop/design_panel.html", order=20)
        register_panel("member.profile", "shop/member_reviews.html", order=20)
        register_panel("account.links", "shop/account_links.html", order=20)
        from shop.flaggables import register

        register()
