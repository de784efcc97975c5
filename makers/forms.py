from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.models import Profile


class MakerSettingsForm(forms.ModelForm):
    display_name = forms.CharField(label=_("Display name"), max_length=80, required=False)
    avatar_upload = forms.ImageField(
        label=_("Avatar"),
        required=False,
        help_text=_("A square JPEG, PNG or WebP image, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    banner_upload = forms.ImageField(
        label=_("Banner"),
        required=False,
        help_text=_("A wide image across the top of your storefront (e.g. 1800 × 450 pixels), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Profile
        fields = ["bio", "location", "website", "instagram"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def clean_instagram(self):
        handle = self.cleaned_data["instagram"].strip().lstrip("@")
        if handle and not all(c.isalnum() or c in "._" for c in handle):
            raise ValidationError(_("An Instagram handle has letters, digits, dots and underscores only."))
        return handle

    def clean_website(self):
        url = self.cleaned_data["website"]
        if url and not url.startswith(("https://", "http://")):
            raise ValidationError(_("Please enter a web address that starts with https://"))
        return url
