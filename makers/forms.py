from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Profile


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
        help_text=_(
            "A wide image across the top of your storefront (4:1, e.g. 1800 × 450 pixels), at most 10 MB. "
            "It replaces your current banner; describe or remove it under “Brand and collections”."
        ),
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


class BrandForm(forms.Form):
    accent_colour = forms.CharField(
        label=_("Accent colour"),
        required=False,
        max_length=7,
        help_text=_("Buttons and links on your storefront, like #1f5fa8; dark enough for white text on it."),
        widget=forms.TextInput(attrs={"type": "color"}),
    )
    banner_upload = forms.ImageField(
        label=_("Banner image"),
        required=False,
        help_text=_("A wide JPEG, PNG or WebP image, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    banner_alt = forms.CharField(label=_("What the banner shows"), required=False, max_length=200)
    remove_banner = forms.BooleanField(label=_("Remove the banner"), required=False)
    block_1_heading = forms.CharField(label=_("Intro block 1: heading"), required=False, max_length=80)
    block_1_text = forms.CharField(
        label=_("Intro block 1: text"), required=False, max_length=1500, widget=forms.Textarea(attrs={"rows": 3})
    )
    block_2_heading = forms.CharField(label=_("Intro block 2: heading"), required=False, max_length=80)
    block_2_text = forms.CharField(
        label=_("Intro block 2: text"), required=False, max_length=1500, widget=forms.Textarea(attrs={"rows": 3})
    )
    block_3_heading = forms.CharField(label=_("Intro block 3: heading"), required=False, max_length=80)
    block_3_text = forms.CharField(
        label=_("Intro block 3: text"), required=False, max_length=1500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def blocks(self) -> list[tuple[str, str]]:
        return [(self.cleaned_data[f"block_{n}_heading"], self.cleaned_data[f"block_{n}_text"]) for n in (1, 2, 3)]


class CollectionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=80)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, maker, **kwargs):
        super().__init__(*args, **kwargs)
        from shop.models import Product

        self.fields["products"].queryset = Product.objects.filter(design__maker=maker).order_by("title")
