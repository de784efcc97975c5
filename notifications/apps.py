from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from core.panels import register_panel
        from notifications import privacy, receivers  # noqa: F401 - receivers connects the unread-count receivers

        privacy.register()
        register_panel("account.links", "notifications/account_links.html", order=10)
