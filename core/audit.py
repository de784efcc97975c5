"""Wagtail's audit log for what editors, moderators and staff do outside pages.

`record()` writes a ModelLogEntry through wagtail.log_actions.log; each app registers its actions
(`register_actions` in its wagtail_hooks.py), so administrators read them under Reports → Site
history (/admin/reports/site-history/), with who, when, and what changed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as wagtail_log


class DataFormatter(LogFormatter):
    """The message is a template filled from the entry's data (e.g. "%(from)s → %(to)s")."""

    message_template: Any = ""

    def format_message(self, log_entry):
        try:
            return str(self.message_template) % dict(log_entry.data or {})
        except (KeyError, TypeError, ValueError):
            return str(self.label)


def register(actions, action: str, label, message_template) -> None:
    """Register one action with its label and a message template read from the entry's data."""
    name = "".join(part.title() for part in action.replace(".", "_").split("_")) + "Formatter"
    formatter = type(name, (DataFormatter,), {"label": label, "message_template": message_template})
    actions.register_action(action)(formatter)


def record(instance: Model, action: str, /, *, user=None, **data: Any) -> None:
    """Log `action` on `instance` by `user` (None: the system) with `data` for the message."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    wagtail_log(
        instance=instance,
        action=action,
        user=user,
        title=str(instance)[:255],
        data={key: str(value) if value is not None else "" for key, value in data.items()},
    )
