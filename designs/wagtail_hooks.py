from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.admin import BrowseOnlyPermissionPolicy
from designs import admin_views
from designs.models import Design
from designs.services import is_editor

# Designs change only through designs.services (lifecycle, transition log, notifications).
register_permission_policy(Design, BrowseOnlyPermissionPolicy(Design), exact_class=True)


class DesignViewSet(SnippetViewSet):
    """Every design, to list, inspect and choose (collections and stories choose designs here)."""

    model = Design
    icon = "image"
    menu_label = _("Designs")
    menu_order = 210
    add_to_admin_menu = True
    url_prefix = "designs"
    list_display = ["title", "maker", "state", "category", "moderation_removed", "created_at"]
    list_filter = ["state", "category", "moderation_removed", "mature"]
    search_fields = ["title", "slug", "maker__handle"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "maker",
        "state",
        "category",
        "description",
        "mature",
        "moderation_removed",
        "voting_starts_at",
        "voting_ends_at",
        "view_count",
        "created_at",
    ]
    copy_view_enabled = False

    def get_queryset(self, request):
        return Design.objects.select_related("maker", "category")


register_snippet(DesignViewSet)


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("designs/review/", admin_views.review_queue, name="designs_review_queue"),
        path("designs/review/<int:pk>/approve/", admin_views.review_approve, name="designs_review_approve"),
        path("designs/review/<int:pk>/reject/", admin_views.review_reject, name="designs_review_reject"),
    ]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return EditorMenuItem(_("Design review"), reverse("designs_review_queue"), icon_name="tasks", order=150)


@hooks.register("register_log_actions")
def register_design_log_actions(actions):
    from core import audit

    audit.register(
        actions,
        "commonmade.design.transition",
        _("Change a design's state"),
        _("Design “%(title)s”: %(from)s → %(to)s %(reason)s"),
    )
