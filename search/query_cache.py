"""Short-lived answers per normalised query (facet counts, totals, "did you mean"), dropped by any index change.

Every write to the database index moves the index generation on (at once, and again when the
transaction commits, so a search that read the old rows meanwhile cannot keep them); a cached
answer counts only for the generation it was made for, and for SEARCH_COUNTS_CACHE_SECONDS at most.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "search:index-generation"
_MISSING = object()


def _new_generation() -> int:
    # Never reused, even when the cache lost the key: answers stored for an earlier generation stay invalid.
    return time.time_ns()


def current_generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = _new_generation()
        if not cache.add(GENERATION_KEY, value, timeout=None):
            value = cache.get(GENERATION_KEY, value)
    return value


def _move_on() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or it was evicted): start a new one
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def index_changed() -> None:
    """The database index changed (or will, when the transaction commits)."""
    _move_on()
    transaction.on_commit(_move_on)


def key(namespace: str, *parts) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    return f"search:{namespace}:{digest}"


class QueryCache:
    """The answers of one search: the generation is read once, with the first lookup."""

    def __init__(self) -> None:
        self.generation: int | None = None
        self._fetched: dict[str, object] = {}

    def prefetch(self, cache_keys: list[str]) -> None:
        """Read these answers (and the generation) in one round trip; `get` then finds them here."""
        if not self.enabled:
            return
        found = cache.get_many([GENERATION_KEY, *cache_keys])
        self.generation = found.get(GENERATION_KEY)
        if self.generation is None:
            self.generation = current_generation()
        self._fetched = {k: found.get(k, _MISSING) for k in cache_keys}

    @property
    def enabled(self) -> bool:
        return settings.SEARCH_COUNTS_CACHE_SECONDS > 0

    def get(self, cache_key: str):
        """The stored answer, or None."""
        if not self.enabled:
            return None
        if cache_key in self._fetched:
            stored = self._fetched[cache_key]
        elif self.generation is None:
            found = cache.get_many([GENERATION_KEY, cache_key])
            self.generation = found.get(GENERATION_KEY)
            if self.generation is None:
                self.generation = current_generation()
            stored = found.get(cache_key, _MISSING)
        else:
            stored = cache.get(cache_key, _MISSING)
        if stored is _MISSING or stored[0] != self.generation:
            return None
        return stored[1]

    def set(self, cache_key: str, value) -> None:
        if not self.enabled:
            return
        if self.generation is None:
            self.generation = current_generation()
        self._fetched[cache_key] = (self.generation, value)
        cache.set(cache_key, (self.generation, value), timeout=settings.SEARCH_COUNTS_CACHE_SECONDS)
