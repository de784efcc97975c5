"""Voting listens to the design lifecycle (designs cannot import voting)."""

from __future__ import annotations

from django.dispatch import receiver

from designs.models import DesignState
from designs.signals import design_state_changed, design_structured_data


@receiver(design_state_changed, dispatch_uid="voting_design_state_changed")
def on_design_state_changed(sender, design, from_state, to_state, **kwargs):
    from voting.services import design_voting_opened
    from voting.tasks import notify_supporters_of_decision

    if to_state == DesignState.APPROVED:
        design_voting_opened(design=design)
    elif from_state == DesignState.SHORTLISTED and to_state in (DesignState.SELECTED, DesignState.NOT_SELECTED):
        notify_supporters_of_decision.delay(design.pk)


@receiver(design_structured_data, dispatch_uid="voting_design_structured_data")
def vote_counts_for_design_page(sender, design, **kwargs):
    """The design page's CreativeWork carries the vote count its vote panel shows."""
    from voting.selectors import vote_summary_for_design

    summary = vote_summary_for_design(design)
    return {
        "interactionStatistic": [
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/VoteAction",
                "userInteractionCount": summary.votes,
            }
        ]
    }
