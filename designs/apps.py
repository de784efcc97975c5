from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignsConfig(AppConfig):
    name = "designs"
    verbose_name = _("Designs")

    def ready(self):
        from core.media import register_rule
        from designs import receivers  # noqa: F401
        from designs.media import design_image_rule

        register_rule(design_image_rule)

        from django.utils.translation import gettext as _

        from community.flagging import hide_by_field, register_flaggable, remove_by_field
        from designs.models import Design

        register_flaggable(
            Design,
            kind="design",
            hide=hide_by_field,
            remove=remove_by_field,
            author=lambda design: design.maker,
            describe=lambda design: _("Design “%(title)s”") % {"title": design.title},
        )
