"""A member's own data: one registry where each app adds what it keeps about a member.

Each app registers, in its AppConfig.ready(), an exporter (what it holds about a member, as plain
JSON-ready data) and an eraser (what it removes or reduces when the member deletes the account).
The privacy page (accounts) asks the registry, so no lower app imports a higher one.

Erasers run from the highest app down (the order of registration reversed: higher apps are
ready after the lower ones they depend on), inside one transaction, before the account itself is
anonymised by its owner.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models.fields.files import FieldFile

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]


@dataclass(frozen=True)
class Section:
    name: str
    exporter: Exporter | None
    eraser: Eraser | None


_sections: dict[str, Section] = {}


def register(name: str, *, exporter: Exporter | None = None, eraser: Eraser | None = None) -> None:
    """Add (or replace) the section `name`: its exporter and its eraser, each taking the member."""
    _sections[name] = Section(name=name, exporter=exporter, eraser=eraser)


def sections() -> list[Section]:
    return list(_sections.values())


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, decimals as text (no float rounding), files as their name."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def export(user) -> dict[str, Any]:
    """Everything each app keeps about `user`, by section."""
    return {section.name: plain(section.exporter(user)) for section in sections() if section.exporter}


def erase(user) -> list[str]:
    """Run every eraser, highest app first; returns the sections erased."""
    done = []
    for section in reversed(sections()):
        if section.eraser:
            section.eraser(user)
            done.append(section.name)
    return done
