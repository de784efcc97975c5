from __future__ import annotations

from django import forms

from notifications.models import Delivery
from notifications.services import NOTIFICATION_GROUPS


class NotificationPreferencesForm(forms.Form):
    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for group, (label, default) in NOTIFICATION_GROUPS.items():
            self.fields[group] = forms.ChoiceField(
                label=label, choices=Delivery.choices, initial=current.get(group, default)
            )
