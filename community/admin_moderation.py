"""The moderation queue in the Wagtail admin: flagged items, then keep, remove (with a public reason),
warn or suspend the author.

A ModelViewSet on ModerationCase guarded by one permission policy: community.moderate_content to
look and to decide; nobody adds, edits or deletes a case here (flags make them, decisions close
them). The views only parse the forms and call community.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from community import selectors, services
from community.forms import KeepForm, RemoveForm, SuspendForm, WarnForm
from community.models import CaseStatus, ModerationCase
from core.admin import ServiceActionPermissionPolicy, WorkQueueMixin

MODERATE = "moderate"
MODERATE_CONTENT = "community.moderate_content"

MODERATION_POLICY = ServiceActionPermissionPolicy(
    ModerationCase, actions={"view": [MODERATE_CONTENT], MODERATE: [MODERATE_CONTENT]}
)

DECISION_FORMS = {"keep": KeepForm, "remove": RemoveForm, "warn": WarnForm, "suspend": SuspendForm}
DECISION_BUTTONS = {
    "keep": (gettext_lazy("Keep it"), "button"),
    "remove": (gettext_lazy("Remove it"), "button no"),
    "warn": (gettext_lazy("Warn the author"), "button button-secondary"),
    "suspend": (gettext_lazy("Suspend the author"), "button no"),
}


class QueueIndexView(WorkQueueMixin, IndexView):
    """Open and hidden cases, heaviest first; the status filter also shows decided ones."""

    template_name = "core/admin/index.html"
    page_title = gettext_lazy("Moderation queue")
    intro = gettext_lazy("Flagged items, heaviest first. Hidden items are not shown to visitors until you decide.")

    @property
    def footer_links(self):
        return [(_("Public moderation log"), reverse("community:moderation_log"))]

    def get_base_queryset(self):
        if self.request.GET.get("status"):
            return selectors.moderation_cases()
        return selectors.moderation_queue()

    empty_queue_message = gettext_lazy("Nothing to review. Well done.")


class CaseInspectView(InspectView):
    """The item, its flags and the decisions."""

    template_name = "community/admin/case.html"

    def get_object(self, queryset=None):
        return get_object_or_404(ModerationCase.objects.select_related("author", "content_type"), pk=self.pk)

    def get_page_subtitle(self):
        return self.object.summary

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        can_decide = MODERATION_POLICY.user_has_permission(self.request.user, MODERATE)
        context.update(
            {
                "case": case,
                "target": case.target,
                "flags": selectors.flags_of_case(case=case),
                "can_decide": can_decide,
                "case_forms": self.forms(case, ["keep", "remove"]) if case.status != CaseStatus.REMOVED else [],
                "author_forms": self.forms(case, ["warn", "suspend"]) if case.author_id else [],
                "index_url": reverse("moderation:index"),
            }
        )
        return context

    @staticmethod
    def forms(case: ModerationCase, names: list[str]) -> list[tuple]:
        """(form, where it posts, button label, button class) for each decision named."""
        return [
            (DECISION_FORMS[name](), reverse("moderation:decide", args=[case.pk, name]), *DECISION_BUTTONS[name])
            for name in names
        ]


class DecideView(View):
    """POST only: one decision on one case; every refusal is a message, never an error page."""

    http_method_names = ["post"]

    def post(self, request, pk: int, action: str):
        if not MODERATION_POLICY.user_has_permission(request.user, MODERATE):
            raise PermissionDenied(_("Only moderators can do this."))
        case = get_object_or_404(ModerationCase, pk=pk)
        if action not in DECISION_FORMS:
            return redirect("moderation:inspect", case.pk)
        form = DECISION_FORMS[action](request.POST)
        if not form.is_valid():
            messages.error(request, _("Please fill in the form: %(errors)s") % {"errors": form.errors.as_text()})
            return redirect("moderation:inspect", case.pk)
        data = form.cleaned_data
        try:
            if action == "keep":
                services.moderation_keep(case=case, moderator=request.user, note=data["note"])
            elif action == "remove":
                services.moderation_remove(case=case, moderator=request.user, reason=data["reason"])
            elif case.author is None:
                raise ValidationError(_("This item has no author to warn or suspend."))
            elif action == "warn":
                services.moderation_warn(member=case.author, moderator=request.user, message=data["message"], case=case)
            else:
                services.moderation_suspend(
                    member=case.author, moderator=request.user, days=data["days"], reason=data["reason"], case=case
                )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            return redirect("moderation:inspect", case.pk)
        messages.success(request, _("Done."))
        return redirect("moderation:index")


class CaseURLFinder:
    """Admin links to a case (reports, history) lead to its page in the queue, for those who may see it."""

    def __init__(self, user=None):
        self.user = user

    def get_edit_url(self, instance):
        if self.user and not MODERATION_POLICY.user_has_permission(self.user, "view"):
            return None
        return reverse("moderation:inspect", args=[instance.pk])


class ModerationViewSet(ModelViewSet):
    model = ModerationCase
    name = "moderation"
    icon = "warning"
    menu_label = gettext_lazy("Moderation")
    index_view_class = QueueIndexView
    inspect_view_class = CaseInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status"]
    search_fields = ["summary", "author__handle", "reason"]
    form_fields = ["reason"]  # never offered: the policy allows no add, change or delete
    url_finder_class = CaseURLFinder

    @property
    def list_display(self):
        return [
            TitleColumn(
                "summary",
                label=gettext_lazy("What"),
                get_url=lambda case: reverse("moderation:inspect", args=[case.pk]),
            ),
            Column(
                "author", label=gettext_lazy("Author"), accessor=lambda case: case.author.handle if case.author else "—"
            ),
            Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
            Column("flags", label=gettext_lazy("Flags"), accessor=lambda case: str(case.flag_count or 0)),
            Column(
                "weight_total",
                label=gettext_lazy("Weight"),
                accessor=lambda case: f"{case.weight_total:.1f}",
                sort_key="weight_total",
            ),
            DateColumn("created_at", label=gettext_lazy("First flagged"), sort_key="created_at"),
        ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/<slug:action>/", DecideView.as_view(), name="decide"),
        ]
