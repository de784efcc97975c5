from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.utils.translation import gettext as _

from community.models import RESERVED_HANDLES, handle_validator


class AccountAdapter(DefaultAccountAdapter):
    """Validates the public handle the way the User model does."""

    def clean_username(self, username, shallow=False):
        handle_validator(username)
        if username.lower() in RESERVED_HANDLES:
            raise forms.ValidationError(_("This handle is reserved. Please choose another one."))
        return super().clean_username(username, shallow=shallow)
