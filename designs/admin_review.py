"""Design review in the Wagtail admin: the submitted designs, approved or rejected with a reason.

A ModelViewSet on Design guarded by the "moderate" action of the Design permission policy
(designs.moderate_design). The views only parse the form and call designs.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from core.admin import ServiceActionPermissionPolicy, WorkQueueMixin
from designs import selectors, services
from designs.forms import ReasonForm
from designs.models import Design

#: The admin action for deciding on designs (review, shortlist, held-back votes): designs.moderate_design.
MODERATE = "moderate"

# Designs change only through designs.services (lifecycle, transition log, notifications): the admin
# lists, inspects and chooses them, and editors moderate them through the services.
DESIGN_POLICY = ServiceActionPermissionPolicy(Design, actions={MODERATE: ["designs.moderate_design"]})


class ReviewIndexView(WorkQueueMixin, IndexView):
    any_permission_required = [MODERATE]
    page_title = gettext_lazy("Designs awaiting review")
    default_ordering = "submitted_at"

    def get_base_queryset(self):
        return selectors.designs_awaiting_review()

    def get_add_url(self):
        return None

    empty_queue_message = gettext_lazy("No designs are waiting for review.")


class DecisionColumn(Column):
    """Approve, or reject with a reason the maker reads: two small forms in the row."""

    cell_template_name = "designs/admin/review_decision_cell.html"

    def __init__(self, viewset, **kwargs):
        super().__init__("decision", label=gettext_lazy("Decision"), accessor="pk", **kwargs)
        self.viewset = viewset

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        context["approve_url"] = self.viewset.url_for("approve", instance.pk)
        context["reject_url"] = self.viewset.url_for("reject", instance.pk)
        return context


class DesignColumn(Column):
    """The cover, the title (linking to the public page), the category."""

    cell_template_name = "designs/admin/review_design_cell.html"


class ReviewActionView(View):
    """POST only: approve or reject one design; every refusal is a message, never an error page."""

    http_method_names = ["post"]
    action = ""

    def post(self, request, pk: int):
        if not DESIGN_POLICY.user_has_permission(request.user, MODERATE):
            raise PermissionDenied(_("Only editors review designs."))
        design = get_object_or_404(Design, pk=pk)
        if self.action == "reject":
            form = ReasonForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Please give a reason for the rejection; the maker will read it."))
                return redirect("design_review:index")
        try:
            if self.action == "approve":
                services.design_approve(design=design, actor=request.user)
                done = _("“%(title)s” is approved and open for voting.")
            else:
                services.design_reject(design=design, actor=request.user, reason=form.cleaned_data["reason"])
                done = _("“%(title)s” was rejected; the maker was told why.")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, done % {"title": design.title})
        return redirect("design_review:index")


class DesignModerationViewSet(ModelViewSet):
    """A listing of designs for editors, with its own action views (review here, shortlist and held-back
    votes in voting): no add, edit, delete or copy views, and the "Designs" snippet stays the place an
    admin link to a design leads to."""

    model = Design
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["title"]  # never offered: the policy allows no add, change or delete

    def register_admin_url_finder(self):
        """Leave Design's admin URL to the "Designs" snippet viewset (choosers and reports link there)."""


class DesignReviewViewSet(DesignModerationViewSet):
    name = "design_review"
    url_prefix = "designs/review"
    icon = "tasks"
    menu_label = gettext_lazy("Design review")
    menu_name = "design-review"
    index_view_class = ReviewIndexView
    list_filter = ["category", "mature"]
    search_fields = ["title", "maker__handle"]

    def url_for(self, name: str, pk: int) -> str:
        return reverse(self.get_url_name(name), args=[pk])

    @property
    def list_display(self):
        return [
            DesignColumn("title", label=gettext_lazy("Design"), sort_key="title"),
            Column(
                "maker", label=gettext_lazy("Maker"), accessor=lambda d: f"{d.maker.public_name} (@{d.maker.handle})"
            ),
            DateColumn("submitted_at", label=gettext_lazy("Submitted"), sort_key="submitted_at"),
            DecisionColumn(self),
        ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("approve/<int:pk>/", ReviewActionView.as_view(action="approve"), name="approve"),
            path("reject/<int:pk>/", ReviewActionView.as_view(action="reject"), name="reject"),
        ]
