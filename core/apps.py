from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_save, pre_save


def _forget_setting(sender, **kwargs) -> None:
    from core.site_settings import forget

    forget(sender)


def _forget_all_settings(sender, **kwargs) -> None:
    from core.site_settings import forget

    forget()


def _forget_links_page(sender, **kwargs) -> None:
    from wagtail.models import Page

    if issubclass(sender, Page):
        from core import links

        links.forget()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from wagtail.users.models import UserProfile

        from core.timezones import drop_foreign_time_zone

        pre_save.connect(drop_foreign_time_zone, sender=UserProfile, dispatch_uid="core-admin-time-zone")
        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.models import Site

        # Cached site settings (core/site_settings.py) are dropped when one changes.
        for model in apps.get_models():
            if issubclass(model, BaseSiteSetting):
                post_save.connect(_forget_setting, sender=model, dispatch_uid=f"forget-{model._meta.label_lower}")
                post_delete.connect(_forget_setting, sender=model, dispatch_uid=f"forget-{model._meta.label_lower}-d")
        post_save.connect(_forget_all_settings, sender=Site, dispatch_uid="forget-settings-site")
        post_delete.connect(_forget_all_settings, sender=Site, dispatch_uid="forget-settings-site-d")

        # The footer's resolved links (core/links.py) are dropped when the setting or any page's URL,
        # title or live state may have changed.
        from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

        from core import links
        from core.models import SiteLinks

        post_save.connect(links.forget, sender=SiteLinks, dispatch_uid="forget-links-setting")
        post_save.connect(links.forget, sender=Site, dispatch_uid="forget-links-site")
        page_published.connect(links.forget, dispatch_uid="forget-links-published")
        page_unpublished.connect(links.forget, dispatch_uid="forget-links-unpublished")
        page_slug_changed.connect(links.forget, dispatch_uid="forget-links-slug")
        post_page_move.connect(links.forget, dispatch_uid="forget-links-moved")
        post_delete.connect(_forget_links_page, dispatch_uid="forget-links-page-deleted")
