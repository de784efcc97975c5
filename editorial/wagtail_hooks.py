"""The Wagtail admin dashboard: panels that bring together designs, voting and the shop.

Designs and products register their own snippet viewsets (designs/wagtail_hooks.py, shop/wagtail_hooks.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from designs.models import Design
from editorial import selectors
from shop.selectors.catalogue import sales_summary
from voting.selectors import trending_designs


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
        return {"designs": _with_links(trending_designs(limit=5))}


class WeekSalesPanel(DashboardPanel):
    heading = _("This week's sales")
    order = 140

    def get_data(self):
        return {"sales": sales_summary(since=timezone.now() - timedelta(days=7))}


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    if not request.user.has_perm("designs.view_design"):
        return
    panels.extend([AwaitingModerationPanel(request), AwaitingDecisionPanel(request), WeekTopDesignsPanel(request)])
    if request.user.is_superuser or request.user.groups.filter(name="Editors").exists():
        panels.append(WeekSalesPanel(request))
