from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from editorial.models import FooterSettings, StoryIndexPage
from editorial.selectors import footer_links_changed
from editorial.services import story_index_attach_workflow


@receiver(post_save, sender=StoryIndexPage, dispatch_uid="editorial_story_index_workflow")
def attach_story_workflow(sender, instance: StoryIndexPage, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        story_index_attach_workflow(page=instance)


@receiver(post_save, sender=FooterSettings, dispatch_uid="editorial_footer_settings_saved")
def forget_footer_links_on_save(sender, instance, created: bool = False, **kwargs) -> None:
    # The empty row that FooterSettings.for_site() creates on first read changes nothing shown.
    if not created or instance.links:
        footer_links_changed()


@receiver(page_published, dispatch_uid="editorial_footer_page_published")
@receiver(page_unpublished, dispatch_uid="editorial_footer_page_unpublished")
def forget_footer_links(sender, **kwargs) -> None:
    """A changed footer or a (un)published page: the cached footer links are built anew."""
    footer_links_changed()


@receiver(post_delete, dispatch_uid="editorial_footer_page_deleted")
def forget_footer_links_of_deleted_page(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        footer_links_changed()
