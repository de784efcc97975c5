from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import rules as account_rules
from accounts.models import RESERVED_HANDLES, handle_validator
from core import ratelimit

SIGNUP_WINDOW_SECONDS = 60 * 60 * 24


def _signup_key(ip: str) -> str:
    return f"signup:{ip}:{timezone.now():%Y-%m-%d}"


class AccountAdapter(DefaultAccountAdapter):
    """Validates the public handle the way the User model does, and limits new accounts per IP address."""

    def clean_username(self, username, shallow=False):
        handle_validator(username)
        if username.lower() in RESERVED_HANDLES or username.lower().startswith("deleted-"):
            raise forms.ValidationError(_("This handle is reserved. Please choose another one."))
        return super().clean_username(username, shallow=shallow)

    def is_open_for_signup(self, request):
        # Sockpuppet voting starts with many accounts from one address. Fails closed: a day's
        # count kept in one process's memory would let a bot farm through while Redis is down.
        message = _("Too many new accounts were created from your network today. Please try again tomorrow.")
        try:
            refused = ratelimit.reached(
                key=_signup_key(self.get_client_ip(request)),
                limit=account_rules.SIGNUPS_PER_IP_PER_DAY,
                fail_open=False,
            )
        except ratelimit.RateLimited as exc:
            refused, message = True, exc.message
        if refused:
            response = render(request, "core/problem.html", {"message": message, "back": "/"}, status=429)
            raise ImmediateHttpResponse(response)
        return super().is_open_for_signup(request)

    def get_login_redirect_url(self, request):
        """After logging in, stay in the language of the login page, or go to the member's chosen language."""
        from accounts.models import Profile
        from core.i18n import path_in_language

        url = super().get_login_redirect_url(request)
        chosen = Profile.objects.filter(user_id=request.user.pk).values_list("language", flat=True).first()
        return path_in_language(url, chosen or get_language() or settings.LANGUAGE_CODE)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        ratelimit.bump(key=_signup_key(self.get_client_ip(request)), window_seconds=SIGNUP_WINDOW_SECONDS)
        if commit and get_language() in dict(settings.LANGUAGES):
            # Who signs up on the German pages gets German notifications and emails (changeable in the profile).
            from accounts.models import Profile

            Profile.objects.filter(user_id=user.pk).update(language=get_language())
        return user

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed logins per account ("5/5m/key" in ACCOUNT_RATE_LIMITS) with the
        # account alone as the key, so five wrong passwords from anyone would lock the member out
        # everywhere. The key is the account *and* the address: a stranger locks only themself out,
        # the per-address limit ("10/m/ip") still slows guessing across many accounts.
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"
