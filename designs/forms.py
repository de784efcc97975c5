from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from designs import rules as design_rules
from designs.extensions import extensions
from designs.models import Category
from designs.validation import clean_design_image


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several images in one input; each is checked on the server."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "multiple": True}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            if self.required:
                raise ValidationError(_("Please add at least one image."), code="required")
            return []
        if len(files) > design_rules.MAX_IMAGES:
            raise ValidationError(_("At most %(n)s images per design.") % {"n": design_rules.MAX_IMAGES})
        errors, cleaned = [], []
        for upload in files:
            try:
                cleaned.append(clean_design_image(upload))
            except ValidationError as exc:
                errors.extend(f"{upload.name}: {message}" for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def parse_tags(raw: str) -> list[str]:
    tags = []
    for part in raw.replace(";", ",").split(","):
        tag = " ".join(part.split()).lower()[:40]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:10]


class DesignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: *italic*, **bold**, links."),
    )
    category = forms.ModelChoiceField(
        label=_("Product family"), queryset=Category.objects.all(), empty_label=_("Choose one")
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, max_length=400, help_text=_("Up to 10, separated by commas.")
    )
    images = MultipleImageField(
        label=_("Images"),
        help_text=_(
            "JPEG, PNG or WebP, at most 20 MB and 40 megapixels each, at least 1200 pixels on the short side. "
            "The first image is the cover."
        ),
    )
    mature = forms.BooleanField(label=_("Mature content"), required=False)
    rights_confirmed = forms.BooleanField(
        label=_("I own the rights to this work"),
        error_messages={"required": _("Please confirm that you own the rights to this work.")},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Fields from higher apps (e.g. "enter a challenge"), placed before the rights confirmation.
        self.extensions = extensions() if user is not None else []
        for extension in self.extensions:
            for name, field in extension.fields(user=user, initial=self.initial).items():
                self.fields[name] = field
        if "rights_confirmed" in self.fields:
            self.fields["rights_confirmed"] = self.fields.pop("rights_confirmed")

    def after_save(self, *, design, actor) -> list[tuple[int, str]]:
        notes: list[tuple[int, str]] = []
        for extension in self.extensions:
            notes.extend(extension.after_save(design=design, actor=actor, cleaned_data=self.cleaned_data))
        return notes

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 3:
            raise ValidationError(_("Please give your design a title of at least 3 characters."))
        return title

    def clean_tags(self):
        return parse_tags(self.cleaned_data.get("tags", ""))


class DesignEditForm(DesignForm):
    remove_images = forms.MultipleChoiceField(
        label=_("Remove images"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, design, **kwargs):
        super().__init__(*args, **kwargs)
        self.design = design
        self.fields["images"].required = False
        self.fields["images"].label = _("Add images")
        self.fields.pop("rights_confirmed")
        self.fields["remove_images"].choices = [(str(i.pk), i.alt) for i in design.images.all()]
        if design.state not in ("draft", "submitted", "rejected"):
            for name in ("title", "category", "images", "remove_images"):
                self.fields[name].disabled = True
                self.fields[name].required = False


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
