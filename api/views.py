"""The account page for personal access tokens: list, make (shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api import selectors, services
from api.forms import TokenForm


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            _record, new_token = services.token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form = TokenForm()
    if form.errors:
        status = 400
    context = {"form": form, "tokens": selectors.tokens_of(user=request.user), "new_token": new_token}
    response = render(request, "api/tokens.html", context, status=status)
    if new_token:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    if services.token_revoke(user=request.user, token_id=pk):
        messages.success(request, _("The token was revoked. Apps using it can no longer act for you."))
    else:
        messages.error(request, _("No such token."))
    return redirect("api:tokens")
