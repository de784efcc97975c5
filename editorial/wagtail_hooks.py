"""The Wagtail admin: designs (and products, when the shop has them) as snippets, dashboard panels."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets import models as snippet_models
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from designs.models import Design
from editorial import integrations, selectors


class BrowseOnlyPermissionPolicy(ModelPermissionPolicy):
    """The admin lists, inspects and chooses these objects; it never creates, edits or deletes them.

    Designs change only through designs.services (lifecycle, transition log, notifications),
    so a form that saves the model directly would bypass those rules.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "publish", "lock", "unlock"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Design, BrowseOnlyPermissionPolicy(Design), exact_class=True)


class DesignViewSet(SnippetViewSet):
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


def _registered_as_snippet(model) -> bool:
    return hasattr(model, "snippet_viewset") or any(
        getattr(entry, "model", entry) is model for entry, _viewset in snippet_models.DEFERRED_REGISTRATIONS
    )


def _register_products() -> None:
    """Products become choosable in collections and stories as soon as the shop has them."""
    product = integrations.product_model()
    if product is None or _registered_as_snippet(product):
        return
    register_permission_policy(product, BrowseOnlyPermissionPolicy(product), exact_class=True)
    register_snippet(
        type(
            "ProductViewSet",
            (SnippetViewSet,),
            {"model": product, "icon": "tag", "menu_label": _("Products"), "add_to_admin_menu": True},
        )
    )


_register_products()


# ---------------------------------------------------------------------------
# Dashboard
# ---------------------------------------------------------------------------
class DashboardPanel(Component):
    """A dashboard panel: a heading, a number, a short list, a link; or "not available"."""

    template_name = "editorial/admin/dashboard_panel.html"
    heading = ""
    order = 150

    def __init__(self, request):
        self.request = request

    def get_data(self) -> dict | None:
        raise NotImplementedError

    def get_context_data(self, parent_context):
        data = self.get_data()
        return {"heading": self.heading, "panel_id": type(self).__name__.lower(), "data": data}


def _designs_link(state: str) -> str:
    return reverse(Design.snippet_viewset.get_url_name("list")) + f"?state={state}"


def _with_links(designs) -> list[tuple[Design, str]]:
    name = Design.snippet_viewset.get_url_name("inspect")
    return [(design, reverse(name, args=[design.pk])) for design in designs]


class AwaitingModerationPanel(DashboardPanel):
    heading = _("Designs awaiting moderation")
    order = 110

    def get_data(self):
        count, designs = selectors.designs_awaiting_moderation()
        return {"count": count, "designs": _with_links(designs), "link": _designs_link("submitted")}


class AwaitingDecisionPanel(DashboardPanel):
    heading = _("Shortlisted designs awaiting a decision")
    order = 120

    def get_data(self):
        count, designs = selectors.designs_awaiting_decision()
        return {"count": count, "designs": _with_links(designs), "link": _designs_link("shortlisted")}


class WeekTopDesignsPanel(DashboardPanel):
    heading = _("This week's top designs")
    order = 130

    def get_data(self):
        # Voting is optional here: without voting.selectors.trending_designs the panel says "not available".
        designs = integrations.week_top_designs(limit=5)
        return None if designs is None else {"designs": _with_links(designs)}


class WeekSalesPanel(DashboardPanel):
    heading = _("This week's sales")
    order = 140

    def get_data(self):
        # The shop is optional here: without shop.selectors.sales_summary the panel says "not available".
        sales = integrations.week_sales()
        return None if sales is None else {"sales": sales}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    if not request.user.has_perm("designs.view_design"):
        return
    panels.extend([AwaitingModerationPanel(request), AwaitingDecisionPanel(request), WeekTopDesignsPanel(request)])
    if request.user.is_superuser or request.user.groups.filter(name="Editors").exists():
        panels.append(WeekSalesPanel(request))
