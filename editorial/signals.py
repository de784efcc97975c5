from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from editorial.models import StoryIndexPage
from editorial.services import story_index_attach_workflow


@receiver(post_save, sender=StoryIndexPage, dispatch_uid="editorial_story_index_workflow")
def attach_story_workflow(sender, instance: StoryIndexPage, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        story_index_attach_workflow(page=instance)
