from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile


class ProfileForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("The site's language (English)"))] + list(settings.LANGUAGES),
        help_text=_("The site, your notifications and emails use this language."),
    )

    class Meta:
        model = Profile
        fields = ["bio", "location", "website", "instagram", "language"]
        labels = {"bio": _("Bio"), "location": _("Location"), "instagram": _("Instagram handle")}


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account cannot be restored."),
        required=True,
    )
