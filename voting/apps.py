from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Voting")

    def ready(self):
        from core.panels import register_panel
        from voting import privacy

        privacy.register()
        from voting import signals  # noqa: F401  (connects the receivers)

        register_panel("design.detail", "voting/design_panel.html", order=10)
        register_panel("member.trust_help_url", "voting/trust_help_url.html")
        register_panel("design.challenge_list_url", "voting/challenge_list_url.html")
