from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignsConfig(AppConfig):
    name = "designs"
    verbose_name = _("Designs")

    def ready(self):
        from designs import privacy

        privacy.register()
        from core.media import register_rule
        from designs import receivers  # noqa: F401
        from designs.media import design_image_rule

        register_rule(design_image_rule)

        from django.utils.translation import gettext as _

        from community.flagging import register_flaggable
        from designs.models import Design

        register_flaggable(
            Design,
            kind="design",
            author=lambda design: design.maker,
            describe=lambda design: _("Design “%(title)s”") % {"title": design.title},
        )
