from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "live"
    verbose_name = _("Live drops")

    def ready(self) -> None:
        from live import offers, privacy, receivers  # noqa: F401

        privacy.register()
        from live.storefront import register

        register()
        offers.register()

        from django.utils.translation import gettext as _

        from community.flagging import register_flaggable
        from live.models import ChatMessage

        register_flaggable(
            ChatMessage,
            kind="chat message",
            author=lambda message: message.author,
            describe=lambda message: (
                _("Chat message by @%(handle)s") % {"handle": getattr(message.author, "handle", "")}
            ),
        )
