from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from api import privacy

        privacy.register()

        from core.panels import register_panel

        register_panel("account.links", "api/account_links.html", order=30)
