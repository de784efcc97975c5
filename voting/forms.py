"""Reading a vote from a request: the score as a whole number, "would buy" as a boolean."""

from __future__ import annotations

from django import forms

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
