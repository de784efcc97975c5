from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shop.models import ProductType, Review

RATING_CHOICES = [(n, _("%(n)s of 5 stars") % {"n": n}) for n in range(5, 0, -1)]


class ReviewForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, required=True
    )
    photo = forms.FileField(label=_("Photo (optional)"), required=False, help_text=_("JPEG, PNG or WebP."))
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = Review
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}


class ProductCreateForm(forms.Form):
    title = forms.CharField(label=_("Product title"), max_length=140)
    product_type = forms.ChoiceField(label=_("Product type"), choices=ProductType.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    title_de = forms.CharField(label=_("German title"), max_length=140, required=False)
    description_de = forms.CharField(
        label=_("German description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Shown on the German pages; leave empty to show the English text."),
    )
    price = forms.DecimalField(
        label=_("Price in EUR, VAT included"), max_digits=8, decimal_places=2, min_value=0.5, max_value=100000
    )
    royalty_percent = forms.DecimalField(
        label=_("Maker's royalty share (%)"), max_digits=5, decimal_places=1, min_value=0, max_value=100
    )
    made_to_order = forms.BooleanField(label=_("Made to order (no stock)"), required=False)
    variants = forms.CharField(
        label=_("Variants"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: size, colour, SKU, stock. Example: M, black, TEE-M-BLK, 25"),
    )
    publish = forms.BooleanField(label=_("Publish now (put on sale)"), required=False)
    campaign_goal = forms.IntegerField(
        label=_("Pre-order campaign goal (units)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for a normal product."),
    )
    campaign_days = forms.IntegerField(
        label=_("Campaign length (days)"), required=False, min_value=1, max_value=settings.SHOP_CAMPAIGN_MAX_DAYS
    )

    def clean_variants(self):
        rows = []
        for number, raw in enumerate(self.cleaned_data["variants"].splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [part.strip() for part in raw.split(",")]
            if len(parts) != 4 or not parts[2]:
                raise forms.ValidationError(
                    _("Line %(n)s: write size, colour, SKU, stock separated by commas.") % {"n": number}
                )
            try:
                stock = int(parts[3] or 0)
            except ValueError:
                stock = -1
            if stock < 0:
                raise forms.ValidationError(_("Line %(n)s: stock is a whole number, 0 or more.") % {"n": number})
            rows.append({"size": parts[0], "colour": parts[1], "sku": parts[2], "stock": stock})
        if not rows:
            raise forms.ValidationError(_("Add at least one variant."))
        return rows

    def clean(self):
        data = super().clean()
        if data.get("campaign_goal") and not data.get("campaign_days"):
            self.add_error("campaign_days", _("A campaign needs a length."))
        return data
