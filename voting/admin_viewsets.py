"""Voting in the Wagtail admin: challenges, shortlist decisions and held-back votes, grouped under "Voting".

Challenges follow the model permissions (the Editors group holds add/change/delete/view_challenge).
The shortlist and the held-back votes are viewsets on Design guarded by the Design permission
policy's "moderate" action (designs.moderate_design); their views only parse forms and call
voting.services, which check the permission again.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from designs.admin_review import DESIGN_POLICY, MODERATE, DesignModerationViewSet
from designs.models import Design, DesignState
from voting import abuse, selectors, services
from voting.models import Challenge


def _require_moderator(request) -> None:
    if not DESIGN_POLICY.user_has_permission(request.user, MODERATE):
        raise PermissionDenied(_("Only editors can do this."))


def _summary(design: Design):
    summary = getattr(design, "_admin_summary", None)
    if summary is None:
        summary = design._admin_summary = selectors.summary_from_stats(getattr(design, "vote_stats", None))
    return summary


# ---------------------------------------------------------------------------
# Challenges
# ---------------------------------------------------------------------------
class ChallengeViewSet(ModelViewSet):
    model = Challenge
    name = "challenges"
    icon = "date"
    menu_label = gettext_lazy("Challenges")
    list_display = ["title", "state_label", "voting_starts_at", "voting_ends_at", "closed_at"]
    list_filter = ["categories", "voting_ends_at"]
    search_fields = ["title", "brief"]
    copy_view_enabled = False
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


# ---------------------------------------------------------------------------
# Shortlist decisions
# ---------------------------------------------------------------------------
class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("selected", gettext_lazy("Selected")), ("not_selected", gettext_lazy("Not selected"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (the maker and the supporters read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "not_selected" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give a reason; the maker will read it."))
        return data


def decision_form(design: Design, data=None) -> DecisionForm:
    return DecisionForm(data, prefix=f"d{design.pk}")


class ModeratorIndexView(IndexView):
    """A listing of designs for editors: no add, edit or delete buttons (designs change through services)."""

    any_permission_required = [MODERATE]
    template_name = "core/admin/index.html"
    intro = ""
    footer_links: list = []

    def get_add_url(self):
        return None

    def get_list_buttons(self, instance):
        return []


class ShortlistIndexView(ModeratorIndexView):
    page_title = gettext_lazy("Shortlist")
    intro = gettext_lazy(
        "Decide which shortlisted designs become products. The maker and everyone who said “I'd buy it” are told."
    )

    def get_base_queryset(self):
        return selectors.shortlist_queryset()

    @property
    def no_results_message(self):
        return _("The shortlist is empty.")


class DesignTitleColumn(Column):
    """The design's title linking to its public page, the maker and the challenge below it."""

    cell_template_name = "voting/admin/design_cell.html"


class NumberCell(Column):
    """A number as text, formatted by `fmt` (e.g. "{:.1f}")."""

    def __init__(self, name, *, label, value, fmt="{}", **kwargs):
        super().__init__(name, label=label, accessor=lambda design: fmt.format(value(design)), **kwargs)


class DecisionColumn(Column):
    cell_template_name = "voting/admin/decision_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        context["form"] = decision_form(instance)
        context["action_url"] = reverse("voting_shortlist:decide", args=[instance.pk])
        return context


class HeldBackLinkColumn(Column):
    cell_template_name = "voting/admin/held_back_count_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("voting_held_back:inspect", args=[instance.pk])
        return context


