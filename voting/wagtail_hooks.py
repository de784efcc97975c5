from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from designs.services import is_editor
from voting import admin_views
from voting.models import Challenge


class ChallengeViewSet(ModelViewSet):
    model = Challenge
    icon = "date"
    menu_label = _("Challenges")
    menu_order = 210
    add_to_admin_menu = True
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


@hooks.register("register_admin_viewset")
def register_challenge_viewset():
    return ChallengeViewSet("challenges")


admin_urls = [
    path("shortlist/", admin_views.shortlist, name="shortlist"),
    path("held-back/", admin_views.held_back_list, name="held_back_list"),
    path("held-back/<int:pk>/", admin_views.held_back, name="held_back"),
]


@hooks.register("register_admin_urls")
def register_voting_admin_urls():
    return [path("voting/", include((admin_urls, "voting_admin"), namespace="voting_admin"))]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_shortlist_menu_item():
    return EditorMenuItem(_("Shortlist"), reverse("voting_admin:shortlist"), icon_name="pick", order=220)


@hooks.register("register_admin_menu_item")
def register_held_back_menu_item():
    return EditorMenuItem(_("Held-back votes"), reverse("voting_admin:held_back_list"), icon_name="warning", order=230)
