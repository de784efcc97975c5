from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MakersConfig(AppConfig):
    name = "makers"
    verbose_name = _("Makers")

    def ready(self):
        from django.urls import reverse

        from core import seo
        from core.panels import register_panel
        from makers import privacy

        privacy.register()
        from makers import receivers  # noqa: F401

        # A person in structured data links to their storefront.
        seo.set_person_url(lambda user: reverse("makers:storefront", kwargs={"handle": user.handle}))

        register_panel("design.maker", "makers/design_maker_link.html")