class DecideView(View):
    """One shortlist decision; an invalid form is shown again with its errors, next to the numbers."""

    def get(self, request, pk: int):
        _require_moderator(request)
        design = self.get_design(pk)
        return self.render(request, design, decision_form(design))

    def post(self, request, pk: int):
        _require_moderator(request)
        design = self.get_design(pk)
        form = decision_form(design, request.POST)
        if form.is_valid():
            try:
                services.design_decide(
                    design=design,
                    actor=request.user,
                    selected=form.cleaned_data["decision"] == "selected",
                    reason=form.cleaned_data["reason"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
            else:
                messages.success(request, _("Decision saved for “%(title)s”.") % {"title": design.title})
                return redirect("voting_shortlist:index")
        return self.render(request, design, form)

    def get_design(self, pk: int) -> Design:
        return get_object_or_404(selectors.shortlist_queryset(), pk=pk, state=DesignState.SHORTLISTED)

    def render(self, request, design: Design, form: DecisionForm):
        context = {
            "page_title": _("Decision on “%(title)s”") % {"title": design.title},
            "header_icon": "pick",
            "design": design,
            "summary": _summary(design),
            "form": form,
            "index_url": reverse("voting_shortlist:index"),
        }
        return TemplateResponse(request, "voting/admin/decide.html", context)


class ShortlistViewSet(DesignModerationViewSet):
    name = "voting_shortlist"
    url_prefix = "voting/shortlist"
    icon = "pick"
    menu_label = gettext_lazy("Shortlist")
    index_view_class = ShortlistIndexView
    search_fields = ["title", "maker__handle"]
    list_filter = ["category"]

    @property
    def list_display(self):
        return [
            DesignTitleColumn("title", label=gettext_lazy("Design"), sort_key="title"),
            NumberCell(
                "crowd_score",
                label=gettext_lazy("Crowd score"),
                value=lambda d: _summary(d).crowd_score,
                fmt="{:.1f}",
                sort_key="vote_stats__crowd_score",
            ),
            Column(
                "mean_score",
                label=gettext_lazy("Average"),
                accessor=lambda d: "–" if _summary(d).mean_score is None else f"{_summary(d).mean_score:.2f}",
            ),
            NumberCell("votes", label=gettext_lazy("Votes"), value=lambda d: _summary(d).votes),
            NumberCell("would_buy", label=gettext_lazy("“I'd buy it”"), value=lambda d: _summary(d).would_buy),
            NumberCell(
                "wilson_lower",
                label=gettext_lazy("Would-buy lower bound"),
                value=lambda d: _summary(d).wilson_lower,
                fmt="{:.3f}",
            ),
            HeldBackLinkColumn(
                "discounted", label=gettext_lazy("Discounted votes"), accessor=lambda d: _summary(d).discounted
            ),
            NumberCell("comments", label=gettext_lazy("Comments"), value=lambda d: getattr(d, "comment_count", 0) or 0),
            DecisionColumn("decision", label=gettext_lazy("Decision"), accessor="pk"),
        ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("decide/<int:pk>/", DecideView.as_view(), name="decide"),
        ]


# ---------------------------------------------------------------------------
# Held-back votes
# ---------------------------------------------------------------------------
class HeldBackIndexView(ModeratorIndexView):
    page_title = gettext_lazy("Held-back votes")
    intro = gettext_lazy("Suspicious votes count with weight 0 until an editor clears them.")

    def get_base_queryset(self):
        return selectors.designs_with_held_back_votes_queryset()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        designs = selectors.attach_held_back_reasons(list(object_list))
        for design in designs:
            design.reason_rows = [(abuse.reason_label(code), n) for code, n in design.held_back_reasons.items()]
        return paginator, page, designs, is_paginated

    @property
    def no_results_message(self):
        return _("No votes are held back.")


class ReasonsColumn(Column):
    cell_template_name = "voting/admin/reasons_cell.html"


class HeldBackVotesView(View):
    """One design's held-back votes; ticked ones (none ticked: all) are cleared by voting.services."""

    def get(self, request, pk: int):
        _require_moderator(request)
        design = get_object_or_404(Design.objects.select_related("maker"), pk=pk)
        votes = list(selectors.held_back_votes(design=design))
        for vote in votes:
            vote.reason_labels = [abuse.reason_label(code) for code in vote.suspicious_reasons]
        context = {
            "page_title": _("Held-back votes on “%(title)s”") % {"title": design.title},
            "header_icon": "warning",
            "design": design,
            "votes": votes,
            "summary": selectors.vote_summary_for_designs(design_ids=[design.pk])[design.pk],
            "index_url": reverse("voting_held_back:index"),
        }
        return TemplateResponse(request, "voting/admin/held_back.html", context)

    def post(self, request, pk: int):
        _require_moderator(request)
        design = get_object_or_404(Design, pk=pk)
        ids = [int(v) for v in request.POST.getlist("vote") if v.isdigit()]
        try:
            cleared = services.votes_clear(design=design, actor=request.user, vote_ids=ids or None)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("%(n)s votes now count.") % {"n": cleared})
        return redirect("voting_held_back:inspect", pk=design.pk)


class HeldBackViewSet(DesignModerationViewSet):
    name = "voting_held_back"
    url_prefix = "voting/held-back"
    icon = "warning"
    menu_label = gettext_lazy("Held-back votes")
    index_view_class = HeldBackIndexView
    search_fields = ["title", "maker__handle"]

    @property
    def list_display(self):
        return [
            TitleColumn(
                "title",
                label=gettext_lazy("Design"),
                sort_key="title",
                get_url=lambda d: reverse("voting_held_back:inspect", args=[d.pk]),
            ),
            Column("maker", label=gettext_lazy("Maker"), accessor="maker.public_name"),
            Column(
                "held_back",
                label=gettext_lazy("Held back"),
                accessor=lambda d: str(d.vote_stats.discounted),
                sort_key="vote_stats__discounted",
            ),
            ReasonsColumn("reasons", label=gettext_lazy("Why"), accessor="reason_rows"),
        ]

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", HeldBackVotesView.as_view(), name="inspect"),
        ]


class VotingGroup(ViewSetGroup):
    """Challenges, the shortlist and held-back votes under one "Voting" entry of the admin menu."""

    menu_label = gettext_lazy("Voting")
    menu_icon = "pick"
    menu_order = 220
    items = (ChallengeViewSet(), ShortlistViewSet(), HeldBackViewSet())
