"""Designs react to moderation and announce approvals; community sends, designs listens.

Each handler turns a community signal into a designs service call, so the rules about
what "removed" or "hidden" means for a design live here and nowhere else.
"""

from __future__ import annotations

from django.dispatch import receiver

from community.signals import content_hidden, content_removed, content_restored
from designs.models import Design, DesignState
from designs.services import design_moderation_hide, design_moderation_remove, design_moderation_restore
from designs.signals import design_state_changed


@receiver(content_removed, sender=Design, dispatch_uid="designs_remove_moderated")
def remove_moderated_design(sender, instance, reason="", **kwargs):
    design_moderation_remove(design=instance, reason=reason)


@receiver(content_hidden, sender=Design, dispatch_uid="designs_hide_flagged")
def hide_flagged_design(sender, instance, **kwargs):
    design_moderation_hide(design=instance)


@receiver(content_restored, sender=Design, dispatch_uid="designs_restore_kept")
def restore_kept_design(sender, instance, **kwargs):
    design_moderation_restore(design=instance)


@receiver(design_state_changed, sender=Design, dispatch_uid="designs_announce_approval")
def announce_approval(sender, design, from_state, to_state, **kwargs):
    if to_state == DesignState.APPROVED:
        from designs.tasks import announce_design

        announce_design.delay(design.pk)
