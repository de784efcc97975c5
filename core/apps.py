from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from wagtail.users.models import UserProfile

        from core import site_settings
        from core.timezones import drop_foreign_time_zone

        site_settings.connect()
        pre_save.connect(drop_foreign_time_zone, sender=UserProfile, dispatch_uid="core-admin-time-zone")
