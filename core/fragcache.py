"""Rendered HTML fragments, cached for everyone and keyed by the versions of what they show.

The whole-page cache (core/pagecache.py) serves anonymous visitors; members, and anonymous
visitors when it is off, get pages rendered for them. What those pages share with everyone
(card grids, the design page's media and description, a comment thread) is rendered once and
kept here, so a render only does what is the viewer's own.

A fragment's key holds:

- the page cache's generation (core/pagecache.py: content changes that empty the page cache
  empty these fragments too: a design, an image, a profile, a category saved);
- the versions of the objects it shows: numbers kept in the cache (`version()`, `bump()`) that the
  services moving them bump (a comment posted, edited, liked or moderated bumps its thread), and
  values read with the objects themselves (a design's `updated_at`, its vote counters);
- the language and time zone of the request (German and English pages differ).

A change therefore shows on the next render. What no version covers is the clock: "3 days left"
and the like are at most FRAGMENT_CACHE_SECONDS old (60 s by default; 0 turns fragments off).

Fragments never hold anyone's own data: no CSRF token, no "you liked this". Where a fragment
has such places (a comment's like button, its edit link), the template leaves markers that the
viewer's request fills in (`fill_marks`), so the cached HTML stays the same for everyone.

Each process keeps the fragments it used in its own memory as well (a key stands for one version,
so the copy cannot go stale beyond the clock's FRAGMENT_CACHE_SECONDS): a cached card grid costs no
round trip to Redis, a comment thread one (its version).

Redis away: nothing is cached (the fallback memory is per process and would not see the bumps of
the other processes), every fragment is rendered; the site stays up, only slower.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone, translation

from core.pagecache import compute_and_store, generation

logger = logging.getLogger(__name__)

VERSION_PREFIX = "fragver:"


class _NoLocal:
    """No "fragments" cache configured: every fragment comes from the shared cache."""

    def get(self, key):
        return None

    def set(self, key, value, timeout=None):
        return None


def _local():
    """A key names one version of a fragment, so its HTML never changes: each process keeps the
    fragments it used in its own memory too (CACHES["fragments"]; no round trip to Redis for them),
    for the same FRAGMENT_CACHE_SECONDS."""
    return caches["fragments"] if "fragments" in settings.CACHES else _NoLocal()


def enabled() -> bool:
    """Fragments are cached: switched on, and the shared cache answers (not the per-process fallback)."""
    return bool(settings.FRAGMENT_CACHE_SECONDS) and not getattr(cache, "degraded", False)


def version(name: str) -> int:
    """The current version of one object or list ("comments:12:345"); 0 before the first bump."""
    try:
        return int(cache.get(VERSION_PREFIX + name) or 0)
    except Exception:  # noqa: BLE001 - cache away: callers render anyway
        return 0


def _bump_now(name: str) -> None:
    key = VERSION_PREFIX + name
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or lost): a random start, unlike any version used before
        cache.set(key, secrets.randbelow(2**31) + 1, None)
    except Exception:  # noqa: BLE001 - cache away: fragments are not served while it is
        logger.warning("fragment cache: could not bump %s", name, exc_info=True)


def bump(name: str) -> None:
    """A change to what `name` stands for: now (this process may render next) and after the commit
    (a parallel request may have cached HTML built from the data before the change in between)."""
    _bump_now(name)
    transaction.on_commit(lambda: _bump_now(name))


def _key(name: str, parts: Iterable[Any]) -> str:
    raw = "|".join(str(p) for p in parts)
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    return f"frag:{name}:{digest}"


def cached(name: str, parts: Iterable[Any], render: Callable[[], Any], *, seconds: int | None = None) -> Any:
    """`render()`'s result, cached under `name` and the versions in `parts` (plus the generation, the
    language and the time zone). Rendered directly when fragments are off or the cache is away."""
    seconds = settings.FRAGMENT_CACHE_SECONDS if seconds is None else seconds
    if not seconds or not enabled():
        return render()
    local = _local()
    try:
        key = _key(
            name,
            (
                generation(),
                translation.get_language(),
                timezone.get_current_timezone_name(),
                *parts,
            ),
        )
        value = local.get(key)
        if value is not None:
            return value
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - cache away: render
        return render()
    if value is None:
        value = compute_and_store(key, render, seconds, name=name)
    local.set(key, value, seconds)
    return value


# --- the viewer's marks in a shared fragment --------------------------------------------------
#
# A template writes `<!--@NAME:ID-->` where the viewer's value goes (filled by `values[NAME](ID)`),
# and wraps what only some viewers see in `<!--?NAME:ID-->...<!--/?-->` (kept when
# `sections[NAME](ID)` is true). Member text never contains "<!--": it is escaped or sanitised.

_MARK = re.compile(r"<!--@([a-z_]+)(?::(\d+))?-->|<!--\?([a-z_]+):(\d+)-->(.*?)<!--/\?-->", re.DOTALL)


def fill_marks(
    html: str,
    *,
    values: dict[str, Callable[[int | None], str]],
    sections: dict[str, Callable[[int], bool]],
) -> str:
    """The shared HTML with this viewer's marks in place; one pass over the text."""

    def replace(match: re.Match) -> str:
        name, ident, section, section_id, body = match.groups()
        if section is not None:
            return body if sections[section](int(section_id)) else ""
        return values[name](int(ident) if ident is not None else None)

    return _MARK.sub(replace, html)
