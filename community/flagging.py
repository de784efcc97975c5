"""The one registry of what members can flag.

Every kind of content takes the same path: flag -> moderation queue -> decision -> public log.
The app that owns a model registers it (in its AppConfig.ready), saying what kind it is,
who its author is and how the public moderation log describes it:

    from community.flagging import register_flaggable
    register_flaggable(Design, kind="design", author=lambda d: d.maker, describe=...)

What hiding, restoring and removing mean for an item stays with the owning app: community sends
content_hidden / content_restored / content_removed (community/signals.py) and the owning app's
receivers turn them into its own service calls (community/receivers.py, designs/receivers.py,
shop/receivers.py). Community itself never imports the higher apps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model


@dataclass(frozen=True)
class Flaggable:
    model: type[Model]
    kind: str
    author: Callable[[Model], Any] | None = None
    describe: Callable[[Model], str] | None = None


_registry: dict[type[Model], Flaggable] = {}


def register_flaggable(
    model: type[Model],
    *,
    kind: str,
    author: Callable[[Model], Any] | None = None,
    describe: Callable[[Model], str] | None = None,
) -> Flaggable:
    entry = Flaggable(model=model, kind=kind, author=author, describe=describe)
    _registry[model] = entry
    return entry


def flaggable_for(obj_or_model: Any) -> Flaggable | None:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    for klass in model.__mro__:
        if klass in _registry:
            return _registry[klass]
    return None


def is_flaggable(obj: Any) -> bool:
    return flaggable_for(obj) is not None


def flaggable_kinds() -> list[str]:
    return sorted(entry.kind for entry in _registry.values())
