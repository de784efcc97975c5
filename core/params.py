"""One place that reads request parameters: text, whole numbers, decimals and choices.

Every value from a query string or a form is hostile until read here. The readers never raise on
a bad value in a filter or a page number: they fall back to the default, so a hostile link gives a
clean page. `strict=True` turns a bad value into django's BadRequest (HTTP 400) for parameters
whose meaning would change silently otherwise.

NUL bytes never get this far: `RejectNulBytesMiddleware` answers 400 for a NUL anywhere in the
path, the query string or a form field (PostgreSQL refuses NUL in text, which used to end in 500).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponseBadRequest
from django.utils.translation import gettext as _

T = TypeVar("T")

NUL = "\x00"
# Decimals beyond this many digits before the point are never a price, a score or an amount.
MAX_DECIMAL_DIGITS = 12
MAX_INT = 2**31 - 1
# Plain ASCII digits with an optional point and exponent: no "NaN", "Infinity", "1_000" or "٣".
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,6})?")


class InvalidParameter(BadRequest):
    """A parameter that cannot be read; Django answers 400."""


def has_nul(value: object) -> bool:
    return isinstance(value, str) and NUL in value


def _fail(strict: bool, name: str, default: T) -> T:
    if strict:
        raise InvalidParameter(f"invalid parameter {name!r}")
    return default


def text(data: Mapping[str, str], name: str, default: str = "", *, max_length: int = 200, strict: bool = False) -> str:
    """A line of text, stripped and cut to `max_length`; NUL bytes are refused (default or 400)."""
    value = data.get(name)
    if value is None:
        return default
    if not isinstance(value, str) or has_nul(value):
        return _fail(strict, name, default)
    return value.strip()[:max_length]


def integer(
    data: Mapping[str, str],
    name: str,
    default: int | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = MAX_INT,
    strict: bool = False,
) -> int | None:
    """A whole number written in plain digits (an optional sign); anything else, or out of range, is refused."""
    value = data.get(name)
    if value in (None, ""):
        return default
    value = str(value).strip()
    digits = value[1:] if value[:1] in "+-" else value
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        return _fail(strict, name, default)
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return _fail(strict, name, default)
    return number


def decimal(
    data: Mapping[str, str],
    name: str,
    default: Decimal | None = None,
    *,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    places: int = 2,
    strict: bool = False,
) -> Decimal | None:
    """A finite decimal with at most MAX_DECIMAL_DIGITS before the point: never NaN, Infinity or 1e999999."""
    value = data.get(name)
    if value in (None, ""):
        return default
    value = value.strip().replace(",", ".") if isinstance(value, str) else value
    if not isinstance(value, str) or len(value) > 40 or not _DECIMAL.fullmatch(value):
        return _fail(strict, name, default)
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return _fail(strict, name, default)
    if not number.is_finite() or number.adjusted() >= MAX_DECIMAL_DIGITS:
        return _fail(strict, name, default)
    number = number.quantize(Decimal(1).scaleb(-places))
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return _fail(strict, name, default)
    return number


def choice(data: Mapping[str, str], name: str, choices: Iterable[str], default: str = "", *, strict: bool = False):
    """One of `choices`, else the default."""
    value = data.get(name)
    if value in (None, ""):
        return default
    allowed = set(choices)
    if value not in allowed:
        return _fail(strict, name, default)
    return value


def integers(data, name: str, *, minimum: int = 1, maximum: int = MAX_INT) -> list[int]:
    """Every well-formed whole number of a repeated parameter (?id=1&id=2); the others are dropped."""
    found = []
    for raw in data.getlist(name):
        number = integer({name: raw}, name, minimum=minimum, maximum=maximum)
        if number is not None:
            found.append(number)
    return found


def page_number(request: HttpRequest, name: str = "page") -> int:
    """The page of a list: a positive whole number, else 1 (Paginator.get_page clamps the upper end)."""
    return integer(request.GET, name, 1, minimum=1, maximum=1_000_000) or 1


# --- NUL bytes -----------------------------------------------------------------------------


def _request_has_nul(request: HttpRequest) -> bool:
    if NUL in request.path or NUL in request.path_info:
        return True
    for key, values in request.GET.lists():
        if NUL in key or any(NUL in v for v in values):
            return True
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        for key, values in request.POST.lists():
            if NUL in key or any(isinstance(v, str) and NUL in v for v in values):
                return True
    return False


class RejectNulBytesMiddleware:
    """400 for a NUL byte in the path, the query string or a form field, before any view reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        skip = getattr(settings, "NUL_CHECK_SKIP_PREFIXES", ())
        if not request.path_info.startswith(tuple(skip)) and _request_has_nul(request):
            return HttpResponseBadRequest(
                _("This address or form contains characters that cannot be read."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
