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
        "slug",
        "brief",
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
