"""The moderation queue in the Wagtail admin: keep, remove (with a public reason), warn, suspend."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community import selectors, services
from community.forms import KeepForm, RemoveForm, SuspendForm, WarnForm
from community.models import ModerationCase


def _moderator_or_403(request) -> None:
    if not selectors.can_moderate(user=request.user):
        raise PermissionDenied(_("Only moderators can do this."))


def queue_view(request):
    _moderator_or_403(request)
    cases = list(selectors.moderation_queue()[:200])
    return TemplateResponse(
        request, "community/admin/queue.html", {"cases": cases, "page_title": _("Moderation queue")}
    )


def case_view(request, pk: int):
    _moderator_or_403(request)
    case = get_object_or_404(ModerationCase.objects.select_related("author", "content_type"), pk=pk)
    context = {
        "case": case,
        "target": case.target,
        "flags": selectors.flags_of_case(case=case),
        "keep_form": KeepForm(),
        "remove_form": RemoveForm(),
        "warn_form": WarnForm(),
        "suspend_form": SuspendForm(),
        "page_title": _("Flagged: %(what)s") % {"what": case.summary},
    }
    return TemplateResponse(request, "community/admin/case.html", context)


@require_POST
def case_action(request, pk: int, action: str):
    _moderator_or_403(request)
    case = get_object_or_404(ModerationCase, pk=pk)
    forms = {"keep": KeepForm, "remove": RemoveForm, "warn": WarnForm, "suspend": SuspendForm}
    if action not in forms:
        return redirect("community_moderation_case", pk=case.pk)
    form = forms[action](request.POST)
    if not form.is_valid():
        messages.error(request, _("Please fill in the form: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("community_moderation_case", pk=case.pk)
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
        return redirect("community_moderation_case", pk=case.pk)
    messages.success(request, _("Done."))
    return redirect("community_moderation_queue")


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/", queue_view, name="community_moderation_queue"),
        path("moderation/<int:pk>/", case_view, name="community_moderation_case"),
        path("moderation/<int:pk>/<str:action>/", case_action, name="community_moderation_action"),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_moderate(user=request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        gettext_lazy("Moderation"), reverse("community_moderation_queue"), icon_name="warning", order=250
    )


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions):
    from core import audit

    audit.register(
        actions,
        "commonmade.moderation",
        gettext_lazy("Moderate"),
        gettext_lazy("Moderation: %(action)s “%(subject)s” %(member)s %(reason)s"),
    )
