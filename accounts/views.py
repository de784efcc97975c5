"""Thin views: the member's account page, own profile, data download and account deletion (login and
sign-up are allauth's, through accounts.adapters)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from accounts import services
from accounts.forms import AccountDeleteForm, ProfileForm
from accounts.middleware import remember_language


@login_required
def account_overview(request):
    """The member's account page. Links to other apps' pages come from the apps that own them: panels
    in the "account.links" slot (core/panels.py) and, for links only some members get (the maker
    dashboard), the "account_links" hook."""
    links = [link for hook in hooks.get_hooks("account_links") if (link := hook(request))]
    return render(request, "accounts/account.html", {"extra_links": links})


@login_required
def profile_edit(request):
    profile = services.profile_for(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(user=request.user, **form.cleaned_data)
            remember_language(request, form.cleaned_data.get("language") or "")
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            language = form.cleaned_data.get("language") or settings.LANGUAGE_CODE
            with translation.override(language):
                messages.success(request, _("Your profile is saved."))
                return redirect(reverse("accounts:profile_edit"))
    return render(request, "accounts/profile_edit.html", {"form": form})


# --- privacy: download one's data, delete the account ------------------------------------


@login_required
def privacy_page(request):
    return render(request, "accounts/privacy.html", {"form": AccountDeleteForm()})


@login_required
def privacy_export(request):
    """All of the member's data as one JSON download."""
    data = services.account_export(user=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="commonmade-{request.user.handle}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def privacy_delete(request):
    form = AccountDeleteForm(request.POST)
    if form.is_valid():
        try:
            services.account_delete(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            _apply_form_errors(form, exc)
        else:
            logout(request)
            messages.success(request, _("Your account was deleted. Thank you for having been part of Commonmade."))
            return redirect("/")
    return render(request, "accounts/privacy.html", {"form": form}, status=400)


def _apply_form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
