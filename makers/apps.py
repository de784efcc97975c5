from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MakersConfig(AppConfig):
    name = "makers"
    verbose_name = _("Makers")

    def ready(self):
        from makers import privacy

        privacy.register()
        from makers import receivers  # noqa: F401
