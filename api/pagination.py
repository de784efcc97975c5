"""Cursor pagination: `?limit=` (1…100) and an opaque, signed `?cursor=` taken from `next`/`previous`.

The cursor carries the position in the list; it is signed, so a client cannot forge one, and a
cursor that was tampered with (or comes from another list) answers 400.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from api import rules as api_rules

SALT = "api.cursor"
MAX_POSITION = 1_000_000


class Page(Schema):
    next: str | None = None
    previous: str | None = None


def clamp_limit(limit: int | None) -> int:
    if limit is None:
        return api_rules.PAGE_SIZE
    return max(1, min(int(limit), api_rules.MAX_PAGE_SIZE))


def _decode(request: HttpRequest, cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        data = signing.loads(cursor, salt=f"{SALT}:{request.path}")
        position = int(data["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise HttpError(400, _("This cursor is not valid: use the “next” link of the previous page.")) from exc
    if not 0 <= position <= MAX_POSITION:
        raise HttpError(400, _("This cursor is not valid: use the “next” link of the previous page."))
    return position


def _link(request: HttpRequest, position: int, limit: int) -> str:
    params = {key: value for key, value in request.GET.items() if key not in ("cursor", "limit")}
    params["limit"] = limit
    if position:
        params["cursor"] = signing.dumps({"p": position}, salt=f"{SALT}:{request.path}", compress=True)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")


def paginate(
    request: HttpRequest,
    items: Sequence | Any,
    *,
    limit: int | None,
    cursor: str | None,
    prepare: Callable[[list], list] | None = None,
) -> dict:
    """One page of `items` (a queryset or a list) with next/previous links; fetches limit+1 rows only."""
    limit = clamp_limit(limit)
    position = _decode(request, cursor)
    rows = list(items[position : position + limit + 1])
    has_next = len(rows) > limit
    rows = rows[:limit]
    if prepare is not None:
        rows = prepare(rows)
    return {
        "items": rows,
        "next": _link(request, position + limit, limit) if has_next else None,
        "previous": _link(request, max(0, position - limit), limit) if position > 0 else None,
    }


def keyset_cursor(request: HttpRequest, *, direction: str, pk: int) -> str:
    """A signed cursor for a list that grows at its end (a live chat).

    "a": after this id (0: from the start); "b": before it.
    """
    return signing.dumps({direction: pk}, salt=f"{SALT}:keyset:{request.path}", compress=True)


def keyset_decode(request: HttpRequest, cursor: str | None) -> tuple[str, int]:
    """("a"|"b", id) from a cursor made by keyset_cursor, ("", 0) for none; 400 for a forged one."""
    if not cursor:
        return "", 0
    try:
        data = signing.loads(cursor, salt=f"{SALT}:keyset:{request.path}")
        (direction, pk), *rest = data.items()
        pk = int(pk)
    except (signing.BadSignature, AttributeError, TypeError, ValueError) as exc:
        raise HttpError(400, _("This cursor is not valid: use the “next” link of the previous page.")) from exc
    if rest or direction not in ("a", "b") or not 0 <= pk < 2**63 or (direction == "b" and not pk):
        raise HttpError(400, _("This cursor is not valid: use the “next” link of the previous page."))
    return direction, pk


def keyset_link(request: HttpRequest, *, direction: str, pk: int, limit: int) -> str:
    params = {key: value for key, value in request.GET.items() if key not in ("cursor", "limit")}
    params["limit"] = limit
    params["cursor"] = keyset_cursor(request, direction=direction, pk=pk)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params)}")
