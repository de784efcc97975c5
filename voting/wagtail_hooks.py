from __future__ import annotations

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin import AdminLinkViewSet
from designs.services import is_editor
from voting import admin_views
from voting.models import Challenge


class ChallengeViewSet(ModelViewSet):
    model = Challenge
    icon = "date"
    menu_label = _("Challenges")
    list_display = ["title", "state_label", "voting_starts_at", "voting_ends_at", "closed_at"]
    search_fields = ["title", "brief"]
    form_fields = [
        "title",
        "title_de",
        "slug",
        "brief",
        "brief_de",
        "categories",
        "submission_starts_at",
        "submission_ends_at",
        "voting_starts_at",
        "voting_ends_at",
        "max_entries_per_maker",
        "prize_terms",
    ]


admin_urls = [
    path("shortlist/", admin_views.shortlist, name="shortlist"),
    path("held-back/", admin_views.held_back_list, name="held_back_list"),
    path("held-back/<int:pk>/", admin_views.held_back, name="held_back"),
]


@hooks.register("register_admin_urls")
def register_voting_admin_urls():
    return [path("voting/", include((admin_urls, "voting_admin"), namespace="voting_admin"))]


class VotingGroup(ViewSetGroup):
    """Challenges, the shortlist and held-back votes under one "Voting" entry of the admin menu."""

    menu_label = _("Voting")
    menu_icon = "pick"
    menu_order = 220
    items = (
        ChallengeViewSet("challenges"),
        AdminLinkViewSet(
            "voting_shortlist", url_name="voting_admin:shortlist", label=_("Shortlist"), icon="pick", allowed=is_editor
        ),
        AdminLinkViewSet(
            "voting_held_back",
            url_name="voting_admin:held_back_list",
            label=_("Held-back votes"),
            icon="warning",
            allowed=is_editor,
        ),
    )


@hooks.register("register_admin_viewset")
def register_voting_group():
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
