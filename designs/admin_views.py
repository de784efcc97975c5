"""The editors' review queue for submitted designs, inside the Wagtail admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from designs import selectors, services
from designs.forms import ReasonForm
from designs.models import Design


def _require_editor(request) -> None:
    if not services.is_editor(request.user):
        raise PermissionDenied(_("Only editors review designs."))


def review_queue(request):
    _require_editor(request)
    designs = selectors.designs_awaiting_review()
    return TemplateResponse(
        request,
        "designs/admin/review_queue.html",
        {"designs": designs, "header_title": _("Designs awaiting review"), "page_title": _("Designs awaiting review")},
    )


@require_POST
def review_approve(request, pk):
    _require_editor(request)
    design = get_object_or_404(Design, pk=pk)
    try:
        services.design_approve(design=design, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(title)s” is approved and open for voting.") % {"title": design.title})
    return redirect("designs_review_queue")


@require_POST
def review_reject(request, pk):
    _require_editor(request)
    design = get_object_or_404(Design, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason for the rejection; the maker will read it."))
        return redirect("designs_review_queue")
    try:
        services.design_reject(design=design, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(title)s” was rejected; the maker was told why.") % {"title": design.title})
    return redirect("designs_review_queue")
