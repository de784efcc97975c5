"""The one registry of what members can flag.

Every kind of content takes the same path: flag -> moderation queue -> decision -> public log.
The app that owns a model registers it (in its AppConfig.ready), saying how to hide it while
flags wait for a moderator, how to show it again, how to remove it, and who its author is:

    from community.flagging import register_flaggable
    register_flaggable(Design, kind="design", hide=..., remove=..., author=lambda d: d.maker)

Community itself never imports the higher apps; after each step it still sends the
content_hidden / content_restored / content_removed signals for other listeners (search).
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
    # hide(obj, hidden: bool): hide while flags wait for a moderator (True), show again (False).
    hide: Callable[[Model, bool], None] | None = None
    # remove(obj): take the item down for good after a moderator's decision.
    remove: Callable[[Model], None] | None = None
    author: Callable[[Model], Any] | None = None
    describe: Callable[[Model], str] | None = None


_registry: dict[type[Model], Flaggable] = {}


def register_flaggable(
    model: type[Model],
    *,
    kind: str,
    hide: Callable[[Model, bool], None] | None = None,
    remove: Callable[[Model], None] | None = None,
    author: Callable[[Model], Any] | None = None,
    describe: Callable[[Model], str] | None = None,
) -> Flaggable:
    entry = Flaggable(model=model, kind=kind, hide=hide, remove=remove, author=author, describe=describe)
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


def hide_by_field(obj: Model, hidden: bool) -> None:
    """The usual hide(): a `moderation_hidden` boolean on the model, written without save()."""
    type(obj)._default_manager.filter(pk=obj.pk).update(moderation_hidden=hidden)
    obj.moderation_hidden = hidden


def remove_by_field(obj: Model) -> None:
    """The usual remove(): a `moderation_removed` boolean on the model, written without save()."""
    type(obj)._default_manager.filter(pk=obj.pk).update(moderation_removed=True)
    obj.moderation_removed = True
