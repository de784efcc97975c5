"""Designs announce approvals (hiding and removal by moderation go through community.flagging)."""

from __future__ import annotations

from django.dispatch import receiver

from designs.models import Design, DesignState
from designs.signals import design_state_changed


@receiver(design_state_changed, sender=Design, dispatch_uid="designs_announce_approval")
def announce_approval(sender, design, from_state, to_state, **kwargs):
    if to_state == DesignState.APPROVED:
        from designs.tasks import announce_design

        announce_design.delay(design.pk)
