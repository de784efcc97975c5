from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from voting.admin_viewsets import VotingGroup
from voting.models import Challenge


@hooks.register("register_admin_viewset")
def register_voting_group():
    """Challenges, the shortlist and held-back votes (voting/admin_viewsets.py)."""
    return VotingGroup()


class ChallengeFormExtension:
    """The design submit form offers the open challenges; the new design enters the chosen one."""

    def fields(self, *, user, initial: dict) -> dict:
        from django import forms

        from voting.selectors import challenges_open_for_submission

        challenges = list(challenges_open_for_submission())
        if not challenges:
            return {}
        choices = [("", _("No challenge"))] + [(c.slug, c.local_title) for c in challenges]
        return {
            "challenge": forms.ChoiceField(
                label=_("Enter a challenge"),
                required=False,
                choices=choices,
                help_text=_("Optional: the design takes part in the challenge once the editors approve it."),
            )
        }

    def after_save(self, *, design, actor, cleaned_data: dict) -> list[tuple[int, str]]:
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied, ValidationError

        from voting.services import challenge_enter

        slug = cleaned_data.get("challenge")
        if not slug:
            return []
        challenge = Challenge.objects.filter(slug=slug).first()
        if challenge is None:
            return [(messages.WARNING, _("This challenge does not exist any more."))]
        try:
            challenge_enter(challenge=challenge, design=design, actor=actor)
        except (ValidationError, PermissionDenied) as exc:
            text = " ".join(getattr(exc, "messages", [str(exc)]))
            return [
                (messages.WARNING, _("Your design is saved but could not enter the challenge: %(why)s") % {"why": text})
            ]
        return [(messages.SUCCESS, _("Your design is entered in “%(title)s”.") % {"title": challenge.title})]


@hooks.register("design_form_extension")
def register_challenge_form_extension():
    return ChallengeFormExtension()


@hooks.register("design_card_facts")
def design_card_facts(designs) -> dict:
    """Score and time left on design cards: one query for all cards."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from designs.models import DesignState
    from voting.selectors import vote_summary_for_designs

    summaries = vote_summary_for_designs(design_ids=[d.pk for d in designs])
    now = timezone.now()
    facts = {}
    for design in designs:
        in_voting = design.state == DesignState.APPROVED
        summary = summaries.get(design.pk)
        if not in_voting and not (summary and summary.votes):
            continue
        facts[design.pk] = render_to_string(
            "voting/includes/card_facts.html",
            {
                "summary": summary,
                "ends_at": design.voting_ends_at
                if in_voting and design.voting_ends_at and design.voting_ends_at > now
                else None,
            },
        )
    return facts
