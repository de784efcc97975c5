"""Designs react to moderation and announce approvals; community sends, designs listens."""

from __future__ import annotations

from django.dispatch import receiver

from community.signals import content_hidden, content_restored
from designs.models import Design, DesignState
from designs.signals import design_state_changed


@receiver(content_hidden, sender=Design, dispatch_uid="designs_hide_flagged")
def hide_flagged_design(sender, instance, **kwargs):
    Design.objects.filter(pk=instance.pk).update(moderation_hidden=True)


@receiver(content_restored, sender=Design, dispatch_uid="designs_restore_kept")
def restore_kept_design(sender, instance, **kwargs):
    Design.objects.filter(pk=instance.pk).update(moderation_hidden=False)


@receiver(design_state_changed, sender=Design, dispatch_uid="designs_announce_approval")
def announce_approval(sender, design, from_state, to_state, **kwargs):
    if to_state == DesignState.APPROVED:
        from designs.tasks import announce_design

        announce_design.delay(design.pk)
