"""Thin views: the member's own profile (login and sign-up are allauth's, through accounts.adapters)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import ProfileForm
from accounts.middleware import remember_language


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
