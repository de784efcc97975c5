from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save


def _forget_setting(sender, **kwargs) -> None:
    from core.site_settings import forget

    forget(sender)


def _forget_all_settings(sender, **kwargs) -> None:
    from core.site_settings import forget

    forget()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.models import Site

        # Cached site settings (core/site_settings.py) are dropped when one changes.
        for model in apps.get_models():
            if issubclass(model, BaseSiteSetting):
                post_save.connect(_forget_setting, sender=model, dispatch_uid=f"forget-{model._meta.label_lower}")
                post_delete.connect(_forget_setting, sender=model, dispatch_uid=f"forget-{model._meta.label_lower}-d")
        post_save.connect(_forget_all_settings, sender=Site, dispatch_uid="forget-settings-site")
        post_delete.connect(_forget_all_settings, sender=Site, dispatch_uid="forget-settings-site-d")
