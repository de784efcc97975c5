from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        from community import flaggables, privacy, receivers, signals  # noqa: F401

        privacy.register()

        signals.connect_allauth()
        flaggables.register()

        from core.panels import register_panel

        register_panel("account.links", "community/account_links.html", order=5)
