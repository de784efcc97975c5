"""Editors' screens in the Wagtail admin: shortlist decisions and held-back votes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from designs.models import Design, DesignState
from designs.services import is_editor
from voting import abuse, selectors, services


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


def _require_editor(request):
    if not is_editor(request.user):
        raise PermissionDenied(_("Only editors can do this."))


def shortlist(request):
    _require_editor(request)
    forms_by_design = {}
    if request.method == "POST":
        design = get_object_or_404(Design, pk=request.POST.get("design"), state=DesignState.SHORTLISTED)
        form = DecisionForm(request.POST, prefix=f"d{design.pk}")
        if form.is_valid():
            try:
                services.design_decide(
                    design=design,
                    actor=request.user,
                    selected=form.cleaned_data["decision"] == "selected",
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Decision saved for “%(title)s”.") % {"title": design.title})
                return redirect("voting_admin:shortlist")
        forms_by_design[design.pk] = form
    designs = selectors.shortlist_for_decision()
    for design in designs:
        design.decision_form = forms_by_design.get(design.pk) or DecisionForm(prefix=f"d{design.pk}")
    context = {"page_title": _("Shortlist"), "header_icon": "pick", "designs": designs}
    return TemplateResponse(request, "voting/admin/shortlist.html", context)


def held_back_list(request):
    _require_editor(request)
    designs = selectors.designs_with_held_back_votes()
    for design in designs:
        design.reason_rows = [(abuse.reason_label(code), n) for code, n in design.held_back_reasons.items()]
    context = {"page_title": _("Held-back votes"), "header_icon": "warning", "designs": designs}
    return TemplateResponse(request, "voting/admin/held_back_list.html", context)


def held_back(request, pk):
    _require_editor(request)
    design = get_object_or_404(Design.objects.select_related("maker"), pk=pk)
    if request.method == "POST":
        ids = [int(v) for v in request.POST.getlist("vote") if v.isdigit()]
        cleared = services.votes_clear(design=design, actor=request.user, vote_ids=ids or None)
        messages.success(request, _("%(n)s votes now count.") % {"n": cleared})
        return redirect("voting_admin:held_back", pk=design.pk)
    votes = list(selectors.held_back_votes(design=design))
    for vote in votes:
        vote.reason_labels = [abuse.reason_label(code) for code in vote.suspicious_reasons]
    context = {
        "page_title": _("Held-back votes on “%(title)s”") % {"title": design.title},
        "header_icon": "warning",
        "design": design,
        "votes": votes,
        "summary": selectors.vote_summary_for_designs(design_ids=[design.pk])[design.pk],
    }
    return TemplateResponse(request, "voting/admin/held_back.html", context)
