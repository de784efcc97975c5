"""Reading votes and challenge entries from a request: a score as a whole number, "would buy" as a boolean,
the design to enter as one of the member's own designs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from designs.models import Design
from voting import services

WOULD_BUY_VALUES = ("on", "1", "true")


class VoteForm(forms.Form):
    score = forms.CharField(required=False, strip=False)
    would_buy = forms.CharField(required=False, strip=False)

    def clean_score(self) -> int:
        try:
            return int(self.data.get("score"))
        except (TypeError, ValueError):
            raise forms.ValidationError(services.score_message()) from None

    def clean_would_buy(self) -> bool:
        return self.data.get("would_buy") in WOULD_BUY_VALUES


class ChallengeEntryForm(forms.Form):
    """The design a maker enters into a challenge: one of their own designs, as a Design."""

    design = forms.ModelChoiceField(
        queryset=Design.objects.none(),
        error_messages={
            "required": _("Please choose one of your designs."),
            "invalid_choice": _("Please choose one of your designs."),
        },
    )

    def __init__(self, data, *, maker):
        super().__init__(data)
        self.fields["design"].queryset = Design.objects.filter(maker=maker)
