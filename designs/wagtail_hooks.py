from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from designs.admin_review import DESIGN_POLICY, DesignReviewViewSet
from designs.models import Design

# Designs change only through designs.services (lifecycle, transition log, notifications).
register_permission_policy(Design, DESIGN_POLICY, exact_class=True)


class DesignViewSet(SnippetViewSet):
    """Every design, to list, inspect and choose (collections and stories choose designs here)."""

    model = Design
    icon = "image"
    menu_label = _("All designs")
    menu_name = "all-designs"
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


class DesignsGroup(SnippetViewSetGroup):
    """One "Designs" entry of the admin menu: the review queue (approve or reject, designs/admin_review.py)
    first, then every design. Each keeps its URL and its permissions: an editor without the Design
    snippet's view permission sees only the review."""

    items = (DesignReviewViewSet, DesignViewSet)
    menu_icon = "image"
    menu_label = _("Designs")
    menu_name = "designs"
    menu_order = 210


register_snippet(DesignsGroup)


@hooks.register("register_log_actions")
def register_design_log_actions(actions):
    from core import audit

    audit.register(
        actions,
        "commonmade.design.transition",
        _("Change a design's state"),
        _("Design “%(title)s”: %(from)s → %(to)s %(reason)s"),
    )
