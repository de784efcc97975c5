from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.conf import settings as xtd_settings

from community.models import FlagReason


class CommentForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Your comment"),
        max_length=xtd_settings.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: *italic*, **bold**, > quote, links."),
    )
    followup = forms.BooleanField(label=_("Email me about replies"), required=False)


class CommentEditForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"), max_length=xtd_settings.COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 5})
    )


class FlagForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)
    reason = forms.TypedChoiceField(
        label=_("What is wrong?"), choices=FlagReason.choices, coerce=FlagReason, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Anything the moderators should know? (optional)"), max_length=500, required=False)


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Shown in the public log.")
    )


class WarnForm(forms.Form):
    message = forms.CharField(label=_("Warning to the author"), widget=forms.Textarea(attrs={"rows": 3}))


class SuspendForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=3650, initial=7)
    reason = forms.CharField(
        label=_("Public reason"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Shown in the public log.")
    )


class KeepForm(forms.Form):
    note = forms.CharField(label=_("Note (private, optional)"), required=False)
