"""Small pieces every route module uses."""

from __future__ import annotations

from api.errors import Problem

# Every operation can answer these: hostile input (400), a bad token (401), the request budget (429).
COMMON = (400, 401, 429)


def errors(*codes: int) -> dict[int, type]:
    return dict.fromkeys(sorted({*COMMON, *codes}), Problem)


def with_errors(ok: dict, *codes: int) -> dict:
    return {**ok, **errors(*codes)}
