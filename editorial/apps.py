from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self) -> None:
        from editorial import cache_receivers, signals  # noqa: F401 (connects the receivers)

        cache_receivers.connect()
