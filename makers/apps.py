from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MakersConfig(AppConfig):
    name = "makers"
    verbose_name = _("Makers")

    def ready(self):
        from core.panels import register_panel
        from makers import receivers  # noqa: F401

        register_panel("design.maker", "makers/design_maker_link.html")
